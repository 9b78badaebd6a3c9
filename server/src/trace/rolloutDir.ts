// A verl rollout directory (trainer.rollout_data_dir / trainer.validation_data_dir) gains one
// `{step}.jsonl` per step while the job runs, written in place, never atomically: verl up to 0.7
// joins all lines and hands them to one buffered write (a reader can still catch the file part-way,
// cut anywhere); verl 0.8 and later write it line by line, from a background thread while training
// goes on, through Python's buffered file, so the file grows in about 8 KB pieces that each end
// at a line boundary: a file being written usually ends in a newline. A file is therefore
// handed out only once it is at rest: its last byte is a newline and it has not changed for
// `settleMs`. A writer that stalls longer than that (or a file system that shows growth late) gets
// its first lines handed out early; the grown file is then handed out again, `changed: true`, and
// its reading supersedes the first. A file at rest without a final newline (a writer that died
// mid-line) is handed out after `quietMs`, so its complete lines are not lost; the reader reports
// the torn last line. Every version (size, mtime) of a file is handed out exactly once; a file
// rewritten later (a resumed job redoing a step) comes out again with `changed: true`.
// "At rest" is measured on this watcher's own clock, from when it first saw the file's current
// (size, mtime): a file's mtime comes from the clock of whatever wrote it (on NFS, the file
// server's), so a file still being written can look hours old, or stamped in the future.
// Only stat metadata is kept per file, so memory stays bounded however large the run.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { endsWithNewline, STEP_FILE } from '../../../protocol/rollouts.js';
import { fileKind } from '../util/fileKind.js';

export { endsWithNewline, isRolloutDir, rolloutRunName } from '../../../protocol/rollouts.js';

export interface StepFile {
  step: number;
  path: string;
  size: number;
  mtimeMs: number;
  /** The file was handed out before with other contents. */
  changed: boolean;
  /** The file was handed out without a final newline (torn last line). */
  partial: boolean;
}

export interface WatchRolloutOptions {
  /** How often to look (ms). File system events wake the watcher early where they work. */
  pollMs?: number;
  /** A file must be unchanged this long before it is read (ms). */
  settleMs?: number;
  /** A file without a final newline is read after being unchanged this long (ms). */
  quietMs?: number;
  /** Stops watching; the iterator then ends. */
  signal?: AbortSignal;
  /** Hand out what is there now (waiting for files still being written) and end, instead of watching. */
  once?: boolean;
  /**
   * A `{step}.jsonl` that is not read: a directory, FIFO, device or socket by that name (said once
   * per path), or a file that cannot be opened (said once per version). The watch goes on.
   */
  onSkip?: (path: string, reason: string) => void;
}

/** The `{step}.jsonl` files of a directory in step order (other files are ignored). */
export function listStepFiles(dir: string): { step: number; path: string }[] {
  const out: { step: number; path: string }[] = [];
  for (const name of readdirSync(dir)) {
    const m = STEP_FILE.exec(name);
    if (m) out.push({ step: Number(m[1]), path: join(dir, name) });
  }
  return out.sort((a, b) => a.step - b.step);
}

/**
 * Step files as they become complete, in step order within each look. Ends when `signal`
 * aborts, or with `once` when everything present at the start has been handed out.
 */
export async function* watchRolloutDir(dir: string, opts: WatchRolloutOptions = {}): AsyncGenerator<StepFile> {
  const pollMs = opts.pollMs ?? 1000;
  const settleMs = opts.settleMs ?? 1000;
  const quietMs = opts.quietMs ?? 30_000;
  const handedOut = new Map<string, { size: number; mtimeMs: number }>();
  // When each file was first seen with its current (size, mtime): a file's own mtime can be
  // skewed against this clock (network file systems), our observation cannot.
  const seenSince = new Map<string, { size: number; mtimeMs: number; at: number }>();
  // Skip notes already given: by path (not a regular file), by version (could not be opened).
  const noted = new Set<string>();
  const note = (key: string, path: string, reason: string): void => {
    if (noted.has(key)) return;
    noted.add(key);
    opts.onSkip?.(path, reason);
  };
  let wake: (() => void) | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, () => wake?.());
    watcher.on('error', () => {
      watcher?.close();
      watcher = undefined;
    });
  } catch {
    // No file system events here (some network file systems): polling alone still works.
  }
  const onAbort = (): void => wake?.();
  opts.signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      if (opts.signal?.aborted) return;
      let waiting = 0;
      let files: { step: number; path: string }[] = [];
      try {
        files = listStepFiles(dir);
      } catch {
        // The directory may not exist yet (verl creates it at the first dump): keep looking.
        if (opts.once) return;
      }
      for (const f of files) {
        let st;
        try {
          st = statSync(f.path);
        } catch {
          continue; // removed between listing and stat
        }
        if (!st.isFile()) {
          // A directory (or FIFO, device, socket) named like a step file: never read (a device can be endless).
          note(`kind ${f.path}`, f.path, `${fileKind(st)}, not a regular file: not read`);
          continue;
        }
        noted.delete(`kind ${f.path}`);
        const prev = handedOut.get(f.path);
        // Empty: verl has opened (or truncated, when redoing a step) but not yet written it.
        if (st.size === 0 || (prev && prev.size === st.size && prev.mtimeMs === st.mtimeMs)) continue;
        const t = performance.now(); // monotonic: a wall-clock step does not settle (or stall) files
        const seen = seenSince.get(f.path);
        if (!seen || seen.size !== st.size || seen.mtimeMs !== st.mtimeMs)
          seenSince.set(f.path, { size: st.size, mtimeMs: st.mtimeMs, at: t });
        // Our observation alone: never the mtime, which a skewed clock makes look old.
        const age = t - (seenSince.get(f.path)?.at ?? t);
        let complete: boolean;
        try {
          complete = endsWithNewline(f.path, st.size);
        } catch (err) {
          // Unreadable (permissions) or removed since the stat: said once per version, looked at again when it changes.
          note(`read ${f.path} ${st.size} ${st.mtimeMs}`, f.path, `could not be read: ${err instanceof Error ? err.message : String(err)}`);
          continue;
        }
        if (age < settleMs || (!complete && age < quietMs)) {
          waiting++;
          continue;
        }
        handedOut.set(f.path, { size: st.size, mtimeMs: st.mtimeMs });
        yield { step: f.step, path: f.path, size: st.size, mtimeMs: st.mtimeMs, changed: prev !== undefined, partial: !complete };
        if (opts.signal?.aborted) return;
      }
      if (opts.once && waiting === 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waiting > 0 ? Math.min(pollMs, settleMs) : pollMs);
        // Events come per write while verl dumps a big file: look again shortly, not per event.
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          setTimeout(resolve, 50);
        };
      });
      wake = undefined;
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    watcher?.close();
  }
}
