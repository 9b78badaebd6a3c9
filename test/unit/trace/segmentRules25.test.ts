// The twenty-fifth pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the dev families (a, b, c both splits; e and f dev) and the real dev sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { values } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

test('a parenthesis that shows how a result was reached ("$0.36 ($3.78 - $3.42)") leaves the value before it the result', () => {
  const q =
    'A 1 L bottle costs 3.78 dollars per litre and a 3 L bottle 3.42 dollars per litre. What is the saving per litre, in dollars, with the 3 L bottle?';
  const body = (gloss: string) => `Hence the saving per litre is $0.36${gloss}.\n\nDone.`;
  // Before the rule a value followed by a parenthesis read as a factor, and the conclusion was lost.
  assert.deepEqual(values(q, body(' ($3.78 - $3.42)')), ['0.36']);
  assert.deepEqual(values(q, body(' (that is 3.78 minus 3.42)')), ['0.36']);
  // A parenthesis that sets a case ("(taking k=0)") is not a gloss; a product stays a product.
  assert.deepEqual(values(q, body(' (taking k = 0)')), []);
  assert.deepEqual(values(q, body(' (3 + 4)')), []);
});

test('a verdict in a parenthesis after a result ("is 2198 (agrees)") leaves it a result', () => {
  const q = 'What is 503 + 2,086 + 24 - 241 - 235 + 61?';
  const body = (verdict: string) => `Adding the positive terms and taking away the negative ones, so the total is 2198${verdict}\n\nDone.`;
  // Before the rule the value was a factor of a product.
  assert.deepEqual(values(q, body(' (agrees)')), ['2198']);
  assert.deepEqual(values(q, body('.')), ['2198']);
});

test('"comes out to" and "works out to" state a result as "comes to" does', () => {
  const q = 'The probability is $\\frac{m}{n}$ where $m$ and $n$ are relatively prime positive integers. Find $m+n$.';
  const body = 'The probability is $\\frac{5}{12}$, so $m = 5$ and $n = 12$.\n\nSo $m+n$ comes out to $17$.';
  // Before the rule "comes out to" was no copula, and the conclusion was lost.
  assert.deepEqual(values(q, body), ['17']);
  const q2 = 'A club earns $89 per T-shirt sold. What is the fewest number of T-shirts it must sell to raise $2,700?';
  const body2 =
    'Dividing the goal by the price, 2,700 ÷ 89 comes to about 30.34. That works out to 31 T-shirts.\n\nWait, 30 T-shirts give $2,670, which is short, so we need 31.';
  assert.deepEqual(values(q2, body2), ['31']);
});

test('for a remainder question, a congruence modulo its divisor closing its clause ("≡ 3 (mod 11)") states the remainder', () => {
  const q = 'What is the remainder when 2^1398 is divided by 11?';
  const body =
    'The powers of 2 modulo 11 cycle with period 10.\n\nNow reduce the exponent: 1398 = 10 × 139 + 8, since 1398 ≡ 8 (mod 10).\n\nSo 2^1398 ≡ 2^8 ≡ 3 (mod 11).\n\nLet me double-check: 2^8 = 256 = 23 × 11 + 3. So the remainder is 3.';
  // Before the rule the congruence was no statement: only the check's conclusion was a candidate.
  assert.deepEqual(values(q, body), ['3', '3']);
  const latex = 'Find the remainder when $1^3 + 2^3 + \\cdots + 137^3$ is divided by $1000$.';
  const lbody =
    'The sum of cubes is $\\left(\\frac{137 \\cdot 138}{2}\\right)^2 = 9453^2 = 89359209$.\n\nSumming up: $89359209 \\equiv 209 \\pmod{1000}$.\n\nAs a check, only $453^2 = 205209$ matters, and $205209 \\equiv 209 \\pmod{1000}$ — same as before.';
  assert.deepEqual(values(latex, lbody), ['209', '209']);
  // A congruence modulo another number reduces an exponent: a step.
  assert.deepEqual(
    values(q, 'Since 1398 ≡ 8 (mod 10), the exponent reduces to 8.\n\nSo 2^8 = 256 = 23 × 11 + 3, and the remainder is 3.'),
    ['3'],
  );
});

