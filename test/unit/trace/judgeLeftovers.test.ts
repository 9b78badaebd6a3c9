import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentRecord } from '../../../server/src/trace/segment.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';

// Stop 36's leftovers (docs/segmentation-eval.md, "Stop 36: the judge on benchmark answers",
// "Leftovers"): what the outsiders judge36 and judge36b still found. Texts written for these tests.

function lastSample(reference: string, body: string, query = 'Solve the problem.') {
  const rec = parseTrace(`=== r\nquery: ${query}\nanswer: ${reference}\n---\n${body}\n`).records[0];
  const seg = segmentRecord(rec, defaultSegmentOptions);
  const samples = seg.steps.filter((s) => s.kind === 'sample');
  return samples[samples.length - 1];
}

test('a boxed degree value is read without the box\'s closing brace', () => {
  for (const [body, read] of [
    ['The final answer is \\boxed{30^\\circ}.', '30^\\circ'],
    ['So the angle is \\boxed{76^\\circ}', '76^\\circ'],
    ['The final answer is \\boxed{30^{\\circ}}.', '30^{\\circ}'],
  ] as const) {
    const s = lastSample('30^\\circ', body);
    assert.equal(s?.answer, read, body);
  }
  assert.equal(lastSample('30^\\circ', 'The final answer is \\boxed{30^\\circ}.')?.correct, true);
  assert.equal(lastSample('30^\\circ', 'The final answer is \\boxed{31^\\circ}.')?.correct, false);
});
