// The thirty-sixth pass's rules (recall on the real development sets; docs/segmentation-eval.md
// "Stop 28: pass 36"), one short hand-written example each, with what each rule must leave as it
// was. Decided on the rules alone (the learned stage is retrained after the merge).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const read = (query: string, body: string) => segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts;
const rules = (query: string, body: string): string[] => read(query, body).map((a) => a.candidate.value);

test('36a: "plus 24 minutes, totaling 204 minutes" states the sum, as "totals" does', () => {
  const q = 'Lena reads for 3 hours and then for 24 more minutes. For how many minutes does she read in all?';
  const body =
    '3 hours is 3 × 60 = 180 minutes, plus 24 minutes, totaling 204 minutes.\n\nWait, let me recount: 180 + 24 = 204. So she reads for 204 minutes in all.';
  assert.deepEqual(rules(q, body), ['204', '204']);
  assert.deepEqual(rules(q, body.replace('totaling', 'totalling')), ['204', '204']);
  // Without the word, the first sum is no statement and the re-count is the only candidate.
  assert.deepEqual(rules(q, body.replace(', totaling 204 minutes', '')), ['204']);
  // A sub-total named in passing stays a step: the answer is what the work concludes.
  const apples = 'A shop fills 2 crates with 15 apples each and sells 12 apples from a third crate of 20. How many apples are left?';
  const applesBody =
    'The two full crates, totaling 30 apples, stay. The third crate has 20 - 12 = 8 left. So the shop has 30 + 8 = 38 apples left.';
  assert.deepEqual(rules(apples, applesBody), ['38']);
});
