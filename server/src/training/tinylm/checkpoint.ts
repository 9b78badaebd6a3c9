// tiny-lm checkpoints inside the run directory's `checkpoints/step-N/` folders (runDir.ts
// publishes each folder by an atomic rename, so a killed run never leaves a half checkpoint):
//   tinylm.json     manifest: tensor names, shapes, offsets into the .bin files, loop state
//   weights.bin     float32 tensors back to back: parameters and Adam moments
//   reference.bin   the frozen reference policy (GRPO phase only), so every checkpoint resumes alone
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../backend.js';
import { latestCheckpoint, writeCheckpoint } from '../runDir.js';
import { existsSync, readdirSync, rmSync } from 'node:fs';

export const CHECKPOINT_FORMAT = 'reflection-lens/tiny-lm-checkpoint@1';

export interface TensorEntry { name: string; file: string; shape: number[]; offset: number; length: number }
export interface Manifest<S> { format: typeof CHECKPOINT_FORMAT; tensors: TensorEntry[]; state: S }

/** Writes checkpoint `step` (completed steps): each group of named tensors to its own .bin file. */
export async function saveCheckpoint<S>(runDir: string, step: number, groups: Record<string, [string, tfjs.Tensor][]>, state: S): Promise<void> {
  const files: Record<string, Uint8Array | string> = {};
  const entries: TensorEntry[] = [];
  for (const [file, tensors] of Object.entries(groups)) {
    let offset = 0;
    const at: number[] = [];
    for (const [name, t] of tensors) { entries.push({ name, file, shape: t.shape, offset, length: t.size }); at.push(offset); offset += t.size; }
    const flat = new Float32Array(offset);
    const values = await Promise.all(tensors.map(([, t]) => t.data()));
    values.forEach((v, i) => flat.set(v as Float32Array, at[i]));
    files[file] = new Uint8Array(flat.buffer);
  }
  const manifest: Manifest<S> = { format: CHECKPOINT_FORMAT, tensors: entries, state };
  files['tinylm.json'] = JSON.stringify(manifest, null, 1) + '\n';
  writeCheckpoint(runDir, step, files);
}

export interface LoadedCheckpoint<S> { step: number; state: S; tensors: Map<string, tfjs.Tensor> }

/** Reads the newest checkpoint; null when the run has none. Throws on a damaged one (never silently restarts). */
export function loadLatestCheckpoint<S>(tf: Tf, runDir: string): LoadedCheckpoint<S> | null {
  const latest = latestCheckpoint(runDir);
  if (!latest) return null;
  const manifest = JSON.parse(readFileSync(join(latest.dir, 'tinylm.json'), 'utf8')) as Manifest<S>;
  if (manifest.format !== CHECKPOINT_FORMAT) throw new Error(`${latest.dir}: not a tiny-lm checkpoint (format ${String(manifest.format)})`);
  const flats = new Map<string, Float32Array>();
  const tensors = new Map<string, tfjs.Tensor>();
  for (const e of manifest.tensors) {
    let flat = flats.get(e.file);
    if (!flat) {
      const buf = readFileSync(join(latest.dir, e.file));
      flat = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      flats.set(e.file, flat);
    }
    if (e.offset + e.length > flat.length) throw new Error(`${latest.dir}/${e.file} is shorter than its manifest says`);
    tensors.set(e.name, tf.tensor(flat.subarray(e.offset, e.offset + e.length), e.shape));
  }
  return { step: latest.step, state: manifest.state, tensors };
}

/** Deletes all but the newest `keep` checkpoint folders. */
export function pruneCheckpoints(runDir: string, keep: number): void {
  const root = join(runDir, 'checkpoints');
  if (!existsSync(root)) return;
  const steps = readdirSync(root).map((n) => /^step-(\d+)$/.exec(n)).filter((m): m is RegExpExecArray => !!m).map((m) => ({ name: m[0], step: Number(m[1]) }));
  steps.sort((a, b) => b.step - a.step);
  for (const s of steps.slice(keep)) rmSync(join(root, s.name), { recursive: true, force: true });
}
