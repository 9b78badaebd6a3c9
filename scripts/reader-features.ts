// Feature experiments beside the learned candidate stage (docs/segmentation-eval.md, "Stop 27"): the
// leave-one-set-out CV of train-reader.ts (inner CV, families weighted as there) with candidate
// features added as extra columns (EXTRAS) or stage features dropped, per variant its pooled and
// per-set reading, paired bootstrap intervals against the rules and against the first variant,
// and with --fam the final model's families (per-corpus exact, worst change). Not part of the engine.
// Usage: node --import tsx scripts/reader-features.ts '[["name",["extra",...],["dropped feature",...]],...]' [--fam]
import { fitReader } from '../server/src/analysis/readerTraining.js';
import { evaluateSegmentation, type EvalInput } from '../server/src/analysis/segmentationEval.js';
import { candidateProbability, vetoes, isExplicitRule, type ReaderWeights } from '../server/src/trace/learnedReader.js';
import { READER_FEATURES, type ReaderInput } from '../server/src/trace/readerFeatures.js';
import { loadFamiliesDev, loadRealDev, REAL_DEV_SETS } from './readerData.js';
import { pairedBootstrap } from './readerModel.js';

const LAMBDAS = [0.3, 3, 30];
const THRESHOLDS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
type Extra = (r: ReaderInput) => number[][];
type Rows = number[][][]; // per record, per candidate

const OP_BEFORE = new Set(['+', '-', '*', '/', '×', '÷', '·', '(', '−', '^']);
const OP_AFTER = new Set(['+', '-', '*', '/', '×', '÷', '·', '−', '^']);
function isOpBefore(body: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (body[j] === ' ' || body[j] === '{')) j--;
  if (j < 0) return false;
  if (OP_BEFORE.has(body[j])) return true;
  return body.endsWith('\\cdot', j + 1) || body.endsWith('\\times', j + 1) || body.endsWith('\\div', j + 1);
}
function isOpAfter(body: string, i: number): boolean {
  let j = i;
  while (j < body.length && (body[j] === ' ' || body[j] === '}')) j++;
  if (j >= body.length) return false;
  if (OP_AFTER.has(body[j])) return true;
  return body.startsWith('\\cdot', j) || body.startsWith('\\times', j) || body.startsWith('\\div', j);
}
const num = (s: string): number | undefined => {
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  const m = /^(-?\d+)\/(\d+)$/.exec(s);
  if (m) return Number(m[1]) / Number(m[2]);
  return undefined;
};
const NEXT_WORDS =
  /^(now|next|then|first|second|third|step|compute|calculate|calculating|similarly|also|plug|substitut|multiply|divide|add|subtract)/i;

/**
 * Per attempt, how often its candidate's text is written again as an operand ("2550 - 2500") before
 * the next candidate (and within `window` characters, when given); `bounded` skips occurrences
 * inside a longer number. The operand features below differ only in how they read this count.
 */
function operandUses(r: ReaderInput, o: { window?: number; bounded?: boolean }): number[] {
  return r.attempts.map((a, k) => {
    const c = a.candidate;
    const raw = r.body.slice(c.start, c.end);
    const next = k + 1 < r.attempts.length ? r.attempts[k + 1].candidate.start : Infinity;
    const to = Math.min(r.body.length, o.window === undefined ? Infinity : c.end + o.window, next);
    let uses = 0;
    for (let i = r.body.indexOf(raw, c.end); i >= 0 && i < to; i = r.body.indexOf(raw, i + 1)) {
      if (o.bounded && !standsAlone(r.body, i, i + raw.length)) continue;
      if (isOpBefore(r.body, i) || isOpAfter(r.body, i + raw.length)) uses++;
    }
    return uses;
  });
}

/** The occurrence at [i, j) is a whole number, not digits of a longer one. */
function standsAlone(body: string, i: number, j: number): boolean {
  const af = body[j] ?? '';
  return !/[0-9]/.test(body[i - 1] ?? '') && !/[0-9]/.test(af) && !(/[.,]/.test(af) && /[0-9]/.test(body[j + 1] ?? ''));
}

