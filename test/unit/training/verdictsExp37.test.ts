// exp37: verdicts claim only what the run supports: a claim whose design checks failed cannot be
// decided; delta1 "stays high" is decided on its interval; predicted-vs-observed leaves out tasks
// that agree by construction (p or accuracy 0 or 1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { designChecks, gateVerdicts, verdicts } from '../../../server/src/training/experiment/verdicts.js';
import type { ArmResult } from '../../../server/src/training/experiment/results.js';

const e = (value: number, lo = value, hi = value) => ({ value, lo, hi });
const task = (name: string, ood: boolean, o: { p: number; acc: number; d1?: ReturnType<typeof e>; wrong?: number }) => ({
  task: name,
  ood,
  n: 50,
  accuracy: e(o.acc, Math.max(0, o.acc - 0.1), Math.min(1, o.acc + 0.1)),
  p: e(o.p),
  delta1: o.d1 ?? e(0.9, 0.85, 0.95),
  delta2: e(0.5, 0.4, 0.6),
  predicted: e(o.acc, Math.max(0, o.acc - 0.1), Math.min(1, o.acc + 0.1)),
  perSeed: [],
  transitions: { FFecho: 0, FFnew: 0 },
  counts: { decisionsAfterWrong: o.wrong ?? 40 },
});
const arm = (name: 'rl' | 'sft-reflection', d1: ReturnType<typeof e>, p = 0.9): ArmResult =>
  ({
    name,
    label: name === 'rl' ? 'RL' : 'SFT (reflection)',
    tasks: [
      task('1x1', false, { p, acc: p }),
      ...['3x1', '4x1', '5x1', '6x1', '7x1'].map((t, i) => task(t, true, { p: 0.5 - 0.1 * i, acc: 0.5 - 0.1 * i })),
    ],
    ood: { accuracy: e(0.3, 0.25, 0.35), delta2: e(0.5, 0.4, 0.6), delta1: d1, echoRate: null },
  }) as unknown as ArmResult;

test('delta1 stays high: decided on the interval, not the point estimate', () => {
  const word = (rl: ReturnType<typeof e>, sft: ReturnType<typeof e>) =>
    verdicts([arm('rl', rl), arm('sft-reflection', sft)]).find((v) => v.id === 'delta1-ood')!.verdict;
  assert.equal(word(e(1, 0.566, 1), e(0.833, 0.436, 0.97)), 'inconclusive'); // exp37's q1: was "holds"
  assert.equal(word(e(0.9, 0.85, 0.95), e(0.9, 0.81, 0.95)), 'holds');
  assert.equal(word(e(0.5, 0.4, 0.6), e(0.6, 0.5, 0.7)), 'does not hold');
  assert.equal(word(e(0.9, 0.85, 0.95), e(0.5, 0.4, 0.6)), 'partly');
});

test('a verdict whose design checks are not met cannot be decided, and names the checks', () => {
  const ok = [arm('rl', e(0.9, 0.85, 0.95)), arm('sft-reflection', e(0.9, 0.85, 0.95))];
  assert.ok(designChecks(ok).every((c) => c.ok));
  assert.ok(gateVerdicts(verdicts(ok), designChecks(ok)).every((v) => v.verdict !== 'cannot be decided'));
  const unlearned = [arm('rl', e(0.9, 0.85, 0.95), 0.1), arm('sft-reflection', e(0.9, 0.85, 0.95), 0.1)];
  const gated = gateVerdicts(verdicts(unlearned), designChecks(unlearned));
  const d2 = gated.find((v) => v.id === 'delta2-ood')!;
  assert.equal(d2.verdict, 'cannot be decided');
  assert.deepEqual(d2.blockedBy, ['id-learned']);
  assert.match(d2.text, /^Cannot be decided: the design check "in distribution learned" \(id-learned\) is not met/);
});

test('predicted vs observed leaves out tasks that agree by construction and counts them', () => {
  const a = arm('rl', e(0.9, 0.85, 0.95));
  (a.tasks[5] as unknown as { p: unknown; accuracy: unknown; predicted: unknown }).p = e(0);
  (a.tasks[5] as unknown as { accuracy: unknown }).accuracy = e(0);
  (a.tasks[5] as unknown as { predicted: unknown }).predicted = e(0);
  const v = verdicts([a, arm('sft-reflection', e(0.9, 0.85, 0.95))]).find((x) => x.id === 'predicted-vs-observed')!;
  assert.match(v.text, /on 11 of 11 tasks/);
  assert.match(v.text, /1 task left out where p or the observed accuracy is 0% or 100%/);
});
