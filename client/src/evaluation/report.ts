// "Reflection Lens: Evaluate Reading Against Gold Labels", the part without VS Code: the CLI call
// (`eval-segmentation FILES... --json --all`), what its stderr says (warnings at file:line:col,
// progress), the JSON read defensively (a NaN is written as null; `corrected` may be absent), and
// the webview's HTML. Every string from a file (record ids, values, paths, messages) is escaped;
// a link carries only an index into the targets the host keeps, never a path the page could forge.
// Tested on its own: test/unit/evaluationReport.test.ts.
import { escapeHtml } from '../../../protocol/pages/csp.js';
import { webviewPageHtml } from '../../../protocol/pages/page.js';
import { themeCss } from '../../../protocol/pages/themeCss.js';

/** The CLI call for these trace files (absolute paths: ids read `file#id` when there are several). */
export function evaluationArgs(files: readonly string[], truncation: Truncation = {}): string[] {
  const args = ['eval-segmentation', ...files, '--json', '--all'];
  // Cut-off records are left out of the rates as calibrate leaves them out, with the same settings.
  if (truncation.includeTruncated) args.push('--include-truncated');
  const limit = truncation.tokenLimit;
  if (limit !== undefined && Number.isInteger(limit) && limit >= 1) args.push('--max-tokens', String(limit));
  return args;
}

/** reflectionLens.includeTruncated and reflectionLens.tokenLimit, as calibration reads them. */
export interface Truncation {
  includeTruncated?: boolean;
  tokenLimit?: number;
}

/** The reading settings (reflectionLens.markers, answerPatterns, reader) as the CLI takes them. */
export interface Reading {
  markers?: readonly string[];
  answerPatterns?: readonly string[];
  reader?: string;
}

/**
 * The lines of --markers and --answer-patterns and the --reader value for the settings, as the
 * editor reads them: comments and blank lines dropped, an empty list the default lexicon, a
 * pattern that does not compile left out (the editor warns about it and reads without it).
 */
export function readingLines(reading: Reading): { markers: string[]; patterns: string[]; reader?: 'rules' | 'learned' } {
  const keep = (l: string) => l !== '' && !l.startsWith('#');
  const compiles = (p: string) => {
    try {
      new RegExp(p, 'gd');
      return true;
    } catch {
      return false;
    }
  };
  return {
    markers: (reading.markers ?? []).map((m) => m.trim()).filter(keep),
    patterns: (reading.answerPatterns ?? []).map((p) => p.trim()).filter((p) => keep(p) && compiles(p)),
    ...(reading.reader === 'rules' || reading.reader === 'learned' ? { reader: reading.reader } : {}),
  };
}

/** The CLI's refusal of --answer-patterns (exit 2: a pattern that could run for ever), or undefined. */
export function refusedPatterns(code: number | null, stderr: string): string | undefined {
  return code === 2 ? /--answer-patterns: (.*)/.exec(stderr)?.[1] : undefined;
}

/** A gold file beside a trace: `NAME.trace.gold.jsonl` (the CLI's and the language server's goldPathFor). */
export const GOLD_SUFFIX = '.gold.jsonl';

/** The trace a gold file labels (undefined when `path` is not a gold file of a .trace or .jsonl). */
export function traceOfGold(path: string): string | undefined {
  if (!path.endsWith(GOLD_SUFFIX)) return undefined;
  const trace = path.slice(0, -GOLD_SUFFIX.length);
  return /\.(trace|jsonl)$/.test(trace) && !trace.endsWith(GOLD_SUFFIX) ? trace : undefined;
}

/** A warning (or error) of the CLI's stderr at a place in a file: `path:line[:col]: warning: message [code]`. */
export interface CliMessage {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based; absent when the CLI names a line only (a label without a record). */
  column?: number;
  severity: string;
  message: string;
  code?: string;
}

/** The progress line of eval-segmentation: "eval-segmentation FILE: N labelled records" (or "N labelled of M records"). */
const PROGRESS = /^eval-segmentation .+: (\d+ labelled(?: of \d+)? records?)$/;

/** The newest progress in a chunk of stderr ("12 labelled records"), for the notification. */
export function parseEvaluationProgress(chunk: string): string | undefined {
  const ESC = String.fromCharCode(27);
  const lines = chunk.split(/[\r\n]+/).map((l) => l.split(ESC + '[K').join(''));
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = PROGRESS.exec(lines[i].trim());
    if (m) return m[1].replace(/^1 labelled records$/, '1 labelled record');
  }
  return undefined;
}

