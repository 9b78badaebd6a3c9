// "Evaluate Reading Against Gold Labels" without VS Code (client/src/evaluation/report.ts): the CLI
// call, its stderr (warnings at file:line:col, progress), its JSON read with NaN as null and
// `corrected` present or not, the links' targets, and the page's escaping and formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  disagreementTarget,
  evaluationArgs,
  excludesZero,
  evaluationPage,
  formatInterval,
  formatPercentInterval,
  formatShare,
  jsonlRecordLine,
  parseCliMessages,
  parseEvaluationProgress,
  parseOpenMessage,
  readEvaluation,
  readingLines,
  recordOf,
  refusedPatterns,
  traceOfGold,
  type Evaluation,
} from '../../client/src/evaluation/report.js';

/** eval-segmentation --json on a small labelled trace (abridged), as the CLI writes it. */
function cliJson(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    records: 6,
    gold: 11,
    predicted: 11,
    matched: 10,
    firstCorrectness: { agree: 5, of: 6 },
    firstValue: { agree: 5, of: 6 },
    countAgreement: { agree: 4, of: 6 },
    exactSequence: { agree: 4, of: 6 },
    disagreements: [
      { id: '47', at: '96:42', kind: 'missed', expected: '527', got: null },
      { id: '48', at: '133:42', kind: 'spurious', expected: null, got: '527 (equals)' },
    ],
    derived: {
      engine: { p: { k: 1, n: 6, value: 1 / 6 }, delta1: { k: 4, n: 6, value: 4 / 6 }, delta2: { k: 0, n: 0, value: null } },
      gold: { p: { k: 2, n: 6, value: 2 / 6 }, delta1: { k: 4, n: 6, value: 4 / 6 }, delta2: { k: 0, n: 0, value: null } },
    },
    intervals: {
      precision: { lo: 0.5223735, hi: 0.9891814 },
      recall: { lo: 0.5047913, hi: 0.9899093 },
      firstCorrectness: { lo: 0.3047506, hi: 0.9827688 },
      exactSequence: { lo: 0.2039574, hi: 0.9398023 },
      engine: { p: { lo: 0.0172, hi: 0.6952 }, delta1: { lo: 0.2039, hi: 0.9398 }, delta2: { lo: null, hi: null } },
      gold: { p: { lo: 0.0601, hi: 0.796 }, delta1: { lo: 0.2273, hi: 0.9314 }, delta2: { lo: null, hi: null } },
    },
    derivedDifference: {
      p: { value: -1 / 6, lo: -0.5946, hi: 0.2612 },
      delta1: { value: -0.25, lo: -0.41, hi: -0.09 },
      delta2: { value: null, lo: null, hi: null },
    },
    ...extra,
  });
}

const FILE = '/w/labelled.trace';
const nonce = 'bm9uY2Vub25jZW5vbmNl';

function page(e: Evaluation, more: Partial<Parameters<typeof evaluationPage>[0]> = {}) {
  return evaluationPage({ nonce, cspSource: 'https://webview.test', evaluation: e, files: [FILE], messages: [], other: [], ...more });
}

test('the CLI call: eval-segmentation, the files, --json --all', () => {
  assert.deepEqual(evaluationArgs(['/a/x.trace', '/b/y.jsonl']), ['eval-segmentation', '/a/x.trace', '/b/y.jsonl', '--json', '--all']);
});

test('the CLI call: the truncation settings as calibration reads them (a token limit that is not a positive integer left out)', () => {
  assert.deepEqual(evaluationArgs(['/a/x.trace'], { includeTruncated: true, tokenLimit: 4096 }), [
    'eval-segmentation',
    '/a/x.trace',
    '--json',
    '--all',
    '--include-truncated',
    '--max-tokens',
    '4096',
  ]);
  assert.deepEqual(evaluationArgs(['/a/x.trace'], { includeTruncated: false, tokenLimit: 0.5 }), [
    'eval-segmentation',
    '/a/x.trace',
    '--json',
    '--all',
  ]);
});

test('the reading settings as CLI flags: comments, blanks and patterns that do not compile left out; the reader only when known', () => {
  assert.deepEqual(
    readingLines({ markers: [' Wait ', '# a comment', ''], answerPatterns: ['answer: (\\d+)', '(unclosed', '  '], reader: 'rules' }),
    { markers: ['Wait'], patterns: ['answer: (\\d+)'], reader: 'rules' },
  );
  assert.deepEqual(readingLines({ reader: 'other' }), { markers: [], patterns: [] });
});

