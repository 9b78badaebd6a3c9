// Pass 100's rules (docs/segmentation-eval.md, "Stop 42: pass 100"): a body a harness stored with its line
// breaks replaced by spaces (`text.replace('\n', ' ')`) is read as the body it was, as far as its text shows
// the breaks. Each test writes a response with its line breaks (hand-written, not taken from the development
// sets or families), flattens it as such a harness does, and reads both; the negative cases keep a body that
// has a line break, or no sign of flattening, as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { restoreLineBreaks } from '../../../server/src/trace/flatBody.js';

function record(query: string, body: string) {
  const rec = parseTrace(`=== 1\nquery: ${query}\n---\nX\n`).records[0];
  return { ...rec, body };
}
const values = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map(
    (a) => `${a.candidate.value}@${a.candidate.start}`,
  );
/** As a harness storing `text.replace('\n', ' ')` leaves a response. */
const flatten = (body: string): string => body.replace(/\n/g, ' ');

// 100a: two spaces were a paragraph break, a longer run a line break and the next line's indentation.
const QM = 'What is 37 times 24?';

test('100a: a result line closing its paragraph is read in the flattened body as in the stored one', () => {
  const body = 'Compute 37 × 24.\n\n37 × 24 = 37 × 20 + 37 × 4 = 740 + 148 = 888\n\nLet me check: 888 / 24 = 37. Good.';
  assert.deepEqual(values(QM, body), ['888@59']);
  assert.deepEqual(values(QM, flatten(body)), ['888@59']);
});

test('100a: the runs put back are as long as the spaces, so every offset holds', () => {
  const flat = 'First line.  Second paragraph:    - an indented item';
  const restored = restoreLineBreaks(flat);
  assert.equal(restored.length, flat.length);
  assert.equal(restored, 'First line.\n\nSecond paragraph:\n   - an indented item');
});

test('negative 100a: a body with a line break, or with no run of spaces, is read as it is', () => {
  const withBreak = 'Compute 37 × 24.\n37 × 24 = 888  and then  some.';
  assert.equal(restoreLineBreaks(withBreak), withBreak);
  const oneLine = 'So 37 × 24 = 888, and that is the product.';
  assert.equal(restoreLineBreaks(oneLine), oneLine);
  assert.deepEqual(values(QM, oneLine), ['888@13']);
});

// 100b: the chat templates write a thinking block's tags on lines of their own ("<think>\n...\n</think>\n\n"),
// so a single space beside a tag was a line break: the block's last line, a conclusion before "</think>",
// is read as it is in the stored body.
const QP = 'Which planet is largest? A. Mars B. Jupiter C. Venus D. Mercury';

test('100b: a conclusion closing the thinking block is read in the flattened body as in the stored one', () => {
  const body =
    '<think>\nMars is small. Venus is about the size of Earth. Mercury is the smallest.\n\nSo, putting it together, the largest planet is B. Jupiter.\n</think>\n\nJupiter is far larger than the others.\n\n\\boxed{B}';
  assert.deepEqual(values(QP, body), ['B@130']);
  assert.deepEqual(values(QP, flatten(body)), ['B@130']);
});

test('100b: the spaces beside a tag are put back as line breaks, a run beside one as before', () => {
  assert.equal(
    restoreLineBreaks('<think> Let me see. So 4. </think>  The answer is 4.'),
    '<think>\nLet me see. So 4.\n</think>\n\nThe answer is 4.',
  );
});

test('negative 100b: a tag in a body with a line break is left as it is', () => {
  const body = 'It writes <think> here.\nThen </think> and more.';
  assert.equal(restoreLineBreaks(body), body);
});

// 100c: a display on lines of its own: a single space before its opening delimiter or after its closing
// one (and inside it, where the delimiters stood on lines of their own) was a line break, so a result
// line closing the display is read at its line's end as in the stored body.
const QT = 'Find the total of 12, 24 and 48.';

test('100c: a display written tight on its own line ends its result line in the flattened body too', () => {
  const body =
    'Adding them in turn:\n\\[12 + 24 = 36,\\]\n\\[36 + 48 = 84.\\]\nTherefore, the total of the numbers is:\n\\[\\boxed{84}.\\]';
  assert.deepEqual(values(QT, body), ['84@51']);
  assert.deepEqual(values(QT, flatten(body)), ['84@51']);
});

test('100c: delimiters on lines of their own are put back there', () => {
  assert.equal(restoreLineBreaks('We get: \\[ x = 3 \\] So x is 3.'), 'We get:\n\\[\nx = 3\n\\]\nSo x is 3.');
  assert.equal(restoreLineBreaks('Sum: $$ 1 + 2 = 3 $$ Done.'), 'Sum:\n$$\n1 + 2 = 3\n$$\nDone.');
});

test('negative 100c: a display inside a sentence stays in it, and a row break "\\\\[2pt]" is no display', () => {
  const inline = 'Thus \\[4 \\cdot 5 = 20,\\] and the box holds 20 balls.';
  assert.equal(restoreLineBreaks(inline), inline);
  const rows = 'a & b \\\\[2pt] c & d';
  assert.equal(restoreLineBreaks(rows), rows);
});

// 100f: a code fence stands on a line of its own, an opening one with its language word; the output
// printed in a block is its own line, read where the stored body reads it.
const QC = 'What is 17 * 23 mod 7?';

test('100f: a value printed in a fenced block is read in the flattened body as in the stored one', () => {
  const body = 'Compute it directly.\n\n```python\nprint(17 * 23 % 7)\n```\n```\n6\n```\n\nSo 17 * 23 leaves 6.';
  assert.deepEqual(values(QC, body), ['6@59']);
  assert.deepEqual(values(QC, flatten(body)), ['6@59']);
});

test('100f: the fences and an opening fence language word are put back on lines of their own', () => {
  assert.equal(restoreLineBreaks('Run: ```python print(6) ``` Done.'), 'Run:\n```python\nprint(6)\n```\nDone.');
});

test('negative 100f: fences in a body with a line break are left as they are', () => {
  const body = 'Run: ```python print(6) ```\nDone.';
  assert.equal(restoreLineBreaks(body), body);
});
