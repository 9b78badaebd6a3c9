// Fake verl rollout directories for tests and benchmarks: `{step}.jsonl` files with the lines
// verl's trainer dumps (`input`, `output`, `gts`, `score`, `step`, then the reward function's
// extras `acc`, `pred`, `task`, `ground_truth`), whose outputs are the project's multiplication traces
// (generateMultiplicationTraces) with known p, delta1, delta2 that move with the step the way a
// GRPO run's do. `input` is the prompt as verl decodes it (chat template, special tokens skipped).
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { generateMultiplicationTraces } from '../../trace/generate.js';

export interface StepParameters {
  p: number;
  delta1: number;
  delta2: number;
  echoRate: number;
}

export interface FakeRolloutOptions {
  /** Rollouts in the step file (verl: train_batch_size x rollout.n). */
  rollouts: number;
  tasks: string[];
  /** Rollouts per prompt (rollout.n). */
  groupSize?: number;
  seed?: number;
  /** Pads each output with scratch work up to about this many bytes (long reasoning). */
  outputBytes?: number;
  /** Parameters per step; default: a run that learns to resample after wrong answers. */
  parameters?: (step: number, task: string) => StepParameters;
}

/** A GRPO-like trajectory: p and delta2 rise with the step, harder tasks have lower p. */
export function learningSchedule(step: number, task: string): StepParameters {
  const progress = 1 - Math.exp(-step / 20);
  const m = /^(\d+)x(\d+)$/.exec(task);
  const digits = m ? Number(m[1]) + Number(m[2]) : 6;
  const difficulty = Math.max(0.2, 1 - (digits - 4) * 0.1);
  return {
    p: Math.min(0.95, difficulty * (0.35 + 0.4 * progress)),
    delta1: 0.8 + 0.15 * progress,
    delta2: 0.25 + 0.65 * progress,
    echoRate: 0.3 * (1 - progress),
  };
}

const chatInput = (query: string): string =>
  `system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.\nuser\n${query}\nassistant\n`;

// Plain restatements: no decision marker of the lexicon and nothing that reads as a new attempt.
const SCRATCH = [
  'Restating the problem: the first factor is {a} and the second factor is {b}.',
  'The product of a {da}-digit number and a {db}-digit number has {da} + {db} or one fewer digits.',
  'Working by place value keeps every partial product small enough to check by eye.',
  'Each partial product gets written on its own line before the sum.',
  'Keeping the columns aligned avoids dropping a carry.',
];

function scratchWork(a: number, b: number, bytes: number): string {
  const fill = (s: string): string =>
    s
      .replaceAll('{a}', String(a))
      .replaceAll('{b}', String(b))
      .replaceAll('{da}', String(String(a).length))
      .replaceAll('{db}', String(String(b).length));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = fill(SCRATCH[i % SCRATCH.length]);
    parts.push(line);
    size += line.length + 1;
  }
  return parts.join('\n') + '\n\n';
}

/** The JSON lines of step `step`, generated lazily (a step can be hundreds of MB). */
export function* fakeRolloutLines(step: number, opts: FakeRolloutOptions): Generator<string> {
  const params = opts.parameters ?? learningSchedule;
  const perTask = opts.tasks.map((_, i) => Math.floor(opts.rollouts / opts.tasks.length) + (i < opts.rollouts % opts.tasks.length ? 1 : 0));
  const traces = generateMultiplicationTraces({
    seed: (opts.seed ?? 1) * 100_003 + step,
    groupSize: opts.groupSize ?? 8,
    models: [
      {
        name: `step-${step}`,
        step,
        tasks: opts.tasks.map((task, i) => {
          const p = params(step, task);
          return { task, n: perTask[i], p: p.p, delta1: p.delta1, delta2: p.delta2, echoRate: p.echoRate };
        }),
      },
    ],
  });
  for (const t of traces) {
    const body = t.record.body;
    const pad = opts.outputBytes ? Math.max(0, opts.outputBytes - body.length) : 0;
    const output = pad > 0 ? scratchWork(t.a, t.b, pad) + body : body;
    const final = t.attempts[t.attempts.length - 1];
    const query = String(t.record.headers.query);
    // Key order and number formatting as Python's json.dumps writes verl's dump.
    yield `{"input": ${JSON.stringify(chatInput(query))}, "output": ${JSON.stringify(output)}, "gts": ${JSON.stringify(t.answer)}, "score": ${final.correct ? '1.0' : '0.0'}, "step": ${step}, "acc": ${final.correct ? '1.0' : '0.0'}, "pred": ${JSON.stringify(final.answer)}, "task": ${JSON.stringify(t.task)}, "ground_truth": ${JSON.stringify(t.answer)}}`;
  }
}

