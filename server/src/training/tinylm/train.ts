// The tiny-lm training loop: supervised warm-up on reflection data (SFT or DFT), then GRPO with
// the paper's knobs, evaluation on in- and out-of-distribution operand sizes written as .trace
// rollouts, metrics per step, checkpoints and resume, cancellation between steps.
import { basename, resolve } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { selectBackend, type Tf } from '../backend.js';
import { DecisionStats, Layout, Rng, reflectionSequence, reward, sampleProblem, type Problem } from '../multiplication.js';
import type { RunIO, TrainPolicy } from '../types.js';
import { Adam } from './adam.js';
import {
  clearPendingEvaluation,
  loadLatestCheckpoint,
  pruneCheckpoints,
  readTinyLmCheckpoint,
  saveCheckpoint,
  type ExpectedTensors,
  type LoopState,
} from './checkpoint.js';
import { learningRateAt, parseConfig, resolveTinyLmConfig, type TinyLmConfig } from './config.js';
import {
  cloneParams,
  disposeParams,
  initParams,
  variableOf,
  makeModel,
  matmulModeFor,
  paramShapes,
  type Model,
  type ModelShape,
  type Params,
} from './model.js';
import { groupAdvantages, makeConstants, maskWrongAttempts, responseMask, tokenLogp, type Constants } from './objectives.js';
import { grpoUpdate, supervisedUpdate, type Learner } from './update.js';
import { EvaluationInterrupted, evalProblems, evaluateSplit, generate, writeSplit, type SplitResult } from './rollout.js';

type Tensor = tfjs.Tensor;

export { resolveTinyLmConfig };

/** Warm-up steps actually run: `steps` counts the whole run, warm-up included. */
const warmupOf = (cfg: TinyLmConfig) => (cfg.objective === 'grpo' ? Math.min(cfg.warmupSteps, cfg.steps) : 0);

/** Phase of the s-th step (s = steps completed once it ends, 1-based). */
function phaseOf(cfg: TinyLmConfig, s: number): 'sft' | 'dft' | 'grpo' {
  return s <= warmupOf(cfg) ? cfg.warmupObjective : cfg.objective;
}

/** The token layout of a run: its tasks, and as many attempts as maxAttempts and maxResponseLength allow. */
function layoutOf(cfg: TinyLmConfig): Layout {
  const tasks = [...cfg.tasks, ...cfg.oodTasks],
    compact = cfg.layout === 'compact';
  const attempts =
    cfg.maxResponseLength === null
      ? cfg.maxAttempts
      : Math.min(cfg.maxAttempts, Math.floor(cfg.maxResponseLength / new Layout(tasks, 1, compact).attemptLength));
  if (attempts < 1) throw new Error(`tiny-lm config: maxResponseLength ${cfg.maxResponseLength} is shorter than one attempt`);
  return new Layout(tasks, attempts, compact);
}

function modelShapeOf(cfg: TinyLmConfig, layout: Layout): ModelShape {
  return {
    vocab: 16,
    seqLength: layout.seqLength,
    slots: layout.slots(),
    segments: layout.segments(),
    dModel: cfg.dModel,
    heads: cfg.heads,
    layers: cfg.layers,
    mlpRatio: cfg.mlpRatio,
  };
}

/** What a checkpoint of this config holds: parameters, Adam moments when saved, and the reference once GRPO has begun. */
function expectedTensors(cfg: TinyLmConfig, shape: ModelShape): (state: LoopState) => ExpectedTensors {
  const params = paramShapes(shape);
  return (st) => ({
    required: [
      ...params.map(([n, s]): [string, number[]] => [`p/${n}`, s]),
      ...(st.step > 0 && phaseOf(cfg, st.step) === 'grpo' ? params.map(([n, s]): [string, number[]] => [`ref/${n}`, s]) : []),
    ],
    optional: params.flatMap(([n, s]): [string, number[]][] => [
      [`m/${n}`, s],
      [`v/${n}`, s],
    ]),
  });
}

