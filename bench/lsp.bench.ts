// Language server on a large .trace file, over JSON-RPC to the bundled dist/server.js, each
// number beside a baseline from the same run:
//  1. time to first diagnostics after didOpen (malformed lines), then to all diagnostics with the
//     findings  vs  the engine's in-process parse + segmentation of the whole text;
//  2. hover round trips p50/p99 over random positions  vs  a request that does no work;
//  3. diagnostics after a one-character edit (incremental sync)  vs  the same edit sent as a
//     full-document change (full re-parse and re-analysis): the ratio shows incrementality; and
//     vs  the same edits with reflectionLens.maxDiagnostics raised so that every diagnostic is
//     published (VS Code keeps 1,000 per file; the server sends no more by default).
// Wall times on a shared machine are inflated by other processes, so the server's own CPU time
// (from reflectionLens/documentStats) and this client's CPU time are printed beside them.
// Two shapes of file, each measured in full with its own baselines:
//  - realistic: records the size of real reasoning traces (~17 KB, several markers each): the
//    traces of ../shared/data/skyt1-reflection-0.5-amc23.jsonl repeated as distinct groups, or,
//    without that data, generated traces padded with ~16 KB of reasoning that has markers;
//  - stress: the generator's tiny multiplication records (~500 bytes), so a 20 MB file has ~40,000
//    records and tens of thousands of diagnostics;
//  - one-group: the stress records all in one rollout group (`group: one`), as a rollout dump of one
//    prompt is: GRPO advantages and attribution summaries are per group, so per-request work that
//    walks the group shows here (hover re-read all 40,000 members before stop 35).
// Size: BENCH_LSP_MB (default 20); BENCH_LSP_SHAPES=realistic,stress,one-group. Run: npm run bench lsp
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Rng } from '../server/src/analysis/random.js';
import { generateMultiplicationTraces, type GenerateModelSpec } from '../server/src/trace/generate.js';
import { formatRecord } from '../server/src/trace/format.js';
import { jsonlToRecords } from '../server/src/trace/jsonl.js';
import { defaultSegmentOptions } from '../server/src/trace/options.js';
import { parseTrace } from '../server/src/trace/parse.js';
import { segmentRecord } from '../server/src/trace/segment.js';
import { LspSession } from '../test/protocol/lspSession.js';
import { documentStatsRequest, type DocumentStats } from '../protocol/methods.js';

const targetMB = Number(process.env.BENCH_LSP_MB ?? 20);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const med = (xs: number[]) => pct(xs, 50);
const f = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const stats = async (s: LspSession, uri: string): Promise<DocumentStats> => (await s.conn.sendRequest(documentStatsRequest, { uri }))!;

/** Wall and client-CPU milliseconds of an async step. */
async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; clientCpu: number }> {
  const t0 = performance.now();
  const c0 = cpuMs();
  await fn();
  return { wall: performance.now() - t0, clientCpu: cpuMs() - c0 };
}

const REAL = '../shared/data/skyt1-reflection-0.5-amc23.jsonl';

/** Real reasoning traces as .trace records, copied (each copy its own ids and groups) up to `bytes`. */
function realisticCorpus(bytes: number): { text: string; source: string } {
  if (existsSync(REAL)) {
    const { records } = jsonlToRecords(readFileSync(REAL, 'utf8'), { fileName: 'skyt1-reflection.jsonl' });
    const parts: string[] = [];
    let size = 0;
    for (let copy = 0; size < bytes; copy++) {
      for (const r of records) {
        const t = formatRecord({ ...r, id: `${r.id}#${copy}`, headers: { ...r.headers, group: `${r.headers.group ?? r.id}#${copy}` } });
        parts.push(t);
        size += t.length;
        if (size >= bytes) break;
      }
    }
    return { text: parts.join(''), source: `${REAL} (${records.length} traces, repeated)` };
  }
  // Without the data: generated traces with ~16 KB of reasoning before them, a marker every ~2 KB.
  const filler = [
    'Let me set up the product digit by digit and keep the carries aligned.',
    'Each partial product goes on its own line before the sum.',
    'Hmm, the tens column needs the carry from the units.',
    'Wait, I should keep track of the place values here.',
    'Let me check the magnitude: the result must have about as many digits as both factors together.',
  ];
  const pad = Array.from({ length: 220 }, (_, i) => filler[i % filler.length]).join('\n');
  const text = corpus(bytes / 30).replace(/\n---\n/g, `\n---\n${pad}\n`);
  return { text, source: 'generated traces padded with reasoning (../shared/data absent)' };
}

