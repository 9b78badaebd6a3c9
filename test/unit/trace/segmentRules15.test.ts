// The fifteenth pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// target is the pool: a candidate no statement reads cannot be chosen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileMarkers } from '../../../server/src/trace/markers.js';
import { defaultMarkers, defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record, values } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

const statements = (query: string, body: string) => segmentAttempts(record(query, body), defaultSegmentOptions).statements;

test('a chosen option written in parentheses ("so the answer is (D)") is the letter, not an expression that goes on', () => {
  const q = 'Solve for x: 4x + 9 = 57. (A) 14 (B) 13 (C) 10 (D) 12';
  // Before the rule the ")" after the letter read as more of an expression: the choice was no statement.
  assert.deepEqual(values(q, 'Subtract 9: 4x = 48.\nx = 48 ÷ 4 = 12, so the answer is (D).'), ['D']);
  // A variable in parentheses is still no value: "f(x)" reads nothing new.
  assert.ok(!statements(q, 'So the answer is f(x) at x = 12.').some((st) => st.value === 'x'));
});

test('"choose (B)" and "∴ (B)" commit an option, as an answer key writes the choice', () => {
  const q = 'Which option is correct? (A) 84 (B) 36 (C) 24 (D) 60';
  // Before the rule neither cue led a letter: nothing was read.
  assert.deepEqual(values(q, 'Only one option survives the check on the original price; choose (B).'), ['B']);
  assert.deepEqual(values(q, 'Only one option survives the check on the original price ∴ (B).'), ['B']);
  // "choose" without the parenthesis is left to the other cues ("So choose D." in a drafted reply).
  assert.ok(!statements(q, 'Now I can choose B or C, not sure yet.').some((st) => st.value === 'B'));
});

test('"∴" opens a conclusion anywhere in a line, as "therefore" does ("= 65 dollars, ∴ the change is 65 dollars")', () => {
  const q = 'How much change does Omar receive, in dollars?';
  const body = 'Cost: 9 × 15 = 135 dollars.\nStep 2. 200 - 135 = 65 dollars, ∴ the change is 65 dollars. Check: 65 + 135 = 200.';
  // Before the rule "∴" counted only leading a line: the sentence stated nothing.
  assert.ok(statements(q, body).some((st) => st.value === '65' && st.rule === 'conclusion'));
});

test('a pound, euro or yen sign and LaTeX\'s "\\$" stand before a value as "$" does', () => {
  // Before the rule "= £6384" and "**€48.00**" were no statements.
  const months = 'Each month: £1840 + £206 + £82 = £2128\nTotal for 3 months: £2128 × 3 = £6384\n\nLet me double-check that another way.';
  assert.ok(statements('What is the total cost for 3 months, in pounds?', months).some((st) => st.value === '6384'));
  assert.deepEqual(values('What is the sale price?', 'Discount: 20% of €60.00 = €12.00\n\nFinal answer: **€48.00**'), ['48.00']);
  // "Answer: \$30" in a worked solution written in LaTeX.
  assert.deepEqual(values('How much change does Omar receive, in dollars?', 'Cost of the rulers: 5 \\times 4 = \\$20.\n\nAnswer: \\$30'), [
    '30',
  ]);
});

test('a one-letter unit before a full stop, a comma or a bold closer is a unit ("= 80 g.")', () => {
  const q = 'How much sugar is needed for 2 servings?';
  // Before the rule "80 g." read as a value glued to a variable g: the candidate was the step's 40.
  assert.deepEqual(values(q, 'Sugar per serving: 160 g ÷ 4 = 40 g\n\nAll together, 40 g × 2 = 80 g.'), ['80']);
  assert.deepEqual(values(q, 'Sugar per serving: 160 g ÷ 4 = 40 g\n\nSo 40 g × 2 = **80 g**, and that is the sugar.'), ['80']);
  // A rate's amount is no result: "$3.10 per 100 g." prices the unit.
  const rate = 'Pack A: $7.75 ÷ 2.5 gives $3.10 per 100 g.\nSo the unit price of Pack B is $12.32 ÷ 8 = $1.54 per 100 g.';
  const unitPrice = 'Which pack is the better buy, and what is its unit price in dollars per 100 g?';
  assert.ok(!statements(unitPrice, rate).some((st) => st.value === '100'));
  assert.deepEqual(values(unitPrice, rate), ['1.54']);
});

