// The nineteenth pass's rules (docs/segmentation-eval.md, docs/annotation-guide.md), one short
// hand-written example each: every one of them read differently before its rule. The pass's
// development data: the real dev sets, the dev families and the sixth authors' dev phrasings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { values } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

test('a conclusion right before a marker that doubts it is a candidate; a value before a marker that plans the next step stays a step', () => {
  const q =
    'Triangle ABC has vertices A=(0,0), B=(9,0) and C=(0,5). What is the greatest integer less than or equal to the area of triangle ABC?';
  const first = 'The shoelace sum is 45, so the area is 45/2 = 22.5. Rounding 22.5, I get 23.\n\n';
  const fix = 'The question asks for the floor, not the nearest integer. The floor of 22.5 is 22.\n\nSo the answer is 22.';
  // Before the rule the one-off 23 (a two-digit value the record concludes nowhere else) was a step.
  assert.deepEqual(values(q, `${first}Hmm, wait, I think I made a mistake.\n\n${fix}`), ['23', '22']);
  assert.deepEqual(values(q, `${first}Wait, is that right?\n\n${fix}`), ['23', '22']);
  // A marker that plans the next step doubts nothing.
  assert.deepEqual(values(q, `${first}Hold on, let me think about the next step.\n\n${fix}`), ['22']);
  // Arithmetic in words before the doubt is a step checked, not an answer.
  const steps =
    'The base is 9 and the height is 5. 9 multiplied by 5 gives 45. Wait, is that right? Yes, 9 * 5 = 45.\n\nSo the area is 45/2 = 22.5 and the answer is 22.';
  assert.deepEqual(values(q, steps), ['22']);
});

test('the doubt may stand between the result and the marker ("Is that correct?"), or name the last step ("that last step is off")', () => {
  const q = 'How many positive integers less than or equal to 2968 are divisible by 2 or 3?';
  const first = "Multiples of 2: 1484. Multiples of 3: 989.\n\nSo that's $1484 + 989 = 2473$.\n\n";
  const fix =
    'Numbers divisible by both were counted twice: 494 of them. So the count is 1484 + 989 - 494 = 1979.\n\nSo the answer is 1979.';
  // Before the rule 2473 (a value the record concludes nowhere else) was a step.
  assert.deepEqual(values(q, `${first}Is that correct?\n\nWait a second.\n\n${fix}`), ['2473', '1979']);
  assert.deepEqual(values(q, `${first}Hmm, wait, that last step is off.\n\n${fix}`), ['2473', '1979']);
  assert.deepEqual(values(q, `${first}Hmm, wait. Let me be careful here.\n\n${fix}`), ['1979']);
});

test('a negative number in the question is quoted with its sign ("2x - 3y = -31"), a subtraction ("2x - 3y") is not', () => {
  const q = 'Find x + y given 6x + y = 17 and 2x - 3y = -31.';
  const body =
    "Okay, let's see. I need to find x + y given 6x + y = 17 and 2x - 3y = -31.\n\nHmm, wait. Let me re-read the problem to be sure.\n\nMultiply the first equation by 3 and add: 20x = 20, so x = 1 and y = 11.\n\nSo x + y = 12.";
  // Before the rule the question read as quoting 31 only, and its restated "= -31" was an attempt.
  assert.deepEqual(values(q, body), ['12']);
  const quoted = analyzeQuestion(q).values;
  assert.ok(quoted.has('-31') && !quoted.has('-3'));
});

test('a marker that gives the work up ("Hmm, I\'m getting confused. Let me start over") decides nothing: the value before it is a step', () => {
  const q = 'A club has 8 women and 5 men. How many ways are there to choose a 5-person committee that includes at least one woman?';
  const first =
    'Total committees: C(13, 5) = 1287.\n\nPick one woman first (8 ways), then the other 4 from the remaining 12 people: C(12, 4) = 495.\n\n';
  const retry = 'Committees with no woman: C(5, 5) = 1. Then 1287 - 1 = 1286.';
  // Before the rule the sub-result 495, the terse record's last "= X" before the marker, was an attempt.
  assert.deepEqual(values(q, `${first}Hmm, I'm getting confused. Let me start over.\n\n${retry}`), ['1286']);
  assert.deepEqual(values(q, `${first}Hmm, wait, is that right?\n\n${retry}`), ['495', '1286']);
});

test('a marker that urges care or plans the next step ("Hmm, careful with the order here") decides nothing either', () => {
  const q = 'A car drives 300 miles there at 50 mph and back at 75 mph. What is its average speed for the round trip?';
  const body = (marker: string) =>
    `**Step 1: Time there**\n300 ÷ 50 = 6 h\n\n${marker}\n\n**Step 2: Time back**\n300 ÷ 75 = 4 h\n\n**Step 3: Average speed**\n600 ÷ 10 = **60 mph**`;
  // Before the rule the sub-result 6 h, the last "= X" before the marker, was an attempt.
  assert.deepEqual(values(q, body('Hmm, careful with the order here.')), ['60']);
  assert.deepEqual(values(q, body('Hold on, let me think about the next step.')), ['60']);
});