function corpus(bytes: number): string {
  const models: GenerateModelSpec[] = [
    {
      name: 'grpo',
      tasks: ['2x3', '3x3', '3x4', '4x4'].map((task, i) => ({ task, p: 0.8 - 0.15 * i, delta1: 0.9, delta2: 0.8, n: 1_000_000 })),
    },
    {
      name: 'sft',
      echoRate: 0.6,
      tasks: ['2x3', '3x3', '3x4', '4x4'].map((task, i) => ({ task, p: 0.8 - 0.15 * i, delta1: 0.7, delta2: 0.3, n: 1_000_000 })),
    },
  ];
  const parts: string[] = [];
  let size = 0;
  // Interleave models and tasks so the file is not one long run of the same kind.
  const gens = models.flatMap((m, k) =>
    m.tasks.map((t, i) => generateMultiplicationTraces({ seed: 10 * k + i + 1, groupSize: 8, models: [{ ...m, tasks: [t] }] })),
  );
  for (let i = 0; size < bytes; i++) {
    const t = gens[i % gens.length].next().value!;
    parts.push(t.text);
    size += t.text.length;
  }
  return parts.join('');
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at start`);
  const shapes = (process.env.BENCH_LSP_SHAPES ?? 'realistic,stress,one-group').split(',');
  if (shapes.includes('realistic')) {
    const { text, source } = realisticCorpus(targetMB * 1e6);
    console.log(`\n--- realistic shape: ${source}`);
    await measureShape(text);
  }
  if (shapes.includes('stress')) {
    console.log('\n--- stress shape: tiny generated multiplication records');
    await measureShape(corpus(targetMB * 1e6));
  }
  if (shapes.includes('one-group')) {
    console.log('\n--- one-group shape: the stress records, all in one rollout group');
    await measureShape(corpus(targetMB * 1e6).replace(/^model: .*$/gm, '$&\ngroup: one'));
  }
  console.log(`\nmachine load average at the end: ${loadavg()[0].toFixed(1)}`);
}

async function measureShape(text: string): Promise<void> {
  // Baseline 1: in-process parse + segmentation of the whole text (no JSON-RPC, no diagnostics).
  let t0 = performance.now();
  const c0 = cpuMs();
  const parsed = parseTrace(text, { fileName: 'bench.trace' });
  for (const r of parsed.records) segmentRecord(r, defaultSegmentOptions);
  const engine = { wall: performance.now() - t0, cpu: cpuMs() - c0 };
  console.log(
    `file: ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB, ${parsed.records.length.toLocaleString('en-US')} records (${(Buffer.byteLength(text) / parsed.records.length / 1e3).toFixed(1)} KB each)`,
  );

  const s = new LspSession();
  try {
    await s.initialize();
    const uri = 'file:///bench/bench.trace';
    // A large file publishes its malformed-line diagnostics first, the analysed set after.
    let first = 0;
    let syntaxWall = 0;
    const open = await timed(async () => {
      const t = performance.now();
      await s.open(uri, text, 1);
      await s.diagnostics(uri, () => (s.published.get(uri) ?? 0) >= 1, 600000);
      syntaxWall = performance.now() - t;
      first = (await s.diagnostics(uri, () => (s.published.get(uri) ?? 0) >= 2, 600000)).diagnostics.length;
    });
    const os = await stats(s, uri);
    const openCpu = os.updateCpuMs + os.publishCpuMs;
    console.log(
      `first diagnostics after didOpen (malformed lines, before analysis): ${f(syntaxWall)} wall (goal < 2000 ms: ${verdict(syntaxWall < 2000)}); ` +
        `the analysed set (${first.toLocaleString('en-US')} diagnostics published, findings included): ${f(open.wall)} wall, server CPU ${f(openCpu)} (parse into records ${f(os.updateCpuMs)}, analysis ${f(os.publishCpuMs)}) | ` +
        `baseline in-process parse+segment: ${f(engine.wall)} wall, ${f(engine.cpu)} CPU | server CPU / baseline CPU ${(openCpu / engine.cpu).toFixed(2)}x`,
    );
    // Where the wait for the first diagnostics goes: encoding the didOpen here, the server's parse
    // into records, and the rest (pipe, the server's decoding of 20 MB of JSON, queueing on a busy machine).
    t0 = performance.now();
    JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'trace', version: 1, text } },
    });
    const encode = performance.now() - t0;
    console.log(
      `  first diagnostics, where the ${f(syntaxWall)} go: encoding the didOpen message ${f(encode)}, server parse into records ${f(os.updateMs)} wall (${f(os.updateCpuMs)} CPU), ` +
        `transfer, decoding and waiting ${f(Math.max(0, syntaxWall - encode - os.updateMs))}`,
    );

    // Hover over random positions, beside the round trip of a request that does no work.
    const doc = TextDocument.create(uri, 'trace', 1, text);
    const rng = new Rng(1);
    const hover: number[] = [];
    const noop: number[] = [];
    let answered = 0;
    for (let i = 0; i < 400; i++) {
      const position = doc.positionAt(rng.int(text.length));
      t0 = performance.now();
      if (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position })) answered++;
      hover.push(performance.now() - t0);
      t0 = performance.now();
      await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///bench/not-open.trace' }, position });
      noop.push(performance.now() - t0);
    }
    console.log(
      `hover (${hover.length} random positions, ${answered} answered): p50 ${f(med(hover))}, p99 ${f(pct(hover, 99))} (goal p99 < 20 ms: ${verdict(pct(hover, 99) < 20)}) | ` +
        `baseline no-op request: p50 ${f(med(noop))}, p99 ${f(pct(noop, 99))}`,
    );

    // One-character edits at random records: incremental vs the same edit as a full-document
    // change, then (a second baseline) incremental edits with the diagnostics cap raised so that
    // every finding is published, as before reflectionLens.maxDiagnostics existed.
    let version = 1;
    let current = doc;
    const editRound = async (edits: number, fullEvery: number) => {
      const inc = { wall: [] as number[], serverCpu: [] as number[], clientCpu: [] as number[], reparsed: new Set<number>(), published: 0 };
      const full = { wall: [] as number[], serverCpu: [] as number[], clientCpu: [] as number[] };
      for (let i = 0; i < edits; i++) {
        const r = parsed.records[rng.int(parsed.records.length)];
        const line = r.bodyStartLine + 1;
        const range = { start: { line, character: 0 }, end: { line, character: 1 } };
        const replacement = current.getText(range) === '7' ? '8' : '7';
        current = TextDocument.update(current, [{ range, text: replacement }], ++version);
        const v = version;
        const a = await timed(async () => {
          await s.change(uri, v, [{ range, text: replacement }]);
          inc.published = (await s.diagnosticsFor(uri, v, 600000)).length;
        });
        const st = await stats(s, uri);
        inc.wall.push(a.wall);
        inc.clientCpu.push(a.clientCpu);
        inc.serverCpu.push(st.updateCpuMs + st.publishCpuMs);
        inc.reparsed.add(st.reparsedByLastChange);
        if (i < fullEvery) {
          const w = ++version;
          const b = await timed(async () => {
            await s.change(uri, w, [{ text: current.getText() }]);
            await s.diagnosticsFor(uri, w, 600000);
          });
          const fs = await stats(s, uri);
          full.wall.push(b.wall);
          full.clientCpu.push(b.clientCpu);
          full.serverCpu.push(fs.updateCpuMs + fs.publishCpuMs);
        }
      }
      return { inc, full };
    };
    const { inc, full } = await editRound(10, 3);
    s.settings.set('*', { maxDiagnostics: Number.MAX_SAFE_INTEGER });
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const { inc: all } = await editRound(5, 0);
    console.log(
      `diagnostics after a one-character edit: median ${f(med(inc.wall))}, max ${f(Math.max(...inc.wall))} wall (goal < 100 ms: ${verdict(Math.max(...inc.wall) < 100)}); ` +
        `records re-parsed per edit: ${[...inc.reparsed].join(', ')}; server CPU median ${f(med(inc.serverCpu))}; this client's CPU (receiving and decoding ${inc.published.toLocaleString('en-US')} diagnostics) median ${f(med(inc.clientCpu))}`,
    );
    console.log(
      `  baseline, the same edit as a full-document change: median ${f(med(full.wall))} wall, server CPU ${f(med(full.serverCpu))} | ` +
        `full/incremental: wall ${(med(full.wall) / med(inc.wall)).toFixed(1)}x, server CPU ${(med(full.serverCpu) / med(inc.serverCpu)).toFixed(0)}x`,
    );
    console.log(
      `  baseline, incremental with every one of the ${all.published.toLocaleString('en-US')} diagnostics published (cap raised): median ${f(med(all.wall))}, max ${f(Math.max(...all.wall))} wall, ` +
        `server CPU ${f(med(all.serverCpu))}, client CPU ${f(med(all.clientCpu))} | all/capped: wall ${(med(all.wall) / med(inc.wall)).toFixed(1)}x`,
    );
  } finally {
    await s.close();
  }
}

await main();
