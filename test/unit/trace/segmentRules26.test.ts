// The twenty-sixth pass's rules (re-checks and decisions; docs/segmentation-eval.md,
// docs/annotation-guide.md), one short hand-written example each: every one of them read
// differently before its rule. The pass's development data: the real dev sets and the dev families.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultMarkers } from '../../../server/src/trace/options.js';
import { compileMarkers } from '../../../server/src/trace/markers.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { values } from './segmentRuleHelpers.js';
import { runCase, segmentationCases } from '../../../bench/adversarial.js';

test('"Let\'s double-check", "Let us verify", "Let\'s confirm" open a re-check as "Let me double-check" does', () => {
  const found = compileMarkers(defaultMarkers)
    .findAll("Let's double-check. Let us verify it. Let's re-check. Let’s confirm. Let's recheck. Let's double check.")
    .map((m) => m.phrase);
  assert.deepEqual(found, [
    "Let's double-check",
    'Let us verify',
    "Let's re-check",
    "Let's confirm",
    "Let's recheck",
    "Let's double check",
  ]);
  const q = 'What is 17 * 23?';
  // Recomputing the question's own product after a decision is new work: the answer stated again is an echo.
  const body = (marker: string) => `17 * 20 = 340 and 17 * 3 = 51, so 17 * 23 = 391.\n\n${marker}: 17 * 23 = 391. So the answer is 391.`;
  assert.deepEqual(values(q, body('Let me double-check')), ['391', '391']);
  // Before the rule "Let's" opened nothing, and the recomputation read as the question restated.
  assert.deepEqual(values(q, body("Let's double-check")), ['391', '391']);
  assert.deepEqual(values(q, body('Let us verify')), ['391', '391']);
});

test('a re-check announced as an intention ("I\'ll double-check", "I should verify", "We should double-check") opens it too', () => {
  const found = compileMarkers(defaultMarkers)
    .findAll("I'll double-check. I should verify it. We should double-check. I will confirm. I need to check that x > 0.")
    .map((m) => m.phrase);
  assert.deepEqual(found, ["I'll double-check", 'I should verify', 'We should double-check', 'I will confirm']);
  const q = 'What is 17 * 23?';
  const body = (marker: string) => `17 * 20 = 340 and 17 * 3 = 51, so 17 * 23 = 391.\n\n${marker}: 17 * 23 = 391. So the answer is 391.`;
  // Before the rule the recomputation read as the question restated, and merged.
  assert.deepEqual(values(q, body("I'll double-check")), ['391', '391']);
  assert.deepEqual(values(q, body('We should verify')), ['391', '391']);
});

test("a question with two blanks is answered by both values: one blank's value stated alone is a part of the answer", () => {
  const q =
    'Given that f(x) = 2\\sin(ax + \\theta) (a \\in Z, 0 \\le \\theta < 2\\pi) is an even function increasing on (0, \\frac{\\pi}{2}), then \\theta = ____, f(\\frac{2\\pi}{3}) = ____.';
  assert.equal(analyzeQuestion(q).blanks, true);
  assert.equal(analyzeQuestion('Find x: 3x + 1 = ____.').blanks, undefined);
  const body =
    "Since f is even, $\\cos\\theta = 0$, so $\\theta$ is $\\frac{\\pi}{2}$ or $\\frac{3\\pi}{2}$. With $\\theta = \\frac{\\pi}{2}$, f decreases near 0.\n\nTherefore, $\\theta$ must be $\\frac{3\\pi}{2}$.\n\nLet's double check this. $f(x) = -2\\cos(ax)$ is even, and $f'(x) = 2a\\sin(ax) \\ge 0$ on the interval for a = 1 or 2.\n\nThen $f(\\frac{2\\pi}{3}) = -2\\cos(\\frac{2\\pi}{3}) = 1$ for both.\n\nSo the answer is \\boxed{\\frac{3\\pi}{2}, 1}, that is $\\theta = \\boxed{\\frac{3\\pi}{2}}$ and $f(\\frac{2\\pi}{3}) = \\boxed{1}$.";
  // Before the rule the first blank's value, concluded right before the marker, was an attempt, and
  // so was the second blank's box.
  assert.deepEqual(values(q, body), ['\\frac{3\\pi}{2}, 1']);
});

test('a draft of the reply written between quotation marks in the thinking block is a restatement, as a fenced one is', () => {
  const q = 'What is 17 * 23?';
  const draft =
    '"Solution: we split the second factor into tens and units. First multiply 17 by 20, which gives 340. Then multiply 17 by 3, which gives 51. Adding the two partial products, 340 + 51 = 391. Therefore, 17 * 23 = 391, and the product asked for is 391."';
  const body = `<think>\n17 * 20 = 340, 17 * 3 = 51, so 17 * 23 = 391. So the answer is 391.\n\nI will write the response:\n${draft}\nFinal: \\boxed{391}\n</think>\n\nThe product is \\boxed{391}.`;
  // Before the rule the draft's arithmetic read as new work and the box as an echo.
  assert.deepEqual(values(q, body), ['391']);
  // A quotation that closes in the middle of its line (a condition of the question quoted) is no draft.
  const quote = `<think>\nSo the answer is 391.\n\nThe problem says ${draft.slice(0, 120)}" and so 17 * 20 = 340 again, 17 * 3 = 51, 340 + 51 = 391.\nSo the answer is 391.\n</think>\n\nThe product is \\boxed{391}.`;
  assert.deepEqual(values(q, quote), ['391', '391']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('quoted drafts that never close, on 200 KB bodies: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules26);
});

test('a bare result line the marker right after it rejects on sight ("Wait, that can\'t be right") is no candidate', () => {
  const q = 'A theater has 250 seats. 31 seats are broken and 6 more are reserved. How many seats can be sold?';
  const body = (marker: string) =>
    `Seats to sell = 250 - 31 + 6 = 225\n\n${marker}: the reserved seats must be taken away too. Seats to sell = 250 - 31 - 6 = 213.\n\nSo 213 seats can be sold.`;
  // Before the rule the rejected 225 (a slip away from the answer) was an attempt.
  assert.deepEqual(values(q, body("Wait, that can't be right")), ['213']);
  assert.deepEqual(values(q, body("Hmm, that's impossible")), ['213']);
  // A value adopted and then doubted is an attempt (segmentRules19.test.ts); so is a bare line a marker only questions.
  assert.deepEqual(values(q, body('Wait, is that right? No')), ['225', '213']);
});