/**
 * Writes `{step}.jsonl` the way verl up to 0.7 does (one file, lines joined by "\n", a final
 * newline, one write), in place and not atomically, because that is what a watcher sees. Returns bytes and lines written.
 * With `stopAfterBytes` the write stops mid-file (a step still being dumped); `appendRest` finishes it.
 */
export function writeFakeRolloutStep(
  dir: string,
  step: number,
  opts: FakeRolloutOptions & { stopAfterBytes?: number },
): { path: string; bytes: number; lines: number; rest?: Buffer } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${step}.jsonl`);
  const fd = openSync(path, 'w');
  let bytes = 0;
  let lines = 0;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  const flush = (): void => {
    if (pendingSize > 0) {
      writeSync(fd, Buffer.concat(pending));
      pending = [];
      pendingSize = 0;
    }
  };
  let rest: Buffer[] | undefined;
  try {
    for (const line of fakeRolloutLines(step, opts)) {
      const buf = Buffer.from(line + '\n');
      lines++;
      if (opts.stopAfterBytes !== undefined && (rest || bytes + buf.length > opts.stopAfterBytes)) {
        if (!rest) {
          const cut = Math.max(0, opts.stopAfterBytes - bytes);
          pending.push(buf.subarray(0, cut));
          pendingSize += cut;
          bytes += cut;
          rest = [buf.subarray(cut)];
        } else rest.push(buf);
        continue;
      }
      pending.push(buf);
      pendingSize += buf.length;
      bytes += buf.length;
      if (pendingSize >= 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return { path, bytes, lines, rest: rest ? Buffer.concat(rest) : undefined };
}

/** Finishes a step file that writeFakeRolloutStep stopped mid-way. */
export function appendRest(path: string, rest: Buffer): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, rest);
  } finally {
    closeSync(fd);
  }
}

export interface LineByLineOptions extends FakeRolloutOptions {
  /** Python's io.DEFAULT_BUFFER_SIZE (TextIOWrapper's chunk): whole lines reach the file in pieces of about this size. */
  bufferBytes?: number;
  /**
   * Called after each piece reaches the file (`bytes` on disk so far, `lines` complete lines in
   * it); the writer waits for it before the next piece, so a test can pace or stall the writer.
   */
  afterFlush?: (bytes: number, lines: number) => Promise<void> | void;
}

/**
 * Writes `{step}.jsonl` the way verl 0.8 and later do: one `f.write(json.dumps(entry) + "\n")`
 * per rollout from a background thread, through Python's buffered text file. Python passes
 * whole writes on once about `bufferBytes` have gathered, so the file grows piece by piece and
 * every piece ends at a line boundary: while it is being written the file usually ends in a
 * newline, exactly like a finished one.
 */
export async function writeFakeRolloutStepLineByLine(
  dir: string,
  step: number,
  opts: LineByLineOptions,
): Promise<{ path: string; bytes: number; lines: number; flushes: number }> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${step}.jsonl`);
  const bufferBytes = opts.bufferBytes ?? 8192;
  const fd = openSync(path, 'w');
  let bytes = 0;
  let lines = 0;
  let flushes = 0;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let pendingLines = 0;
  const flush = async (): Promise<void> => {
    if (pendingSize === 0) return;
    writeSync(fd, Buffer.concat(pending));
    bytes += pendingSize;
    lines += pendingLines;
    flushes++;
    pending = [];
    pendingSize = 0;
    pendingLines = 0;
    await opts.afterFlush?.(bytes, lines);
  };
  try {
    for (const line of fakeRolloutLines(step, opts)) {
      const buf = Buffer.from(line + '\n');
      // TextIOWrapper: a write that would overflow the chunk first sends what is pending.
      if (pendingSize + buf.length > bufferBytes) await flush();
      pending.push(buf);
      pendingSize += buf.length;
      pendingLines++;
      if (pendingSize >= bufferBytes) await flush();
    }
    await flush(); // close()
  } finally {
    closeSync(fd);
  }
  return { path, bytes, lines, flushes };
}
