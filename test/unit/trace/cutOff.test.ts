// One definition of a response cut off inside its thinking block (left37): the reading
// (thinking.ts cutOffResponse) and calibration with the no-answer finding (segment.ts cutOffReason)
// both call a response that opens a thinking block and never closes it cut off, under the token
// limit too, unless `truncated: false` says it ended normally; the reason names the block's tag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutOffReason } from '../../../server/src/trace/segment.js';
import { cutOffResponse } from '../../../server/src/trace/thinking.js';

const tags = ['<think>', '<|begin_of_thought|>', '[THINK]', '◁think▷', '<seed:think>', '<|im_start|>think', '<thinking>', '<reasoning>'];

test('an unclosed thinking block is cut off for the reading and for calibration alike, and the reason names its tag', () => {
  for (const open of tags) {
    const body = `${open}\nLet me think about this step by step\n`;
    assert.equal(cutOffResponse(body, {}), true, open);
    assert.equal(cutOffReason({ headers: {}, body }), `its thinking block (${open}) is never closed`, open);
    // truncated: false wins on both.
    assert.equal(cutOffResponse(body, { truncated: 'false' }), false, open);
    assert.equal(cutOffReason({ headers: { truncated: 'false' }, body }), undefined, open);
  }
  // A finish reason that says the response ended (the model stopped inside its block) wins on
  // both, as import's rule for JSONL ("with no finish reason"); an unknown one does not.
  const open = '<think>\nLet me think about this step by step\n';
  for (const finish_reason of ['stop', 'eos', 'end_turn']) {
    assert.equal(cutOffResponse(open, { finish_reason }), false, finish_reason);
    assert.equal(cutOffReason({ headers: { finish_reason }, body: open }), undefined, finish_reason);
  }
  assert.equal(cutOffResponse(open, { finish_reason: 'max_tokens' }), true);
  assert.equal(cutOffReason({ headers: { finish_reason: 'max_tokens' }, body: open }), 'its thinking block (<think>) is never closed');
  const closed = '<think>\n12 * 3 = 36.\n</think>\nThe answer is 36.\n';
  assert.equal(cutOffResponse(closed, {}), false);
  assert.equal(cutOffReason({ headers: {}, body: closed }), undefined);
  // Over the token limit the count is the reason (it says why the block stayed open).
  const long = `<think>\n${'I am thinking. '.repeat(2200)}\n`;
  assert.match(cutOffReason({ headers: {}, body: long }) ?? '', /^about \d+ tokens \(4 characters a token\), over the 8192-token limit$/);
  // A stated truncated: false is not overruled by the estimate of 4 characters a token, but a counted
  // length over the limit (its tokens header) is cut off whatever the source says (README).
  assert.equal(cutOffReason({ headers: { truncated: 'false' }, body: long }), undefined);
  assert.equal(
    cutOffReason({ headers: { truncated: 'false', tokens: '9000' }, body: long }),
    '9000 tokens (its tokens header), over the 8192-token limit',
  );
  assert.equal(cutOffReason({ headers: { truncated: 'false', tokens: '9000' }, body: closed }, 10000), undefined);
  // The headers first, as before.
  assert.equal(cutOffReason({ headers: { finish_reason: 'length' }, body: closed }), 'its finish_reason is length');
});
