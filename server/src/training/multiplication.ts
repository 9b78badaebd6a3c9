// The multiplication task of the paper (Appendix E) at tiny-lm scale: operand sizes ("2x1"),
// seeded problem sampling, the token layout the tiny transformer reads and writes, reflection
// data for the SFT warm-up, the reward (exact answer match) and the .trace rendering.
//
// Sequence layout (fixed positions, so a batch is one dense tensor and no token is ever
// ambiguous about its role):
//   BOS a(W digits) * b(W digits) =  [answer(2W digits) DECISION] x maxAttempts  (PAD after STOP)
// Operands are zero-padded to width W (the widest operand of any task, in- or out-of-
// distribution), answers are written least-significant digit first (the carry flows in writing
// order, which a small causal model can learn) and zero-padded to 2W digits.

import { formatRecord } from '../trace/format.js';

export const TOK = { STOP: 10, RESAMPLE: 11, TIMES: 12, EQUALS: 13, BOS: 14, PAD: 15 } as const;
export const VOCAB_SIZE = 16;

export interface TaskSize {
  a: number;
  b: number;
}
export interface Problem {
  a: number;
  b: number;
  product: number;
  task: string;
}

/** Parses "3x4" into operand digit counts. */
export function parseTaskSize(task: string): TaskSize {
  const m = /^(\d+)x(\d+)$/.exec(task.trim());
  if (!m) throw new Error(`task "${task}" is not of the form <digits>x<digits>, e.g. 2x1`);
  const a = Number(m[1]),
    b = Number(m[2]);
  // 7 digits at most: a 7x7 product (< 10^14) is still an exact double.
  if (a < 1 || b < 1 || a > 7 || b > 7) throw new Error(`task "${task}": operand sizes must be 1..7 digits`);
  return { a, b };
}

/** Mulberry32: small, fast, seedable; its whole state is one uint32, so it checkpoints trivially. */
export class Rng {
  constructor(public state: number) {
    this.state = state >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
}

const randomOperand = (digits: number, rng: Rng): number => rng.int(digits === 1 ? 1 : 10 ** (digits - 1), 10 ** digits - 1);

export function sampleProblem(task: string, rng: Rng): Problem {
  const size = parseTaskSize(task);
  const a = randomOperand(size.a, rng),
    b = randomOperand(size.b, rng);
  return { a, b, product: a * b, task };
}

/**
 * Token layout for a set of tasks: operand widths and the fixed positions derived from them.
 * 'square' (the default): both operands padded to W, the widest operand of any task, answers to
 * 2W digits. 'compact': each operand padded to its own widest size and answers to the most
 * digits any task's product can have (a 7x1 ladder: 11 prompt tokens and 8 answer digits instead
 * of 17 and 14), so long-by-short ladders stay short sequences.
 */
export class Layout {
  /** The widest operand (both operands' width in the square layout). */
  readonly width: number;
  readonly widthA: number;
  readonly widthB: number;
  readonly answerDigits: number;
  readonly promptLength: number;
  readonly attemptLength: number;
  readonly seqLength: number;

  constructor(
    tasks: readonly string[],
    readonly maxAttempts: number,
    readonly compact = false,
  ) {
    if (maxAttempts < 1) throw new Error('maxAttempts must be >= 1');
    const sizes = tasks.map(parseTaskSize);
    this.width = Math.max(...sizes.map((s) => Math.max(s.a, s.b)));
    this.widthA = compact ? Math.max(...sizes.map((s) => s.a)) : this.width;
    this.widthB = compact ? Math.max(...sizes.map((s) => s.b)) : this.width;
    this.answerDigits = compact ? Math.max(...sizes.map((s) => s.a + s.b)) : 2 * this.width;
    this.promptLength = this.widthA + this.widthB + 3;
    this.attemptLength = this.answerDigits + 1;
    this.seqLength = this.promptLength + maxAttempts * this.attemptLength;
  }

  /** Per position: its role within its segment (prompt position, answer digit, decision). */
  slots(): number[] {
    return Array.from({ length: this.seqLength }, (_, pos) =>
      pos < this.promptLength ? pos : this.promptLength + ((pos - this.promptLength) % this.attemptLength),
    );
  }

  /** Per position: 0 for the prompt, k + 1 for attempt k. */
  segments(): number[] {
    return Array.from({ length: this.seqLength }, (_, pos) =>
      pos < this.promptLength ? 0 : 1 + Math.floor((pos - this.promptLength) / this.attemptLength),
    );
  }

