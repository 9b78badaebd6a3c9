// tiny-lm checkpoints inside the run directory's `checkpoints/step-N/` folders (runDir.ts
// publishes each folder by an atomic rename, so a killed run never leaves a half checkpoint):
//   tinylm.json     manifest: tensor names, shapes, offsets into the .bin files, loop state
//   weights.bin     float32 tensors back to back: parameters and Adam moments
//   reference.bin   the frozen reference policy (GRPO phase only), so every checkpoint resumes alone
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../backend.js';
import { checkpointError, latestCheckpoint, showValue, writeCheckpoint } from '../runDir.js';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../../util/atomicWrite.js';

export const CHECKPOINT_FORMAT = 'reflection-lens/tiny-lm-checkpoint@1';

export interface TensorEntry {
  name: string;
  file: string;
  shape: number[];
  offset: number;
  length: number;
}
export interface Manifest<S> {
  format: typeof CHECKPOINT_FORMAT;
  tensors: TensorEntry[];
  state: S;
}

/** Writes checkpoint `step` (completed steps): each group of named tensors to its own .bin file. */
export async function saveCheckpoint<S>(
  runDir: string,
  step: number,
  groups: Record<string, [string, tfjs.Tensor][]>,
  state: S,
): Promise<void> {
  const files: Record<string, Uint8Array | string> = {};
  const entries: TensorEntry[] = [];
  for (const [file, tensors] of Object.entries(groups)) {
    let offset = 0;
    const at: number[] = [];
    for (const [name, t] of tensors) {
      entries.push({ name, file, shape: t.shape, offset, length: t.size });
      at.push(offset);
      offset += t.size;
    }
    const flat = new Float32Array(offset);
    const values = await Promise.all(tensors.map(([, t]) => t.data()));
    values.forEach((v, i) => flat.set(v as Float32Array, at[i]));
    files[file] = new Uint8Array(flat.buffer);
  }
  const manifest: Manifest<S> = { format: CHECKPOINT_FORMAT, tensors: entries, state };
  files['tinylm.json'] = JSON.stringify(manifest, null, 1) + '\n';
  writeCheckpoint(runDir, step, files);
}

/** The training loop's state in a checkpoint (train.ts). */
export interface LoopState {
  step: number;
  rng: number;
  adamT: number;
  /**
   * The metrics line of step `step` (its 0-based index step - 1) when a stop interrupted that step's
   * evaluation: the resume evaluates, logs the line, then clears it (clearPendingEvaluation).
   */
  pendingEval?: Record<string, unknown> & { step: number };
}

/** Tensors a checkpoint must hold (name and shape), given its loop state; `optional` ones are checked when present. */
export interface ExpectedTensors {
  required: [string, number[]][];
  optional: [string, number[]][];
}

export interface CheckpointData {
  step: number;
  dir: string;
  state: LoopState;
  tensors: Map<string, { shape: number[]; values: Float32Array }>;
}

