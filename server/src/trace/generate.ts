// Synthetic multiplication traces drawn from the paper's two-stage process with known parameters,
// so that calibration can be checked against the truth and the examples can be reproduced:
// each attempt is correct with probability p; after a correct answer the model STOPs with
// probability delta1, after a wrong one it RESAMPLEs with probability delta2. The text reads like
// a model's step-by-step work: partial products, sums, a stated answer, and a decision marker
// from the default lexicon before each new attempt. Wrong answers come from plausible slips (one
// digit of a partial product, a dropped carry, swapped digits); with the echo rate a wrong
// attempt repeats the previous wrong answer (the SFT failure mode).
import { Rng } from '../analysis/random.js';
import { formatRecord, type TraceRecordInput } from './format.js';

export interface GenerateTaskSpec {
  /** Operand digit counts, e.g. "3x4". */
  task: string;
  p: number;
  delta1: number;
  delta2: number;
  /** Traces to generate for this task. */
  n: number;
  /** P(a wrong attempt after a wrong attempt repeats the previous answer); defaults to the model's. */
  echoRate?: number;
}

export interface GenerateModelSpec {
  name: string;
  /** Default echo rate for the model's tasks (0 when absent). */
  echoRate?: number;
  /** Written as a `step` header (training-step grouping). */
  step?: number;
  tasks: GenerateTaskSpec[];
}

export interface GenerateOptions {
  seed: number;
  models: GenerateModelSpec[];
  /** Attempts after which the model must STOP (default 32: far enough not to bias delta2). */
  maxAttempts?: number;
  /** Rollouts sharing one prompt (same query, hence one GRPO group); default 1. */
  groupSize?: number;
  /** First record id (default 1); ids count up across models and tasks. */
  firstId?: number;
}

export interface GeneratedAttempt {
  answer: string;
  correct: boolean;
  /** Repeats the previous attempt's wrong answer. */
  echo: boolean;
}

export interface GeneratedTrace {
  /** The record in `.trace` format (formatRecord). */
  text: string;
  record: TraceRecordInput;
  model: string;
  task: string;
  a: number;
  b: number;
  answer: string;
  /** Every attempt in order; the last one stands (STOP), each earlier one was followed by RESAMPLE. */
  attempts: GeneratedAttempt[];
}

const MARKERS_AFTER_CORRECT = [
  'Let me verify this result.',
  'Let me double-check the partial products.',
  "I'll go back and check each step.",
  'Let me recompute this carefully.',
];
const MARKERS_AFTER_WRONG = [
  'Wait, that does not look right.',
  'I made a mistake somewhere. Starting over:',
  'Let me recompute this carefully.',
  'Hold on, the sum seems off.',
  'Hmm, that seems off.',
  'But wait, the partial products need another look.',
  'Let me double-check the partial products.',
];

/** A slip that turns the correct computation into a wrong one; an echo repeats the same slip. */
type Slip = { kind: 'partial'; index: number; wrongPart: number } | { kind: 'carry'; delta: number } | { kind: 'swap'; wrong: number };

export function* generateMultiplicationTraces(options: GenerateOptions): Generator<GeneratedTrace> {
  const rng = new Rng(options.seed);
  const maxAttempts = options.maxAttempts ?? 32;
  const groupSize = Math.max(1, Math.floor(options.groupSize ?? 1));
  let id = options.firstId ?? 1;
  for (const model of options.models) {
    for (const spec of model.tasks) {
      checkSpec(model.name, spec);
      const [da, db] = parseTask(spec.task);
      const echoRate = spec.echoRate ?? model.echoRate ?? 0;
      let a = 0;
      let b = 0;
      for (let i = 0; i < spec.n; i++) {
        if (i % groupSize === 0) {
          a = rng.range(10 ** (da - 1), 10 ** da - 1);
          b = rng.range(10 ** (db - 1), 10 ** db - 1);
        }
        const trace = sampleTrace(rng, { a, b, spec, echoRate, maxAttempts });
        const record: TraceRecordInput = {
          id: id++,
          headers: {
            query: `Calculate ${a} * ${b}. Think step by step.`,
            answer: String(a * b),
            task: spec.task,
            model: model.name,
            step: model.step,
          },
          body: trace.body,
        };
        yield {
          text: formatRecord(record),
          record,
          model: model.name,
          task: spec.task,
          a,
          b,
          answer: String(a * b),
          attempts: trace.attempts,
        };
      }
    }
  }
}