export const EXTRAS: Record<string, Extra> = {
  operand: (r) => operandUses(r, { window: 400 }).map((n) => [n > 0 ? 1 : 0]),
  operandFar: (r) => operandUses(r, {}).map((n) => [n > 0 ? 1 : 0]),
  operandNotFinal: (r) =>
    operandUses(r, { window: 400 }).map((n, k) => [
      r.final && r.final.normalized === r.attempts[k].candidate.normalized ? 0 : n > 0 ? 1 : 0,
    ]),
  operandCount: (r) => operandUses(r, { window: 400 }).map((n) => [Math.log1p(n)]),
  operandB: (r) => operandUses(r, { window: 400, bounded: true }).map((n) => [n > 0 ? 1 : 0]),
  reappears: (r) =>
    r.attempts.map((a, k) => {
      const c = a.candidate;
      const raw = r.body.slice(c.start, c.end);
      const to = Math.min(r.body.length, c.end + 400, k + 1 < r.attempts.length ? r.attempts[k + 1].candidate.start : Infinity);
      const i = r.body.indexOf(raw, c.end);
      return [i >= 0 && i + raw.length <= to ? 1 : 0];
    }),
  nextWord: (r) =>
    r.attempts.map((a) => {
      const c = a.candidate;
      const w = r.body.slice(c.end, c.end + 120);
      const m = /[.\n]\s*([A-Za-z]+)/.exec(w);
      return [m && NEXT_WORDS.test(m[1]) ? 1 : 0];
    }),
  // Kept (stop 27): now the stage's value:numericWithFinal and value:magnitudeToFinal, so a duplicate of them.
  magnitude: (r) =>
    r.attempts.map((a) => {
      const v = num(a.candidate.normalized);
      const f = r.final ? num(r.final.normalized) : undefined;
      if (v === undefined || f === undefined) return [0, 0];
      return [1, Math.min(6, Math.abs(Math.log10(Math.abs(v) + 1) - Math.log10(Math.abs(f) + 1)))];
    }),
  nextExplicit: (r) =>
    r.attempts.map((a, k) => {
      const nx = r.attempts[k + 1]?.candidate;
      return [nx && isExplicitRule(nx.rule) && nx.normalized !== a.candidate.normalized ? 1 : 0];
    }),
  typeMismatch: (r) =>
    r.attempts.map((a) => {
      const w = (s: string) => /^-?\d+$/.test(s);
      return [r.final && w(a.candidate.normalized) !== w(r.final.normalized) ? 1 : 0];
    }),
  markerDist: (r) =>
    r.attempts.map((a) => {
      const m = a.nextMarker >= 0 && a.nextMarker < r.markers.length ? r.markers[a.nextMarker] : undefined;
      return [m ? Math.log1p(Math.max(0, m.start - a.candidate.end)) / 8 : 1];
    }),
  lineEnd: (r) =>
    r.attempts.map((a) => {
      const w = r.body.slice(a.candidate.end, a.candidate.end + 12);
      return [/^[\s$\\)\]}*.]*\n/.test(w) || /^[\s$\\)\]}*.]*$/.test(w) ? 1 : 0];
    }),
  followedByWord: (r) =>
    r.attempts.map((a) => {
      const w = r.body.slice(a.candidate.end, a.candidate.end + 12);
      return [/^[\s$\\)\]}]*[A-Za-z]{2,}/.test(w) && !/^[\s$\\)\]}]*(is|and|or|but|so)\b/i.test(w) ? 1 : 0];
    }),
  // statements between candidates (a cheap stand-in for number runs)
  gapStatements: (r) => {
    const n = r.attempts.length;
    const cnt = new Array(n + 1).fill(0);
    let k = 0;
    for (const s of r.statements) {
      while (k < n && r.attempts[k].candidate.start <= s.start) k++;
      if (k < n || (n > 0 && s.start < r.attempts[n - 1].end)) cnt[k]++;
    }
    return r.attempts.map((_, k) => [Math.log1p(cnt[k]) / 5, Math.log1p(cnt[k + 1]) / 5]);
  },
  attemptTail: (r) => r.attempts.map((a) => [Math.log1p(Math.max(0, a.end - a.candidate.end)) / 10]),
  laterStatements: (r) => {
    // statements after the candidate in its attempt with a different value, before the next marker
    return r.attempts.map((a) => {
      let d = 0;
      for (const s of r.statements) if (s.start >= a.candidate.end && s.start < a.end && s.normalized !== a.candidate.normalized) d++;
      return [Math.log1p(d) / 3];
    });
  },
};