test("the CLI's refusal of an answer pattern: exit 2 with the --answer-patterns message; nothing else", () => {
  const stderr =
    'reflection-lens eval-segmentation: --answer-patterns: "(a+)+b": a repeated group holds another quantifier (nested quantifiers); refused\n\nUsage: ...';
  assert.equal(refusedPatterns(2, stderr), '"(a+)+b": a repeated group holds another quantifier (nested quantifiers); refused');
  assert.equal(refusedPatterns(1, stderr), undefined);
  assert.equal(refusedPatterns(2, 'reflection-lens eval-segmentation: expected at least one TRACES file'), undefined);
});

test("a gold file's trace: NAME.trace or NAME.jsonl before .gold.jsonl, nothing else", () => {
  assert.equal(traceOfGold('/w/a.trace.gold.jsonl'), '/w/a.trace');
  assert.equal(traceOfGold('/w/r.jsonl.gold.jsonl'), '/w/r.jsonl');
  assert.equal(traceOfGold('/w/fresh-traces.dev.gold.jsonl'), undefined);
  assert.equal(traceOfGold('/w/a.trace'), undefined);
});

test("stderr: warnings at file:line:col with their code, a label's line alone, progress dropped, other lines kept", () => {
  const stderr = [
    '/w/labelled.trace.gold.jsonl:7:51: warning: candidates[0]: record "63" has "1840\\n" at offset 82, not the labelled "2,208": the record changed since it was labelled; relabel it; record left out of the evaluation [gold-stale]',
    'eval-segmentation /w/labelled.trace: 6 labelled records',
    '/w/labelled.trace.gold.jsonl:9: warning: gold label for record "99" has no record in /w/labelled.trace',
    '/w/odd:3/x.trace.gold.jsonl:2:10: error: "offset" must be a number [bad-gold]',
    '/w/gone.trace: cannot read: ENOENT',
    '',
  ].join('\n');
  const { messages, other } = parseCliMessages(stderr);
  assert.equal(messages.length, 3);
  assert.deepEqual(
    { file: messages[0].file, line: messages[0].line, column: messages[0].column, severity: messages[0].severity, code: messages[0].code },
    { file: '/w/labelled.trace.gold.jsonl', line: 7, column: 51, severity: 'warning', code: 'gold-stale' },
  );
  assert.ok(messages[0].message.endsWith('left out of the evaluation'), messages[0].message);
  assert.equal(messages[1].column, undefined);
  assert.equal(messages[1].line, 9);
  assert.equal(messages[1].code, undefined);
  assert.equal(messages[2].file, '/w/odd:3/x.trace.gold.jsonl', 'a colon in a path stays in the path');
  assert.equal(messages[2].code, 'bad-gold');
  assert.deepEqual(other, ['/w/gone.trace: cannot read: ENOENT']);
});

test('progress: the newest count, terminal control dropped', () => {
  const ESC = String.fromCharCode(27);
  assert.equal(
    parseEvaluationProgress(`\r${ESC}[Keval-segmentation a.trace: 3 labelled records\neval-segmentation a.trace: 12 labelled records\n`),
    '12 labelled records',
  );
  assert.equal(parseEvaluationProgress('eval-segmentation a.trace: 1 labelled records\n'), '1 labelled record');
  assert.equal(parseEvaluationProgress('eval-segmentation /w/a.trace: 6 labelled of 8 records\n'), '6 labelled of 8 records');
  assert.equal(parseEvaluationProgress('something else\n'), undefined);
  assert.deepEqual(parseCliMessages('eval-segmentation /w/a.trace: 6 labelled of 8 records\n'), { messages: [], other: [] });
});