test('for a how-many question, "there are 3000 bottles" after a lead-in of words ("Combining everything, ") states the count', () => {
  const q = 'Each of 12 trucks carries 250 bottles of water. How many bottles do the trucks carry altogether?';
  const body = (lead: string) =>
    `10 trucks carry 2500 bottles and 2 trucks carry 500.\n\n${lead}there are 3000 bottles.\n\nWait, let me double-check with another method: 12 × 250 = 3000.`;
  // Before the rule an existential sentence with no conclusion word stated nothing: only the check was an attempt.
  assert.deepEqual(values(q, body('Combining everything, ')), ['3000', '3000']);
  // A case's count after a lead-in that sets the case is not the total.
  assert.deepEqual(values(q, body('For the 12 trucks, ')), ['3000']);
});

test('an arrow leading its line ("34720 + 5208⏎→ 39928") gives the result of the computation that ends the line before', () => {
  const q = 'What is the product 868 · 46?';
  const body = (arrow: string) => `868×46, let's do it\n868×40 = 34720\n868×6 = 5208\n34720 + 5208\n${arrow} 39928\nok.`;
  // Before the rule an arrow needed its computation on its own line: the terse note's result was no statement.
  assert.deepEqual(values(q, body('→')), ['39928']);
  assert.deepEqual(values(q, body('result ->')), ['39928']);
  // After a line that computes nothing the arrow gives nothing.
  assert.deepEqual(values(q, `868×46, let's do it\ncheck the table\n→ 39928\nok.`), []);
});

test('a tick after an arrow\'s result that re-reaches the value last stated ("125 + 54 + 28 -> 207 ✓") is an echo, as after "="', () => {
  const q = 'Sam buys 3 notebooks at $18, a bag for $28 and 5 T-shirts at $25. How much does Sam pay?';
  const body = (check: string) =>
    `notebooks: 3 × $18 = $54\nbag: $28\ntees: 5 × $25 = $125\nso 54 + 28 + 125 = 207\nre-add in another order\n${check}\n`;
  // Before the rule a ticked arrow's value was no statement.
  assert.deepEqual(values(q, body('125 + 54 + 28 -> 207 ✓')), ['207', '207']);
  // A ticked digit check of something else stays a step.
  assert.deepEqual(values(q, body('5 × 25 -> 125 ✓')), ['207']);
});

test('a one-word result label leading its line in a terse note ("done: 1,836", "Net: 480", "fixed: 614 min") names the result', () => {
  const q = 'Evaluate 62^2 - 58^2.';
  const body = (label: string) => `62^2 = 3844\n58^2 = 3364\n${label}: 480\nOther route:\n(62 - 58)(62 + 58) = 4 * 120 = 480`;
  // Before the rule the labelled value was no statement: only the other route's result was an attempt.
  assert.deepEqual(values(q, body('Net')), ['480', '480']);
  assert.deepEqual(values(q, body('done')), ['480', '480']);
  // Any other label names an item, not the result.
  assert.deepEqual(values(q, body('first bit')), ['480']);
});

test('the verb a how-much question asks with says the answer in a conclusion as "is" does ("So Fatima pays $50.80." for "How much does she pay?")', () => {
  const q = 'Fatima buys 2 shirts at $19 each and a rain jacket for $25.50. The store has 20% off everything. How much does she pay?';
  const body = 'The subtotal: $38 plus $25.50 is $63.50. The discount: 20% of $63.50 is $12.70. So Fatima pays $50.80.\n\nDone.';
  // Before the rule "pays" was no copula: the conclusion was no statement, and the discount's $12.70 the last value read.
  assert.deepEqual(values(q, body), ['50.80']);
  // A question's verb is read only after "does / will / ... <subject>": "How many ways can a committee be chosen?" has none.
  assert.equal(analyzeQuestion('How many ways can a committee be chosen?').verb, undefined);
  assert.ok(analyzeQuestion('How many miles does the ferry travel in total?').verb?.test('So it travels 262 miles.'));
});

test('"exactly" between a conclusion word and its value ("Hence exactly 116 of them qualify.") is an adverb, as "indeed" is', () => {
  const q = 'How many positive integers less than 944 are divisible by exactly one of the numbers 14 and 17?';
  const body =
    'Multiples of 14 below 944: 67. Multiples of 17: 55. Multiples of both: 3, and each is removed from both lists.\n\nHence exactly 116 of them qualify.\n\nLet me double-check: 67 - 3 = 64 and 55 - 3 = 52, so 64 + 52 = 116.';
  // Before the rule the conclusion was no statement: only the check's result was an attempt.
  assert.deepEqual(values(q, body), ['116', '116']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test("the pass's readings on 200 KB bodies of their pieces: segmentation completes", { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules25);
});