test('the last-number fallback: not where the work is given up after the number, and in multiple choice only an option', () => {
  const q = 'What is the sum of all multiples of 9 between 109 and 228?';
  const body =
    'The smallest multiple of 9 that is at least 109: 9 × 13 = 117.\nLargest multiple of 9 at most 228: 9 × 25 = 225.\n\nNumber of terms: (225 - 117)/9 + 1 = 12 + 1 = 13.';
  assert.deepEqual(values(q, body), ['13']);
  // Before the rule these answerless records read their last number as an attempt.
  assert.deepEqual(values(q, `${body}\n\nHmm, I'm getting confused. Let me start over`), []);
  const mcq =
    'A car goes 40 mph out and 60 mph back. What is the average speed for the entire round trip? A. 50 mph  B. 48 mph  C. 45 mph  D. 52 mph';
  assert.deepEqual(values(mcq, 'The geometric mean: sqrt(40 * 60) is about 49 mph. I get 49 mph, which is not among the choices.'), []);
});

test('a result set in bold after its computation is a candidate before a marker that re-checks it, a sub-result before one that reasons on', () => {
  const q = 'A bolt is 14 inches long. How long is it in centimeters?';
  const first = '- **Conversion factor:** 1 inch = 2.54 centimeters\n- **Multiply:** 14 × 2.54 = 35.56 ≈ **35.6 centimeters**\n\n';
  const fix = 'No rounding is asked for: 14 × 2.54 = 35.56, so it is 35.56 centimeters.\n\n**Answer:** 35.56 centimeters';
  // Before the rule the bold 35.6, a value the record concludes nowhere else, was a step.
  assert.deepEqual(values(q, `${first}Hmm, let me reconsider. ${fix}`), ['35.6', '35.56']);
  assert.deepEqual(values(q, `${first}Hmm, the bolt is short. ${fix}`), ['35.56']);
});

test('a bold result of a line of plain arithmetic ("(3 + 5) ÷ 2 = **4 hours**") closes no other quantity\'s equation there', () => {
  const q = 'Ana paints a fence in 3 hours and Ben in 5 hours. How long do they take together?';
  const first = '- **Average the times:** (3 + 5) ÷ 2 = **4 hours**\n\n';
  const fix =
    'Averaging is wrong for rates: 1/3 + 1/5 = 8/15 of the fence per hour, so together they take 15/8 = 1.875 hours.\n\n**Answer:** 1.875 hours';
  // Before the rule the line read as an equation of another quantity, and 4 as a step.
  assert.deepEqual(values(q, `${first}Hmm, let me reconsider. ${fix}`), ['4', '1.875']);
});

test('a check line closed by a tick or a one-word verdict confirms: the answer stated after it merges', () => {
  const q = 'Dinner costs $126.00 and we add a 25% tip, split between 5 people. How much does each person pay?';
  const work = '25% of $126.00 = $31.50, so the total is $126.00 + $31.50 = $157.50.\n\n$157.50 ÷ 5 = **$31.50**\n\n';
  // Before the rule the check's arithmetic was new work, and the answer line an echo.
  assert.deepEqual(values(q, `${work}(Check: 5 × $31.50 = $157.50 ✓)\n\n**Answer:** $31.50`), ['31.50']);
  assert.deepEqual(values(q, `${work}Quick sanity check: 5 × $30 = $150, close to $157.50. It does.\n\n**Answer:** $31.50`), ['31.50']);
  // A check whose own result is the answer recomputes it: an echo.
  assert.deepEqual(values(q, `${work}(Check: $157.50 ÷ 5 = $31.50 ✓)\n\n**Answer:** $31.50`), ['31.50', '31.50']);
});

test("in multiple choice an option's value merged with its letter committed right after is the candidate at the letter", () => {
  const q =
    'A bag holds 7 black and 2 white beads. Two are drawn without replacement. What is the probability both are black? A. 49/81  B. 2/9  C. 7/12  D. 5/9';
  const work = 'P(first black) = 7/9.\nGiven that, P(second black) = 6/8.\nMultiply: 7/9 × 6/8 = 42/72 = 7/12.\n\n';
  // Before the rule the candidate stood at the value 7/12 (read as option C), not where C is chosen.
  assert.deepEqual(values(q, `${work}So the answer is (C).`), ['C']);
  // A letter committed only after more lines (an options list read again) leaves it at the value.
  const far = `${work}Now the options once more, to be sure which one this is:\nA. 49/81 is with replacement.\nB. 2/9 is one white bead.\nD. 5/9 is something else.\n\nSo the answer is (C).`;
  assert.deepEqual(values(q, far), ['7/12']);
});

test('a sentence that is only a value after "that\'s" ("That\'s 253 numbers.", "From the table, that\'s 3.") states a result', () => {
  const q = 'How many positive integers not exceeding 2024 are divisible by exactly one of 8 and 12?';
  const first = "Multiples of 8: 253. Multiples of 12: 168. Both: 84.\n\nExactly one: (253 - 84) + (168 - 84). That's 253 numbers.\n\n";
  const fix = 'I dropped the second part: the count is 169 + 168 = 337.\n\nSo the answer is 337.';
  // Before the rule "That's 253 numbers." was no statement at all.
  assert.deepEqual(values(q, `${first}Hmm, wait, I think I made a mistake.\n\n${fix}`), ['253', '337']);
  // "that's" that goes on, or after "Wait,", states nothing.
  assert.deepEqual(
    values(q, `${first.replace("That's 253 numbers.", "Wait, that's 253 numbers.")}Hmm, wait, I think I made a mistake.\n\n${fix}`),
    ['337'],
  );
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test("the pass's patterns on 100 KB runs of their own pieces: segmentation completes", { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules19);
});
