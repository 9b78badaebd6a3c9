// The calibration request's corpus: per-file summaries cached by path + mtime + size + settings
// (a second request with unchanged files reads none; a touched file is re-read), folders walked,
// bad files listed with their diagnostics, cancellation honoured.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { listTraceFiles } from '../../server/src/analysis/corpus.js';
import { walkSkipsPath } from '../../protocol/calibration.js';
import { generateMultiplicationTraces, type GenerateOptions, type GeneratedTrace } from '../../server/src/trace/generate.js';
import { defaultSegmentOptions } from '../../server/src/trace/options.js';
import { CalibrationCorpus, calibrateSnapshot, corpusSettingsKey, readFileSummaries } from '../../server/src/lsp/calibrationCorpus.js';
import { matchesQuery } from '../../server/src/lsp/calibrationRequest.js';

const calib = { bootstrap: 50, seed: 3, horizon: 4, by: 'model-task' as const };

function corpusSpec(seed: number, model: string, n: number): GenerateOptions {
  return {
    seed,
    models: [
      {
        name: model,
        echoRate: 0.5,
        tasks: [
          { task: '3x3', p: 0.6, delta1: 0.9, delta2: 0.5, n },
          { task: '4x5', p: 0.3, delta1: 0.9, delta2: 0.4, n },
        ],
      },
    ],
  };
}

