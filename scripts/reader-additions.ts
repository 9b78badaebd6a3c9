// An experiment beside the learned candidate stage (docs/segmentation-eval.md, "Stop 26"): can the
// same kind of model ADD candidates, choosing among the statements the rules read and did not
// make candidates (the misses are mostly re-checks that re-derive the answer, which the rules
// merge as restatements)? Measured like the veto: leave-one-set-out over the seven real dev sets,
// the penalty, threshold and whether a statement before the first candidate may be added chosen
// by an inner leave-one-set-out over the six training sets. Not part of the engine.
// Usage: node --import tsx scripts/reader-additions.ts [--families]
import { fitReader } from '../server/src/analysis/readerTraining.js';
import { alignCandidates, evaluateSegmentation, type EvalInput, type PredictedCandidate } from '../server/src/analysis/segmentationEval.js';
import { markerClass, numberRuns, READER_FEATURES } from '../server/src/trace/readerFeatures.js';
import type { CandidateRule } from '../server/src/trace/statements.js';
import { loadFamiliesDev, loadRealDev, REAL_DEV_SETS, type ReaderRecord } from './readerData.js';
import { pairedBootstrap } from './readerModel.js';

const RULES: readonly CandidateRule[] = ['boxed', 'pattern', 'final-answer', 'conclusion', 'equals', 'bold', 'last-number'];
const LAMBDAS = [0.3, 3, 30];
const THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const withFamilies = process.argv.includes('--families');

interface Addition {
  /** The gap it lies in: 0 before the first rules candidate, k between candidates k-1 and k, n after the last. */
  gap: number;
  candidate: PredictedCandidate;
  row: number[];
  label: number;
}

/** The statements the rules did not choose, each with features and whether adding it alone gains a match. */
function additions(r: ReaderRecord): Addition[] {
  const { body, attempts, markers, statements, final, summaryStart, question } = r.reading;
  const cands = attempts.map((a) => a.candidate);
  const chosen = new Set(cands.map((c) => c.start));
  const n = cands.length;
  const base = alignCandidates(r.input.gold.candidates, r.input.predicted, r.input.optionOf).length;
  const out: Addition[] = [];
  let k = 0;
  let mi = 0;
  let sameInGap = new Map<string, number>();
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (chosen.has(st.start)) continue;
    let gapChanged = false;
    while (k < n && cands[k].start <= st.start) {
      k++;
      gapChanged = true;
    }
    if (gapChanged) sameInGap = new Map();
    const prev = k > 0 ? cands[k - 1] : undefined;
    const next = k < n ? cands[k] : undefined;
    const prevEnd = prev ? prev.end : 0;
    const nextStart = next ? next.start : body.length;
    // Markers between the previous candidate and the statement, and the last one's class.
    while (mi < markers.length && markers[mi].start < prevEnd) mi++;
    let between = 0;
    let lastClass = -1;
    for (let m = mi; m < markers.length && markers[m].start < st.start; m++) {
      between++;
      lastClass = markerClass(markers[m].phrase);
    }
    let nextMarker = mi;
    while (nextMarker < markers.length && markers[nextMarker].start < st.end) nextMarker++;
    const nextStatement = i + 1 < statements.length ? statements[i + 1].start : body.length;
    const beforeMarker = nextMarker < markers.length && markers[nextMarker].start < nextStatement ? 1 : 0;
    const same = sameInGap.get(st.normalized) ?? 0;
    sameInGap.set(st.normalized, same + 1);
    const row: number[] = [st.strength / 5];
    for (const rule of RULES) row.push(st.rule === rule ? 1 : 0);
    row.push(
      st.aboutTarget ? 1 : 0,
      st.fromQuestion ? 1 : 0,
      st.tentative ? 1 : 0,
      st.closesOther ? 1 : 0,
      st.partial ? 1 : 0,
      st.term ? 1 : 0,
      st.ofOther ? 1 : 0,
      prev && prev.normalized === st.normalized ? 1 : 0,
      next && next.normalized === st.normalized ? 1 : 0,
      final && final.normalized === st.normalized ? 1 : 0,
      cands.some((c) => c.normalized === st.normalized) ? 1 : 0,
      Math.log1p(Math.max(0, st.start - prevEnd)) / 10,
      Math.log1p(numberRuns(body, prevEnd, st.start)) / 5,
      Math.log1p(Math.max(0, nextStart - st.end)) / 10,
      Math.log1p(numberRuns(body, st.end, nextStart)) / 5,
      Math.log1p(between),
    );
    for (let c = -1; c <= 4; c++) row.push(lastClass === c ? 1 : 0);
    row.push(
      beforeMarker,
      Math.log1p(same),
      k === 0 ? 1 : 0,
      n > 0 ? k / n : 0,
      Math.log1p(n),
      st.start / Math.max(1, body.length),
      summaryStart >= 0 && st.start < summaryStart ? 1 : 0,
      question.optionOf !== undefined ? 1 : 0,
      question.words !== undefined ? 1 : 0,
      question.scale !== undefined ? 1 : 0,
      question.blanks ? 1 : 0,
      /^-?\d+$/.test(st.normalized) ? 1 : 0,
      Math.log1p(st.normalized.length) / 3,
    );
    const candidate = { value: st.value, offset: st.start };
    const withIt = [...r.input.predicted, candidate].sort((a, b) => a.offset - b.offset);
    const label = alignCandidates(r.input.gold.candidates, withIt, r.input.optionOf).length > base ? 1 : 0;
    out.push({ gap: k, candidate, row, label });
  }
  return out;
}

