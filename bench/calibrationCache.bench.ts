// The calibration view's request (reflectionLens/calibrate) over JSON-RPC to dist/server.js on a
// generated corpus of many files, each number beside a baseline from the same run:
//  1. cold request (every file read)  vs  summarizing the same files in this process (the floor);
//  2. the same request again (every file cached)  vs  the cold request;
//  3. after touching one file  vs  the cold request (only that file is read again).
// Size: BENCH_CAL_FILES (default 40) files of BENCH_CAL_TRACES (default 1500) traces.
// Run: npm run bench calibrationCache
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateMultiplicationTraceText } from '../server/src/trace/generate.js';
import { defaultSegmentOptions } from '../server/src/trace/options.js';
import { readFileSummaries } from '../server/src/lsp/calibrationCorpus.js';
import { LspSession } from '../test/protocol/lspSession.js';
import { calibrateRequest } from '../protocol/methods.js';

const files = Number(process.env.BENCH_CAL_FILES ?? 40);
const traces = Number(process.env.BENCH_CAL_TRACES ?? 1500);
const dir = mkdtempSync(join(tmpdir(), 'rl-bench-cal-'));
const lsp = new LspSession();
try {
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const text = generateMultiplicationTraceText({
      seed: i,
      models: [
        {
          name: `m${i % 4}`,
          step: i,
          echoRate: 0.3,
          tasks: ['3x3', '4x4', '5x5'].map((task, k) => ({ task, p: 0.7 - 0.2 * k, delta1: 0.9, delta2: 0.5, n: Math.ceil(traces / 3) })),
        },
      ],
    });
    const path = join(dir, `run-${i}.trace`);
    writeFileSync(path, text);
    bytes += statSync(path).size;
  }
  console.log(`corpus: ${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${files * 3 * Math.ceil(traces / 3)} traces`);

  const t0 = performance.now();
  for (let i = 0; i < files; i++) await readFileSummaries(join(dir, `run-${i}.trace`), defaultSegmentOptions);
  const floor = performance.now() - t0;

  await lsp.initialize();
  const params = { uris: [pathToFileURL(dir).href], bootstrap: 1000, seed: 1, horizon: 4, by: 'auto' as const };
  const request = async () => {
    const t = performance.now();
    const r = await lsp.conn.sendRequest(calibrateRequest, params);
    return { ms: performance.now() - t, r };
  };
  const cold = await request();
  const warm = await request();
  appendFileSync(
    join(dir, 'run-0.trace'),
    generateMultiplicationTraceText({
      seed: 999,
      firstId: 1e6,
      models: [{ name: 'm0', step: 0, tasks: [{ task: '3x3', p: 0.7, delta1: 0.9, delta2: 0.5, n: 10 }] }],
    }),
  );
  const touched = await request();
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(`summarize in-process (floor):  ${ms(floor)}  (${(bytes / 1e6 / (floor / 1000)).toFixed(1)} MB/s)`);
  console.log(
    `cold request:                  ${ms(cold.ms)}  files read ${cold.r.filesRead}/${cold.r.files}, ${cold.r.result.groups.length} groups  = ${(cold.ms / floor).toFixed(2)}x the floor`,
  );
  console.log(`same request, all cached:      ${ms(warm.ms)}  files read ${warm.r.filesRead}  = ${(warm.ms / cold.ms).toFixed(3)}x cold`);
  console.log(
    `one file touched:              ${ms(touched.ms)}  files read ${touched.r.filesRead}  = ${(touched.ms / cold.ms).toFixed(3)}x cold`,
  );
} finally {
  await lsp.close();
  rmSync(dir, { recursive: true, force: true });
}