test('the JSON: counts, intervals, NaN written as null, corrected absent; not a result: undefined', () => {
  const e = readEvaluation(cliJson())!;
  assert.equal(e.records, 6);
  assert.deepEqual(e.precision, { k: 10, n: 11, lo: 0.5223735, hi: 0.9891814 });
  assert.deepEqual(e.recall, { k: 10, n: 11, lo: 0.5047913, hi: 0.9899093 });
  assert.equal(e.engine.delta2.value, null);
  assert.equal(e.engine.delta2.lo, null);
  assert.equal(e.difference.delta2.value, null);
  assert.equal(e.corrected, undefined);
  assert.equal(e.disagreements[0].got, null);
  assert.equal(readEvaluation(''), undefined);
  assert.equal(readEvaluation('{"agreement": {}, "engine": {}}'), undefined);
  assert.equal(readEvaluation('Usage: reflection-lens eval-segmentation'), undefined);
});

/** A `corrected` block as the CLI writes it, nulls where it has no number (JSON of NaN). */
const corrected = {
  records: 8,
  labelled: 6,
  p: { value: 0.21, lo: 0.05, hi: 0.37, engine: 0.18, lambda: 0.9 },
  delta1: { value: null, lo: null, hi: null, engine: 0.7, lambda: null },
  delta2: { value: 0.5, lo: 0.1, hi: 0.9, engine: null, lambda: 1 },
};

test('the JSON: corrected read when present, with nulls', () => {
  const e = readEvaluation(cliJson({ corrected }))!;
  assert.deepEqual(e.corrected, { ...corrected, cutOff: null });
});

test('the page: records cut off at the generation limit, said where the rates leave them out', () => {
  const e = readEvaluation(cliJson({ cutOff: 2, corrected: { ...corrected, cutOff: 3 } }))!;
  const { html } = page(e);
  assert.match(html, /<p class="note" id="cut-off">2 labelled records cut off at the generation limit left out of these rates/);
  assert.match(html, /<h2>Over all 8 records \(6 labelled; 3 cut off at the generation limit left out\)<\/h2>/);
  const none = page(readEvaluation(cliJson({ corrected }))!).html;
  assert.doesNotMatch(none, /cut off/);
});

test("links' targets: line:col in the one file; file#id when several (a '#' in a path or id too); @offset a record", () => {
  const d = (id: string, at: string) => ({ id, at, kind: 'missed', expected: '1', got: null });
  assert.deepEqual(disagreementTarget(d('47', '96:42'), [FILE]), { file: FILE, line: 96, column: 42 });
  const files = ['/w/a#1.trace', '/w/a.trace', '/w/r.jsonl'];
  assert.deepEqual(disagreementTarget(d('/w/a#1.trace#x#2', '3:1'), files), { file: '/w/a#1.trace', line: 3, column: 1 });
  assert.deepEqual(disagreementTarget(d('/w/a.trace#7', '10:5'), files), { file: '/w/a.trace', line: 10, column: 5 });
  assert.deepEqual(disagreementTarget(d('/w/r.jsonl#u.2', '@120'), files), { file: '/w/r.jsonl', record: 'u.2', offset: 120 });
  assert.equal(disagreementTarget(d('/elsewhere.trace#1', '1:1'), files), undefined);
  assert.equal(disagreementTarget(d('1', 'somewhere'), [FILE]), undefined);
  assert.deepEqual(recordOf('/w/a.trace#7', files), { file: '/w/a.trace', record: '7' });
});

test('formatting: shares in percent with their interval, "-" where a number is missing', () => {
  assert.equal(formatShare({ k: 10, n: 11, lo: 0.52, hi: 0.99 }), '90.9% (10/11)');
  assert.equal(formatShare({ k: 0, n: 0, lo: null, hi: null }), '-');
  assert.equal(formatPercentInterval(0.5223735, 0.9891814), '[52.2, 98.9]');
  assert.equal(formatPercentInterval(null, 0.9), '-');
  assert.equal(formatInterval(-0.5946, 0.2612), '[-0.59, 0.26]');
  assert.equal(formatInterval(null, null), '-');
});

test('a difference is marked only where its interval excludes 0 (a bound at 0 holds it; a missing bound is no mark)', () => {
  assert.equal(excludesZero({ lo: 0.01, hi: 0.3 }), true);
  assert.equal(excludesZero({ lo: -0.3, hi: -0.01 }), true);
  assert.equal(excludesZero({ lo: 0, hi: 0.3 }), false);
  assert.equal(excludesZero({ lo: -0.5, hi: 0 }), false);
  assert.equal(excludesZero({ lo: null, hi: -0.1 }), false);
});

