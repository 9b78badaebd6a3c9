// Policy `ds3`: the three-logit decision-sampling model of the paper (Appendix C, D.5) trained by
// GRPO with exact gradients. theta_s: logit of a correct sample; theta_stop: STOP | correct;
// theta_resample: RESAMPLE | wrong. A trajectory samples an answer, decides, and resamples until
// it STOPs; the reward is 1 when the answer that stands is correct.
//
// Each step samples `groups` groups of `n` trajectories (seeded), normalizes rewards within each
// group (verl's GRPO advantage), and computes per parameter, in closed form, the surrogate push
// sum_t Q_surrogate * dlog pi/dtheta (Theorem 3.1) and the KL drag (a sampling action's KL weighs
// its L tokens, a decision's one token). The KL sits where `klMode` puts it: as a loss (default,
// the paper's experiments: verl's use_kl_loss with low_var_kl), drag = -beta * sum over tokens of
// dk/dlogp * dlog pi/dtheta (pathwise, as autograd through verl's loss); in the reward (Theorem
// 3.2), drag = sum_t (Q_KL + pathwise) * dlog pi/dtheta, the pathwise term kept for k2 and k3,
// so its expectation is the exact gradient of E[-beta * sum of k] for every estimator (without it
// k2 and k3 pushed away from the reference). The per-trajectory math is the analysis engine's
// (attributeThreeLogit), shared with `reflection-lens attribution`, so the trainer and the
// analysis cannot disagree.
import { attributeThreeLogit, probabilitiesOf, type ThreeLogits } from '../analysis/attribution.js';
import { groupAdvantages } from '../analysis/grpo.js';
import { Rng } from '../analysis/random.js';
import type { KlEstimator, KlMode } from '../analysis/types.js';
import { formatRecord } from '../trace/format.js';
import { ConfigError } from './runConfig.js';
import { checkpointError, latestCheckpoint, showValue, writeCheckpoint, writeRollouts } from './runDir.js';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RunIO, TrainPolicy } from './types.js';
import { DS3_DEFAULTS } from '../../../protocol/runDefaults.js';

/** The three logits under the names the metrics use. */
export interface Ds3Logits {
  s: number;
  stop: number;
  resample: number;
}

export interface Ds3Config {
  policy: 'ds3';
  steps: number;
  seed: number;
  /** Groups (prompts) per step and trajectories per group (GRPO's n). */
  groups: number;
  n: number;
  /** Learning rate of plain gradient ascent on surrogate - beta * KL. */
  lr: number;
  /** KL coefficient. */
  beta: number;
  kl: KlEstimator;
  /**
   * KL placement: `loss` (verl's use_kl_loss, summed over a trajectory's tokens; pathwise gradient)
   * or `reward` (Theorem 3.2: in the return, Q-weighted, plus the penalty's own derivative for k2/k3).
   */
  klMode: KlMode;
  /** Tokens of a sampling action (L): its KL penalty is L per-token estimates; a decision is 1 token. */
  tokens: number;
  gamma: number;
  /** Reset the reference to the policy every M steps (0: never). */
  refResetEvery: number;
  init: Ds3Logits;
  reference: Ds3Logits;
  /** A trajectory that reaches this many attempts ends (its last decision is taken as STOP). */
  maxAttempts: number;
  logEvery: number;
  /** Write sampled rollouts as .trace every this many steps (and at the last step). */
  evalEvery: number;
  checkpointEvery: number;
  /**
   * "appendix-c": step 0 trains on the paper's worked example (Sample W, RESAMPLE, Sample C, STOP
   * with A = 0.5) instead of sampled groups, so its metrics line reproduces table C.2.
   */
  example?: 'appendix-c';
}

/** The worked example's trajectory: attempts W then C (RESAMPLE between, STOP last), advantage 0.5. */
const APPENDIX_C_TRAJECTORY = { outcomes: [false, true], advantage: 0.5 };

/**
 * Defaults: the paper's Appendix C policy, reference and KL weight (beta * L = 7.8), the KL as the
 * paper's experiments place it (a low_var_kl loss), sized to run in a few seconds; 200 steps show
 * twenty reference-reset cycles (Figure 3). `example: "appendix-c"` defaults to k1 in the reward,
 * the worked example's own setup.
 */
export const ds3Defaults: Ds3Config = { ...DS3_DEFAULTS, init: { ...DS3_DEFAULTS.init }, reference: { ...DS3_DEFAULTS.reference } };