test('a result line may close with a remark on the result: "(corrected)", ", as required"', () => {
  const q = 'Find the sum of the first 30 terms of the arithmetic sequence 9, 13, 17, ...';
  // Before the rule the remark meant the line went on: the candidate was the last term, 125.
  assert.deepEqual(values(q, 'The last term is 9 + 29·4 = 125.\nThe sum = 15(9 + 125) = 2010 (corrected).'), ['2010']);
  assert.deepEqual(values(q, 'The last term is 9 + 29·4 = 125.\nThe pairs: 15 × 134 = 2010, as required.'), ['2010']);
});

test('a tick after a result line re-reaches the result last stated (an echo); a ticked value of anything else is a step', () => {
  const q = 'What is the sale price, in dollars?';
  const body = 'The discount is 40% of 380 = 152.\nThe sale price = 380 - 152 = 228.\n\nRecheck: 380 - 152 = 228 ✓';
  // Before the rule the tick ended nothing: the recheck was no candidate.
  assert.deepEqual(values(q, body), ['228', '228']);
  // A tick on a step re-checked after the total ("shirts again: 17 · 4 = 68 ✓") confirms the step, not the answer.
  const steps = 'shirts: 4 · $17 = $68\nsandwiches: 7 · $9 = $63\nso 68 + 63 = $131\ndouble-check\nshirts again: 17 · 4 = 68 ✓\nright';
  assert.deepEqual(values('How much do 4 shirts at $17 and 7 sandwiches at $9 cost in total?', steps), ['131']);
  // A sanity check's ratio with a tick states no new answer.
  assert.deepEqual(values('What is 8% of 940 kg?', '1% = 940/100 = 9.4\n8 * 9.4 = 75.2 kg\nsanity check 75.2/940 = 0.08 ✓'), ['75.2']);
});

test("a code block's printed output, a lone value on its last line, is the computation's result line", () => {
  // Before the rule a printed value was no statement: these records had no candidate.
  const repl = 'Let me compute it.\n\n```python\n>>> pow(3, 188, 13)\n9\n```\n\nGood.';
  assert.deepEqual(values('What is the remainder when 3^188 is divided by 13?', repl), ['9']);
  const cell =
    'Code:\n\n```python\nprint(sum(1 for n in range(1, 221) if n % 5 == 0 or n % 6 == 0))\n```\n\nOutput:\n\n```\n73\n```\n\nLooks right.';
  assert.deepEqual(values('How many integers from 1 to 220 are divisible by 5 or 6?', cell), ['73']);
  // The code's own last line is no output: "x = 41" ends a cell, it prints nothing.
  const code = 'Code:\n\n```python\nn = 8 ** 2\nx = 41\n```\n\nLet me run it.';
  assert.ok(!statements('What is x?', code).some((st) => st.value === '41' && st.rule === 'equals' && st.strength === 2));
});