const isInt = (v: unknown, min: number, below = Number.MAX_SAFE_INTEGER + 1): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v < below;
const shapeText = (shape: readonly number[]): string => `[${shape.join(',')}]`;
const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Reads and validates the newest checkpoint without TensorFlow.js (null when the run has none):
 * the manifest's format, every tensor entry (a file name inside the folder, a shape of
 * non-negative integers, offset and length inside its file), the loop state (step = the folder's
 * step, rng a 32-bit integer, adamT an integer >= 0), the tensors `expected` asks for with their
 * shapes, and every value finite (Adam's second moments `v/...` also >= 0). Any problem is a
 * RunDirError naming the file, the field and what was expected: a resume never trains on NaN.
 */
export function readTinyLmCheckpoint(runDir: string, expected: (state: LoopState) => ExpectedTensors): CheckpointData | null {
  const latest = latestCheckpoint(runDir);
  if (!latest) return null;
  const fail = (file: string, problem: string): never => {
    throw checkpointError(runDir, latest, file, problem);
  };
  const MANIFEST = 'tinylm.json';
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(latest.dir, MANIFEST), 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(MANIFEST, code ? `cannot read it (${code})` : `not valid JSON (${(err as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail(MANIFEST, `expected a JSON object {format, tensors, state}, got ${showValue(raw)}`);
  const manifest = raw as Record<string, unknown>;
  if (manifest.format !== CHECKPOINT_FORMAT)
    fail(MANIFEST, `"format" must be "${CHECKPOINT_FORMAT}", got ${showValue(manifest.format)}: not a tiny-lm checkpoint`);

  const st = manifest.state as Record<string, unknown> | undefined;
  if (typeof st !== 'object' || st === null || Array.isArray(st))
    return fail(MANIFEST, `"state" must be an object {step, rng, adamT}, got ${showValue(st)}`);
  if (st.step !== latest.step)
    fail(
      MANIFEST,
      isInt(st.step, 0)
        ? `"state.step" is ${st.step}, expected ${latest.step} (the checkpoint folder's step)`
        : `"state.step" must be the integer ${latest.step} (the checkpoint folder's step), got ${showValue(st.step)}`,
    );
  if (!isInt(st.rng, 0, 2 ** 32)) fail(MANIFEST, `"state.rng" must be an integer in [0, 2^32), got ${showValue(st.rng)}`);
  if (!isInt(st.adamT, 0)) fail(MANIFEST, `"state.adamT" must be an integer >= 0, got ${showValue(st.adamT)}`);
  const state: LoopState = { step: latest.step, rng: st.rng as number, adamT: st.adamT as number };
  if (st.pendingEval !== undefined) {
    const pe = st.pendingEval as Record<string, unknown> | null;
    if (typeof pe !== 'object' || pe === null || Array.isArray(pe) || pe.step !== latest.step - 1)
      fail(
        MANIFEST,
        `"state.pendingEval" must be the metrics line of step ${latest.step - 1} (an object with "step": ${latest.step - 1}), got ${showValue(pe)}`,
      );
    state.pendingEval = pe as LoopState['pendingEval'];
  }

  if (!Array.isArray(manifest.tensors))
    return fail(MANIFEST, `"tensors" must be an array of {name, file, shape, offset, length}, got ${showValue(manifest.tensors)}`);
  const entries = new Map<string, { at: number; entry: TensorEntry }>();
  (manifest.tensors as unknown[]).forEach((t, i) => {
    const field = `"tensors[${i}]`;
    if (typeof t !== 'object' || t === null || Array.isArray(t))
      return fail(MANIFEST, `${field}" must be an object {name, file, shape, offset, length}, got ${showValue(t)}`);
    const e = t as Record<string, unknown>;
    if (typeof e.name !== 'string' || e.name === '') fail(MANIFEST, `${field}.name" must be a non-empty string, got ${showValue(e.name)}`);
    if (typeof e.file !== 'string' || !/^[\w.-]+$/.test(e.file) || e.file === '.' || e.file === '..')
      fail(MANIFEST, `${field}.file" must be a file name in the checkpoint folder, got ${showValue(e.file)}`);
    if (!Array.isArray(e.shape) || !e.shape.every((d) => isInt(d, 0)))
      fail(MANIFEST, `${field}.shape" of ${showValue(e.name)} must be an array of integers >= 0, got ${showValue(e.shape)}`);
    if (!isInt(e.offset, 0)) fail(MANIFEST, `${field}.offset" of ${showValue(e.name)} must be an integer >= 0, got ${showValue(e.offset)}`);
    const size = (e.shape as number[]).reduce((a, b) => a * b, 1);
    if (e.length !== size)
      fail(
        MANIFEST,
        `${field}.length" of ${showValue(e.name)} is ${showValue(e.length)}, expected ${size} (the product of its shape ${shapeText(e.shape as number[])})`,
      );
    if (entries.has(e.name as string)) fail(MANIFEST, `${field}.name": tensor ${showValue(e.name)} appears twice`);
    entries.set(e.name as string, { at: i, entry: e as unknown as TensorEntry });
  });

  const want = expected(state);
  for (const [name, shape] of want.required) if (!entries.has(name)) fail(MANIFEST, `lacks tensor "${name}" (shape ${shapeText(shape)})`);
  for (const [name, shape] of [...want.required, ...want.optional]) {
    const got = entries.get(name);
    if (got && !sameShape(got.entry.shape, shape))
      fail(
        MANIFEST,
        `"tensors[${got.at}].shape" of "${name}" is ${shapeText(got.entry.shape)}, expected ${shapeText(shape)} (from config.json)`,
      );
  }

  const flats = new Map<string, Float32Array>();
  const tensors: CheckpointData['tensors'] = new Map();
  for (const [name, { entry: e }] of entries) {
    let flat = flats.get(e.file);
    if (!flat) {
      let buf: Buffer;
      try {
        buf = readFileSync(join(latest.dir, e.file));
      } catch (err) {
        return fail(
          e.file,
          `cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); ${MANIFEST} lists tensor "${name}" in it`,
        );
      }
      if (buf.byteLength % 4 !== 0) fail(e.file, `is ${buf.byteLength} bytes, not a whole number of float32 values`);
      flat = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      flats.set(e.file, flat);
    }
    if (e.offset + e.length > flat.length)
      fail(
        e.file,
        `holds ${flat.length} float32 values, but "${name}" needs values ${e.offset} to ${e.offset + e.length - 1} (${MANIFEST})`,
      );
    const values = flat.subarray(e.offset, e.offset + e.length);
    const moment = name.startsWith('v/');
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (!Number.isFinite(x)) fail(e.file, `tensor "${name}" holds ${String(x)} at index ${i} (expected finite float32 values)`);
      if (moment && x < 0) fail(e.file, `tensor "${name}" holds ${x} at index ${i} (expected values >= 0: Adam's second moment)`);
    }
    tensors.set(name, { shape: e.shape, values });
  }
  return { step: latest.step, dir: latest.dir, state, tensors };
}

export interface LoadedCheckpoint {
  step: number;
  state: LoopState;
  tensors: Map<string, tfjs.Tensor>;
}

/** Reads the newest checkpoint (validated by readTinyLmCheckpoint); null when the run has none. Throws on a damaged one (never silently restarts). */
export function loadLatestCheckpoint(tf: Tf, runDir: string, expected: (state: LoopState) => ExpectedTensors): LoadedCheckpoint | null {
  const data = readTinyLmCheckpoint(runDir, expected);
  if (!data) return null;
  const tensors = new Map<string, tfjs.Tensor>();
  for (const [name, t] of data.tensors) tensors.set(name, tf.tensor(t.values, t.shape));
  return { step: data.step, state: data.state, tensors };
}

/**
 * The newest checkpoint's pending evaluation is done (its metrics line logged): its manifest is
 * rewritten without it, atomically (the tensors stay as they are).
 */
export function clearPendingEvaluation(runDir: string): void {
  const latest = latestCheckpoint(runDir);
  if (!latest) return;
  const file = join(latest.dir, 'tinylm.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest<LoopState>;
  delete manifest.state.pendingEval;
  writeFileAtomic(file, JSON.stringify(manifest, null, 1) + '\n');
}

/** Deletes all but the newest `keep` checkpoint folders. */
export function pruneCheckpoints(runDir: string, keep: number): void {
  const root = join(runDir, 'checkpoints');
  if (!existsSync(root)) return;
  const steps = readdirSync(root)
    .map((n) => /^step-(\d+)$/.exec(n))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ name: m[0], step: Number(m[1]) }));
  steps.sort((a, b) => b.step - a.step);
  for (const s of steps.slice(keep)) rmSync(join(root, s.name), { recursive: true, force: true });
}
