// Autoregressive sampling of attempts and decisions, evaluation on fixed problem sets, and the
// rollouts written as .trace files for the calibration view.
import { relative } from 'node:path';
import type { Tf } from '../backend.js';
import { writeRollouts } from '../runDir.js';
import {
  DecisionStats,
  Layout,
  Problem,
  Rng,
  TOK,
  VOCAB_SIZE,
  decodeAttempts,
  renderTrace,
  sampleProblem,
  type Attempts,
} from '../multiplication.js';
import type { Model, Params } from './model.js';

export interface Rollouts {
  problems: Problem[];
  /** [rows, seqLength] token ids, PAD after each trajectory's STOP. */
  tokens: Int32Array;
  attempts: Attempts[];
}

/** An evaluation stopped by its signal (Ctrl-C, SIGTERM, Stop) between two positions: nothing was written. */
export class EvaluationInterrupted extends Error {
  constructor() {
    super('the evaluation was interrupted');
  }
}

/**
 * Samples every row's response position by position (temperature 0 = greedy). Each forward pass
 * covers only the prefix written so far; rows that have stopped are skipped and the loop ends
 * when all have. One read-back per position is inherent to sampling.
 *
 * With a `signal` (the evaluations), the event loop turns after every position, so a stop request
 * is seen within one position's forward pass (on the cpu and wasm backends data() resolves as a
 * promise job, before any signal could be delivered), and an aborted signal throws
 * EvaluationInterrupted. Training rollouts pass none: a step always finishes.
 */
export async function generate(
  tf: Tf,
  model: Model,
  params: Params,
  layout: Layout,
  problems: Problem[],
  temperature: number,
  rng: Rng,
  signal?: AbortSignal,
): Promise<Rollouts> {
  const T = layout.seqLength,
    B = problems.length;
  const tokens = new Int32Array(B * T).fill(TOK.PAD);
  problems.forEach((p, b) => tokens.set(layout.prompt(p), b * T));
  const allowed = layout.allowedMask();
  const alive = new Uint8Array(B).fill(1);
  let aliveCount = B;
  const probs = new Float64Array(VOCAB_SIZE);
  for (let pos = layout.promptLength; pos < T && aliveCount > 0; pos++) {
    if (signal) {
      await new Promise((r) => setImmediate(r));
      if (signal.aborted) throw new EvaluationInterrupted();
    }
    const prefix = new Int32Array(B * pos);
    for (let b = 0; b < B; b++) prefix.set(tokens.subarray(b * T, b * T + pos), b * pos);
    const last = tf.tidy(() => {
      const logits = model.logits(params, tf.tensor2d(prefix, [B, pos], 'int32'));
      return tf.reshape(tf.slice(logits, [0, pos - 1, 0], [B, 1, VOCAB_SIZE]), [B, VOCAB_SIZE]);
    });
    const data = await last.data();
    last.dispose();
    const row = pos * VOCAB_SIZE;
    const isDecision = (pos - layout.promptLength) % layout.attemptLength === layout.attemptLength - 1;
    for (let b = 0; b < B; b++) {
      if (!alive[b]) continue;
      let best = -1,
        bestLogit = -Infinity,
        max = -Infinity;
      for (let v = 0; v < VOCAB_SIZE; v++) {
        if (!allowed[row + v]) continue;
        const l = data[b * VOCAB_SIZE + v];
        if (l > bestLogit) {
          bestLogit = l;
          best = v;
        }
        if (l > max) max = l;
      }
      let tok = best;
      if (temperature > 0) {
        let z = 0;
        for (let v = 0; v < VOCAB_SIZE; v++) {
          probs[v] = allowed[row + v] ? Math.exp((data[b * VOCAB_SIZE + v] - max) / temperature) : 0;
          z += probs[v];
        }
        let u = rng.next() * z;
        for (let v = 0; v < VOCAB_SIZE; v++) {
          if (probs[v] === 0) continue;
          tok = v;
          u -= probs[v];
          if (u <= 0) break;
        }
      }
      tokens[b * T + pos] = tok;
      if (isDecision && tok === TOK.STOP) {
        alive[b] = 0;
        aliveCount--;
      }
    }
  }
  const attempts = problems.map((_, b) => decodeAttempts(layout, tokens.subarray(b * T, (b + 1) * T)));
  return { problems, tokens, attempts };
}

/** A fixed evaluation set: `size` problems per task from a seed independent of training. */
export function evalProblems(tasks: readonly string[], size: number, seed: number): Problem[] {
  const rng = new Rng(seed ^ 0x5eed5eed);
  return tasks.flatMap((t) => Array.from({ length: size }, () => sampleProblem(t, rng)));
}

/** A split's numbers and its rollouts as .trace text, not yet written (evaluateSplit). */
export interface SampledSplit {
  result: Omit<SplitResult, 'file'>;
  /** `rollouts/<name>.trace`. */
  name: string;
  text: string;
}

export interface SplitResult {
  reward: number;
  p: number | null;
  delta1: number | null;
  delta2: number | null;
  echoes: number;
  n: number;
  /** Per task, the same numbers (Table 1 / Figure 1 columns). */
  byTask: Record<string, { reward: number; p: number | null; delta1: number | null; delta2: number | null; n: number }>;
  file: string;
}

/**
 * Evaluates one split: its numbers and the text of `rollouts/step-<step>-<split>.trace` (model
 * header = `modelName`, a `step` header, so the calibration engine groups the rollouts by step as
 * it does ds3's), which writeSplits writes once every split of the evaluation is sampled (an
 * interrupted evaluation writes nothing). Sampling uses a fixed seed so successive checkpoints are
 * compared on common random numbers. Throws EvaluationInterrupted when `signal` is aborted.
 */
export async function evaluateSplit(
  tf: Tf,
  model: Model,
  params: Params,
  layout: Layout,
  problems: Problem[],
  opts: {
    temperature: number;
    seed: number;
    step: number;
    split: string;
    modelName: string;
    markers: readonly string[];
    signal?: AbortSignal;
  },
): Promise<SampledSplit> {
  const r = await generate(tf, model, params, layout, problems, opts.temperature, new Rng(opts.seed ^ 0xe7a1), opts.signal);
  const all = new DecisionStats(layout.maxAttempts);
  const per = new Map<string, DecisionStats>();
  let text = '';
  r.attempts.forEach((a, i) => {
    const p = problems[i];
    all.add(p, a);
    if (!per.has(p.task)) per.set(p.task, new DecisionStats(layout.maxAttempts));
    per.get(p.task)!.add(p, a);
    text += renderTrace(p, a, opts.modelName, `${opts.split}-${i + 1}`, opts.markers, opts.step, layout.maxAttempts);
  });
  const byTask: SplitResult['byTask'] = {};
  for (const [task, s] of per) {
    const { reward, p, delta1, delta2, n } = s.summary();
    byTask[task] = { reward, p, delta1, delta2, n };
  }
  return { result: { ...all.summary(), byTask }, name: `step-${opts.step}-${opts.split}`, text };
}

/** Writes sampled splits (each file atomically); `file` is the path relative to the run directory. */
export function writeSplit(runDir: string, s: SampledSplit): SplitResult {
  return { ...s.result, file: relative(runDir, writeRollouts(runDir, s.name, s.text)) };
}
