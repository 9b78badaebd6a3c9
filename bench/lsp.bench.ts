// Language server on a large .trace file, over JSON-RPC to the bundled dist/server.js, each
// number beside a baseline from the same run:
//  1. time to first diagnostics after didOpen  vs  the engine's in-process parse + segmentation
//     of the whole text (what any full re-analysis costs at least);
//  2. hover round trips p50/p99 over random positions  vs  a no-op request round trip;
//  3. diagnostics after a one-character edit (incremental sync)  vs  the same edit sent as a
//     full-document change (full re-parse and re-analysis): the ratio shows incrementality.
// Size: BENCH_LSP_MB (default 20). Run: npm run build && node --import tsx bench/lsp.bench.ts
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Rng } from '../server/src/analysis/random.js';
import { generateMultiplicationTraces, type GenerateModelSpec } from '../server/src/trace/generate.js';
import { defaultSegmentOptions } from '../server/src/trace/options.js';
import { parseTrace } from '../server/src/trace/parse.js';
import { segmentRecord } from '../server/src/trace/segment.js';
import { LspSession } from '../test/protocol/lspSession.js';

const targetMB = Number(process.env.BENCH_LSP_MB ?? 20);
const ms = (t0: number) => performance.now() - t0;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const f = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

function corpus(bytes: number): string {
  const models: GenerateModelSpec[] = [
    { name: 'grpo', tasks: ['2x3', '3x3', '3x4', '4x4'].map((task, i) => ({ task, p: 0.8 - 0.15 * i, delta1: 0.9, delta2: 0.8, n: 1_000_000 })) },
    { name: 'sft', echoRate: 0.6, tasks: ['2x3', '3x3', '3x4', '4x4'].map((task, i) => ({ task, p: 0.8 - 0.15 * i, delta1: 0.7, delta2: 0.3, n: 1_000_000 })) },
  ];
  const parts: string[] = [];
  let size = 0;
  // Interleave models and tasks so the file is not one long run of the same kind.
  const gens = models.flatMap((m) => m.tasks.map((t) => generateMultiplicationTraces({ seed: parts.length + t.task.length, groupSize: 8, models: [{ ...m, tasks: [t] }] })));
  for (let i = 0; size < bytes; i++) {
    const t = gens[i % gens.length].next().value!;
    parts.push(t.text);
    size += t.text.length;
  }
  return parts.join('');
}

interface Stats {
  reparsedByLastChange: number;
  updateMs: number;
  diagnosticsMs: number;
}
const stats = (s: LspSession, uri: string): Promise<Stats> => s.conn.sendRequest('reflectionLens/documentStats', { uri });

async function main(): Promise<void> {
  const text = corpus(targetMB * 1e6);
  const mb = Buffer.byteLength(text) / 1e6;

  // Baseline 1: in-process parse + segmentation of the whole text (no JSON-RPC, no diagnostics).
  let t = performance.now();
  const parsed = parseTrace(text, { fileName: 'bench.trace' });
  for (const r of parsed.records) segmentRecord(r, defaultSegmentOptions);
  const engineMs = ms(t);
  console.log(`file: ${mb.toFixed(1)} MB, ${parsed.records.length.toLocaleString('en-US')} records`);

  const s = new LspSession();
  try {
    await s.initialize();
    const uri = 'file:///bench/bench.trace';
    t = performance.now();
    await s.open(uri, text, 1);
    const first = await s.diagnosticsFor(uri, 1, 120000);
    const openMs = ms(t);
    const openStats = await stats(s, uri);
    console.log(
      `first diagnostics after didOpen: ${f(openMs)} end to end (goal < 2000 ms: ${verdict(openMs < 2000)}; ${first.length.toLocaleString('en-US')} diagnostics; ` +
        `server side: model ${f(openStats.updateMs)} + analysis and diagnostics ${f(openStats.diagnosticsMs)}) | baseline in-process parse+segment of the whole text: ${f(engineMs)} | ratio ${(openMs / engineMs).toFixed(2)}x`,
    );

    // Hover over random positions, beside the round trip of a request that does no work.
    const doc = TextDocument.create(uri, 'trace', 1, text);
    const rng = new Rng(1);
    const hover: number[] = [];
    const noop: number[] = [];
    let answered = 0;
    for (let i = 0; i < 400; i++) {
      const position = doc.positionAt(rng.int(text.length));
      t = performance.now();
      const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position });
      hover.push(ms(t));
      if (h) answered++;
      t = performance.now();
      await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///bench/not-open.trace' }, position });
      noop.push(ms(t));
    }
    const p99 = pct(hover, 99);
    console.log(`hover (${hover.length} random positions, ${answered} answered): p50 ${f(pct(hover, 50))}, p99 ${f(p99)} (goal p99 < 20 ms: ${verdict(p99 < 20)}) | baseline no-op request p50 ${f(pct(noop, 50))}, p99 ${f(pct(noop, 99))}`);

    // One-character edits at random records: incremental vs the same edit as a full-document change.
    let version = 1;
    let current = doc;
    const incremental: number[] = [];
    const incrementalServer: number[] = [];
    const full: number[] = [];
    const fullServer: number[] = [];
    const reparsed: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = parsed.records[rng.int(parsed.records.length)];
      const line = r.bodyStartLine + 1;
      const range = { start: { line, character: 0 }, end: { line, character: 1 } };
      const replacement = current.getText(range) === '7' ? '8' : '7';
      current = TextDocument.update(current, [{ range, text: replacement }], ++version);
      t = performance.now();
      await s.change(uri, version, [{ range, text: replacement }]);
      await s.diagnosticsFor(uri, version, 120000);
      incremental.push(ms(t));
      const st = await stats(s, uri);
      reparsed.push(st.reparsedByLastChange);
      incrementalServer.push(st.updateMs + st.diagnosticsMs);
      if (i < 3) {
        t = performance.now();
        await s.change(uri, ++version, [{ text: current.getText() }]);
        await s.diagnosticsFor(uri, version, 120000);
        full.push(ms(t));
        const fs = await stats(s, uri);
        fullServer.push(fs.updateMs + fs.diagnosticsMs);
      }
    }
    const inc50 = pct(incremental, 50);
    const full50 = pct(full, 50);
    const srv50 = pct(incrementalServer, 50);
    const fullSrv50 = pct(fullServer, 50);
    console.log(
      `diagnostics after a one-character edit: median ${f(inc50)}, max ${f(Math.max(...incremental))} end to end (goal < 100 ms: ${verdict(Math.max(...incremental) < 100)}; records re-parsed per edit: ${[...new Set(reparsed)].join(', ')}) | ` +
        `baseline full-document change: median ${f(full50)} | full/incremental ${(full50 / inc50).toFixed(1)}x`,
    );
    console.log(
      `  server side (apply edit + re-analyse + assemble ${first.length.toLocaleString('en-US')} diagnostics): incremental median ${f(srv50)}, full-document change median ${f(fullSrv50)} | ratio ${(fullSrv50 / srv50).toFixed(0)}x; ` +
        `the rest of the end-to-end time is JSON-RPC transfer and decoding of the whole diagnostics list, which LSP republishes on every change`,
    );
  } finally {
    await s.close();
  }
}

await main();
