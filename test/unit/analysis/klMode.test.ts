// Where the KL sits (docs/design.md section 5): in the reward (Theorem 3.2) or as a loss (verl's
// use_kl_loss). Per-action numbers against independent formulas, the objectives' KL column in
// both placements, ds3's config, and `reflection-lens attribution --kl-mode / --objective`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendixC, attributeAppendixC, attributeSegmented, sigmoid } from '../../../server/src/analysis/attribution.js';
import {
  attributeObjective,
  attributeObjectives,
  threeLogitSteps,
  type ObjectiveAttribution,
} from '../../../server/src/analysis/objectives.js';
import { resolveDs3Config } from '../../../server/src/training/ds3.js';
import { runTraining } from '../../../server/src/training/runner.js';
import { readConfig, readMetrics, writeConfig } from '../../../server/src/training/runDir.js';
import { segmented } from './segmentedFixture.js';

test('per-token log-probs: a loss drags by -beta * sum of dk/dlogp (no Q); the reward adds it to Q for k2 and k3 only', () => {
  const seg = segmented([
    { correct: false, tokens: 2 },
    { correct: true, tokens: 2 },
  ]);
  const lp = {
    samples: [
      { logp: [-0.5, -1.2], ref: [-0.7, -0.9] },
      { logp: [-0.1, -0.3], ref: [-0.4, -0.2] },
    ],
    decisions: [
      { logp: [-0.2], ref: [-0.6] },
      { logp: [-0.05], ref: [-0.3] },
    ],
  };
  const beta = 0.3;
  const policy = { p: 0.6, delta1: 0.9, delta2: 0.7 };
  // Scores of W, RESAMPLE after W, C, STOP after C under the three-logit policy.
  const scores = [-policy.p, 1 - policy.delta2, 1 - policy.p, 1 - policy.delta1];
  const actions = [lp.samples[0], lp.decisions[0], lp.samples[1], lp.decisions[1]];
  const dk = {
    k1: () => 1,
    k2: (x: number) => x,
    k3: (x: number) => 1 - Math.exp(-x),
  };
  const k = {
    k1: (x: number) => x,
    k2: (x: number) => 0.5 * x * x,
    k3: (x: number) => Math.exp(-x) + x - 1,
  };
  for (const kl of ['k1', 'k2', 'k3'] as const) {
    const xs = actions.map((a) => Array.from(a.logp, (l, i) => l - a.ref[i]));
    const r = xs.map((x) => -beta * x.reduce((s, v) => s + k[kl](v), 0));
    const pathwise = xs.map((x) => -beta * x.reduce((s, v) => s + dk[kl](v), 0));
    const q = r.map((_, i) => r.slice(i).reduce((s, v) => s + v, 0));

    const loss = attributeSegmented(seg, 1, { beta, eps: 99, gamma: 1, kl, klMode: 'loss', policy }, lp);
    loss.steps.forEach((s, i) => {
      assert.ok(Math.abs(s.r - r[i]) < 1e-12, `${kl} loss r ${i}`);
      assert.equal(s.q, 0, `${kl} loss: no Q-value`);
      assert.ok(Math.abs(s.pathwise - pathwise[i]) < 1e-12, `${kl} loss pathwise ${i}`);
      assert.ok(Math.abs(s.contribution - pathwise[i] * scores[i]) < 1e-12, `${kl} loss contribution ${i}`);
    });
    const reward = attributeSegmented(seg, 1, { beta, eps: 99, gamma: 1, kl, klMode: 'reward', policy }, lp);
    reward.steps.forEach((s, i) => {
      const p = kl === 'k1' ? 0 : pathwise[i];
      assert.ok(Math.abs(s.q - q[i]) < 1e-12, `${kl} reward q ${i}`);
      assert.equal(s.pathwise, p, `${kl} reward pathwise ${i}`);
      assert.ok(Math.abs(s.contribution - (q[i] + p) * scores[i]) < 1e-12, `${kl} reward contribution ${i}`);
    });
    assert.ok(loss.parameters && reward.parameters);
    assert.ok(Math.abs(loss.parameters.theta_s.drag - (pathwise[0] * scores[0] + pathwise[2] * scores[2])) < 1e-12);
    // The surrogate does not depend on where the KL sits.
    assert.deepEqual(loss.push, reward.push);
  }
  // No placement named: the reward, as before the placement was a choice.
  const absent = attributeSegmented(seg, 1, { beta, eps: 99, gamma: 1, kl: 'k2', policy }, lp);
  assert.deepEqual(absent, attributeSegmented(seg, 1, { beta, eps: 99, gamma: 1, kl: 'k2', klMode: 'reward', policy }, lp));
});