/**
 * What the CLI said on stderr besides its result: messages at a place (warnings such as
 * gold-stale, gold-unconfirmed, gold-offset, bad-gold) and other lines (a file that cannot be read),
 * kept in order; progress lines and terminal control are dropped.
 */
export function parseCliMessages(stderr: string): { messages: CliMessage[]; other: string[] } {
  const ESC = String.fromCharCode(27);
  const messages: CliMessage[] = [];
  const other: string[] = [];
  for (const raw of stderr.split(/\r?\n|\r/)) {
    const line = raw
      .split(ESC + '[K')
      .join('')
      .trimEnd();
    if (!line.trim() || PROGRESS.test(line.trim())) continue;
    // The path is everything before the last ":line[:col]: severity:" (a path may hold colons).
    const m = /^(.+?):(\d+)(?::(\d+))?: (warning|error|information|info|hint|note): (.*)$/.exec(line);
    if (m) {
      const code = /\s\[([a-z0-9-]+)\]$/.exec(m[5]);
      messages.push({
        file: m[1],
        line: Number(m[2]),
        column: m[3] === undefined ? undefined : Number(m[3]),
        severity: m[4],
        message: code ? m[5].slice(0, code.index) : m[5],
        code: code?.[1],
      });
    } else other.push(line);
  }
  return { messages, other };
}

/** k of n agreeing (or matched), with its rate's 95% interval when the JSON has one. */
export interface Share {
  k: number | null;
  n: number | null;
  lo: number | null;
  hi: number | null;
}

export interface Rate {
  k: number | null;
  n: number | null;
  value: number | null;
  lo: number | null;
  hi: number | null;
}

export interface Difference {
  value: number | null;
  lo: number | null;
  hi: number | null;
}

export interface Corrected {
  value: number | null;
  lo: number | null;
  hi: number | null;
  engine: number | null;
  lambda: number | null;
}

/** Rates over all records of the traces, corrected with the labelled ones; accuracy when the CLI gives it. */
export type CorrectedBlock = {
  records: number | null;
  labelled: number | null;
  /** Records left out of the rates as cut off at the generation limit (as calibrate leaves them out). */
  cutOff?: number | null;
  accuracy?: Corrected;
  predicted?: Corrected;
} & Record<Metric, Corrected>;

export interface Disagreement {
  id: string;
  at: string;
  kind: string;
  expected: string | null;
  got: string | null;
}

export const METRICS = ['p', 'delta1', 'delta2'] as const;
export type Metric = (typeof METRICS)[number];