/** Fits on additions (the families, when present, weigh as much in total as the real statements). */
function fit(train: readonly { adds: Addition[]; real: boolean }[], lambda: number) {
  const rows: number[][] = [];
  const labels: number[] = [];
  const isReal: boolean[] = [];
  for (const t of train)
    for (const a of t.adds) {
      rows.push(a.row);
      labels.push(a.label);
      isReal.push(t.real);
    }
  const nReal = isReal.filter(Boolean).length;
  const nFam = isReal.length - nReal;
  const sampleWeights = isReal.map((x) => (x ? 1 : nReal / Math.max(1, nFam)));
  return fitReader(rows, labels, { lambda, sampleWeights, dimension: rows[0]?.length ?? READER_FEATURES.length });
}

type Model = ReturnType<typeof fit>;
const prob = (row: readonly number[], w: Model): number => {
  let z = w.bias;
  for (let i = 0; i < row.length; i++) z += (w.weights[i] * (row[i] - w.mean[i])) / w.scale[i];
  return 1 / (1 + Math.exp(-z));
};

/** The rules' reading plus, per gap, its most probable statement at or above the threshold. */
function decode(r: ReaderRecord, adds: readonly Addition[], probs: readonly number[], t: number, addFirst: boolean): EvalInput {
  const best = new Map<number, number>();
  adds.forEach((a, i) => {
    if (probs[i] < t || (a.gap === 0 && !addFirst)) return;
    const j = best.get(a.gap);
    if (j === undefined || probs[i] > probs[j]) best.set(a.gap, i);
  });
  if (best.size === 0) return r.input;
  const predicted = [...r.input.predicted, ...[...best.values()].map((i) => adds[i].candidate)].sort((a, b) => a.offset - b.offset);
  return { ...r.input, predicted };
}

const real = loadRealDev();
const families = withFamilies ? await loadFamiliesDev() : [];
const realAdds = real.map(additions);
const famAdds = families.map(additions);
const sets = REAL_DEV_SETS.map(([s]) => s);
const positives = realAdds.flat().filter((a) => a.label).length;
console.log(`real: ${realAdds.flat().length} statements not chosen, ${positives} of them would add a match alone`);

const famTrain = famAdds.map((adds) => ({ adds, real: false }));
const trainOf = (names: readonly string[]) => [
  ...real.flatMap((r, i) => (names.includes(r.set) ? [{ adds: realAdds[i], real: true }] : [])),
  ...famTrain,
];

function choose(names: readonly string[]) {
  let best = { lambda: LAMBDAS[0], t: 1, addFirst: false, f1: -1 };
  const rulesFirst = evaluateSegmentation(real.filter((r) => names.includes(r.set)).map((r) => r.input)).firstCorrectness.agree;
  for (const lambda of LAMBDAS) {
    const idx: number[] = [];
    const probs: number[][] = [];
    for (const s of names) {
      const w = fit(trainOf(names.filter((x) => x !== s)), lambda);
      real.forEach((r, i) => {
        if (r.set !== s) return;
        idx.push(i);
        probs.push(realAdds[i].map((a) => prob(a.row, w)));
      });
    }
    for (const addFirst of [false, true])
      for (const t of THRESHOLDS) {
        const e = evaluateSegmentation(idx.map((i, j) => decode(real[i], realAdds[i], probs[j], t, addFirst)));
        if (e.firstCorrectness.agree < rulesFirst) continue;
        if (e.f1 > best.f1 + 1e-9) best = { lambda, t, addFirst, f1: e.f1 };
      }
  }
  return best;
}

const pct = (a: number, n: number): string => (n ? ((100 * a) / n).toFixed(1) : '-');
const line = (name: string, inputs: EvalInput[]): string => {
  const e = evaluateSegmentation(inputs);
  return `| ${name} | ${e.records} | ${pct(e.matched, e.predicted)} (${e.matched}/${e.predicted}) | ${pct(e.matched, e.gold)} (${e.matched}/${e.gold}) | ${pct(e.firstCorrectness.agree, e.firstCorrectness.of)} | ${pct(e.exactSequence.agree, e.exactSequence.of)} |`;
};
const cvRules: EvalInput[] = [];
const cvAdded: EvalInput[] = [];
console.log(`| set | n | P | R | first | exact |\n|---|---|---|---|---|---|`);
for (const s of sets) {
  const c = choose(sets.filter((x) => x !== s));
  const w = fit(trainOf(sets.filter((x) => x !== s)), c.lambda);
  const rules: EvalInput[] = [];
  const added: EvalInput[] = [];
  real.forEach((r, i) => {
    if (r.set !== s) return;
    rules.push(r.input);
    added.push(
      decode(
        r,
        realAdds[i],
        realAdds[i].map((a) => prob(a.row, w)),
        c.t,
        c.addFirst,
      ),
    );
  });
  cvRules.push(...rules);
  cvAdded.push(...added);
  console.log(line(`${s} rules`, rules));
  console.log(line(`${s} added (λ ${c.lambda}, t ${c.t}${c.addFirst ? ', first' : ''})`, added));
}
console.log(line('pooled rules', cvRules));
console.log(line('pooled added', cvAdded));
{
  const ci = pairedBootstrap(cvRules, cvAdded);
  console.log(`paired bootstrap (95%): precision added - rules ${ci.precision}, recall ${ci.recall}`);
}