test('a printed output the next line states again ("So we get 15.") is adopted: a candidate, corrected or not', () => {
  const q = 'What is the smallest positive integer n such that 1 + 2 + ... + n exceeds 120?';
  const body =
    'Code:\n\n```python\nn, s = 0, 0\nwhile s < 120:\n    n += 1\n    s += n\nprint(n)\n```\n\nOutput:\n\n```\n15\n```\n\nSo we get 15.\n\nWait, 1 + ... + 15 is exactly 120, which does not exceed it.\n\n```python\nprint(next(k for k in range(1, 99) if k * (k + 1) // 2 > 120))\n```\n\n```\n16\n```\n\nSo the smallest n is 16.';
  // Before the rule a two-digit output named nothing asked: the wrong first attempt had no candidate.
  assert.deepEqual(values(q, body), ['15', '16']);
  // A sentence that names the output on its way to another result does not adopt it.
  const cost =
    'A school buys 16 crates of bottles. Each crate holds 15 bottles, and each bottle costs $2. How much does the school spend in total, in dollars?';
  const onward =
    'First the bottles:\n\n```python\nbottles = 16 * 15\nprint(bottles)\n```\n\nOutput:\n\n```\n240\n```\n\nSo there are 240 bottles in all, and at $2 each the total is 240 × 2 = $480. So we get $480.\n\nLet me check: one crate costs 15 × $2 = $30, and 16 crates cost 16 × $30 = $480.';
  assert.deepEqual(values(cost, onward), ['480', '480']);
});

test('in a thinking block a code cell ("```python") is work, not a draft of the reply: a second cell reaching the value is an echo', () => {
  const q = 'How many integers from 1 to 220 are divisible by 5 or 6?';
  const body =
    '<think>\nCode:\n\n```python\nprint(len([n for n in range(1, 221) if n % 5 == 0 or n % 6 == 0]))\n```\n\nOutput:\n\n```\n73\n```\n\nSo the count is 73.\n\nLet me verify it a second way:\n\n```python\n>>> len(set(range(5, 221, 5)) | set(range(6, 221, 6)))\n73\n```\n\nSo the count is 73.\n</think>\n\nThe count is 73.';
  // Before the rule every fenced block in a thinking block was a draft: the second cell was no new work.
  assert.deepEqual(values(q, body), ['73', '73']);
});

test('"Re-reading the question", "Recheck", "Substituting back", "Double-checking", "Just to make sure", "Quick check" open a new pass, as "Let me check" does', () => {
  const q = 'Solve for x: 3x + 4 = 43. (A) 13 (B) 14 (C) 39 (D) 11';
  const body =
    'Subtract 4 from both sides: 3x = 39.\nx = 39 / 3 = 13; choose (A).\nRe-reading the question: the equation says 3 lots of x plus 4 make 43; taking away the 4 and sharing among 3 isolates x. So (A).';
  // Before these markers the re-check in words was one attempt with the choice before it.
  assert.deepEqual(values(q, body), ['A', 'A']);
  const found = compileMarkers(defaultMarkers)
    .findAll(
      'Recheck: 39 / 3 = 13. Substituting back: 3(13) + 4 = 43. Double-checking once more. Let me re-read the question. Just to make sure: 13. Quick check: 3 × 13 = 39.',
    )
    .map((m) => m.phrase);
  assert.deepEqual(found, ['Recheck', 'Substituting back', 'Double-checking', 'Let me re-read', 'Just to make sure', 'Quick check']);
});

test('after a marker, a re-check that re-reads the question\'s numbers and states the answer is new work (an echo); "Is that right? Yes." is not', () => {
  const q = 'A baker sells 24 muffins at $3 each and 15 pies at $12 each. How much money does the baker take in, in dollars?';
  const first = 'Muffins: 24 × 3 = 72. Pies: 15 × 12 = 180. So the total is 72 + 180 = $252.\n\n';
  // Before the rule the quoted conditions were no new numbers: the re-check merged into the first answer.
  const reread =
    'Let me re-read the question. It says 24 muffins and 15 pies, at $3 and $12. Those are the figures I used, so the total is $252.';
  assert.deepEqual(values(q, first + reread), ['252', '252']);
  // Nothing re-examined: one candidate.
  assert.deepEqual(values(q, first + 'Wait, is that right? Yes. So the total is $252.'), ['252']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test("the pass's patterns on 100 KB runs of their own pieces: segmentation completes", { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules15);
});