const IDX = (name: string) => READER_FEATURES.indexOf(name);

const real = loadRealDev();
const withFamilies = !process.argv.includes('--nofam');
const families = withFamilies ? await loadFamiliesDev() : [];
const all = [...real, ...families];
const setNames = REAL_DEV_SETS.map(([s]) => s);

function buildRows(extras: string[], drop: string[]): Rows {
  const dropIdx = new Set(drop.map(IDX));
  return all.map((r) => {
    const ex = extras.map((e) => EXTRAS[e](r.reading));
    return r.examples.rows.map((row, j) => [...row.filter((_, f) => !dropIdx.has(f)), ...ex.flatMap((x) => x[j])]);
  });
}

const memo = new Map<string, ReaderWeights>();
let memoRows: Rows | undefined;
function fit(rows: Rows, idx: number[], lambda: number): ReaderWeights {
  if (memoRows !== rows) {
    memo.clear();
    memoRows = rows;
  }
  const key = `${lambda}:${[...new Set(idx.map((i) => all[i].set))].sort().join(',')}`;
  let w = memo.get(key);
  if (!w) {
    w = fit0(rows, idx, lambda);
    memo.set(key, w);
  }
  return w;
}
function fit0(rows: Rows, idx: number[], lambda: number): ReaderWeights {
  const X: number[][] = [];
  const y: number[] = [];
  const isReal: boolean[] = [];
  for (const i of idx) {
    const r = all[i];
    rows[i].forEach((row, j) => {
      if (r.examples.fixed[j]) return;
      X.push(row);
      y.push(r.examples.labels[j]);
      isReal.push(r.set !== 'families');
    });
  }
  const nReal = isReal.filter(Boolean).length;
  const nFam = isReal.length - nReal;
  return fitReader(X, y, { lambda, dimension: X[0].length, sampleWeights: isReal.map((t) => (t ? 1 : nReal / Math.max(1, nFam))) });
}
const probs = (rows: Rows, idx: number[], w: ReaderWeights) => idx.map((i) => rows[i].map((row) => candidateProbability(row, w)));
const vet = (idx: number[], p: number[][] | undefined, t: number, vf: boolean): EvalInput[] =>
  idx.map((i, n) => {
    const r = all[i];
    if (!p) return r.input;
    const v = vetoes(p[n], r.examples.fixed, { threshold: t, vetoFirst: vf });
    return { ...r.input, predicted: r.input.predicted.filter((_, j) => !v[j]) };
  });

const realIdx = (sets: string[]) => all.flatMap((r, i) => (r.set !== 'families' && sets.includes(r.set) ? [i] : []));
const famIdx = all.flatMap((r, i) => (r.set === 'families' ? [i] : []));

function choose(rows: Rows, sets: string[]) {
  let best = { lambda: 0.3, threshold: 0, vetoFirst: false, f1: -1 };
  const rulesFirst = evaluateSegmentation(vet(realIdx(sets), undefined, 0, false)).firstCorrectness.agree;
  for (const lambda of LAMBDAS) {
    const held: number[] = [];
    const p: number[][] = [];
    for (const s of sets) {
      const w = fit(rows, [...realIdx(sets.filter((x) => x !== s)), ...famIdx], lambda);
      const t = realIdx([s]);
      held.push(...t);
      p.push(...probs(rows, t, w));
    }
    for (const vetoFirst of [false, true])
      for (const threshold of THRESHOLDS) {
        const e = evaluateSegmentation(vet(held, p, threshold, vetoFirst));
        if (e.firstCorrectness.agree < rulesFirst) continue;
        if (e.f1 > best.f1 + 1e-9) best = { lambda, threshold, vetoFirst, f1: e.f1 };
      }
  }
  return best;
}
const pct = (a: number, n: number) => (n ? ((100 * a) / n).toFixed(1) : '-');
const fmt = (xs: EvalInput[]) => {
  const e = evaluateSegmentation(xs);
  return `P ${pct(e.matched, e.predicted)} (${e.matched}/${e.predicted}) R ${pct(e.matched, e.gold)} first ${pct(e.firstCorrectness.agree, e.firstCorrectness.of)} exact ${pct(e.exactSequence.agree, e.exactSequence.of)}`;
};

