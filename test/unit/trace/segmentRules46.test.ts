// The forty-sixth pass's rules (echoes reached by new work that end on a plain statement;
// docs/segmentation-eval.md "Stop 29: pass 46"), one short hand-written example each, with what
// each rule must leave as it was. The pass's development data: the 16 real dev sets and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

test('46a: a re-check that recomputes and ends on a bare result line with a verdict is an echo', () => {
  const q = 'The box shown holds 60 cubic inches, with a base of 4 by 3 inches. What is its height h in inches?';
  const body =
    'Volume is base area times height: 60 = 4 * 3 * h, so 60 = 12h.\n\nDividing by 12, h = 60/12. That is 5. So, h = 5 inches.\n\n' +
    'Wait, let me double-check my steps. The base area is 4 * 3 = 12, and the volume is 60, so 60 = 12h.\n\n' +
    'Divide both sides by 12: h = 5. Yep, that seems right.\n\n' +
    'Is there another way to verify this? Plugging back in: 4 * 3 * 5 = 60. That matches.\n\n' +
    'So the answer is \\boxed{5}.';
  assert.deepEqual(rules(q, body), ['5', '5', '5']);
  // No verdict after the bare line: it may be a step of the check, merged as before.
  assert.deepEqual(rules(q, body.replace(' Yep, that seems right.', ' Then the lid adds nothing.')), ['5', '5']);
  // A bare interjection ("Hmm") opens no check: merged as before.
  assert.deepEqual(rules(q, body.replace('Wait, let me double-check my steps.', 'Hmm.')), ['5', '5']);
  // A recall of the earlier work, no computation: merged.
  const recall = body.replace(
    'The base area is 4 * 3 = 12, and the volume is 60, so 60 = 12h.\n\nDivide both sides by 12: h = 5.',
    'I already worked out that the base area is twelve and the volume is sixty, so h = 5.',
  );
  assert.deepEqual(rules(q, recall), ['5', '5']);
  // The check goes on to another value that may conclude: the bare line is superseded, not the check's result.
  const superseded = body.replace(
    'h = 5. Yep, that seems right.',
    'h = 5. Yep, that seems right. But the lid adds 1 inch on top, so the height is 6 inches.',
  );
  assert.deepEqual(rules(q, superseded), ['5', '6', '5']);
});

test('46a: a plug-back check whose restated answer is confirmed as it is stated is an echo, not a restatement', () => {
  const q = 'Solve the system $x + 3y = 14$, $2x + 2y = 12$. Give the answer as an ordered pair $(x, y)$.';
  const body =
    '<think>\nStep by step.\n\nFrom the first equation, x = 14 - 3y.\nThen 2(14 - 3y) + 2y = 12, so 28 - 4y = 12.\n' +
    'So y = 4, and x = 14 - 3(4) = 2.\nSo the answer is (2, 4).\n\n' +
    'Let me verify.\nCheck: first equation 2 + 3(4) = 14 \u2713; second 2(2) + 2(4) = 12 \u2713.\n' +
    'Good, so the answer is (2, 4).\nYes, that seems right.\n</think>\nThe answer is (2, 4).';
  assert.deepEqual(rules(q, body), ['(2, 4)', '(2, 4)']);
  // Without the verdict the ticked check lines are read as before (a check of sub-steps): merged.
  assert.deepEqual(rules(q, body.replace('\nYes, that seems right.', '')), ['(2, 4)']);
  // A verdict after a recall (nothing recomputed): merged.
  const recall = body.replace(
    'Check: first equation 2 + 3(4) = 14 \u2713; second 2(2) + 2(4) = 12 \u2713.',
    'I already found both values above, and nothing was skipped.',
  );
  assert.deepEqual(rules(q, recall), ['(2, 4)']);
});

test('46a: a check that reaches another value and quotes the earlier one back is no echo', () => {
  const q = 'Compute 736 \\times 47.';
  const body =
    'Write 47 = 50 - 3. Then 736 \\times 50 = 36800 and 736 \\times 3 = 2208. So we get\n\\[\n736 \\times 47 = \\boxed{34592}\n\\]\nSeems right.\n\n' +
    'Let me double-check this calculation once more. Each piece again: $736 \\times 50 = 36800$, $736 \\times 3 = 2208$. ' +
    'Computing $36800 - 2208$ gives the product: $35592$. So I have $34592$ from before and something else now; one is wrong.\n\n' +
    'Hmm, which is right? Carefully, $36800 - 2208 = 34592$; the $35592$ was a slip.';
  // The check's own result is the changed value; the earlier value quoted back after it is a recall.
  assert.deepEqual(rules(q, body), ['34592', '35592']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('46a: 20 KB runs of checks and verdicts: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules46);
});
