// Worker-thread entry of the full pass (scan.ts): scans one byte range and posts its totals.
// First: V8's inlining budget, before the engine's code is compiled (trace/engineFlags.ts).
import './engineFlags.js';
import { parentPort, workerData } from 'node:worker_threads';
import { scanRange } from './scan.js';

const { path, start, end, segment, attribution } = workerData as {
  path: string;
  start: number;
  end: number;
  segment: never;
  attribution: never;
};
const summary = await scanRange(path, start, end, {
  segment,
  attribution,
  onProgress: (bytes) => parentPort!.postMessage({ progress: bytes }),
});
parentPort!.postMessage({ summary });