describe('calibration corpus cache', () => {
  let dir: string;
  const generated: GeneratedTrace[] = [];
  const write = (file: string, opts: GenerateOptions) => {
    const traces = [...generateMultiplicationTraces(opts)];
    generated.push(...traces);
    writeFileSync(join(dir, file), traces.map((t) => t.text).join(''));
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rl-calib-'));
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, 'node_modules'));
    write('grpo.trace', corpusSpec(1, 'grpo', 40));
    write('sft.trace', corpusSpec(2, 'sft', 40));
    write('sub/grpo-more.trace', corpusSpec(3, 'grpo', 20));
    writeFileSync(join(dir, 'node_modules', 'ignored.trace'), '=== 1\nanswer: 1\n---\n1\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a trace');
    // Line 3 is a malformed header: the file is listed with that line, the others are calibrated.
    writeFileSync(join(dir, 'broken.trace'), '=== 1\nquery: 2 * 3\nthis is not a header\n---\nThe answer is 6.\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('reads every trace file once, then only the files that changed', async () => {
    const reads: string[] = [];
    const corpus = new CalibrationCorpus(async (path, seg, signal) => {
      reads.push(path);
      return readFileSummaries(path, seg, signal);
    });
    const first = await corpus.load([dir], defaultSegmentOptions);
    assert.deepEqual(
      first.files.map((f) => f.slice(dir.length + 1)),
      ['broken.trace', 'grpo.trace', 'sft.trace', 'sub/grpo-more.trace'],
    );
    assert.equal(first.filesRead, 4);
    assert.equal(reads.length, 4);
    const r1 = calibrateSnapshot(first, calib);

    // Every generated trace is calibrated with the generator's own truth about its final answer.
    for (const g of r1.groups) {
      const mine = generated.filter((t) => t.model === g.model && t.task === g.task);
      assert.equal(g.n, mine.length, `${g.model} ${g.task} n`);
      assert.equal(g.counts.correctFinal, mine.filter((t) => t.attempts.at(-1)!.correct).length, `${g.model} ${g.task} correct`);
    }
    assert.deepEqual(r1.groups.map((g) => `${g.model}/${g.task}/${g.n}`).sort(), [
      'grpo/3x3/60',
      'grpo/4x5/60',
      'sft/3x3/40',
      'sft/4x5/40',
    ]);
    const broken = r1.skipped.filter((s) => s.file.endsWith('broken.trace'));
    assert.ok(
      broken.some((s) => s.line === 3 && /header/i.test(s.reason)),
      JSON.stringify(broken),
    );

    reads.length = 0;
    const second = await corpus.load([dir], defaultSegmentOptions);
    assert.equal(second.filesRead, 0);
    assert.deepEqual(reads, []);
    assert.deepEqual(calibrateSnapshot(second, calib), r1);

    // Touch one file: new content and a new mtime. Only it is read again, and the result shows it.
    const more = [...generateMultiplicationTraces({ ...corpusSpec(9, 'sft', 5), firstId: 1000 })];
    appendFileSync(join(dir, 'sft.trace'), more.map((t) => t.text).join(''));
    utimesSync(join(dir, 'sft.trace'), new Date(), new Date(Date.now() + 5000));
    const third = await corpus.load([dir], defaultSegmentOptions);
    assert.equal(third.filesRead, 1);
    assert.deepEqual(reads, [join(dir, 'sft.trace')]);
    const r3 = calibrateSnapshot(third, calib);
    assert.deepEqual(r3.groups.map((g) => `${g.model}/${g.task}/${g.n}`).sort(), [
      'grpo/3x3/60',
      'grpo/4x5/60',
      'sft/3x3/45',
      'sft/4x5/45',
    ]);

    // Other segmentation settings change every summary: everything is read again.
    reads.length = 0;
    const fourth = await corpus.load([dir], { markers: ['Wait'], answerPatterns: [] });
    assert.equal(fourth.filesRead, 4);
  });

  test('the cache key holds the truncation settings: changing includeTruncated or tokenLimit re-reads, the same ones do not', async () => {
    const base = corpusSettingsKey(defaultSegmentOptions);
    assert.equal(corpusSettingsKey(defaultSegmentOptions, {}), base);
    assert.equal(
      corpusSettingsKey(defaultSegmentOptions, { includeTruncated: false, tokenLimit: 8192 }),
      base,
      'explicit defaults = absent',
    );
    const keys = [
      base,
      corpusSettingsKey(defaultSegmentOptions, { includeTruncated: true }),
      corpusSettingsKey(defaultSegmentOptions, { tokenLimit: 4096 }),
      corpusSettingsKey(defaultSegmentOptions, { includeTruncated: true, tokenLimit: 4096 }),
      corpusSettingsKey({ markers: ['Wait'], answerPatterns: [] }),
    ];
    assert.equal(new Set(keys).size, keys.length, keys.join('\n'));

    const cutDir = mkdtempSync(join(tmpdir(), 'rl-calib-cut-'));
    try {
      const long = `${'First the tens, then the units. '.repeat(30)}So the answer is 6.`; // ~240 tokens
      writeFileSync(
        join(cutDir, 'cut.trace'),
        [
          '=== 1\nquery: 2 * 3\nanswer: 6\nmodel: m\ntask: 1x1\n---\nThe answer is 6.\n',
          '=== 2\nquery: 2 * 3\nanswer: 6\nmodel: m\ntask: 1x1\ntruncated: true\n---\nThe answer is 6.\n',
          `=== 3\nquery: 2 * 3\nanswer: 6\nmodel: m\ntask: 1x1\n---\n${long}\n`,
        ].join(''),
      );
      const reads: unknown[] = [];
      const corpus = new CalibrationCorpus(async (path, seg, signal, summary) => {
        reads.push(summary);
        return readFileSummaries(path, seg, signal, summary);
      });
      const load = async (summary?: { includeTruncated?: boolean; tokenLimit?: number }) => {
        const snap = await corpus.load([cutDir], defaultSegmentOptions, { summary });
        return { read: snap.filesRead, n: calibrateSnapshot(snap, calib).groups.reduce((t, g) => t + g.n, 0) };
      };
      assert.deepEqual(await load(), { read: 1, n: 2 });
      assert.deepEqual(await load({ includeTruncated: false, tokenLimit: 8192 }), { read: 0, n: 2 }, 'same settings: cached');
      assert.deepEqual(await load({ includeTruncated: true }), { read: 1, n: 3 });
      assert.deepEqual(await load({ includeTruncated: true }), { read: 0, n: 3 });
      assert.deepEqual(await load({ tokenLimit: 100 }), { read: 1, n: 1 });
      assert.deepEqual(await load({ tokenLimit: 100 }), { read: 0, n: 1 });
      assert.deepEqual(await load(), { read: 1, n: 2 }, 'back to the defaults: read again (one entry per file)');
      assert.deepEqual(reads, [{}, { includeTruncated: true }, { tokenLimit: 100 }, {}], 'the reader gets the options it is keyed by');
      const skipped = calibrateSnapshot(
        await corpus.load([cutDir], defaultSegmentOptions, { summary: { tokenLimit: 100 } }),
        calib,
      ).skipped;
      assert.match(
        skipped.find((s) => /cut off/.test(s.reason))!.reason,
        /^2 records cut off at the generation limit .*reflectionLens\.includeTruncated setting counts them/,
      );
    } finally {
      rmSync(cutDir, { recursive: true, force: true });
    }
  });

  test('a selection of files and folders; missing paths are reported, not thrown', async () => {
    const corpus = new CalibrationCorpus();
    const snap = await corpus.load([join(dir, 'grpo.trace'), join(dir, 'sub'), join(dir, 'gone.trace')], defaultSegmentOptions);
    assert.deepEqual(
      snap.files.map((f) => f.slice(dir.length + 1)),
      ['grpo.trace', 'sub/grpo-more.trace'],
    );
    assert.equal(snap.missing.length, 1);
    assert.match(snap.missing[0]!.reason, /no such file/);
    const r = calibrateSnapshot(snap, calib);
    assert.ok(r.skipped.some((s) => s.file.endsWith('gone.trace')));
    assert.deepEqual(
      r.groups.map((g) => g.model),
      ['grpo', 'grpo'],
    );
  });

  test('cancellation stops the load; what was read stays cached', async () => {
    const corpus = new CalibrationCorpus();
    const ctl = new AbortController();
    await assert.rejects(
      corpus.load([dir], defaultSegmentOptions, {
        signal: ctl.signal,
        progress: (done) => {
          if (done === 2) ctl.abort();
        },
      }),
      (e: Error) => e.name === 'AbortError',
    );
    const snap = await corpus.load([dir], defaultSegmentOptions);
    assert.equal(snap.filesRead, 2, 'the two files read before the cancel are not read again');
  });

  test('trace queries select what a click on a point opens', async () => {
    const { summaries } = await readFileSummaries(join(dir, 'grpo.trace'), defaultSegmentOptions);
    const truth = new Map(generated.filter((t) => t.model === 'grpo').map((t) => [String(t.record.id), t]));
    const pick = (filter: Parameters<typeof matchesQuery>[1]['filter']) =>
      summaries.filter((s) => matchesQuery(s, { model: 'grpo', task: '4x5', filter })).map((s) => truth.get(s.id)!);
    const all = pick('all');
    assert.equal(all.length, 40);
    assert.ok(all.every((t) => t.task === '4x5'));
    // Missed corrections: the model stopped on a wrong answer, i.e. the final answer is wrong.
    assert.deepEqual(
      pick('missedCorrection'),
      all.filter((t) => !t.attempts.at(-1)!.correct),
    );
    assert.deepEqual(
      pick('firstWrong'),
      all.filter((t) => !t.attempts[0]!.correct),
    );
    assert.deepEqual(
      pick('FFecho'),
      all.filter((t) => t.attempts.some((a) => a.echo)),
    );
    assert.ok(pick('FFecho').length > 0 && pick('missedCorrection').length > 0, 'the corpus has both findings');
    // Lines point at the record: the `=== id` line of each trace.
    const text = generated
      .filter((t) => t.model === 'grpo')
      .slice(0, 80)
      .map((t) => t.text)
      .join('')
      .split('\n');
    for (const s of summaries.slice(0, 10)) assert.equal(text[s.line - 1], `=== ${s.id}`);
  });
});

