// The thirty-fifth pass's rules (precision on the five batches new to development: fresh2, fresh4,
// fresh9, fresh10, fresh11; docs/segmentation-eval.md "Stop 28: pass 35"), one short hand-written
// example each, with what each rule must leave as it was. Decided on the rules alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const read = (query: string, body: string) => segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' });

test('35a: the "[OUTPUT]" section of the labelled-action format is the written solution: its answer is the final', () => {
  const q = 'A car travels 150 km in 2.5 hours. What is its average speed in km/h?';
  const body = [
    '[ASSESS]',
    '',
    '# We need the average speed: distance over time.',
    '',
    'Next action: [ADVANCE]',
    '',
    '[ADVANCE]',
    '',
    '# Average speed = 150 / 2.5 = 60 km/h.',
    '',
    'Next action: [VERIFY]',
    '',
    '[VERIFY]',
    '',
    '# Checking the division: 2.5 times 60 is 150, so the units and the value agree.',
    '',
    'Next action: [OUTPUT]',
    '',
    '[OUTPUT]',
    '',
    'We divided the distance by the time and checked the product, so the average speed is 60 km/h.',
    '',
    '\\boxed{60}',
  ].join('\n');
  const s = read(q, body);
  assert.deepEqual(
    s.attempts.map((a) => a.candidate.value),
    ['60'],
  );
  assert.ok(s.attempts[0].candidate.start < body.indexOf('[OUTPUT]\n'));
  assert.equal(s.final?.value, '60');
  // A section named so without the format's "Next action: [OUTPUT]" is text like any other.
  const plain =
    'Average speed = 150 / 2.5 = 60 km/h.\n\nLet me double-check: 2.5 * 60 = 150.\n[OUTPUT]\nSo the speed is 60 km/h.\n\\boxed{60}';
  assert.equal(read(q, plain).final?.start, plain.lastIndexOf('60'));
});
