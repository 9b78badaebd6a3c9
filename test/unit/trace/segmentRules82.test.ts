// Pass 82's rules (docs/segmentation-eval.md, "Stop 38: pass 82"), one short hand-written example
// each: every one of them read differently before its rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}

/** Each candidate's value, and the final answer, of one record with this question and body. */
function reading(query: string, body: string): { values: string[]; final: string | undefined } {
  const s = segmentAttempts(record(query, body), defaultSegmentOptions);
  return { values: s.attempts.map((a) => a.candidate.value), final: s.final?.value };
}

test('82a: a summary number the thinking block never writes is the final, not a candidate of the block', () => {
  const q = 'A baker fills 7 trays with 12 rolls each and sells 30 rolls. How many rolls are left?';
  // The block only plans the steps: no candidate; the summary's 54 is the final answer.
  const plan =
    '<think>\nFirst, I will multiply the trays by the rolls on each tray.\n\nThen I will take away the rolls that were sold to get what is left.\n</think>\n\nThe baker has 7 x 12 = 84 rolls and sells 30, so 84 - 30 = 54 rolls are left.\n\n\\boxed{54}';
  assert.deepEqual(reading(q, plan), { values: [], final: '54' });
  // The block writes 54 in a way no rule reads as a conclusion: the summary still stands in for it.
  const written =
    '<think>\nSeven trays of 12 rolls: 84 rolls. Thirty sold; 54 on the shelf, I think.\n</think>\n\nThe baker has 84 - 30 = 54 rolls left.\n\n\\boxed{54}';
  assert.deepEqual(reading(q, written).values, ['54']);
});
