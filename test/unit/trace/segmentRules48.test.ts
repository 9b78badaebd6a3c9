// The forty-eighth pass's rule (docs/segmentation-eval.md "Stop 29: pass 48"), short hand-written
// examples, with what the rule must leave as it was. The pass's development data: the real dev sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases, PRODUCT_48 } from '../../../bench/adversarial.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

const q = PRODUCT_48;
const worked = '<think>\n12 × 15 = 12 × 10 + 12 × 5 = 120 + 60 = 180. So the answer is 180.\n\n';
const draft = 'Step 1: 12 × 10 = 120.\nStep 2: 12 × 5 = 60.\nStep 3: 120 + 60 = 180, so the answer is 180.\n';
const summary = '\nOkay.\n</think>\n\n12 × 15 = 180, so the answer is \\boxed{180}.';

test('48a: a draft announced on its own line ("Let\'s draft the response carefully.") restates the answer; its arithmetic is no new work', () => {
  assert.deepEqual(rules(q, `${worked}Let's draft the response carefully.\n${draft}${summary}`), ['180']);
  assert.deepEqual(rules(q, `${worked}I'd write:\n${draft}${summary}`), ['180']);
  assert.deepEqual(rules(q, `${worked}**Draft the explanation:**\n${draft}${summary}`), ['180']);
  assert.deepEqual(rules(q, `${worked}Let me craft the final reply.\n${draft}${summary}`), ['180']);
});

test('48a: without an announcement, or with one that is not a draft, the steps are a re-derivation', () => {
  // The same steps with no announcement recompute the product: a second candidate with the same value.
  assert.deepEqual(rules(q, `${worked}${draft}${summary}`), ['180', '180']);
  // "I'll write it in a box." is talk about the format, not the opening of a draft (no colon, no "draft").
  assert.deepEqual(rules(q, `${worked}I'll write it in a box.\n${draft}${summary}`), ['180', '180']);
  // The draft ends at its paragraph's end: a re-derivation after a blank line is new work again.
  assert.deepEqual(rules(q, `${worked}Let's draft the response.\nThe product is 180.\n\n${draft}${summary}`), ['180', '180']);
  // ... and at a marker, where the thinking goes on: "Wait, let me double-check" re-derives.
  assert.deepEqual(rules(q, `${worked}Let's draft the response.\nThe product is 180.\nWait, let me double-check: ${draft}${summary}`), [
    '180',
    '180',
  ]);
  // Outside a thinking block with a summary there are no drafts: the steps are work.
  assert.deepEqual(rules(q, `${worked.replace('<think>\n', '')}Let's draft the response carefully.\n${draft}`), ['180', '180']);
});

test('48b: a heading that opens a draft ("**Output Generation:**") covers its indented lines over blank lines', () => {
  const steps = '    Step 1: 12 × 10 = 120.\n\n    Step 2: 12 × 5 = 60.\n\n    Step 3: 120 + 60 = 180, so the answer is 180.\n';
  assert.deepEqual(rules(q, `${worked}7. **Output Generation:**\n\n${steps}${summary}`), ['180']);
  assert.deepEqual(rules(q, `${worked}**Draft the explanation:**\n${steps}${summary}`), ['180']);
  // Lines no deeper than the heading after a blank line are the thinking again: a re-derivation.
  const flat = steps.replace(/ {4}/g, '');
  assert.deepEqual(rules(q, `${worked}7. **Output Generation:**\n\n${flat}${summary}`), ['180', '180']);
  // "Output Generation" without a colon names no draft.
  assert.deepEqual(rules(q, `${worked}[Output Generation] proceeds.\n\n${steps}${summary}`), ['180', '180']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test(
  '48: 1 MB of announced drafts (many announcements, markers, lines with no blank): segmentation completes',
  { timeout: 120_000 },
  () => {
    runCase(segmentationCases.rules48);
  },
);
