// The fifty-seventh pass's rules (the weakest development phrasing families, second round;
// docs/segmentation-eval.md "Stop 30: pass 57"), one short hand-written example each, with what each
// rule must leave as it was. Decided on the rules alone (reader 'rules'); the learned stage is
// retrained after the merge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const rules = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

test('57a: "So the first part is 1,840." before a marker names a piece of the whole: a sub-result, no candidate', () => {
  const q = 'A hall has 23 rows of 80 seats, and 95 seats are roped off. How many seats are open?';
  const body =
    'Rows first: 23 × 80 = 1,840. So the first part is 1,840. Hmm, let me keep the roped-off seats apart. ' +
    '1,840 - 95 = 1,745. So 1,745 seats are open.';
  assert.deepEqual(rules(q, body), ['1,745']);
  assert.deepEqual(rules(q, body.replace('the first part is', 'the second stretch comes to')), ['1,745']);
  // Without the ordinal the clause is a conclusion of its own before the marker, as before.
  assert.deepEqual(rules(q, body.replace('the first part is', 'the count is')), ['1,840', '1,745']);
  // An ordinal way of working names an answer, not a piece ("the first method gives" is read as before).
  assert.deepEqual(rules(q, body.replace('the first part is', 'the first result is')), ['1,840', '1,745']);
  // Where the question asks for the piece so named, it is the asked quantity.
  const leg = 'A trip has two legs: 120 miles at 60 mph, then 90 miles at 45 mph. How long does the first leg take, in hours?';
  assert.deepEqual(
    rules(leg, 'First, 120 / 60 = 2. So the first leg is 2 hours. Wait, let me check the second leg too: 90 / 45 = 2 as well. Fine.'),
    ['2', '2'],
  );
  // An ordinal after the copula ("covers 80 miles on the first day, totaling 230") is not the subject.
  const t = 'A train goes 80 miles on day one and 150 miles on day two. How far does it go in total?';
  assert.deepEqual(
    rules(t, 'So it covers 80 miles on the first day and 150 on the second, totaling 230 miles. Wait, let me check: 80 + 150 = 230. Yes.'),
    ['230', '230'],
  );
});

test('57b: "Let me recount to be safe.", "As a cross-check, ...", "Let me just verify that." open a re-check: the conclusion before it closes an attempt', () => {
  const q = 'At a party, 12 people each shake hands once with every other person. How many handshakes are there?';
  const body = (opener: string) =>
    'Pairs: 12 choose 2. First, 12 * 11 is 132. That works out to 66 for the number of handshakes. Okay, 66.\n\n' +
    `${opener} Each of the 12 people shakes 11 hands, so this time the number of handshakes is 132. ` +
    'Wait, each handshake was counted twice. Halved, the number of handshakes is 66.';
  for (const opener of [
    'Let me recount to be safe.',
    'As a cross-check, count per person.',
    'Let me just verify that quickly.',
    'Let me just check it per person.',
  ])
    assert.deepEqual(rules(q, body(opener)), ['66', '132', '66'], opener);
  // A paragraph that announces no re-check ("count per person as well") leaves the first
  // conclusion a step of the same attempt, as before.
  assert.deepEqual(rules(q, body('Let me count per person as well.')), ['132', '66']);
  // The phrase inside a longer word is no marker ("cross-checked" reads as before).
  assert.deepEqual(rules(q, body('Per person, as cross-checked tallies go, as well.')), ['132', '66']);
});

test('57c: "the van covers 360 miles: 60 mph times 6 hours." closes its clause with the working, as "(...)" and ", from ..." do', () => {
  const q = 'A van drives at 60 miles per hour for 6 hours. How many miles does it drive?';
  const body =
    'The van drives 60 mph for 6 hours. So the van drives 360 miles: 60 mph times 6 hours. Fine.\n\n' +
    'Let me recalculate. 60 times 6 is 360 again. So the van drives 360 miles.';
  assert.deepEqual(rules(q, body), ['360', '360']);
  assert.deepEqual(rules(q, body.replace(': 60 mph times 6 hours', ': 60 × 6')), ['360', '360']);
  // A colon that opens an equation with its own result is no gloss ("in 6 hours: 60 × 6 = 360").
  assert.deepEqual(
    rules(q, body.replace('So the van drives 360 miles: 60 mph times 6 hours.', 'So the van drives, in 6 hours: 60 × 6 = 360.')),
    ['360', '360'],
  );
});