test("Appendix C as a loss: drag = -beta * L * k'(x) * score per sample, the length weighting stays", () => {
  const x = (prob: number, refProb: number): number => Math.log(prob / refProb);
  const p = sigmoid(appendixC.logits.theta_s);
  const pr = sigmoid(appendixC.reference.theta_s);
  for (const kl of ['k2', 'k3'] as const) {
    const a = attributeAppendixC({ kl, klMode: 'loss' });
    const d = kl === 'k2' ? (v: number) => v : (v: number) => 1 - Math.exp(-v);
    const want = -appendixC.tokens * (d(x(1 - p, 1 - pr)) * -p + d(x(p, pr)) * (1 - p));
    assert.ok(a.parameters);
    assert.ok(Math.abs(a.parameters.theta_s.drag - want) < 1e-12, `${kl}: ${a.parameters.theta_s.drag} vs ${want}`);
    assert.ok(a.ratio > 10, `${kl}: sampling drag ${a.ratio}x the decisions'`);
  }
  // The worked example's default is the paper's: k1 in the reward.
  assert.deepEqual(attributeAppendixC(), attributeAppendixC({ kl: 'k1', klMode: 'reward' }));
});

const byName = (rows: ObjectiveAttribution[]): Record<string, ObjectiveAttribution> =>
  Object.fromEntries(rows.map((r) => [r.objective, r]));

test('objectives: the KL column follows the placement; as a loss it is length-weighted on its own action only (imbalanced)', () => {
  const steps = threeLogitSteps(appendixC.outcomes, appendixC.logits, appendixC.reference, {
    correct: appendixC.tokens,
    wrong: appendixC.tokens,
  });
  for (const kl of ['k1', 'k2', 'k3'] as const) {
    for (const klMode of ['loss', 'reward'] as const) {
      const o = attributeObjective('kl', steps, { advantage: appendixC.advantage, beta: 1, gamma: 1, kl, klMode, eps: 0.05 });
      const engine = attributeAppendixC({ kl, klMode });
      o.steps.forEach((s, i) => {
        assert.ok(Math.abs(s.contribution - engine.steps[i].contribution) < 1e-12, `${kl} ${klMode} contribution ${i}`);
        assert.ok(
          Math.abs(s.q - engine.steps[i].q) < 1e-12 && Math.abs(s.pathwise - engine.steps[i].pathwise) < 1e-12,
          `${kl} ${klMode} weights ${i}`,
        );
      });
      assert.ok(Math.abs(o.sampling - engine.drag.sampling) < 1e-12 && Math.abs(o.decision - engine.drag.decision) < 1e-12);
      if (klMode === 'loss') {
        assert.deepEqual(
          o.dependence,
          { decisionQOnSamplingPolicy: false, samplingQOnDecisionPolicy: false, decisionQOnFutureLengths: false, sampleQOnOwnLength: true },
          `${kl} loss`,
        );
        assert.equal(o.attribution, 'imbalanced');
      } else {
        assert.equal(o.dependence.decisionQOnSamplingPolicy, true, `${kl} reward: a decision's Q carries the next sample's KL`);
        assert.equal(o.attribution, 'imbalanced');
      }
    }
  }
  // The own-length probe leaves the other verdicts as Appendix D has them.
  const o = byName(attributeObjectives(steps, { advantage: appendixC.advantage, beta: 1, gamma: 1, kl: 'k1', eps: 0.05 }));
  assert.equal(o.surrogate.dependence.sampleQOnOwnLength, false);
  assert.equal(o.surrogate.attribution, 'balanced');
  assert.equal(o.dft.attribution, 'improved');
  assert.equal(o.sft.attribution, 'imbalanced');
});

test("ds3 config: klMode defaults to the paper's loss with low_var_kl; the worked example to k1 in the reward; bad values named", () => {
  const d = resolveDs3Config({});
  assert.deepEqual([d.klMode, d.kl], ['loss', 'k3']);
  const ex = resolveDs3Config({ example: 'appendix-c' });
  assert.deepEqual([ex.klMode, ex.kl], ['reward', 'k1']);
  assert.deepEqual(
    [resolveDs3Config({ example: 'appendix-c', klMode: 'loss', kl: 'k2' }).klMode, resolveDs3Config({ klMode: 'reward' }).kl],
    ['loss', 'k3'],
  );
  assert.throws(() => resolveDs3Config({ klMode: 'penalty' }), /ds3 config: klMode must be "loss" or "reward", got "penalty"/);
});