test('the workspace view and `calibrate DIR` read the same files: hidden folders (training runs) and node_modules skipped', () => {
  const ws = mkdtempSync(join(tmpdir(), 'rl-walk-'));
  try {
    const files = [
      'a.trace',
      'sub/b.trace',
      'rollouts/12.jsonl',
      '.reflection-lens/runs/ds3-1/rollouts/step-000010.trace',
      '.hidden.trace',
      'x/.cache/c.trace',
      'node_modules/pkg/d.trace',
      'x/node_modules/e.trace',
    ];
    for (const f of files) {
      mkdirSync(join(ws, f, '..'), { recursive: true });
      writeFileSync(join(ws, f), '');
    }
    // Every file on disk, as the editor's workspace search lists them, filtered the view's way.
    const all = (readdirSync(ws, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((e) => e.isFile())
      .map((e) => relative(ws, join(e.parentPath, e.name)));
    const view = all.filter((f) => !walkSkipsPath(f)).sort();
    const cli = listTraceFiles([ws])
      .files.map((f) => relative(ws, f))
      .sort();
    assert.deepEqual(view, ['a.trace', 'rollouts/12.jsonl', 'sub/b.trace']);
    assert.deepEqual(cli, view);
    assert.equal(walkSkipsPath('x\\.git\\f.trace'), true);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