  /** Position of the decision token closing attempt k (0-based). */
  decisionPos(k: number): number {
    return this.promptLength + (k + 1) * this.attemptLength - 1;
  }
  /** Position of the first answer digit of attempt k. */
  attemptStart(k: number): number {
    return this.promptLength + k * this.attemptLength;
  }

  prompt(p: Problem): number[] {
    const digits = (n: number, w: number) => String(n).padStart(w, '0').split('').map(Number);
    if (String(p.a).length > this.widthA || String(p.b).length > this.widthB)
      throw new Error(`problem ${p.a}*${p.b} exceeds the operand widths ${this.widthA}, ${this.widthB}`);
    return [TOK.BOS, ...digits(p.a, this.widthA), TOK.TIMES, ...digits(p.b, this.widthB), TOK.EQUALS];
  }

  /** Answer tokens, least significant digit first, zero-padded to answerDigits. */
  answerTokens(n: number): number[] {
    const s = String(n).padStart(this.answerDigits, '0');
    if (s.length > this.answerDigits) throw new Error(`answer ${n} exceeds ${this.answerDigits} digits`);
    return s.split('').reverse().map(Number);
  }

  /** Reads an attempt's digits back into a number. */
  readAnswer(tokens: ArrayLike<number>, k: number): number {
    let v = 0;
    for (let i = this.answerDigits - 1; i >= 0; i--) v = v * 10 + tokens[this.attemptStart(k) + i];
    return v;
  }

  /**
   * Which tokens may stand at each position (flattened [seqLength, VOCAB_SIZE], 1 = allowed):
   * digits in answers, STOP/RESAMPLE at decisions, only STOP at the last decision (the attempt
   * budget is spent). Applied to the logits in sampling and in training alike, so the trained
   * distribution is the one rollouts are drawn from.
   */
  allowedMask(): Float32Array {
    const m = new Float32Array(this.seqLength * VOCAB_SIZE);
    for (let pos = 0; pos < this.seqLength; pos++) {
      const row = pos * VOCAB_SIZE;
      if (pos < this.promptLength) {
        for (let v = 0; v < VOCAB_SIZE; v++) m[row + v] = 1;
        continue;
      }
      const k = Math.floor((pos - this.promptLength) / this.attemptLength);
      if (pos === this.decisionPos(k)) {
        m[row + TOK.STOP] = 1;
        if (k < this.maxAttempts - 1) m[row + TOK.RESAMPLE] = 1;
      } else for (let d = 0; d < 10; d++) m[row + d] = 1;
    }
    return m;
  }
}

/** One decoded trajectory: the answers of each attempt and whether the last was accepted. */
export interface Attempts {
  answers: number[];
}

/** Decodes a full token row into its attempts (the trajectory ends at the first STOP). */
export function decodeAttempts(layout: Layout, tokens: ArrayLike<number>): Attempts {
  const answers: number[] = [];
  for (let k = 0; k < layout.maxAttempts; k++) {
    answers.push(layout.readAnswer(tokens, k));
    if (tokens[layout.decisionPos(k)] !== TOK.RESAMPLE) break;
  }
  return { answers };
}

/** Reward = 1 when the final answer (the one that stands) equals the product, else 0. */
export function reward(p: Problem, a: Attempts): number {
  return a.answers[a.answers.length - 1] === p.product ? 1 : 0;
}

/**
 * Counters for p, delta1, delta2 the way the calibration engine counts them (docs/design.md section 4).
 * With `maxAttempts`, a trajectory that used every attempt ended in a STOP it could not choose
 * (RESAMPLE is masked there): that STOP is not counted as a decision, as calibrate does not count
 * the STOP of a record marked `forced_stop: true` (renderTrace writes the mark).
 */
export class DecisionStats {
  constructor(readonly maxAttempts = Infinity) {}
  n = 0;
  firstCorrect = 0;
  finalCorrect = 0;
  stopAfterCorrect = 0;
  afterCorrect = 0;
  resampleAfterWrong = 0;
  afterWrong = 0;
  echoes = 0;

  add(p: Problem, a: Attempts): void {
    this.n++;
    if (a.answers[0] === p.product) this.firstCorrect++;
    if (reward(p, a) === 1) this.finalCorrect++;
    const forced = a.answers.length >= this.maxAttempts;
    a.answers.forEach((ans, k) => {
      const resample = k < a.answers.length - 1;
      if (forced && !resample) {
        if (k > 0 && ans === a.answers[k - 1]) this.echoes++;
        return;
      }
      if (ans === p.product) {
        this.afterCorrect++;
        if (!resample) this.stopAfterCorrect++;
      } else {
        this.afterWrong++;
        if (resample) this.resampleAfterWrong++;
      }
      if (k > 0 && ans === a.answers[k - 1]) this.echoes++;
    });
  }