test('the page: counts, intervals, the difference marked only where it excludes 0, nulls as "-", no corrected table when absent', () => {
  const { html } = page(readEvaluation(cliJson())!);
  assert.match(html, /<strong>6<\/strong> records labelled/);
  assert.match(html, /<tr id="precision">.*90\.9% \(10\/11\).*\[52\.2, 98\.9\]/s);
  assert.match(html, /<tr id="first-correct">.*83\.3% \(5\/6\).*\[30\.5, 98\.3\]/s);
  const row = (id: string) => new RegExp(`<tr id="${id}">(.*?)</tr>`, 's').exec(html)?.[1] ?? '';
  assert.match(row('derived-p'), /0\.167 \(1\/6\)/);
  assert.match(row('derived-p'), /-0\.167/);
  assert.doesNotMatch(row('derived-p'), /class="moved"/, 'p: [-0.59, 0.26] holds 0');
  assert.match(row('derived-delta1'), /class="moved"/, 'delta1: [-0.41, -0.09] excludes 0');
  assert.match(row('derived-delta1'), /\[-0\.41, -0\.09\]/);
  const delta2Cells = [...row('derived-delta2').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(delta2Cells, ['-', '-', '-', '-', '-', '-']);
  assert.doesNotMatch(html, /id="corrected"/);
  const main = /<main id="evaluation">(.*)<\/main>/s.exec(html)?.[1] ?? '';
  assert.match(main, /Disagreements \(2\)/);
  assert.doesNotMatch(main, /NaN|undefined|null/);
});

test('the page: corrected as "over all N records (n labelled)", engine alone and corrected [lo, hi], nulls as "-"', () => {
  const { html } = page(readEvaluation(cliJson({ corrected }))!);
  assert.match(html, /Over all 8 records \(6 labelled\)/);
  const cells = (id: string) =>
    [...(new RegExp(`<tr id="${id}">(.*?)</tr>`, 's').exec(html)?.[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells('corrected-p'), ['0.180', '0.210', '[0.05, 0.37]']);
  assert.deepEqual(cells('corrected-delta1'), ['0.700', '-', '-']);
  assert.deepEqual(cells('corrected-delta2'), ['-', '0.500', '[0.10, 0.90]']);
});

test('the page: accuracy corrected when the CLI gives it; per model and task (correctedByGroup), escaped', () => {
  const one = (v: number) => ({ value: v, lo: v - 0.1, hi: v + 0.1, engine: v - 0.05, lambda: 0.5 });
  const block = {
    records: 8,
    labelled: 6,
    p: one(0.4),
    delta1: one(0.6),
    delta2: one(0.7),
    accuracy: one(0.77),
    predicted: { value: 0.8, lo: 0.5, hi: 0.95, engine: 0.7 },
  };
  const e = readEvaluation(
    cliJson({
      corrected: block,
      correctedByGroup: [
        { model: '<b>m1</b>', task: 't', ...block, records: 5, labelled: 4 },
        { model: 'm2', task: 't', ...block, records: 3, labelled: 2, accuracy: undefined, predicted: undefined },
      ],
    }),
  )!;
  assert.equal(e.correctedByGroup?.length, 2);
  assert.equal(e.correctedByGroup?.[1].accuracy, undefined);
  const { html } = page(e);
  const cells = (id: string) =>
    [...(new RegExp(`<tr id="${id}">(.*?)</tr>`, 's').exec(html)?.[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells('corrected-accuracy'), ['0.720', '0.770', '[0.67, 0.87]']);
  assert.deepEqual(cells('corrected-predicted'), ['0.700', '0.800', '[0.50, 0.95]']);
  assert.match(html, /<h3>&#60;b&#62;m1&#60;\/b&#62; · t: 5 records \(4 labelled\)<\/h3>/);
  assert.match(html, /<h3>m2 · t: 3 records \(2 labelled\)<\/h3>/);
  const groups = [...html.matchAll(/<table class="numbers group">(.*?)<\/table>/gs)].map((m) => (m[1].match(/<tr>/g) ?? []).length);
  assert.deepEqual(groups, [6, 4], 'header + p, delta1, delta2 (+ accuracy and predicted where given)');
  // Without correctedByGroup, no group tables; an empty list is none.
  assert.equal(readEvaluation(cliJson({ correctedByGroup: [] }))!.correctedByGroup, undefined);
});

test("the page: every string from a file escaped; a strict CSP with the nonce; each link's index names its target", () => {
  const evil = '<img src=x onerror=alert(1)>';
  const e = readEvaluation(
    cliJson({
      disagreements: [
        { id: `${FILE}#${evil}`, at: '5:3', kind: 'first', expected: '</script><script>alert(2)</script>', got: '"quoted" & \'single\'' },
        { id: '/w/b.trace#2', at: '@17', kind: 'count', expected: '2', got: '1' },
      ],
    }),
  )!;
  const { html, targets } = page(e, {
    files: [FILE, '/w/b.trace'],
    messages: [
      { file: `/w/${evil}.gold.jsonl`, line: 4, column: 9, severity: 'warning', message: `record "${evil}" stale`, code: 'gold-stale' },
    ],
    other: [`${evil}: cannot read`],
    label: (f) => f.replace('/w/', ''),
  });
  assert.ok(!html.includes('<img'), 'no markup from a file');
  assert.ok(!html.includes('<script>alert'), 'no script from a file');
  assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;'));
  assert.ok(html.includes('&#34;quoted&#34; &#38; &#39;single&#39;'));
  // CSP: nothing but the nonce'd script and style.
  const csp = /Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src &#39;none&#39;/);
  assert.match(csp, new RegExp(`script-src &#39;nonce-${nonce}&#39;`));
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
  assert.deepEqual(scripts, [` nonce="${nonce}"`]);
  // Links: the row's record (shown relative), its place; the warning's file:line:col.
  const links = [...html.matchAll(/<a href="#" data-target="(\d+)"[^>]*>(.*?)<\/a>/g)].map((m) => ({ i: Number(m[1]), text: m[2] }));
  const byText = (t: string) => links.find((l) => l.text === t);
  assert.deepEqual(targets[byText('5:3')!.i], { file: FILE, line: 5, column: 3 });
  assert.deepEqual(targets[byText('b.trace#2')!.i], { file: '/w/b.trace', record: '2', offset: 17 });
  assert.deepEqual(targets[byText('&#60;img src=x onerror=alert(1)&#62;.gold.jsonl:4:9')!.i], {
    file: `/w/${evil}.gold.jsonl`,
    line: 4,
    column: 9,
  });
  assert.equal(new Set(links.map((l) => l.i)).size, targets.length, 'every target has a link');
  assert.match(html, /<h2>Warnings \(2\)<\/h2>/);
});

test("the page's messages: only {type: 'open', target} naming one of its links", () => {
  const targets = [{ file: FILE, line: 1, column: 1 }];
  assert.deepEqual(parseOpenMessage({ type: 'open', target: 0 }, targets), targets[0]);
  assert.equal(parseOpenMessage({ type: 'open', target: 1 }, targets), undefined);
  assert.equal(parseOpenMessage({ type: 'open', target: 0.5 }, targets), undefined);
  assert.equal(parseOpenMessage({ type: 'open', target: '0' }, targets), undefined);
  assert.equal(parseOpenMessage({ type: 'open', file: '/etc/passwd' }, targets), undefined);
  assert.equal(parseOpenMessage(null, targets), undefined);
});

test("a JSONL record's line: its id field, a group's k-th response, else the line number", () => {
  const text = ['{"id": "a", "response": "x"}', '{"uid":"u","response":"y"}', '{"idx": 7, "response": "z"}', '{"response": "w"}'].join(
    '\n',
  );
  assert.equal(jsonlRecordLine(text, 'a'), 0);
  assert.equal(jsonlRecordLine(text, 'u.2'), 1);
  assert.equal(jsonlRecordLine(text, '7'), 2);
  assert.equal(jsonlRecordLine(text, '4'), 3);
  assert.equal(jsonlRecordLine(text, 'missing'), undefined);
});

test('an exit status other than 0 is said above the numbers', () => {
  const { html } = page(readEvaluation(cliJson())!, { exitCode: 1 });
  assert.match(html, /id="exit">eval-segmentation exited 1/);
  assert.doesNotMatch(page(readEvaluation(cliJson())!, { exitCode: 0 }).html, /id="exit"/);
});
