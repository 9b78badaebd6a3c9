// The pure part of "Reflection Lens: Choose Records to Label at Random" (client/src/evaluation/sample.ts):
// the CLI's --sample output read back, and the count the user types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSample, sampleArgs, sampleCountProblem } from '../../client/src/evaluation/sample.js';

test("the CLI's sample is read back: file, line, id and whether the record is labelled", () => {
  const out = [
    '/w/a.trace:1: record r0 (labelled)',
    'C:\\w\\b c.trace:45: record r 11',
    '/w/a.trace:9: record id (labelled) x',
    '3 of 12 records chosen at random (seed 7), 1 already labelled: label these',
    '',
  ].join('\n');
  assert.deepEqual(parseSample(out), {
    records: [
      { file: '/w/a.trace', line: 1, id: 'r0', labelled: true },
      { file: 'C:\\w\\b c.trace', line: 45, id: 'r 11', labelled: false },
      { file: '/w/a.trace', line: 9, id: 'id (labelled) x', labelled: false },
    ],
    summary: '3 of 12 records chosen at random (seed 7), 1 already labelled: label these',
  });
  assert.deepEqual(parseSample('0 of 0 records chosen at random (seed 1): label these\n'), {
    records: [],
    summary: '0 of 0 records chosen at random (seed 1): label these',
  });
  // Not the sample: an error, a usage text, a line that is no record.
  assert.equal(parseSample(''), undefined);
  assert.equal(parseSample('reflection-lens eval-segmentation: --sample expects a whole number\n'), undefined);
  assert.equal(parseSample('garbage\n2 of 3 records chosen at random (seed 1): label these\n'), undefined);
});

test('the count typed: a whole number above 0', () => {
  for (const ok of ['40', ' 7 ', '1000000']) assert.equal(sampleCountProblem(ok), undefined, ok);
  for (const bad of ['', '0', '-3', '2.5', 'x', '1e3', '12345678']) assert.ok(sampleCountProblem(bad), bad);
  assert.deepEqual(sampleArgs('/w/a.trace', 40, 3), ['eval-segmentation', '/w/a.trace', '--sample', '40', '--seed', '3']);
});
