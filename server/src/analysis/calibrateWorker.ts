// Worker-thread entry of parallel calibration (parallel.ts): summarizes the files or byte ranges
// it is sent into an accumulator and posts the accumulator's state back.
// First: V8's inlining budget, before the engine's code is compiled (trace/engineFlags.ts).
import '../trace/engineFlags.js';
import { parentPort } from 'node:worker_threads';
import { CalibrationAccumulator } from './calibrate.js';
import { summarizeFile } from './corpus.js';
import type { CalibrationTask } from './parallel.js';

parentPort!.on('message', async (task: CalibrationTask) => {
  try {
    const acc = new CalibrationAccumulator(task.by);
    const r = await summarizeFile(task.file, (s) => acc.add(s), {
      segment: task.segment,
      summary: task.summary,
      start: task.start,
      end: task.end,
      rowGroups: task.rowGroups,
      source: task.source,
      onProgress: (bytes) => parentPort!.postMessage({ id: task.id, progress: bytes }),
    });
    parentPort!.postMessage({ id: task.id, done: { ...r, state: acc.state() } });
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: err instanceof Error ? err.message : String(err) });
  }
});