function num(config: Record<string, unknown>, key: string, fallback: number, check: (v: number) => boolean, what: string): number {
  const v = config[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || !check(v))
    throw new ConfigError(`ds3 config: ${key} must be ${what}, got ${JSON.stringify(v)}`);
  return v;
}

function logits(config: Record<string, unknown>, key: string, fallback: Ds3Logits): Ds3Logits {
  const v = config[key];
  if (v === undefined) return { ...fallback };
  if (typeof v !== 'object' || v === null) throw new ConfigError(`ds3 config: ${key} must be an object {s, stop, resample}`);
  const o = v as Record<string, unknown>;
  const stray = Object.keys(o).find((k) => k !== 's' && k !== 'stop' && k !== 'resample');
  if (stray !== undefined) throw new ConfigError(`ds3 config: ${key} has the keys s, stop and resample, not ${JSON.stringify(stray)}`);
  const out = { ...fallback };
  for (const k of ['s', 'stop', 'resample'] as const) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'number' || !Number.isFinite(o[k])) throw new ConfigError(`ds3 config: ${key}.${k} must be a finite number`);
    out[k] = o[k] as number;
  }
  return out;
}

const positiveInt = (v: number): boolean => Number.isInteger(v) && v >= 1;
const nonNegInt = (v: number): boolean => Number.isInteger(v) && v >= 0;

/** Fills defaults and rejects bad values with a message that names the key. */
export function resolveDs3Config(config: Record<string, unknown>): Ds3Config {
  if (config.example !== undefined && config.example !== 'appendix-c')
    throw new ConfigError(`ds3 config: example must be "appendix-c", got ${JSON.stringify(config.example)}`);
  // The worked example is the paper's KL in the reward with k1: its step 0 is table C.2 only so.
  const example = config.example === 'appendix-c';
  const kl = config.kl ?? (example ? 'k1' : ds3Defaults.kl);
  if (kl !== 'k1' && kl !== 'k2' && kl !== 'k3') throw new ConfigError(`ds3 config: kl must be k1, k2 or k3, got ${JSON.stringify(kl)}`);
  const klMode = config.klMode ?? (example ? 'reward' : ds3Defaults.klMode);
  if (klMode !== 'loss' && klMode !== 'reward')
    throw new ConfigError(`ds3 config: klMode must be "loss" or "reward", got ${JSON.stringify(klMode)}`);
  const d = ds3Defaults;
  return {
    policy: 'ds3',
    steps: num(config, 'steps', d.steps, nonNegInt, 'a non-negative integer'),
    seed: num(config, 'seed', d.seed, Number.isInteger, 'an integer'),
    groups: num(config, 'groups', d.groups, positiveInt, 'a positive integer'),
    n: num(config, 'n', d.n, positiveInt, 'a positive integer'),
    lr: num(config, 'lr', d.lr, (v) => v >= 0, 'a number >= 0'),
    beta: num(config, 'beta', d.beta, (v) => v >= 0, 'a number >= 0'),
    kl,
    klMode,
    tokens: num(config, 'tokens', d.tokens, (v) => v > 0, 'a number > 0'),
    gamma: num(config, 'gamma', d.gamma, (v) => v >= 0 && v <= 1, 'in [0, 1]'),
    refResetEvery: num(config, 'refResetEvery', d.refResetEvery, nonNegInt, 'a non-negative integer'),
    init: logits(config, 'init', d.init),
    reference: logits(config, 'reference', d.reference),
    maxAttempts: num(config, 'maxAttempts', d.maxAttempts, positiveInt, 'a positive integer'),
    logEvery: num(config, 'logEvery', d.logEvery, positiveInt, 'a positive integer'),
    evalEvery: num(config, 'evalEvery', d.evalEvery, nonNegInt, 'a non-negative integer'),
    checkpointEvery: num(config, 'checkpointEvery', d.checkpointEvery, nonNegInt, 'a non-negative integer'),
    ...(config.example === 'appendix-c' ? { example: 'appendix-c' as const } : {}),
  };
}

const toThree = (l: Ds3Logits): ThreeLogits => ({ theta_s: l.s, theta_stop: l.stop, theta_resample: l.resample });
const zero = (): Ds3Logits => ({ s: 0, stop: 0, resample: 0 });

/** One sampled trajectory: the correctness of each attempt; RESAMPLE between attempts, STOP after the last. */
export interface Ds3Trajectory {
  outcomes: boolean[];
  /** Ended by maxAttempts rather than a sampled STOP. */
  truncated: boolean;
}

