// `attribution` streams: its output is written trace by trace and only the current rollout group
// (consecutive records of one prompt) is held, so a corpus of any size runs in bounded memory.
// On a small input the streamed --json is byte for byte what the old in-memory command printed
// (every trace held, one JSON.stringify), reproduced here as the reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { alignLogProbs, attributeSegmented, defaultAttributionOptions } from '../../server/src/analysis/attribution.js';
import { groupAdvantages, outcomeReward } from '../../server/src/analysis/grpo.js';
import { generateMultiplicationTraceText } from '../../server/src/trace/generate.js';
import { defaultSegmentOptions } from '../../server/src/trace/options.js';
import { segmentRecord } from '../../server/src/trace/segment.js';
import { streamTraceFile } from '../../server/src/trace/stream.js';
import type { SegmentedRecord, TraceDiagnostic } from '../../server/src/trace/types.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-attr-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const cliPath = join(process.cwd(), 'dist/cli.js');

/** The old command's result: every trace of every file in memory, groups by model and prompt over the whole file. */
async function inMemoryAttribution(files: string[]): Promise<string> {
  const options = { ...defaultAttributionOptions };
  const traces: Record<string, unknown>[] = [];
  const skipped: { file: string; line?: number; reason: string }[] = [];
  for (const file of files) {
    const segs: SegmentedRecord[] = [];
    const onDiagnostic = (d: TraceDiagnostic): void => {
      if (d.severity === 'error') skipped.push({ file, line: d.line + 1, reason: d.message });
    };
    for await (const record of streamTraceFile(file, { onDiagnostic })) {
      const errors = record.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        skipped.push({
          file,
          line: (record.sourceLine ?? record.startLine) + 1,
          reason: `record ${record.id}: ${errors.map((d) => d.message).join('; ')}`,
        });
        continue;
      }
      segs.push(segmentRecord(record, defaultSegmentOptions));
    }
    const groups = new Map<string, SegmentedRecord[]>();
    for (const s of segs) {
      const key = `${s.record.model}\u0000${s.record.group}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    const advantage = new Map<SegmentedRecord, number>();
    for (const g of groups.values()) {
      const adv = groupAdvantages(g.map((s) => outcomeReward(s.correct)));
      g.forEach((s, i) => advantage.set(s, adv[i]));
    }
    for (const s of segs) {
      const line = (s.record.sourceLine ?? s.record.startLine) + 1;
      if (s.steps.length === 0) {
        skipped.push({ file, line, reason: `record ${s.record.id}: no candidate answer, nothing to attribute` });
        continue;
      }
      const { parameters, ratio, surrogateRatio, ...rest } = attributeSegmented(s, advantage.get(s) ?? 0, options);
      // A ratio JSON prints as null says which: x/0 "infinite", 0/0 "undefined" (qval35).
      const is = (name: string, v: number): Record<string, string> =>
        Number.isFinite(v) ? {} : { [`${name}Is`]: Number.isNaN(v) ? 'undefined' : 'infinite' };
      traces.push({
        file,
        line,
        id: s.record.id,
        model: s.record.model,
        task: s.record.task,
        group: s.record.group,
        correct: s.correct,
        klFrom: alignLogProbs(s) ? 'log-probs' : 'estimate',
        ...rest,
        ratio,
        ...is('ratio', ratio),
        surrogateRatio,
        ...is('surrogateRatio', surrogateRatio),
        ...(parameters ?? {}),
      });
    }
  }
  return JSON.stringify({ options, traces, skipped }, null, 2) + '\n';
}

test('attribution --json on a small input equals the in-memory result byte for byte; --jsonl gives the same traces one per line', async () => {
  const a = join(dir, 'a.trace');
  writeFileSync(
    a,
    generateMultiplicationTraceText({
      seed: 8,
      groupSize: 4,
      models: [
        {
          name: 'm',
          echoRate: 0.3,
          tasks: [
            { task: '3x3', p: 0.5, delta1: 0.7, delta2: 0.6, n: 24 },
            { task: '2x2', p: 0.7, delta1: 0.8, delta2: 0.5, n: 16 },
          ],
        },
      ],
    }) +
      // A malformed record and one without a candidate answer are listed under "skipped".
      '=== broken\nanswer: 3\nnot a header\n---\n1 + 2 = 3\n=== silent\nanswer: 4\n---\nno numbers here\n',
  );
  const b = join(dir, 'b.jsonl');
  writeFileSync(
    b,
    [
      '{"prompt":"Calculate 12 * 34.","response":"12 * 34 = 418. Wait, 12 * 30 = 360 and 12 * 4 = 48, so 408.","answer":"408"}',
      '{"prompt":"Calculate 12 * 34.","response":"12 * 34 = 408","answer":"408"}',
      '{"prompt": nope}',
      '{"prompt":"Calculate 5 * 6.","response":"5 * 6 = 30","answer":"30"}',
      '',
    ].join('\n'),
  );
  const expected = await inMemoryAttribution([a, b]);
  const r = spawnSync(process.execPath, [cliPath, 'attribution', a, b, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(
    expected.includes('no candidate answer') && expected.includes('Invalid JSON'),
    'the input exercises both kinds of skipped record',
  );
  assert.equal(r.stdout, expected);
  // The progress line (stderr, no terminal) ends on each file's final count, not the first record's.
  const progress = r.stderr.split('\n').filter((l) => l.startsWith('attribution: '));
  assert.deepEqual(progress.slice(-2), [`attribution: ${a}: 41 records`, `attribution: ${b}: 3 records`]);

  const lines = spawnSync(process.execPath, [cliPath, 'attribution', a, b, '--jsonl'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(lines.status, 0, lines.stderr);
  assert.deepEqual(
    lines.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
    JSON.parse(expected).traces,
  );
  assert.match(lines.stderr, /b\.jsonl:3: .*Invalid JSON/);
});

test('attribution of 200,000 records streams in bounded memory (--max-old-space-size=200)', async () => {
  // Rollout groups of 4 consecutive records (one prompt each), as verl dumps them.
  const input = join(dir, 'big.jsonl');
  const fd = openSync(input, 'w');
  const N = 200_000;
  let text = '';
  for (let i = 0; i < N; i++) {
    const a = 10 + ((i >> 2) % 90);
    const b = 10 + ((i >> 2) % 89);
    const right = a * b;
    const response =
      i % 3 === 0
        ? `${a} * ${b} = ${right + 10}. Wait, let me recompute: ${a} * ${b} = ${right}.`
        : `${a} * ${b} = ${i % 5 === 0 ? right + 1 : right}`;
    text += JSON.stringify({ prompt: `Calculate ${a} * ${b}. (${i >> 2})`, response, answer: String(right) }) + '\n';
    if (text.length > 1 << 20) {
      writeSync(fd, text);
      text = '';
    }
  }
  writeSync(fd, text);
  closeSync(fd);

  const out = join(dir, 'big.json');
  const outFd = openSync(out, 'w');
  // The child reports its peak resident set size when it exits.
  const report = 'data:text/javascript,process.on("exit",()=>process.stderr.write("MAXRSS_KB "+process.resourceUsage().maxRSS+"\\n"))';
  const r = spawnSync(process.execPath, ['--max-old-space-size=200', '--import', report, cliPath, 'attribution', input, '--json'], {
    stdio: ['ignore', outFd, 'pipe'],
    encoding: 'utf8',
    timeout: 600_000,
  });
  closeSync(outFd);
  assert.equal(r.status, 0, `exit ${r.status} ${r.signal ?? ''}: ${r.stderr.slice(-2000)}`);
  const maxRssMb = Number(/MAXRSS_KB (\d+)/.exec(r.stderr)?.[1]) / 1024;
  console.log(
    `attribution of ${N} records: ${(statSync(input).size / 1e6).toFixed(1)} MB in, ${(statSync(out).size / 1e6).toFixed(0)} MB out, peak RSS ${maxRssMb.toFixed(0)} MB`,
  );
  assert.ok(maxRssMb < 400, `peak RSS ${maxRssMb.toFixed(0)} MB`);

  // The output is one complete JSON document with every trace (counted line by line, never held).
  let traces = 0;
  let last = '';
  for await (const line of createInterface({ input: createReadStream(out) })) {
    if (line === '    {') traces++;
    last = line;
  }
  assert.equal(traces, N);
  assert.equal(last, '}');
});
