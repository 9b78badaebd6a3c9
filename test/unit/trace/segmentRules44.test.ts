// The forty-fourth pass's rules (the answer reached before a check; docs/segmentation-eval.md
// "Stop 29: pass 44"), one short hand-written example each, with what each rule must leave as it
// was. The pass's development data: the 16 real dev sets and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

test('44a: "if <what was worked out>, then the total is -40", checked and concluded again: the answer reached, then an echo', () => {
  const q = 'Compute 1 - 2 + 3 - 4 + ... + 79 - 80.';
  const body =
    'Group the terms in pairs: (1 - 2), (3 - 4), and so on. Each pair is -1, and 80 terms make 40 pairs.\n\n' +
    'So, if every pair gives -1 and there are 40 pairs, then the whole sum should be 40 × (-1) = -40. Wait, let me double-check.\n\n' +
    'With the first 6 terms: 1 - 2 + 3 - 4 + 5 - 6 = -3, three pairs of -1. That matches.\n\n' +
    'So the whole sum is -40, and the answer is -40.';
  assert.deepEqual(rules(q, body), ['-40', '-40']);
  // A premise that names the value itself tries it: no candidate before the check.
  const tried = body.replace('if every pair gives -1 and there are 40 pairs', 'if the sum were -40 as I guessed');
  assert.deepEqual(rules(q, tried), ['-40']);
  // A premise whose consequence is still hedged ("maybe") tries the value too.
  assert.deepEqual(rules(q, body.replace('then the whole sum should be', 'then maybe the whole sum is')), ['-40']);
  // No marker right after it (the work goes on): a step, merged as before.
  const goesOn = body.replace(' Wait, let me double-check.', ' Now 40 pairs times -1 is -40 again; 40 × 1 = 40.');
  assert.deepEqual(rules(q, goesOn), ['-40']);
});

test('44a: the value concluded nowhere else stays a value tried under its premise', () => {
  const q = 'Compute 1 - 2 + 3 - 4 + ... + 79 - 80.';
  const body =
    'So, if every pair gives -1 and there are 40 pairs, then the whole sum should be 40 × (-1) = -40. Wait, let me double-check.\n\n' +
    'Actually the last pair is 79 - 80 = -1 too, and the count of pairs is 80 / 2 = 40. The answer is -40.';
  assert.deepEqual(rules(q, body), ['-40', '-40']);
  // The later conclusion states another value: the premised -40 is not concluded anywhere, no candidate.
  const other = body.replace('The answer is -40.', 'The answer is -41.');
  assert.deepEqual(rules(q, other), ['-41']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('44a: 20 KB runs of premises: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules44);
});
