// Thinking blocks in every chat template's tags (server/src/trace/thinking.ts): the region of the
// attempts and the start of the summary, and what segmentation makes of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { thinkingRegion } from '../../../server/src/trace/thinking.js';
import { record } from './segmentRuleHelpers.js';

const TAGS: [string, string][] = [
  ['<think>', '</think>'],
  ['<|begin_of_thought|>', '<|end_of_thought|>'],
  ['<|channel>thought', '<channel|>'],
  ['<|channel|>analysis<|message|>', '<|channel|>final<|message|>'],
  ['[THINK]', '[/THINK]'],
  ['◁think▷', '◁/think▷'],
  ['<seed:think>', '</seed:think>'],
  ['<|im_start|>think', '<|im_start|>answer'],
  ['<thinking>', '</thinking>'],
  ['<reasoning>', '</reasoning>'],
];

for (const [open, close] of TAGS) {
  test(`${open} ... ${close}: the block is the attempts, what follows is the summary`, () => {
    const inner = '\n2 + 3 = 5, so the answer is 5.\n';
    const body = `${open}${inner}${close}\nThe answer is **5**.`;
    const r = thinkingRegion(body);
    assert.equal(body.slice(r.start, r.end), inner);
    assert.equal(body.slice(r.summaryStart), '\nThe answer is **5**.');
    // Opened and never closed: cut off, all of it is attempts.
    const cut = thinkingRegion(`${open}${inner}`);
    assert.deepEqual([cut.end, cut.summaryStart], [open.length + inner.length, -1]);
    // Only the closing tag (the template put the opening one in the prompt).
    const closed = thinkingRegion(`${inner}${close} The answer is 5.`);
    assert.deepEqual([closed.start, closed.end, closed.summaryStart], [0, inner.length, inner.length + close.length]);
  });
}

test('the first tag in the text decides the pair; a body without tags is all attempts', () => {
  const body = '<think>\nWe could write <thinking> here.\n</think>\nSo 5.';
  const r = thinkingRegion(body);
  assert.deepEqual([r.start, r.end], [7, body.indexOf('</think>')]);
  assert.deepEqual(thinkingRegion('No tags: 2 + 3 = 5.'), { start: 0, end: 19, summaryStart: -1 });
  // A tag's words without its brackets are text.
  assert.deepEqual(thinkingRegion('I am thinking about the channel, then reasoning.').summaryStart, -1);
});

test("Gemma 4's thought channel: the candidates inside it are the attempts, the summary's answer is the final", () => {
  const q = 'A shop sells pens at 3 dollars each. How many dollars do 7 pens cost?';
  const body =
    '<|channel>thought\n7 pens at 3 dollars: 7 × 3 = 21. So the cost is 21 dollars.\nWait, let me re-check: 3 + 3 + 3 + 3 + 3 + 3 + 3 = 21. Yes, the cost is 21 dollars.\n<channel|>Each pen costs 3 dollars, so seven pens cost 7 × 3 = 21 dollars.\n\n**Answer: 21**';
  const s = segmentAttempts(record(q, body), { ...defaultSegmentOptions, reader: 'rules' });
  assert.deepEqual(
    s.attempts.map((a) => a.candidate.value),
    ['21', '21'],
  );
  assert.equal(s.summaryStart, body.indexOf('<channel|>') + '<channel|>'.length);
  assert.equal(s.final?.value, '21');
  assert.ok(s.final!.start > body.indexOf('<channel|>'));
});