export function sampleTrajectory(rng: Rng, theta: Ds3Logits, maxAttempts: number): Ds3Trajectory {
  const { p, delta1, delta2 } = probabilitiesOf(toThree(theta));
  const outcomes: boolean[] = [];
  for (;;) {
    const correct = rng.bernoulli(p);
    outcomes.push(correct);
    const resample = correct ? !rng.bernoulli(delta1) : rng.bernoulli(delta2);
    if (!resample) return { outcomes, truncated: false };
    if (outcomes.length >= maxAttempts) return { outcomes, truncated: true };
  }
}

export interface Ds3StepResult {
  push: Ds3Logits;
  drag: Ds3Logits;
  /** Mean reward (answer that stands is correct). */
  reward: number;
  /** Mean KL estimate of a trajectory (sum over its tokens and decisions). */
  kl: number;
  attempts: number;
  trajectories: Ds3Trajectory[];
}

/**
 * Batch gradients: the mean over trajectories of each one's exact per-parameter push and drag.
 * `advantages[i]` belongs to `trajectories[i]`.
 */
export function ds3Gradients(
  trajectories: Ds3Trajectory[],
  advantages: number[],
  theta: Ds3Logits,
  reference: Ds3Logits,
  c: Pick<Ds3Config, 'beta' | 'gamma' | 'kl' | 'tokens'> & { klMode?: KlMode },
): Omit<Ds3StepResult, 'reward' | 'trajectories'> {
  const push = zero();
  const drag = zero();
  let kl = 0;
  let attempts = 0;
  trajectories.forEach((t, i) => {
    const a = attributeThreeLogit(t.outcomes, toThree(theta), toThree(reference), {
      advantage: advantages[i],
      beta: c.beta,
      gamma: c.gamma,
      kl: c.kl,
      klMode: c.klMode,
      tokens: { correct: c.tokens, wrong: c.tokens },
    });
    const g = a.parameters;
    if (!g) throw new Error('three-logit attribution returned no per-parameter gradients');
    push.s += g.theta_s.push;
    push.stop += g.theta_stop.push;
    push.resample += g.theta_resample.push;
    drag.s += g.theta_s.drag;
    drag.stop += g.theta_stop.drag;
    drag.resample += g.theta_resample.drag;
    // r = -beta * KL per action; beta may be 0, so sum the estimates from r only when it can.
    kl += c.beta > 0 ? -a.steps.reduce((s, x) => s + x.r, 0) / c.beta : 0;
    attempts += t.outcomes.length;
  });
  const m = trajectories.length || 1;
  for (const k of ['s', 'stop', 'resample'] as const) {
    push[k] /= m;
    drag[k] /= m;
  }
  return { push, drag, kl: kl / m, attempts: attempts / m };
}

/** Sampling : decision attribution, |g_s| / (|g_stop| + |g_resample|); NaN (null in JSON) when both are 0. */
export function attributionRatio(g: Ds3Logits): number {
  return Math.abs(g.s) / (Math.abs(g.stop) + Math.abs(g.resample));
}

/** Infinite-horizon accuracy of the policy: p*d1 / (p*d1 + (1-p)*(1-d2)) (docs/design.md section 4). */
export function predictedAccuracy(theta: Ds3Logits): number {
  const { p, delta1, delta2 } = probabilitiesOf(toThree(theta));
  return (p * delta1) / (p * delta1 + (1 - p) * (1 - delta2));
}