/**
 * Validates the newest checkpoint of a run against its config (names, shapes, finite values, loop
 * state) without loading TensorFlow.js; the runner calls it before a resume writes anything.
 */
export function checkTinyLmCheckpoint(runDir: string, raw: Record<string, unknown>): void {
  const cfg = parseConfig(raw);
  readTinyLmCheckpoint(runDir, expectedTensors(cfg, modelShapeOf(cfg, layoutOf(cfg))));
}

export const trainTinyLm: TrainPolicy = async (raw, io) => {
  const cfg = parseConfig(raw);
  const backend = await selectBackend(cfg.backend);
  io.log(
    `tiny-lm: backend ${backend.name} (${backend.detail})${backend.skipped.length ? `; not used: ${backend.skipped.join('; ')}` : ''}`,
  );
  // The first metrics line of each process also says why faster backends were not used (the UI shows it).
  let announced = false;
  const emit: RunIO['emit'] = (m) => {
    io.emit(announced ? m : { ...m, backendDetail: backend.detail, backendNotUsed: backend.skipped });
    announced = true;
  };
  const run = new TinyLmRun(backend.tf, backend.name, cfg, { ...io, emit });
  try {
    return await run.train();
  } finally {
    run.dispose();
  }
};

type Evaluation = { id: SplitResult; ood: SplitResult | null };
/** A metrics line waiting for its step's evaluation (kept in the checkpoint's loop state). */
type PendingEval = Record<string, unknown> & { step: number };

class TinyLmRun {
  readonly layout: Layout;
  readonly model: Model;
  readonly consts: Constants;
  params: Params;
  reference: Params | null = null;
  adam: Adam;
  rng: Rng;
  step = 0;
  /** Completed steps of the newest checkpoint on disk that this run wrote or resumed from (null: none). */
  checkpointed: number | null = null;
  /** The metrics line of the checkpointed step whose evaluation a stop interrupted (the resume runs it first). */
  pendingEval: PendingEval | null = null;
  readonly total: number;
  readonly idEval: Problem[];
  readonly oodEval: Problem[];

  constructor(
    readonly tf: Tf,
    readonly backendName: string,
    readonly cfg: TinyLmConfig,
    readonly io: RunIO,
  ) {
    this.layout = layoutOf(cfg);
    this.model = makeModel(tf, modelShapeOf(cfg, this.layout), matmulModeFor(backendName));
    this.consts = makeConstants(tf, this.layout);
    this.params = initParams(tf, this.model.shape, cfg.seed);
    this.adam = new Adam(tf, warmupOf(cfg) > 0 ? cfg.warmupLr : cfg.lr);
    this.rng = new Rng(cfg.seed * 7919 + 17);
    this.total = cfg.steps;
    this.idEval = evalProblems(cfg.tasks, cfg.evalSize, cfg.seed);
    this.oodEval = evalProblems(cfg.oodTasks, cfg.evalSize, cfg.seed + 1);
  }

  dispose(): void {
    disposeParams(this.params);
    if (this.reference) disposeParams(this.reference);
    this.adam.dispose();
    this.consts.targetBias.dispose();
    this.model.dispose();
  }

  /**
   * Model name in the rollouts' `model:` header for the weights after s completed steps:
   * `<run>@step-<s>` as ds3 writes it (the run folder's name, so two runs calibrated together stay
   * apart, and the calibration view draws a run as one series over its steps; whether step s was
   * warm-up or GRPO is the metrics line's `phase`), or the configured modelName (the experiment's arms).
   */
  modelName(s: number): string {
    const { cfg } = this;
    if (cfg.modelName !== null) return s === this.total ? cfg.modelName : `${cfg.modelName}@step-${s}`;
    return `${basename(this.io.runDir)}@step-${s}`;
  }