/** All generated records as one `.trace` file. */
export function generateMultiplicationTraceText(options: GenerateOptions): string {
  let out = '';
  for (const t of generateMultiplicationTraces(options)) out += t.text;
  return out;
}

function checkSpec(model: string, s: GenerateTaskSpec): void {
  for (const k of ['p', 'delta1', 'delta2'] as const) {
    if (!(s[k] >= 0 && s[k] <= 1)) throw new RangeError(`${model}/${s.task}: ${k} must be in [0,1], got ${s[k]}`);
  }
  if (s.echoRate !== undefined && !(s.echoRate >= 0 && s.echoRate <= 1))
    throw new RangeError(`${model}/${s.task}: echoRate must be in [0,1]`);
  if (!(Number.isInteger(s.n) && s.n >= 0)) throw new RangeError(`${model}/${s.task}: n must be a non-negative integer`);
}

function parseTask(task: string): [number, number] {
  const m = /^(\d+)x(\d+)$/.exec(task);
  if (!m) throw new RangeError(`task "${task}" is not <digits>x<digits>, e.g. 3x4`);
  const da = Number(m[1]);
  const db = Number(m[2]);
  // Products must stay exact in a double (< 2^53).
  if (da < 1 || db < 1 || da + db > 15) throw new RangeError(`task "${task}": operands need 1+ digits and at most 15 digits together`);
  return [da, db];
}

interface SampleInput {
  a: number;
  b: number;
  spec: GenerateTaskSpec;
  echoRate: number;
  maxAttempts: number;
}

function sampleTrace(rng: Rng, { a, b, spec, echoRate, maxAttempts }: SampleInput): { body: string; attempts: GeneratedAttempt[] } {
  const attempts: GeneratedAttempt[] = [];
  const paragraphs: string[] = [];
  // The previous attempt's slip (null: it was correct, or there was none).
  let previousSlip: Slip | null = null;
  let previousCorrect = true;
  for (let k = 0; k < maxAttempts; k++) {
    const correct = rng.bernoulli(spec.p);
    let slip: Slip | null = null;
    let echo = false;
    if (!correct) {
      echo = previousSlip !== null && rng.bernoulli(echoRate);
      slip = echo && previousSlip ? previousSlip : makeSlip(rng, a, b, previousSlip);
    }
    const answer = slip ? slipAnswer(a, b, slip) : a * b;
    if (k > 0) paragraphs.push(rng.pick(previousCorrect ? MARKERS_AFTER_CORRECT : MARKERS_AFTER_WRONG));
    paragraphs.push(echo && rng.bernoulli(0.5) ? shortRestatement(rng, a, b, answer) : workedAttempt(rng, a, b, slip, k));
    attempts.push({ answer: String(answer), correct, echo });
    previousSlip = slip;
    previousCorrect = correct;
    // The two-stage decision: STOP after correct w.p. delta1, RESAMPLE after wrong w.p. delta2.
    const resample = correct ? !rng.bernoulli(spec.delta1) : rng.bernoulli(spec.delta2);
    if (!resample) break;
  }
  return { body: paragraphs.join('\n\n'), attempts };
}

/** Parts of n by place value, most significant first, zeros left out: 8261 -> 8000, 200, 60, 1. */
function placeParts(n: number): number[] {
  const digits = String(n);
  const parts: number[] = [];
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    if (d !== 0) parts.push(d * 10 ** (digits.length - 1 - i));
  }
  return parts;
}

function makeSlip(rng: Rng, a: number, b: number, avoid: Slip | null): Slip {
  const correct = a * b;
  for (let tries = 0; ; tries++) {
    // Tiny products (1x1) may have no digit slip at all: fall back to an off-by-k answer.
    if (tries >= 64) {
      for (let delta = 1; ; delta++) {
        const s: Slip = { kind: 'carry', delta };
        if (!avoid || slipAnswer(a, b, s) !== slipAnswer(a, b, avoid)) return s;
      }
    }
    const kind = rng.pick(['partial', 'partial', 'carry', 'swap'] as const);
    let slip: Slip | null = null;
    if (kind === 'partial') {
      const parts = placeParts(b);
      const index = rng.int(parts.length);
      const product = a * parts[index];
      const wrongPart = changeOneDigit(rng, product);
      if (wrongPart !== null) slip = { kind, index, wrongPart };
    } else if (kind === 'carry') {
      const digits = String(correct).length;
      if (digits >= 2) {
        const delta = (rng.bernoulli(0.5) ? 1 : -1) * 10 ** rng.range(1, digits - 1);
        if (correct + delta > 0) slip = { kind, delta };
      }
    } else {
      const wrong = swapDigits(rng, correct);
      if (wrong !== null) slip = { kind, wrong };
    }
    // A new wrong attempt gives a different wrong answer than the one it replaces.
    if (slip && slipAnswer(a, b, slip) !== correct && (!avoid || slipAnswer(a, b, slip) !== slipAnswer(a, b, avoid))) return slip;
  }
}