/** A per-step stream of random numbers that depends on (seed, step) only, so a resumed run draws what an uninterrupted one would. */
function stepRng(seed: number, step: number, stream: number): Rng {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(step + 1, 0xc2b2ae35) ^ Math.imul(stream + 1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return new Rng((h ^ (h >>> 13)) >>> 0);
}

function sampleBatch(
  c: Ds3Config,
  theta: Ds3Logits,
  step: number,
): { trajectories: Ds3Trajectory[]; advantages: number[]; rewards: number[] } {
  const rng = stepRng(c.seed, step, 0);
  const trajectories: Ds3Trajectory[] = [];
  const advantages: number[] = [];
  const rewards: number[] = [];
  for (let g = 0; g < c.groups; g++) {
    const group = Array.from({ length: c.n }, () => sampleTrajectory(rng, theta, c.maxAttempts));
    const r = group.map((t) => (t.outcomes[t.outcomes.length - 1] ? 1 : 0));
    trajectories.push(...group);
    rewards.push(...r);
    advantages.push(...groupAdvantages(r));
  }
  return { trajectories, advantages, rewards };
}

// The Appendix C task: "What is 7 * 8?", correct 56, wrong answers drawn from near misses.
const QUERY = 'Calculate 7 * 8. Think step by step.';
const WRONG = ['54', '48', '63', '58', '42', '64', '52'];
const MARKERS = ['Let me recompute.', "I'll go back and check.", 'I made a mistake.', 'Wait, let me double-check.'];

/**
 * Renders trajectories as .trace records: each attempt ends its line with "= answer", each
 * RESAMPLE opens the next attempt with a marker phrase, so segmentation recovers the actions.
 * The model header `<run>@step-<N>` keeps steps and runs apart when several are calibrated together.
 */
export function renderRollouts(trajectories: Ds3Trajectory[], step: number, groupSize: number, rng: Rng, runName: string): string {
  let out = '';
  trajectories.forEach((t, i) => {
    const lines = t.outcomes.map((correct, k) => {
      const answer = correct ? '56' : rng.pick(WRONG);
      const attempt = `7 * 8 = ${answer}`;
      return k === 0 ? `Seven eights: ${attempt}` : `${rng.pick(MARKERS)}\n${attempt}`;
    });
    out += formatRecord({
      id: `${step}-${i}`,
      headers: {
        query: QUERY,
        answer: '56',
        model: `${runName}@step-${step}`,
        group: `step-${step}-group-${Math.floor(i / groupSize)}`,
        step,
        truncated: t.truncated ? 'true' : undefined,
        // Cut at maxAttempts where the policy drew RESAMPLE: the STOP the record ends in was not
        // its choice (left out by default as truncated; with --include-truncated not counted as a decision).
        forced_stop: t.truncated ? 'true' : undefined,
      },
      body: lines.join('\n'),
    });
  });
  return out;
}

interface Ds3Checkpoint {
  /** Steps completed. */
  step: number;
  theta: Ds3Logits;
  reference: Ds3Logits;
}

function saveCheckpoint(io: RunIO, state: Ds3Checkpoint): void {
  writeCheckpoint(io.runDir, state.step, { 'state.json': JSON.stringify(state, null, 2) + '\n' });
}

/**
 * Reads and validates a ds3 checkpoint's state.json: a JSON object whose `step` is the folder's
 * step and whose `theta` and `reference` hold three finite numbers each. Anything else is a
 * RunDirError naming the file, the field and what was expected (a resume never trains on NaN).
 */
export function readDs3Checkpoint(runDir: string, latest: { step: number; dir: string }): Ds3Checkpoint {
  const fail = (problem: string): never => {
    throw checkpointError(runDir, latest, 'state.json', problem);
  };
  let text = '';
  try {
    text = readFileSync(join(latest.dir, 'state.json'), 'utf8');
  } catch (err) {
    fail(`cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    fail(`not valid JSON (${(err as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    fail(`expected a JSON object {step, theta, reference}, got ${Array.isArray(raw) ? 'an array' : showValue(raw)}`);
  const o = raw as Record<string, unknown>;
  if (o.step !== latest.step)
    fail(
      Number.isInteger(o.step)
        ? `"step" is ${String(o.step)}, expected ${latest.step} (the checkpoint folder's step)`
        : `"step" must be the integer ${latest.step} (the checkpoint folder's step), got ${showValue(o.step)}`,
    );
  const logits = (key: 'theta' | 'reference'): Ds3Logits => {
    const v = o[key];
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return fail(`"${key}" must be an object {s, stop, resample} of finite numbers, got ${showValue(v)}`);
    const l = v as Record<string, unknown>;
    for (const k of ['s', 'stop', 'resample'] as const) {
      if (typeof l[k] !== 'number' || !Number.isFinite(l[k])) fail(`"${key}.${k}" must be a finite number, got ${showValue(l[k])}`);
    }
    return { s: l.s as number, stop: l.stop as number, resample: l.resample as number };
  };
  return { step: latest.step, theta: logits('theta'), reference: logits('reference') };
}

/** Checks the newest checkpoint before a resume writes anything (the runner calls this). */
export function checkDs3Checkpoint(runDir: string): void {
  const latest = latestCheckpoint(runDir);
  if (latest) readDs3Checkpoint(runDir, latest);
}

function loadCheckpoint(runDir: string): Ds3Checkpoint | null {
  const latest = latestCheckpoint(runDir);
  return latest ? readDs3Checkpoint(runDir, latest) : null;
}

export const trainDs3: TrainPolicy = async (raw, io) => {
  const c = resolveDs3Config(raw);
  const resumed = loadCheckpoint(io.runDir);
  // A run directory's config.json holds every key: one without klMode was started when the KL was
  // always in the reward, and resumes so.
  if (resumed && raw.klMode === undefined) c.klMode = 'reward';
  let theta = resumed ? { ...resumed.theta } : { ...c.init };
  let reference = resumed ? { ...resumed.reference } : { ...c.reference };
  let step = resumed?.step ?? 0;
  io.log(
    resumed
      ? `ds3: resuming at step ${step} of ${c.steps}`
      : `ds3: ${c.steps} steps, ${c.groups} groups x ${c.n} trajectories, backend js-exact (closed-form gradients in plain JS)`,
  );
  if (typeof raw.backend === 'string' && raw.backend !== 'auto')
    io.log(`ds3: backend "${raw.backend}" ignored: ds3's gradients are closed-form plain JS (no TensorFlow.js)`);
  io.log(
    `ds3: KL ${c.kl} ${c.klMode === 'loss' ? 'as a loss (verl use_kl_loss, pathwise gradient)' : 'in the reward (Theorem 3.2)'}, beta ${c.beta}`,
  );
  if (c.klMode === 'loss' && c.kl === 'k1' && c.beta > 0)
    io.log(
      'ds3: k1 as a loss has zero expected gradient (d(log pi - log pi_ref)/dtheta averages to 0 over the sampled actions): the KL will not hold the policy near the reference; use k2 or k3, or klMode "reward"',
    );

  for (; step < c.steps; step++) {
    // Reference reset (verl's ref-model update): the reference becomes the policy that samples
    // this step, so this step's KL and drag are exactly 0 (the attribution ratio is undefined,
    // logged as null); the cycle after it shows how the KL drags what the push moved.
    const resetRef = c.refResetEvery > 0 && step > 0 && step % c.refResetEvery === 0;
    if (resetRef) reference = { ...theta };
    const worked = c.example === 'appendix-c' && step === 0;
    const batch = worked
      ? {
          trajectories: [{ outcomes: APPENDIX_C_TRAJECTORY.outcomes, truncated: false }],
          advantages: [APPENDIX_C_TRAJECTORY.advantage],
          rewards: [1],
        }
      : sampleBatch(c, theta, step);
    const g = ds3Gradients(batch.trajectories, batch.advantages, theta, reference, c);
    const net = { s: g.push.s + g.drag.s, stop: g.push.stop + g.drag.stop, resample: g.push.resample + g.drag.resample };
    const last = step === c.steps - 1;
    if (step % c.logEvery === 0 || last) {
      const probs = probabilitiesOf(toThree(theta));
      io.emit({
        step,
        policy: 'ds3',
        backend: 'js-exact',
        p: probs.p,
        delta1: probs.delta1,
        delta2: probs.delta2,
        accuracy: predictedAccuracy(theta),
        reward: batch.rewards.reduce((s, r) => s + r, 0) / batch.rewards.length,
        theta: { ...theta },
        reference: { ...reference },
        push: g.push,
        drag: g.drag,
        net,
        ratio: { surrogate: attributionRatio(g.push), kl: attributionRatio(g.drag) },
        kl: g.kl,
        attempts: g.attempts,
        trajectories: batch.trajectories.length,
        refReset: resetRef,
        ...(worked ? { example: 'appendix-c' } : {}),
      });
    }
    if ((c.evalEvery > 0 && step % c.evalEvery === 0) || last) {
      writeRollouts(
        io.runDir,
        `step-${String(step).padStart(6, '0')}`,
        renderRollouts(batch.trajectories, step, worked ? 1 : c.n, stepRng(c.seed, step, 1), basename(io.runDir)),
      );
    }
    theta = { s: theta.s + c.lr * net.s, stop: theta.stop + c.lr * net.stop, resample: theta.resample + c.lr * net.resample };

    const done = step + 1;
    if (io.signal.aborted) {
      // The run's one stop line is the runner's done event ("stopped at step <done>/<steps>").
      saveCheckpoint(io, { step: done, theta, reference });
      return;
    }
    if ((c.checkpointEvery > 0 && done % c.checkpointEvery === 0) || done === c.steps) saveCheckpoint(io, { step: done, theta, reference });
    // Yield to the event loop so a stop request (signal, IPC message) is seen between steps.
    await new Promise((r) => setImmediate(r));
  }
};
