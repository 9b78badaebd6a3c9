// The thirty-fifth pass's rules (precision on the five batches new to development: fresh2, fresh4,
// fresh9, fresh10, fresh11; docs/segmentation-eval.md "Stop 28: pass 35"), one short hand-written
// example each, with what each rule must leave as it was. Decided on the rules alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const read = (query: string, body: string) => segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' });
const rules = (query: string, body: string): string[] => read(query, body).attempts.map((a) => a.candidate.value);

test('35a: the "[OUTPUT]" section of the labelled-action format is the written solution: its answer is the final', () => {
  const q = 'A car travels 150 km in 2.5 hours. What is its average speed in km/h?';
  const body = [
    '[ASSESS]',
    '',
    '# We need the average speed: distance over time.',
    '',
    'Next action: [ADVANCE]',
    '',
    '[ADVANCE]',
    '',
    '# Average speed = 150 / 2.5 = 60 km/h.',
    '',
    'Next action: [VERIFY]',
    '',
    '[VERIFY]',
    '',
    '# Checking the division: 2.5 times 60 is 150, so the units and the value agree.',
    '',
    'Next action: [OUTPUT]',
    '',
    '[OUTPUT]',
    '',
    'We divided the distance by the time and checked the product, so the average speed is 60 km/h.',
    '',
    '\\boxed{60}',
  ].join('\n');
  const s = read(q, body);
  assert.deepEqual(
    s.attempts.map((a) => a.candidate.value),
    ['60'],
  );
  assert.ok(s.attempts[0].candidate.start < body.indexOf('[OUTPUT]\n'));
  assert.equal(s.final?.value, '60');
  // A section named so without the format's "Next action: [OUTPUT]" is text like any other.
  const plain =
    'Average speed = 150 / 2.5 = 60 km/h.\n\nLet me double-check: 2.5 * 60 = 150.\n[OUTPUT]\nSo the speed is 60 km/h.\n\\boxed{60}';
  assert.equal(read(q, plain).final?.start, plain.lastIndexOf('60'));
});

const choice =
  'Which statement about the cube ABCD-EFGH is correct? A. AC is parallel to EG B. AE is longer than AB C. AF is perpendicular to AH D. BD equals AH';

test('35b: "Option A: ..." heading an option, or "Option D says ...", describes it; a verdict in its line still chooses', () => {
  const body =
    '**Option A: AC and EG**\nBoth are diagonals of parallel faces, so AC is parallel to EG.\n\n**Option B: AE versus AB**\nAll edges are equal, so B is wrong.\n\nOption D says BD equals AH; both are face diagonals, hmm.\n\nSo the answer is A.';
  assert.deepEqual(rules(choice, body), ['A']);
  // The same heading with its verdict in the line commits to the option.
  assert.deepEqual(
    rules(choice, 'Check option A: AC and EG are parallel face diagonals. Correct.\n\nLet me look at the others: none holds.'),
    ['A'],
  );
  // A chosen option named so is still read ("That matches option C.").
  assert.deepEqual(rules(choice, 'AF and AH are face diagonals meeting at 60 degrees, not 90. That matches option C.'), ['C']);
});

test('35c: in a one-answer question, a letter opening a list ("So B and C both seem true") chooses none', () => {
  const body =
    'AE and AB are both edges, and AF, AH are face diagonals.\n\nSo B and C both seem true.\n\nWait, AE equals AB, so B fails. Then the 60 degree angle between AF and AH rules out C too.\n\nSo the answer is A.';
  assert.deepEqual(rules(choice, body), ['A']);
  // One letter alone is still a choice.
  assert.deepEqual(rules(choice, 'Each claim checks out on the unit cube except one. So C is correct.'), ['C']);
});

test('35d: a weak statement of a value the answer is computed from with the question\'s data ("288 - 15 + 21 = 294") is a sub-total', () => {
  const q =
    'A printer makes 36 pages per minute for 8 minutes, then jams and wastes 15 pages, then makes 21 more pages. How many good pages were made?';
  const first =
    'First, 36 pages a minute for 8 minutes. 30 times 8 is 240 and 6 times 8 is 48, so adding them gives 240 + 48 = 288 pages. So the first run made 288 pages.\n\nWait, let me re-read the problem to see when the jam happens.\n\n';
  assert.deepEqual(
    rules(
      q,
      `${first}The jam comes after the first run, so 15 are wasted and 21 more are made: 288 - 15 + 21 = 294.\n\nSo the answer is 294.`,
    ),
    ['294'],
  );
  // Corrected by a number the question does not give ("288 + 6 = 294"), the earlier result was adopted, then corrected.
  assert.deepEqual(
    rules(
      q,
      `${first}The jam comes after the first run, and then 6 more good pages come from the restart: 288 + 6 = 294.\n\nSo the answer is 294.`,
    ),
    ['288', '294'],
  );
});

test('35e: a letter judged false past an adverb, an option gone back over, or a letter naming a point chooses nothing', () => {
  const recheck =
    '\n\nWait, let me recheck A: AC and EG are both diagonals of squares in parallel planes, and they point the same way.\n\nSo the answer is A.';
  const judged = `AC and EG are diagonals of parallel faces, so A holds.\n\nBD and AH are face diagonals. So D is definitely false.${recheck}`;
  assert.deepEqual(rules(choice, judged), ['A']);
  // Pass 78c: after "Let me check ... again", the re-check that goes over A's own claim with a reason
  // ("AC and EG are both diagonals of squares in parallel planes, ...") and states A is an echo (the
  // guide's re-check in words); D is still not chosen.
  assert.deepEqual(rules(choice, `AC and EG are diagonals of parallel faces, so A holds.\n\nLet me check option D again.${recheck}`), [
    'A',
    'A',
  ]);
  assert.deepEqual(rules(choice, `Put A at the origin. So C is on the diagonal line of the base.${recheck}`), ['A']);
  // A letter given as the one ("So D is the one.") is still chosen.
  assert.deepEqual(rules(choice, judged.replace('is definitely false', 'is the one')), ['D', 'A']);
});

test('35f: an answer under a supposition ("If so, the answer would be 4.") is tried, not given', () => {
  const q = 'The parabola y^2 = 2px passes through (2, 4). What is the distance from its focus to the origin? A. 1 B. 2 C. 4 D. 8';
  const start =
    '16 = 4p, so p = 4 and the focus is (p/2, 0) = (2, 0): the distance is 2, option B.\n\nWait, could the book put the focus at (p, 0)? ';
  assert.deepEqual(
    rules(
      q,
      `${start}If so, the answer would be 4. Not the usual convention.\n\nWith the usual one the distance is 2, so the answer is B.`,
    ),
    ['B'],
  );
  // Adopted after a re-check, the same words state it.
  assert.deepEqual(
    rules(q, `${start}Rechecking the definition, it does, so the answer would be 4. Hmm, that is option C.\n\nSo the answer is C.`),
    ['B', '4'],
  );
});