function slipAnswer(a: number, b: number, slip: Slip): number {
  switch (slip.kind) {
    case 'partial':
      return a * b - a * placeParts(b)[slip.index] + slip.wrongPart;
    case 'carry':
      return a * b + slip.delta;
    case 'swap':
      return slip.wrong;
  }
}

/** One non-leading digit changed by +-1 (the typical slip in a partial product). */
function changeOneDigit(rng: Rng, n: number): number | null {
  const s = String(n);
  const nonZero = s.replace(/0+$/, '');
  if (nonZero.length < 2) return null;
  const i = rng.range(1, nonZero.length - 1);
  const d = Number(s[i]);
  const nd = d === 9 ? 8 : d === 0 ? 1 : d + (rng.bernoulli(0.5) ? 1 : -1);
  return Number(s.slice(0, i) + nd + s.slice(i + 1));
}

/** Two adjacent different digits swapped (not the leading one, so the length stays). */
function swapDigits(rng: Rng, n: number): number | null {
  const s = String(n);
  const candidates: number[] = [];
  for (let i = 1; i + 1 < s.length; i++) if (s[i] !== s[i + 1]) candidates.push(i);
  if (candidates.length === 0) return null;
  const i = rng.pick(candidates);
  return Number(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
}

function workedAttempt(rng: Rng, a: number, b: number, slip: Slip | null, attempt: number): string {
  const parts = placeParts(b);
  const products = parts.map((part, i) => (slip?.kind === 'partial' && slip.index === i ? slip.wrongPart : a * part));
  const lines: string[] = [];
  lines.push(
    attempt === 0
      ? rng.pick([
          `We need ${a} * ${b}.`,
          `To compute ${a} * ${b}, split the second factor by place value.`,
          `Multiply ${a} by each place value of ${b}.`,
        ])
      : rng.pick([`Redo ${a} * ${b} from the start.`, `Again, ${b} = ${parts.join(' + ')}.`, `Recomputing ${a} * ${b} term by term.`]),
  );
  if (parts.length > 1 && attempt === 0) lines.push(`${b} = ${parts.join(' + ')}`);
  parts.forEach((part, i) => lines.push(`${a} * ${part} = ${products[i]}`));
  let sum = products[0];
  const sums: string[] = [];
  for (let i = 1; i < products.length; i++) {
    let next = sum + products[i];
    if (i === products.length - 1 && slip?.kind === 'carry') next += slip.delta;
    sums.push(`${sum} + ${products[i]} = ${next}`);
    sum = next;
  }
  const final = slip ? slipAnswer(a, b, slip) : a * b;
  if (sums.length > 0) lines.push(`Adding the partial products: ${sums.join(', ')}.`);
  if (slip?.kind === 'swap') lines.push(`Writing the total down: ${final}.`);
  else if (slip?.kind === 'carry' && products.length === 1) lines.push(`Carrying through, the total is ${final}.`);
  lines.push(statement(rng, final));
  return lines.join('\n');
}

/** An echo without new work: the previous answer restated as if re-derived. */
function shortRestatement(rng: Rng, a: number, b: number, answer: number): string {
  return `${rng.pick(['Going through it again,', 'Checking once more,', 'Reviewing the steps,'])} ${a} * ${b} gives ${answer} again.\n${statement(rng, answer)}`;
}

function statement(rng: Rng, answer: number): string {
  const shown = rng.bernoulli(0.1) ? answer.toLocaleString('en-US') : String(answer);
  const u = rng.next();
  if (u < 0.6) return `So the answer is ${shown}.`;
  if (u < 0.85) return `The final answer is \\boxed{${shown}}.`;
  return `Answer: **${shown}**`;
}