  /**
   * Metrics lines carry `step` = the 0-based index of the step just run (ds3's convention: a
   * checkpoint of N completed steps covers lines 0..N-1); the evaluation before any training is
   * a separate line with phase "init" and step 0.
   */
  async train(): Promise<{ evaluationPending: boolean }> {
    const { cfg, io } = this;
    if (this.resume()) io.log(`tiny-lm: resumed after step ${this.step} of ${this.total}`);
    else if (cfg.initFrom !== null) this.initFrom(cfg.initFrom);
    // A stop during the evaluation of the checkpointed step: run it now, then log the step's line.
    if (this.pendingEval) {
      io.log(`tiny-lm: running the evaluation of step ${this.step} that a stop interrupted`);
      const ev = await this.evaluate(this.step);
      if (!ev) return this.interrupted();
      // The model name of the rollouts just written (a resume that raised `steps` renames the old last step).
      this.emitEvaluated({ ...this.pendingEval, model: this.modelName(this.step) }, ev);
      clearPendingEvaluation(io.runDir);
      this.pendingEval = null;
    }
    // Also after a resume at step 0 (a stop before the first step): its metrics lines were dropped.
    // A stop during it checkpoints step 0 below, and the resume evaluates again.
    const ev = this.step === 0 && cfg.evalAtStart && !io.signal.aborted ? await this.evaluate(0) : null;
    if (ev) {
      io.emit({
        step: 0,
        phase: 'init',
        backend: this.backendName,
        model: this.modelName(0),
        reward: ev.id.reward,
        p: ev.id.p,
        delta1: ev.id.delta1,
        delta2: ev.id.delta2,
        eval: ev,
        tensors: this.tf.memory().numTensors,
      });
    }
    const warmup = warmupOf(cfg);
    while (this.step < this.total && !io.signal.aborted) {
      const s = this.step + 1;
      const phase = phaseOf(cfg, s);
      if (phase === 'grpo' && !this.reference) this.beginRl();
      this.adam.lr = learningRateAt(cfg, s);
      const t0 = performance.now();
      const m = phase === 'grpo' ? await this.grpoStep() : this.supervisedStep(phase);
      this.step = s;
      const mainStep = s - warmup;
      const evalNow = s === this.total || (warmup > 0 && s === warmup) || (mainStep > 0 && mainStep % cfg.evalEvery === 0);
      if (evalNow || (s - 1) % cfg.logEvery === 0) {
        const [loss, kl, clipFrac] = Array.from(await m.scalars.data());
        const seconds = (performance.now() - t0) / 1000;
        const record: Record<string, unknown> & { step: number } = {
          step: s - 1,
          phase,
          backend: this.backendName,
          model: this.modelName(s),
          reward: m.stats?.reward ?? null,
          p: m.stats?.p ?? null,
          delta1: m.stats?.delta1 ?? null,
          delta2: m.stats?.delta2 ?? null,
          loss,
          ...(phase === 'grpo' ? { kl, clipFrac } : {}),
          tokensPerSec: (m.rows * this.layout.seqLength) / seconds,
          stepSeconds: seconds,
        };
        const ev = evalNow ? await this.evaluate(s) : null;
        if (evalNow && !ev) {
          // Stopped during the evaluation (Ctrl-C waits for the current position, not the whole
          // evaluation): the step is done, so checkpoint it with its metrics line pending; no
          // rollouts of it were written. The resume runs the evaluation, then logs the line.
          m.scalars.dispose();
          this.pendingEval = record;
          await this.checkpoint();
          return this.interrupted();
        }
        this.emitEvaluated(record, ev);
      }
      m.scalars.dispose();
      if (s % cfg.checkpointEvery === 0 || s === warmup || s === this.total) await this.checkpoint();
      // Yield to the event loop so a stop request (SIGTERM/SIGINT, an IPC message, the parent
      // going away) is seen between steps. The awaits above do not: on the cpu and wasm backends
      // data() and the rollouts resolve as promise jobs, which run before the event loop can
      // deliver a signal, so without this a run trained to its end whatever it was sent.
      await new Promise((r) => setImmediate(r));
    }
    // Stopped early: checkpoint the last finished step (unless that step was just checkpointed).
    // The run's one stop line is the runner's done event ("stopped at step N/total").
    if (io.signal.aborted && this.step < this.total && this.checkpointed !== this.step) await this.checkpoint();
    return { evaluationPending: false };
  }