export function cv(rows: Rows) {
  const rules: EvalInput[] = [];
  const learned: EvalInput[] = [];
  const per: string[] = [];
  for (const s of setNames) {
    const c = choose(
      rows,
      setNames.filter((x) => x !== s),
    );
    const w = fit(rows, [...realIdx(setNames.filter((x) => x !== s)), ...famIdx], c.lambda);
    const t = realIdx([s]);
    const l = vet(t, probs(rows, t, w), c.threshold, c.vetoFirst);
    rules.push(...vet(t, undefined, 0, false));
    learned.push(...l);
    per.push(`${s}: ${fmt(l)} (λ ${c.lambda} t ${c.threshold}${c.vetoFirst ? ' first' : ''})`);
  }
  return { rules, learned, per };
}
let famRef: Map<string, number> | undefined;
function familiesCheck(rows: Rows) {
  const c = choose(rows, setNames);
  const w = fit(rows, [...realIdx(setNames), ...famIdx], c.lambda);
  const fam = vet(famIdx, probs(rows, famIdx, w), c.threshold, c.vetoFirst);
  const insample = vet(realIdx(setNames), probs(rows, realIdx(setNames), w), c.threshold, c.vetoFirst);
  const corpora = [...new Set(famIdx.map((i) => all[i].corpus!))];
  let worst = 0;
  let worstName = '';
  let sumB = 0;
  let sumA = 0;
  let minA = 101;
  let minB = 101;
  let worstV = 0;
  let worstVName = '';
  const mine = new Map<string, number>();
  for (const name of corpora) {
    const ii = famIdx.flatMap((i, n) => (all[i].corpus === name ? [n] : []));
    const b = evaluateSegmentation(ii.map((n) => all[famIdx[n]].input)).exactSequence;
    const a = evaluateSegmentation(ii.map((n) => fam[n])).exactSequence;
    const bb = (100 * b.agree) / b.of;
    const aa = (100 * a.agree) / a.of;
    sumB += bb;
    sumA += aa;
    minA = Math.min(minA, aa);
    minB = Math.min(minB, bb);
    if (aa - bb < worst) {
      worst = aa - bb;
      worstName = name;
    }
    mine.set(name, aa);
    const ref = famRef?.get(name);
    if (ref !== undefined && aa - ref < worstV) {
      worstV = aa - ref;
      worstVName = name;
    }
  }
  famRef ??= mine;
  return `final λ ${c.lambda} t ${c.threshold}${c.vetoFirst ? ' first' : ''}; in-sample ${fmt(insample)}; families ${fmt(fam)}; per-corpus exact min ${minB.toFixed(1)}->${minA.toFixed(1)} mean ${(sumB / corpora.length).toFixed(2)}->${(sumA / corpora.length).toFixed(2)}; worst drop ${worst.toFixed(1)} ${worstName}; vs first variant worst ${worstV.toFixed(1)} ${worstVName}`;
}

const variants: [string, string[], string[]][] = JSON.parse(process.argv[2] ?? '[["base",[],[]]]');
let baseLearned: EvalInput[] | undefined;
for (const [name, extras, drop] of variants) {
  const rows = buildRows(extras, drop);
  const r = cv(rows);
  if (!baseLearned) baseLearned = r.learned;
  const ci = pairedBootstrap(r.rules, r.learned);
  const ci2 = pairedBootstrap(baseLearned, r.learned);
  console.log(
    `== ${name} [+${extras.join(',')} -${drop.join(',')}]\n  rules ${fmt(r.rules)}\n  learned ${fmt(r.learned)}\n  vs rules P ${ci.precision} R ${ci.recall}; vs first variant P ${ci2.precision} R ${ci2.recall}`,
  );
  for (const p of r.per) console.log('   ' + p);
  if (process.argv.includes('--fam')) console.log('  ' + familiesCheck(rows));
}