test('a ds3 run started before klMode existed (config.json without it) resumes with the KL in the reward', async () => {
  const root = mkdtempSync(join(tmpdir(), 'rl-klmode-run-'));
  try {
    const dir = join(root, 'run');
    const run = async (req: { config?: Record<string, unknown>[]; out?: string; resume?: string }): Promise<string[]> => {
      const logs: string[] = [];
      const done = await runTraining({
        ...req,
        signal: new AbortController().signal,
        onEvent(e) {
          if (e.type === 'log') logs.push(e.message);
        },
      });
      assert.equal(done.state, 'completed', done.error);
      return logs;
    };
    const first = await run({ config: [{ policy: 'ds3', steps: 2, kl: 'k1', groups: 4 }], out: dir });
    assert.ok(
      first.some((l) => /KL k1 as a loss/.test(l)),
      first.join('\n'),
    );
    assert.ok(
      first.some((l) => /k1 as a loss has zero expected gradient/.test(l)),
      'k1 as a loss is warned about',
    );
    const { klMode, ...old } = readConfig(dir);
    assert.equal(klMode, 'loss', 'config.json holds every key');
    writeConfig(dir, old);
    const resumed = await run({ resume: dir, config: [{ steps: 4 }] });
    assert.ok(
      resumed.some((l) => /KL k1 in the reward/.test(l)),
      resumed.join('\n'),
    );
    assert.equal(readMetrics(dir).records.length, 4);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'attribution', ...args], { encoding: 'utf8' });

test('attribution --kl-mode and --objective: per-step contributions of the chosen objective, as the engine computes them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-klmode-'));
  try {
    const file = join(dir, 'r.jsonl');
    const n = 24;
    const logprobs = Array.from({ length: n }, (_, i) => -0.05 - 0.01 * (i % 5));
    const ref = Array.from({ length: n }, (_, i) => -0.08 - 0.02 * (i % 3));
    writeFileSync(
      file,
      [
        JSON.stringify({
          prompt: 'Calculate 12 * 34.',
          response: '12 * 34 = 418.\nWait, let me recompute: 12 * 30 = 360 and 12 * 4 = 48, so 12 * 34 = 408.',
          answer: '408',
          logprobs,
          ref_logprobs: ref,
        }),
        JSON.stringify({
          prompt: 'Calculate 12 * 34.',
          response: '12 * 34 = 408',
          answer: '408',
          logprobs: logprobs.slice(0, 6),
          ref_logprobs: ref.slice(0, 6),
        }),
        '',
      ].join('\n'),
    );
    const loss = cli(file, '--json', '--kl', 'k3', '--kl-mode', 'loss', '--objective', 'sft');
    assert.equal(loss.status, 0, loss.stderr);
    const out = JSON.parse(loss.stdout);
    assert.deepEqual(out.options, { beta: 0.001, eps: 0.05, gamma: 1, kl: 'k3', klMode: 'loss', objective: 'sft' });
    const [t] = out.traces;
    assert.deepEqual(
      t.steps.map((s: { action: string }) => s.action),
      ['sample', 'RESAMPLE', 'sample', 'STOP'],
    );
    assert.ok(
      t.steps.every((s: { q: number }) => s.q === 0),
      'a loss has no Q-values',
    );
    assert.equal(t.objective.name, 'sft');
    assert.equal(t.objective.available, true);
    assert.equal(t.objective.steps.length, 4);
    // SFT's implicit reward is 1/pi per token: every step's Q is at least its own tokens' sum of exp(-logp).
    for (const s of t.objective.steps) assert.ok(s.q > 0 && s.contribution === s.q, 'unit scores: the contribution is Q');
    assert.equal(t.objective.attribution, 'imbalanced');

    // The default placement is the reward (Theorem 3.2), in the CLI as in the editor.
    const reward = JSON.parse(cli(file, '--json', '--objective', 'kl').stdout).traces[0];
    assert.deepEqual(
      reward.objective.steps.map((s: { contribution: number }) => s.contribution),
      reward.steps.map((s: { contribution: number }) => s.contribution),
      'the kl objective is the KL column',
    );
    assert.ok(reward.steps[0].q !== 0);

    const table = cli(file, '--kl-mode', 'loss', '--objective', 'dft');
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /kl-mode=loss {2}objective=dft/);
    assert.match(
      table.stdout,
      /dft per step: S [-+\d.e]+ {2}R [-+\d.e]+ {2}S [-+\d.e]+ {2}STOP [-+\d.e]+ {2}\((balanced|improved|imbalanced|unknown)\)/,
    );

    const example = cli('--example', 'appendix-c', '--kl', 'k3', '--kl-mode', 'loss', '--objective', 'surrogate');
    assert.equal(example.status, 0, example.stderr);
    assert.match(example.stdout, /KL as a loss/);
    assert.match(example.stdout, /objective surrogate: sampling -0\.0987, decisions \+0\.1488, ratio 0\.66, balanced/);

    for (const bad of [
      ['--kl-mode', 'both'],
      ['--objective', 'ppo'],
    ]) {
      const r = cli(file, ...bad);
      assert.equal(r.status, 2, bad.join(' '));
      assert.match(r.stderr, new RegExp(`${bad[0]} expects`));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