  /** A stop during an evaluation: the newest checkpoint (written) holds the step; its evaluation waits for --resume. */
  async interrupted(): Promise<{ evaluationPending: boolean }> {
    if (this.checkpointed !== this.step) await this.checkpoint();
    const pending = this.pendingEval !== null;
    this.io.log(
      pending
        ? `tiny-lm: stopped during the evaluation of step ${this.step}; checkpoint of step ${this.step} kept, no rollouts of it written: --resume runs the evaluation`
        : `tiny-lm: stopped during the evaluation of step ${this.step}; no rollouts of it written: --resume runs the evaluation`,
    );
    return { evaluationPending: pending };
  }

  /** Emits a step's metrics line with its evaluation (supervised steps report the evaluation's numbers). */
  emitEvaluated(record: PendingEval, ev: Evaluation | null): void {
    const line: Record<string, unknown> & { step: number } = { ...record };
    if (ev) {
      line.eval = ev;
      // Supervised steps have no rollouts of their own: report the evaluation's numbers.
      if (line.phase !== 'grpo') Object.assign(line, { reward: ev.id.reward, p: ev.id.p, delta1: ev.id.delta1, delta2: ev.id.delta2 });
    }
    this.io.emit({ ...line, tensors: this.tf.memory().numTensors });
  }

  /**
   * Samples both splits, then writes their rollouts (an interrupted evaluation writes none); null
   * when the run's signal stopped it (within one position of the sampling).
   */
  async evaluate(s: number): Promise<Evaluation | null> {
    const common = {
      temperature: this.cfg.evalTemperature,
      seed: this.cfg.seed,
      step: s,
      modelName: this.modelName(s),
      markers: this.cfg.markers,
      signal: this.io.signal,
    };
    try {
      const id = await evaluateSplit(this.tf, this.model, this.params, this.layout, this.idEval, { ...common, split: 'id' });
      const ood = this.oodEval.length
        ? await evaluateSplit(this.tf, this.model, this.params, this.layout, this.oodEval, { ...common, split: 'ood' })
        : null;
      return { id: writeSplit(this.io.runDir, id), ood: ood ? writeSplit(this.io.runDir, ood) : null };
    } catch (err) {
      if (err instanceof EvaluationInterrupted) return null;
      throw err;
    }
  }