  summary(): { n: number; reward: number; p: number | null; delta1: number | null; delta2: number | null; echoes: number } {
    const ratio = (x: number, y: number) => (y === 0 ? null : x / y);
    return {
      n: this.n,
      reward: this.n === 0 ? 0 : this.finalCorrect / this.n,
      p: ratio(this.firstCorrect, this.n),
      delta1: ratio(this.stopAfterCorrect, this.afterCorrect),
      delta2: ratio(this.resampleAfterWrong, this.afterWrong),
      echoes: this.echoes,
    };
  }
}

/** A plausible wrong answer: one digit of the product changed (never equal to the product). */
export function corruptAnswer(layout: Layout, product: number, rng: Rng): number {
  const digits = Math.max(1, String(product).length);
  for (;;) {
    const place = 10 ** rng.int(0, Math.min(digits, layout.answerDigits) - 1);
    const old = Math.floor(product / place) % 10;
    const nd = rng.int(0, 9);
    if (nd === old) continue;
    const wrong = product + (nd - old) * place;
    if (wrong >= 0 && wrong < 10 ** layout.answerDigits) return wrong;
  }
}

export interface ReflectionDataOptions {
  /** Probability that the first attempt is already correct (then STOP). */
  firstCorrect: number;
  /** Probability that a resample repeats the previous wrong answer (an echo) before the fix. */
  echo: number;
  /** Probability that a correct attempt is followed by RESAMPLE and the correct answer again (a re-check unrelated to correctness). */
  retryRate?: number;
}

/**
 * One SFT sequence with known structure: either correct -> STOP, or wrong -> RESAMPLE ->
 * (an echo of the wrong answer -> RESAMPLE ->) correct -> STOP, within maxAttempts. With
 * `retryRate`, a correct first attempt is re-checked: RESAMPLE, the correct answer again, as long
 * as attempts remain (each time with that probability). Positions after STOP are PAD (and masked
 * out of the loss by the trainer).
 */
export function reflectionSequence(layout: Layout, p: Problem, opts: ReflectionDataOptions, rng: Rng): number[] {
  const answers: number[] = [];
  const retry = opts.retryRate ?? 0;
  if (layout.maxAttempts === 1 || rng.next() < opts.firstCorrect) {
    answers.push(p.product);
    // No draw when retryRate is 0: the data of existing configs is unchanged, draw for draw.
    while (retry > 0 && answers.length < layout.maxAttempts && rng.next() < retry) answers.push(p.product);
  } else {
    const wrong = corruptAnswer(layout, p.product, rng);
    answers.push(wrong);
    if (layout.maxAttempts >= 3 && rng.next() < opts.echo) answers.push(wrong);
    answers.push(p.product);
  }
  const seq = layout.prompt(p);
  answers.forEach((ans, k) => seq.push(...layout.answerTokens(ans), k === answers.length - 1 ? TOK.STOP : TOK.RESAMPLE));
  while (seq.length < layout.seqLength) seq.push(TOK.PAD);
  return seq;
}

export const DEFAULT_MARKERS = ['Wait, I made a mistake. Let me recompute.', 'Let me recompute.', "I'll go back and check."];

/**
 * Renders a rollout as a .trace record: one line per attempt, a marker phrase for each RESAMPLE;
 * `step` adds a `step` header; a rollout with `maxAttempts` attempts gets `forced_stop: true`.
 */
export function renderTrace(
  p: Problem,
  a: Attempts,
  model: string,
  id: string | number,
  markers: readonly string[] = DEFAULT_MARKERS,
  step?: number,
  maxAttempts = Infinity,
): string {
  const lines: string[] = [];
  a.answers.forEach((ans, k) => {
    if (k > 0) lines.push(markers[(k - 1) % markers.length]);
    lines.push(`${p.a} * ${p.b} = ${ans}`);
  });
  return formatRecord({
    id,
    headers: {
      query: `Calculate ${p.a} * ${p.b}. Think step by step.`,
      answer: String(p.product),
      task: p.task,
      model,
      step,
      // The trajectory used every attempt: its last STOP was forced (RESAMPLE is masked there), not
      // chosen; calibrate does not count it as a decision (docs/design.md section 3).
      forced_stop: a.answers.length >= maxAttempts ? 'true' : undefined,
    },
    body: lines.join('\n'),
  });
}