/** The parts of eval-segmentation's JSON the panel shows, every number possibly null (NaN in JSON). */
export interface Evaluation {
  records: number | null;
  /** Labelled records left out of the derived rates as cut off at the generation limit. */
  cutOff?: number | null;
  precision: Share;
  recall: Share;
  firstCorrectness: Share;
  exactSequence: Share;
  engine: Record<Metric, Rate>;
  gold: Record<Metric, Rate>;
  difference: Record<Metric, Difference>;
  corrected?: CorrectedBlock;
  /** The corrected rates per model and task, where the traces hold several (the lead's `correctedByGroup`). */
  correctedByGroup?: (CorrectedBlock & { model: string; task: string })[];
  disagreements: Disagreement[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/**
 * eval-segmentation's JSON (stdout) as the panel's model; undefined when stdout is not such a
 * result (the CLI failed before writing one).
 */
export function readEvaluation(stdout: string): Evaluation | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const e = obj(parsed);
  if (!('records' in e) || !('disagreements' in e)) return undefined;
  const intervals = obj(e.intervals);
  const share = (counts: unknown, interval: unknown, k = 'agree', n = 'of'): Share => ({
    k: num(obj(counts)[k]),
    n: num(obj(counts)[n]),
    lo: num(obj(interval).lo),
    hi: num(obj(interval).hi),
  });
  const rates = (side: 'engine' | 'gold'): Record<Metric, Rate> => {
    const d = obj(obj(e.derived)[side]);
    const i = obj(intervals[side]);
    const one = (m: Metric): Rate => ({
      k: num(obj(d[m]).k),
      n: num(obj(d[m]).n),
      value: num(obj(d[m]).value),
      lo: num(obj(i[m]).lo),
      hi: num(obj(i[m]).hi),
    });
    return { p: one('p'), delta1: one('delta1'), delta2: one('delta2') };
  };
  const diff = (m: Metric): Difference => {
    const d = obj(obj(e.derivedDifference)[m]);
    return { value: num(d.value), lo: num(d.lo), hi: num(d.hi) };
  };
  const block = (v: unknown): CorrectedBlock => {
    const c = obj(v);
    const one = (m: string): Corrected => {
      const x = obj(c[m]);
      return { value: num(x.value), lo: num(x.lo), hi: num(x.hi), engine: num(x.engine), lambda: num(x.lambda) };
    };
    return {
      records: num(c.records),
      labelled: num(c.labelled),
      cutOff: num(c.cutOff),
      p: one('p'),
      delta1: one('delta1'),
      delta2: one('delta2'),
      ...(c.accuracy && typeof c.accuracy === 'object' ? { accuracy: one('accuracy') } : {}),
      ...(c.predicted && typeof c.predicted === 'object' ? { predicted: one('predicted') } : {}),
    };
  };
  const corrected = e.corrected && typeof e.corrected === 'object' ? block(e.corrected) : undefined;
  const correctedByGroup = Array.isArray(e.correctedByGroup)
    ? e.correctedByGroup.map((g: unknown) => ({ model: str(obj(g).model) ?? '', task: str(obj(g).task) ?? '', ...block(g) }))
    : undefined;
  const disagreements: Disagreement[] = (Array.isArray(e.disagreements) ? e.disagreements : []).map((d: unknown) => {
    const x = obj(d);
    return { id: str(x.id) ?? '', at: str(x.at) ?? '', kind: str(x.kind) ?? '', expected: str(x.expected), got: str(x.got) };
  });
  return {
    records: num(e.records),
    cutOff: num(e.cutOff),
    precision: share({ agree: e.matched, of: e.predicted }, intervals.precision),
    recall: share({ agree: e.matched, of: e.gold }, intervals.recall),
    firstCorrectness: share(e.firstCorrectness, intervals.firstCorrectness),
    exactSequence: share(e.exactSequence, intervals.exactSequence),
    engine: rates('engine'),
    gold: rates('gold'),
    difference: { p: diff('p'), delta1: diff('delta1'), delta2: diff('delta2') },
    ...(corrected ? { corrected } : {}),
    ...(correctedByGroup?.length ? { correctedByGroup } : {}),
    disagreements,
  };
}

/** Where a link opens: a file at a 1-based line and column, or a record of a JSONL file (the offset is in its response). */
export type Target = { file: string; line: number; column: number } | { file: string; record: string; offset: number };

/**
 * Which file and record a disagreement is in: its id is `file#id` when several files were read
 * (matched against the files given, so a '#' in a path or an id is no problem), the bare id when one was.
 */
export function recordOf(id: string, files: readonly string[]): { file: string; record: string } | undefined {
  if (files.length === 1) return { file: files[0], record: id };
  // The longest file that prefixes the id: "/a/x.trace" and "/a/x.trace#2.trace" cannot both be meant.
  const file = [...files].sort((a, b) => b.length - a.length).find((f) => id.startsWith(`${f}#`));
  return file === undefined ? undefined : { file, record: id.slice(file.length + 1) };
}

/** The place a disagreement's `at` names: "line:col" (a .trace file) or "@offset" (a JSONL record's response). */
export function disagreementTarget(d: Disagreement, files: readonly string[]): Target | undefined {
  const where = recordOf(d.id, files);
  if (!where) return undefined;
  const lc = /^(\d+):(\d+)$/.exec(d.at);
  if (lc) return { file: where.file, line: Number(lc[1]), column: Number(lc[2]) };
  const off = /^@(\d+)$/.exec(d.at);
  if (off) return { file: where.file, record: where.record, offset: Number(off[1]) };
  return undefined;
}

/** "90.9% (10/11)"; "-" where there is nothing to count. */
export function formatShare(s: Share): string {
  if (s.k === null || s.n === null || s.n === 0) return '-';
  return `${((100 * s.k) / s.n).toFixed(1)}% (${s.k}/${s.n})`;
}

/** A 95% interval of a share, in percent: "[52.2, 98.9]"; "-" when a bound is missing. */
export function formatPercentInterval(lo: number | null, hi: number | null): string {
  return lo === null || hi === null ? '-' : `[${(100 * lo).toFixed(1)}, ${(100 * hi).toFixed(1)}]`;
}

/** A rate or difference's interval: "[0.02, 0.70]"; "-" when a bound is missing. */
export function formatInterval(lo: number | null, hi: number | null, digits = 2): string {
  return lo === null || hi === null ? '-' : `[${lo.toFixed(digits)}, ${hi.toFixed(digits)}]`;
}

export const formatValue = (v: number | null, digits = 3): string => (v === null ? '-' : v.toFixed(digits));

/** "0.167 (1/6)". */
export function formatRate(r: Rate): string {
  if (r.value === null) return '-';
  return r.k === null || r.n === null ? r.value.toFixed(3) : `${r.value.toFixed(3)} (${r.k}/${r.n})`;
}

/** Whether a difference's interval excludes 0: the reading moves the number beyond chance in which records were labelled. */
export const excludesZero = (d: { lo: number | null; hi: number | null }): boolean =>
  d.lo !== null && d.hi !== null && (d.lo > 0 || d.hi < 0);

/** "-0.167"; "+0.000". */
export const formatSigned = (v: number | null): string => (v === null ? '-' : `${v >= 0 ? '+' : ''}${v.toFixed(3)}`);

export interface PageOptions {
  nonce: string;
  cspSource: string;
  evaluation: Evaluation;
  /** The trace files read (as given to the CLI). */
  files: readonly string[];
  /** The CLI's warnings and other messages. */
  messages: CliMessage[];
  other: string[];
  /** A path as the page shows it (relative to the workspace). */
  label?: (file: string) => string;
  /** The CLI's exit status (1: a file could not be read; the result covers the others). */
  exitCode?: number | null;
}

export interface Page {
  html: string;
  /** What the page's link N opens: the host looks it up, the page sends only N. */
  targets: Target[];
}

const METRIC_NAME: Record<Metric, string> = { p: 'p', delta1: 'δ1 (delta1)', delta2: 'δ2 (delta2)' };

/** The panel's HTML (a strict CSP with the nonce; one inline script that posts the clicked link's index). */
export function evaluationPage(o: PageOptions): Page {
  const e = o.evaluation;
  const label = o.label ?? ((f: string) => f);
  const targets: Target[] = [];
  const h = escapeHtml;
  const link = (t: Target | undefined, text: string, title?: string): string => {
    if (!t) return h(text);
    targets.push(t);
    return `<a href="#" data-target="${targets.length - 1}"${title ? ` title="${h(title)}"` : ''}>${h(text)}</a>`;
  };
  const fileNames = o.files.map((f) => label(f));
  const parts: string[] = [];
  parts.push(`<header><h1>Reading against gold labels</h1>`, `<p class="muted" id="files">${h(fileNames.join(', '))}</p></header>`);
  if (o.exitCode !== undefined && o.exitCode !== null && o.exitCode !== 0)
    parts.push(
      `<div class="message error" id="exit">eval-segmentation exited ${o.exitCode}: a file could not be read (below); the numbers cover the others.</div>`,
    );

  // The headline: how far the reading agrees with the labels.
  const row = (name: string, s: Share, id: string) =>
    `<tr id="${id}"><th scope="row">${h(name)}</th><td>${h(formatShare(s))}</td><td>${h(formatPercentInterval(s.lo, s.hi))}</td></tr>`;
  parts.push(
    `<section><h2>Agreement</h2>`,
    `<p id="records"><strong>${h(e.records === null ? '-' : String(e.records))}</strong> records labelled</p>`,
    `<table class="numbers" id="agreement"><thead><tr><th></th><th>engine vs gold</th><th>95% interval</th></tr></thead><tbody>`,
    row('precision', e.precision, 'precision'),
    row('recall', e.recall, 'recall'),
    row('first-candidate correctness', e.firstCorrectness, 'first-correct'),
    row('exact attempt sequence', e.exactSequence, 'exact-sequence'),
    `</tbody></table></section>`,
  );

  // The derived numbers, the engine's beside the labels', and their paired difference.
  parts.push(
    `<section><h2>Derived from the labelled records</h2>`,
    `<table class="numbers" id="derived"><thead><tr><th></th><th>engine</th><th>95%</th><th>gold</th><th>95%</th><th>engine − gold</th><th>95% (paired)</th></tr></thead><tbody>`,
  );
  for (const m of METRICS) {
    const d = e.difference[m];
    const off = excludesZero(d);
    parts.push(
      `<tr id="derived-${m}"><th scope="row">${h(METRIC_NAME[m])}</th>`,
      `<td>${h(formatRate(e.engine[m]))}</td><td class="muted">${h(formatInterval(e.engine[m].lo, e.engine[m].hi))}</td>`,
      `<td>${h(formatRate(e.gold[m]))}</td><td class="muted">${h(formatInterval(e.gold[m].lo, e.gold[m].hi))}</td>`,
      `<td${off ? ' class="moved"' : ''}>${h(formatSigned(d.value))}${off ? ' <span class="mark" title="the interval excludes 0">*</span>' : ''}</td>`,
      `<td${off ? ' class="moved"' : ''}>${h(formatInterval(d.lo, d.hi))}</td></tr>`,
    );
  }
  parts.push(
    `</tbody></table>`,
    `<p class="note muted">* the interval excludes 0: the reading moves the number beyond chance in which records were labelled.</p>`,
    ...(e.cutOff
      ? [
          `<p class="note" id="cut-off">${h(String(e.cutOff))} labelled record${e.cutOff === 1 ? '' : 's'} cut off at the generation limit left out of these rates, as calibration leaves them out (reflectionLens.includeTruncated counts them).</p>`,
        ]
      : []),
    `</section>`,
  );

  if (e.corrected || e.correctedByGroup) {
    const count = (v: number | null) => (v === null ? '-' : String(v));
    const rows = (c: CorrectedBlock, idPrefix?: string): string[] =>
      [...METRICS, ...(c.accuracy ? (['accuracy'] as const) : []), ...(c.predicted ? (['predicted'] as const) : [])].map((m) => {
        const x = m === 'accuracy' ? c.accuracy! : m === 'predicted' ? c.predicted! : c[m];
        const id = idPrefix ? ` id="${idPrefix}-${m}"` : '';
        const name = m === 'accuracy' ? 'accuracy' : m === 'predicted' ? 'predicted accuracy (the paper’s formula)' : METRIC_NAME[m];
        return (
          `<tr${id}><th scope="row">${h(name)}</th><td>${h(formatValue(x.engine))}</td>` +
          `<td>${h(formatValue(x.value))}</td><td class="muted">${h(formatInterval(x.lo, x.hi))}</td></tr>`
        );
      });
    const head = `<thead><tr><th></th><th>engine alone</th><th>corrected</th><th>95% interval</th></tr></thead>`;
    parts.push(`<section id="corrected">`);
    if (e.corrected) {
      const c = e.corrected;
      parts.push(
        `<h2>Over all ${h(count(c.records))} records (${h(count(c.labelled))} labelled${c.cutOff ? `; ${h(String(c.cutOff))} cut off at the generation limit left out` : ''})</h2>`,
        `<table class="numbers">${head}<tbody>`,
        ...rows(c, 'corrected'),
        `</tbody></table>`,
      );
    }
    for (const g of e.correctedByGroup ?? [])
      parts.push(
        `<h3>${h(g.model)} · ${h(g.task)}: ${h(count(g.records))} records (${h(count(g.labelled))} labelled)</h3>`,
        `<table class="numbers group">${head}<tbody>`,
        ...rows(g),
        `</tbody></table>`,
      );
    parts.push(
      `<p class="note muted">The engine's reading of every record of the traces, labelled or not, corrected with the labelled ones (prediction-powered inference; it holds when the labelled records are a random sample of them).</p></section>`,
    );
  }

  // Disagreements: each row opens the trace at its place.
  parts.push(`<section><h2>Disagreements (${e.disagreements.length})</h2>`);
  if (e.disagreements.length === 0) parts.push(`<p class="muted" id="no-disagreements">The reading agrees with every label.</p>`);
  else {
    parts.push(
      `<table id="disagreements"><thead><tr><th>record</th><th>at</th><th>kind</th><th>expected</th><th>got</th></tr></thead><tbody>`,
    );
    for (const d of e.disagreements) {
      const t = disagreementTarget(d, o.files);
      const where = recordOf(d.id, o.files);
      const record = where && o.files.length > 1 ? `${label(where.file)}#${where.record}` : d.id;
      const title = t ? `open ${label(t.file)}${'line' in t ? `:${t.line}:${t.column}` : ` at record ${where?.record ?? ''}`}` : undefined;
      parts.push(
        `<tr><td>${link(t, record, title)}</td><td>${link(t, d.at, title)}</td><td>${h(d.kind)}</td>`,
        `<td>${h(d.expected ?? '-')}</td><td>${h(d.got ?? '-')}</td></tr>`,
      );
    }
    parts.push(`</tbody></table>`);
  }
  parts.push(`</section>`);

  if (o.messages.length || o.other.length) {
    parts.push(`<section><h2>Warnings (${o.messages.length + o.other.length})</h2><ul id="warnings">`);
    for (const m of o.messages) {
      const place = `${label(m.file)}:${m.line}${m.column === undefined ? '' : `:${m.column}`}`;
      const t: Target = { file: m.file, line: m.line, column: m.column ?? 1 };
      parts.push(
        `<li class="${h(m.severity)}">${link(t, place)}: ${h(m.severity)}: ${h(m.message)}${m.code ? ` <code>[${h(m.code)}]</code>` : ''}</li>`,
      );
    }
    for (const line of o.other) parts.push(`<li>${h(line)}</li>`);
    parts.push(`</ul></section>`);
  }

  const script = `(() => {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const a = event.target instanceof Element ? event.target.closest('a[data-target]') : null;
    if (!a) return;
    event.preventDefault();
    vscode.postMessage({ type: 'open', target: Number(a.getAttribute('data-target')) });
  });
})();`;
  const html = webviewPageHtml({
    nonce: o.nonce,
    cspSource: o.cspSource,
    title: 'Reflection Lens — Reading against gold labels',
    css: evaluationCss,
    body: `<main id="evaluation">\n${parts.join('\n')}\n</main>`,
    scripts: `<script nonce="${h(o.nonce)}">${script}</script>`,
  });
  return { html, targets };
}

/** A message from the page: only `{type: 'open', target: N}` with N one of its links. */
export function parseOpenMessage(m: unknown, targets: readonly Target[]): Target | undefined {
  const x = obj(m);
  if (x.type !== 'open' || typeof x.target !== 'number' || !Number.isInteger(x.target)) return undefined;
  return targets[x.target];
}

/**
 * The 0-based line of a JSONL record whose id is `record` (its `"id"`, `"idx"`, `"uid"` or
 * `"index"` field, as the reader takes it; else a line number id), for a link to `@offset`.
 */
export function jsonlRecordLine(text: string, record: string): number | undefined {
  const lines = text.split(/\r?\n/);
  const quoted = JSON.stringify(record);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const value = /^-?\d+(\.\d+)?$/.test(record) ? `(?:${esc(quoted)}|${esc(record)})` : esc(quoted);
  const field = new RegExp(`"(?:id|idx|uid|index)"\\s*:\\s*${value}\\s*[,}]`);
  const found = lines.findIndex((l) => field.test(l));
  if (found >= 0) return found;
  // A group's k-th response ("u.2") or an id that is the line number.
  const base = /^(.*)\.(\d+)$/.exec(record);
  if (base) {
    const again = jsonlRecordLine(text, base[1]);
    if (again !== undefined) return again;
  }
  const n = /^\d+$/.test(record) ? Number(record) : NaN;
  return n >= 1 && n <= lines.length ? n - 1 : undefined;
}

const evaluationCss = `${themeCss}
html, body { background: var(--rl-bg); color: var(--rl-fg); }
body { font-family: var(--rl-font); font-size: var(--rl-font-size); margin: 0; padding: 16px 20px 40px; line-height: 1.45; }
h1 { font-size: 1.45em; margin: 0 0 4px; font-weight: 600; }
h2 { font-size: 1.15em; margin: 24px 0 6px; font-weight: 600; }
h3 { font-size: 1em; margin: 16px 0 4px; font-weight: 600; }
code { font-family: var(--rl-mono); font-size: 0.95em; }
.muted { color: var(--rl-muted); }
.note { margin: 6px 0 0; max-width: 70em; font-size: 0.92em; }
header p { margin: 0; word-break: break-all; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid var(--rl-border); vertical-align: top; }
thead th { font-weight: 600; color: var(--rl-muted); }
tbody th { font-weight: normal; white-space: nowrap; }
table.numbers td { white-space: nowrap; }
section { overflow-x: auto; }
#disagreements td { font-family: var(--rl-mono); font-size: 0.95em; }
.moved { color: var(--rl-warning); font-weight: 600; }
.mark { font-weight: 700; }
a { color: var(--rl-link); text-decoration: none; }
a:hover { text-decoration: underline; }
a:focus-visible { outline: 1px solid var(--rl-focus); outline-offset: 1px; }
#warnings { padding-left: 18px; max-width: 90em; }
#warnings li { margin: 2px 0; word-break: break-word; }
#warnings li.error { color: var(--rl-error); }
.message { border: 1px solid var(--rl-border); border-left: 4px solid var(--rl-warning); background: var(--rl-card);
  padding: 8px 14px; margin-top: 12px; border-radius: 3px; }
.message.error { border-left-color: var(--rl-error); }
`;