  /** Starts from another run's newest parameters (initFrom); the shapes must be this config's. */
  initFrom(dir: string): void {
    const { tf } = this;
    const shapes = paramShapes(this.model.shape);
    let data;
    try {
      data = readTinyLmCheckpoint(resolve(dir), () => ({
        required: shapes.map(([n, sh]): [string, number[]] => [`p/${n}`, sh]),
        optional: [],
      }));
    } catch (err) {
      throw new Error(`tiny-lm config: "initFrom": ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (!data) throw new Error(`tiny-lm config: "initFrom": ${dir} has no checkpoint to start from`);
    for (const [n, v] of this.params) {
      const t = data.tensors.get(`p/${n}`)!;
      tf.tidy(() => v.assign(tf.tensor(t.values, t.shape)));
    }
    this.io.log(`tiny-lm: parameters from ${data.dir}`);
  }

  /** The task of the next training sequence or prompt: `trainTasks` (or `tasks`), by `trainWeights`. */
  pickTask(): string {
    const { cfg } = this;
    const tasks = cfg.trainTasks ?? cfg.tasks;
    if (!cfg.trainWeights) return this.rng.pick(tasks);
    const total = cfg.trainWeights.reduce((a, b) => a + b, 0);
    let u = this.rng.next() * total;
    for (let i = 0; i < tasks.length; i++) {
      u -= cfg.trainWeights[i];
      if (u < 0) return tasks[i];
    }
    return tasks[tasks.length - 1];
  }

  /** The reference policy is the checkpoint GRPO starts from (the SFT warm-up's result). */
  beginRl(): void {
    this.reference = cloneParams(this.tf, this.params);
    this.adam.dispose();
    this.adam = new Adam(this.tf, this.cfg.lr);
  }

  supervisedStep(objective: 'sft' | 'dft'): { rows: number; scalars: Tensor; stats?: undefined } {
    const { tf, cfg, layout } = this;
    const rows = cfg.batchSize,
      T = layout.seqLength;
    const tokens = new Int32Array(rows * T);
    const plain = this.step + 1 < cfg.reflectionFromStep;
    const data = plain
      ? { firstCorrect: 1, echo: 0, retryRate: 0 }
      : { firstCorrect: cfg.firstCorrect, echo: cfg.echo, retryRate: cfg.retryRate };
    const products: number[] = [];
    for (let b = 0; b < rows; b++) {
      const p = sampleProblem(this.pickTask(), this.rng);
      products.push(p.product);
      tokens.set(reflectionSequence(layout, p, data, this.rng), b * T);
    }
    const maskData = responseMask(layout, tokens, rows);
    if (!cfg.lossOnWrongAttempts) maskWrongAttempts(layout, tokens, rows, products, maskData);
    const count = maskData.reduce((a, b) => a + b, 0);
    const tok = tf.tensor2d(tokens, [rows, T], 'int32'),
      mask = tf.tensor2d(maskData, [rows, T - 1]);
    const scalars = supervisedUpdate(this.learner(), objective, tok, mask, count);
    tok.dispose();
    mask.dispose();
    return { rows, scalars };
  }

  learner(): Learner {
    return { tf: this.tf, model: this.model, params: this.params, adam: this.adam, consts: this.consts, gradClip: this.cfg.gradClip };
  }

  async grpoStep(): Promise<{ rows: number; scalars: Tensor; stats: ReturnType<DecisionStats['summary']> }> {
    const { tf, cfg, layout } = this;
    const problems: Problem[] = [];
    for (let q = 0; q < cfg.promptsPerStep; q++) {
      const p = sampleProblem(this.pickTask(), this.rng);
      for (let i = 0; i < cfg.groupSize; i++) problems.push(p);
    }
    const roll = await generate(tf, this.model, this.params, layout, problems, cfg.temperature, this.rng);
    const stats = new DecisionStats(layout.maxAttempts);
    const rewards = roll.attempts.map((a, i) => {
      stats.add(problems[i], a);
      return reward(problems[i], a);
    });
    const adv = groupAdvantages(rewards, cfg.groupSize);
    const rows = problems.length,
      T = layout.seqLength;
    const maskData = responseMask(layout, roll.tokens, rows);
    // Old and reference log-probs: one forward each over the whole batch, outside the tape.
    const tokAll = tf.tensor2d(roll.tokens, [rows, T], 'int32');
    const maskAll = tf.tensor2d(maskData, [rows, T - 1]);
    const oldLogp = tf.tidy(() => tokenLogp(tf, this.model, this.params, tokAll, this.consts, maskAll));
    const refLogp = cfg.klLossCoef > 0 ? tf.tidy(() => tokenLogp(tf, this.model, this.reference!, tokAll, this.consts, maskAll)) : oldLogp;
    tokAll.dispose();
    maskAll.dispose();
    const order = Array.from({ length: rows }, (_, i) => i);
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(this.rng.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const mb = rows / cfg.miniBatches;
    const parts: Tensor[] = [];
    for (let k = 0; k < cfg.miniBatches; k++) {
      const idx = order.slice(k * mb, (k + 1) * mb);
      const tok = new Int32Array(mb * T),
        mask = new Float32Array(mb * (T - 1)),
        a = new Float32Array(mb);
      idx.forEach((r, i) => {
        tok.set(roll.tokens.subarray(r * T, (r + 1) * T), i * T);
        mask.set(maskData.subarray(r * (T - 1), (r + 1) * (T - 1)), i * (T - 1));
        a[i] = adv[r];
      });
      const count = mask.reduce((x, y) => x + y, 0);
      parts.push(
        tf.tidy(() => {
          const idxT = tf.tensor1d(idx, 'int32');
          return grpoUpdate(
            this.learner(),
            {
              tokens: tf.tensor2d(tok, [mb, T], 'int32'),
              mask: tf.tensor2d(mask, [mb, T - 1]),
              count,
              advantages: tf.tensor2d(a, [mb, 1]),
              oldLogp: tf.gather(oldLogp, idxT),
              refLogp: tf.gather(refLogp, idxT),
            },
            cfg,
          );
        }),
      );
    }
    oldLogp.dispose();
    if (refLogp !== oldLogp) refLogp.dispose();
    const scalars = tf.tidy(() => tf.mean(tf.stack(parts), 0));
    parts.forEach((p) => p.dispose());
    return { rows, scalars, stats: stats.summary() };
  }

  async checkpoint(): Promise<void> {
    const tensors: [string, Tensor][] = [];
    for (const [n, v] of this.params) tensors.push([`p/${n}`, v]);
    for (const [n, v] of this.adam.m) tensors.push([`m/${n}`, v]);
    for (const [n, v] of this.adam.v) tensors.push([`v/${n}`, v]);
    const groups: Record<string, [string, Tensor][]> = { 'weights.bin': tensors };
    if (this.reference) groups['reference.bin'] = [...this.reference].map(([n, v]) => [`ref/${n}`, v] as [string, Tensor]);
    const state: LoopState = {
      step: this.step,
      rng: this.rng.state,
      adamT: this.adam.t,
      ...(this.pendingEval ? { pendingEval: this.pendingEval } : {}),
    };
    await saveCheckpoint(this.io.runDir, this.step, groups, state);
    pruneCheckpoints(this.io.runDir, 3);
    this.checkpointed = this.step;
  }

  /** Restores the newest checkpoint, if any: weights, optimizer moments, sampler state, reference. */
  resume(): boolean {
    const { tf, cfg, io } = this;
    const ck = loadLatestCheckpoint(tf, io.runDir, expectedTensors(cfg, this.model.shape));
    if (!ck) return false;
    try {
      const st = ck.state;
      for (const [n, v] of this.params) v.assign(ck.tensors.get(`p/${n}`) ?? missing(`p/${n}`));
      if (st.step > 0 && phaseOf(cfg, st.step) === 'grpo') {
        this.reference = cloneParams(tf, this.params);
        for (const [n, v] of this.reference) v.assign(ck.tensors.get(`ref/${n}`) ?? missing(`ref/${n}`));
        this.adam.dispose();
        this.adam = new Adam(tf, cfg.lr);
      }
      for (const n of this.params.keys()) {
        const m = ck.tensors.get(`m/${n}`),
          v = ck.tensors.get(`v/${n}`);
        if (m && v) {
          this.adam.m.set(n, variableOf(tf, m.clone(), false));
          this.adam.v.set(n, variableOf(tf, v.clone(), false));
        }
      }
      this.adam.t = st.adamT;
      this.rng.state = st.rng;
      this.step = st.step;
      this.checkpointed = st.step;
      this.pendingEval = st.pendingEval ?? null;
      return true;
    } finally {
      ck.tensors.forEach((t) => t.dispose());
    }
  }
}

function missing(name: string): never {
  throw new Error(`checkpoint lacks tensor ${name}`);
}
