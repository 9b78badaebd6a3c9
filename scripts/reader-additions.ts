// An experiment beside the learned candidate stage (docs/segmentation-eval.md, "Stop 26", "Stop 28"):
// can the same kind of model ADD candidates, choosing among the statements the rules read and did
// not make candidates (the misses are mostly re-checks that re-derive the answer, which the rules
// merge as restatements)? Measured like the veto: leave-one-set-out over the real dev sets, the
// penalty, threshold and whether a statement before the first candidate may be added chosen by an
// inner leave-one-set-out over the training sets. Not part of the engine.
// Usage: node --import tsx scripts/reader-additions.ts [--families] [--veto] [--gap] [--echo] [--one-lambda]
//   --families    also train on the dev phrasing families; report their exact per family (model fitted on all real sets)
//   --veto        add to the rules' reading with the committed veto (readerWeights.ts) rather than to the rules' reading
//   --gap         stop 28's features of the gap since the previous candidate (what it computes, re-reads, confirms)
//   --echo        only statements of the value of the candidate before or after them
//   --insample    the model applied to each fold fitted on every set, that fold included (an upper bound)
//   --sweep       only the pooled trade-off per threshold (leave-one-set-out probabilities, penalty 3)
//   --one-lambda  the penalty fixed at 3 (the value the inner CV chose in nearly every fold), a third of the time
// DUMP=file writes the pool's rows and labels as JSON and exits.
import { fitReader } from '../server/src/analysis/readerTraining.js';
import { alignCandidates, evaluateSegmentation, type EvalInput, type PredictedCandidate } from '../server/src/analysis/segmentationEval.js';
import { markerClass, numberRuns, READER_FEATURES } from '../server/src/trace/readerFeatures.js';
import type { CandidateRule } from '../server/src/trace/statements.js';
import { loadFamiliesDev, loadRealDev, REAL_DEV_SETS, type ReaderRecord } from './readerData.js';
import { pairedBootstrap, probabilities, vetoed } from './readerModel.js';
import { normalizeAnswer } from '../server/src/trace/answers.js';
import { READER_WEIGHTS } from '../server/src/trace/readerWeights.js';

const RULES: readonly CandidateRule[] = ['boxed', 'pattern', 'final-answer', 'conclusion', 'equals', 'bold', 'last-number'];
const LAMBDAS = process.argv.includes('--one-lambda') ? [3] : [0.3, 3, 30];
const THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const withFamilies = process.argv.includes('--families');
const withGap = process.argv.includes('--gap');
const withVeto = process.argv.includes('--veto');
// Only echoes: statements of the value of the candidate before or after them (the misses the rules merge as restatements).
const echoesOnly = process.argv.includes('--echo');
const insample = process.argv.includes('--insample');

// What the gap between the previous candidate and the statement computes (stop 28): a re-derivation
// works something out there; a restatement comments, confirms or recalls.
const computationG =
  /[\d,.]{0,20}[\d)}]\s{0,3}(?:[-+*/=^\u00d7\u00b7\u22c5\u2212\u00f7]|\\times|\\cdot|\\div)\s{0,3}\$?[\d({\\][\d,.]{0,20}/g;
const operandG = /\d[\d,.]*/g;
const multiDigitG = /\d[\d,]*\d(?:\.\d+)?/g;
const verbalRe = /\b(?:add(?:ing)?|subtract(?:ing)?|minus|plus|times|multiply(?:ing)?|divid(?:e|ing)(?: by)?)\b[ \t]{0,3}\d/i;
const algebraG = /\d[a-z](?![a-z])[ \t]{0,3}[-+=][ \t]{0,3}-?\d{0,6}[a-z(](?![a-z])/;
const verdictRe = /\b(?:yes|correct|right|matches|confirm(?:s|ed)|consistent|checks out|holds|works)\b|\u2713/i;
const recallRe = /\b(?:already|earlier|as before|we found|I found|previously|as computed|as calculated)\b/i;
const strongRe = /(?:answer is|answer:|answer would be|therefore|thus|hence|so the|so,|final)\W{0,4}[^\n]{0,60}$/i;
const checkOpenRe = /\b(?:check|verif|plug|substitut|recount|re-?read|double-check|confirm|test)/i;
const resultOfRe = /(?:=|\\approx|\u2248|is|gives|get|equals)\s{0,3}\$?\s{0,2}(?:\\boxed\{|\*\*)?$/;
const NUM_GAP_FEATURES = 22;

function gapFeatures(
  r: ReaderRecord,
  prevEnd: number,
  stStart: number,
  value: string,
  statementsInGap: number,
  firstClass: number,
): number[] {
  const { body, question } = r.reading;
  const text = body.slice(prevEnd, stStart);
  let comps = 0;
  let compsNew = 0;
  let valueResult = 0;
  computationG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = computationG.exec(text)) !== null) {
    computationG.lastIndex = m.index + 1;
    if (m.index > 0 && /[\d.,]/.test(text[m.index - 1])) continue;
    comps++;
    let fresh = false;
    for (const o of m[0].match(operandG) ?? []) {
      const v = normalizeAnswer(o.replace(/[.,]$/, ''));
      if (!question.values.has(v) && v !== value) fresh = true;
    }
    if (fresh) compsNew++;
  }
  for (const e of text.matchAll(/=[ \t]{0,2}\$?(-?\d[\d,]*(?:\.\d+)?(?:\/\d+)?)/g))
    if (normalizeAnswer(e[1].replace(/[.,]$/, '')) === value) valueResult++;
  const qvals = new Set<string>();
  const newOps = new Set<string>();
  const oldOps = new Set<string>();
  multiDigitG.lastIndex = 0;
  while ((m = multiDigitG.exec(text)) !== null) {
    const v = normalizeAnswer(m[0]);
    if (v === value) continue;
    if (question.values.has(v)) qvals.add(v);
    else {
      const at = body.indexOf(m[0]);
      if (at >= 0 && at < prevEnd) oldOps.add(v);
      else newOps.add(v);
    }
  }
  const lower = text.toLowerCase();
  let nouns = 0;
  for (const n of question.nouns) if (n.length > 2 && lower.includes(n)) nouns++;
  const before = body.slice(Math.max(prevEnd, stStart - 80), stStart);
  const tail = text.slice(-60);
  const row = [
    Math.log1p(comps),
    Math.log1p(compsNew),
    comps > 0 ? compsNew / comps : 0,
    Math.log1p(valueResult),
    resultOfRe.test(before) ? 1 : 0,
    Math.log1p(newOps.size),
    Math.log1p(oldOps.size),
    Math.log1p(qvals.size),
    Math.log1p(nouns),
    verbalRe.test(text) ? 1 : 0,
    algebraG.test(text) ? 1 : 0,
    verdictRe.test(text) ? 1 : 0,
    verdictRe.test(tail) ? 1 : 0,
    recallRe.test(text) ? 1 : 0,
    strongRe.test(before) ? 1 : 0,
    checkOpenRe.test(text.slice(0, 120)) ? 1 : 0,
    Math.log1p(statementsInGap),
  ];
  for (let c = -1; c <= 4; c++) row.push(firstClass === c ? 1 : 0);
  if (row.length !== NUM_GAP_FEATURES + 1) throw new Error(`gap features: ${row.length}`);
  return row;
}

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
  const base = alignCandidates(r.input.gold.candidates, r.input.predicted, r.input.optionOf, r.input.query).length;
  const out: Addition[] = [];
  let k = 0;
  let mi = 0;
  let sameInGap = new Map<string, number>();
  let inGap = 0;
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (chosen.has(st.start)) continue;
    let gapChanged = false;
    while (k < n && cands[k].start <= st.start) {
      k++;
      gapChanged = true;
    }
    if (gapChanged) {
      sameInGap = new Map();
      inGap = 0;
    }
    inGap++;
    const prev = k > 0 ? cands[k - 1] : undefined;
    const next = k < n ? cands[k] : undefined;
    const prevEnd = prev ? prev.end : 0;
    const nextStart = next ? next.start : body.length;
    // Markers between the previous candidate and the statement, and the last one's class.
    while (mi < markers.length && markers[mi].start < prevEnd) mi++;
    let between = 0;
    let lastClass = -1;
    let firstClass = -1;
    for (let m = mi; m < markers.length && markers[m].start < st.start; m++) {
      between++;
      lastClass = markerClass(markers[m].phrase);
      if (firstClass < 0) firstClass = lastClass;
    }
    let nextMarker = mi;
    while (nextMarker < markers.length && markers[nextMarker].start < st.end) nextMarker++;
    const nextStatement = i + 1 < statements.length ? statements[i + 1].start : body.length;
    const beforeMarker = nextMarker < markers.length && markers[nextMarker].start < nextStatement ? 1 : 0;
    if (echoesOnly && prev?.normalized !== st.normalized && next?.normalized !== st.normalized) continue;
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
    if (withGap) row.push(...gapFeatures(r, prevEnd, st.start, st.normalized, inGap - 1, firstClass));
    const candidate = { value: st.value, offset: st.start };
    const withIt = [...r.input.predicted, candidate].sort((a, b) => a.offset - b.offset);
    const label = alignCandidates(r.input.gold.candidates, withIt, r.input.optionOf, r.input.query).length > base ? 1 : 0;
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
function decode(input: EvalInput, adds: readonly Addition[], probs: readonly number[], t: number, addFirst: boolean): EvalInput {
  const best = new Map<number, number>();
  adds.forEach((a, i) => {
    if (probs[i] < t || (a.gap === 0 && !addFirst)) return;
    const j = best.get(a.gap);
    if (j === undefined || probs[i] > probs[j]) best.set(a.gap, i);
  });
  if (best.size === 0) return input;
  const predicted = [...input.predicted, ...[...best.values()].map((i) => adds[i].candidate)].sort((a, b) => a.offset - b.offset);
  return { ...input, predicted };
}

const real = loadRealDev();
const families = withFamilies ? await loadFamiliesDev() : [];
const realAdds = real.map(additions);
// The rules' reading with the committed veto (readerWeights.ts, trained on fourteen of these sets: in-sample there,
// out of sample on fresh20) is the base the additions go on; their labels stay those against the rules' reading.
const base = withVeto
  ? vetoed(real, probabilities(real, READER_WEIGHTS), READER_WEIGHTS.threshold, READER_WEIGHTS.vetoFirst)
  : real.map((r) => r.input);
const famAdds = families.map(additions);
const sets = REAL_DEV_SETS.map(([s]) => s);
if (process.env.DUMP) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    process.env.DUMP,
    JSON.stringify(real.flatMap((r, i) => realAdds[i].map((a) => [r.set, r.input.id, a.gap, a.label, ...a.row]))),
  );
  process.exit(0);
}
const positives = realAdds.flat().filter((a) => a.label).length;
console.log(`real: ${realAdds.flat().length} statements not chosen, ${positives} of them would add a match alone`);

const famTrain = famAdds.map((adds) => ({ adds, real: false }));
const trainOf = (names: readonly string[]) => [
  ...real.flatMap((r, i) => (names.includes(r.set) ? [{ adds: realAdds[i], real: true }] : [])),
  ...famTrain,
];

function choose(names: readonly string[]) {
  let best = { lambda: LAMBDAS[0], t: 1, addFirst: false, f1: -1 };
  const rulesFirst = evaluateSegmentation(base.filter((_, i) => names.includes(real[i].set))).firstCorrectness.agree;
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
        const e = evaluateSegmentation(idx.map((i, j) => decode(base[i], realAdds[i], probs[j], t, addFirst)));
        if (e.firstCorrectness.agree < rulesFirst) continue;
        if (e.f1 > best.f1 + 1e-9) best = { lambda, t, addFirst, f1: e.f1 };
      }
  }
  return best;
}

if (process.argv.includes('--sweep')) {
  // The trade-off itself: leave-one-set-out probabilities (penalty 3, no inner choice), pooled at each threshold.
  const probsOf: number[][] = new Array(real.length);
  for (const s of sets) {
    const w = fit(trainOf(sets.filter((x) => x !== s)), 3);
    real.forEach((r, i) => {
      if (r.set === s) probsOf[i] = realAdds[i].map((a) => prob(a.row, w));
    });
  }
  const e0 = evaluateSegmentation(base);
  console.log(
    `base: P ${((100 * e0.matched) / e0.predicted).toFixed(1)} R ${((100 * e0.matched) / e0.gold).toFixed(1)} (${e0.matched}/${e0.predicted})`,
  );
  for (const t of [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8]) {
    const e = evaluateSegmentation(real.map((_, i) => decode(base[i], realAdds[i], probsOf[i], t, false)));
    console.log(
      `t ${t}: P ${((100 * e.matched) / e.predicted).toFixed(1)} R ${((100 * e.matched) / e.gold).toFixed(1)} (+${e.matched - e0.matched} matched, +${e.predicted - e0.predicted} predicted) first ${((100 * e.firstCorrectness.agree) / e.firstCorrectness.of).toFixed(1)} exact ${((100 * e.exactSequence.agree) / e.exactSequence.of).toFixed(1)}`,
    );
  }
  process.exit(0);
}

const pct = (a: number, n: number): string => (n ? ((100 * a) / n).toFixed(1) : '-');
const line = (name: string, inputs: EvalInput[]): string => {
  const e = evaluateSegmentation(inputs);
  return `| ${name} | ${e.records} | ${pct(e.matched, e.predicted)} (${e.matched}/${e.predicted}) | ${pct(e.matched, e.gold)} (${e.matched}/${e.gold}) | ${pct(e.firstCorrectness.agree, e.firstCorrectness.of)} | ${pct(e.exactSequence.agree, e.exactSequence.of)} |`;
};
const cvRules: EvalInput[] = [];
const cvBase: EvalInput[] = [];
const cvAdded: EvalInput[] = [];
console.log(`| set | n | P | R | first | exact |\n|---|---|---|---|---|---|`);
for (const s of sets) {
  const c = choose(sets.filter((x) => x !== s));
  // --insample: the model fitted on every set, the test fold included (an upper bound on what these features separate).
  const w = fit(trainOf(insample ? sets : sets.filter((x) => x !== s)), c.lambda);
  const rules: EvalInput[] = [];
  const based: EvalInput[] = [];
  const added: EvalInput[] = [];
  real.forEach((r, i) => {
    if (r.set !== s) return;
    rules.push(r.input);
    based.push(base[i]);
    added.push(
      decode(
        base[i],
        realAdds[i],
        realAdds[i].map((a) => prob(a.row, w)),
        c.t,
        c.addFirst,
      ),
    );
  });
  cvRules.push(...rules);
  cvBase.push(...based);
  cvAdded.push(...added);
  console.log(line(`${s} rules`, rules));
  if (withVeto) console.log(line(`${s} veto`, based));
  console.log(line(`${s} added (λ ${c.lambda}, t ${c.t}${c.addFirst ? ', first' : ''})`, added));
}
console.log(line('pooled rules', cvRules));
if (withVeto) console.log(line('pooled veto', cvBase));
console.log(line('pooled added', cvAdded));
{
  const ci = pairedBootstrap(cvRules, cvAdded);
  console.log(`paired bootstrap (95%): precision added - rules ${ci.precision}, recall ${ci.recall}`);
  if (withVeto) {
    const cv = pairedBootstrap(cvBase, cvAdded);
    console.log(`paired bootstrap (95%): precision added - veto ${cv.precision}, recall ${cv.recall}`);
  }
}

if (withFamilies) {
  // Per family, the exact sequence with the model fitted on every real set (+ the families, so in-sample there).
  const c = choose(sets);
  const w = fit(trainOf(sets), c.lambda);
  const famBase = withVeto
    ? vetoed(families, probabilities(families, READER_WEIGHTS), READER_WEIGHTS.threshold, READER_WEIGHTS.vetoFirst)
    : families.map((r) => r.input);
  const byCorpus = new Map<string, [EvalInput[], EvalInput[]]>();
  families.forEach((r, i) => {
    const key = r.corpus ?? '?';
    if (!byCorpus.has(key)) byCorpus.set(key, [[], []]);
    const [b, a] = byCorpus.get(key)!;
    b.push(famBase[i]);
    a.push(
      decode(
        famBase[i],
        famAdds[i],
        famAdds[i].map((x) => prob(x.row, w)),
        c.t,
        c.addFirst,
      ),
    );
  });
  const diffs: number[] = [];
  let changed = 0;
  for (const [corpus, [b, a]] of byCorpus) {
    const eb = evaluateSegmentation(b).exactSequence;
    const ea = evaluateSegmentation(a).exactSequence;
    const d = (100 * (ea.agree - eb.agree)) / Math.max(1, eb.of);
    diffs.push(d);
    if (d !== 0) {
      changed++;
      console.log(`family ${corpus}: exact ${pct(eb.agree, eb.of)} -> ${pct(ea.agree, ea.of)}`);
    }
  }
  const mean = diffs.reduce((x, y) => x + y, 0) / Math.max(1, diffs.length);
  console.log(
    `families (λ ${c.lambda}, t ${c.t}${c.addFirst ? ', first' : ''}): ${diffs.length} corpora, ${changed} changed; exact change min ${Math.min(...diffs).toFixed(1)}, mean ${mean.toFixed(2)}`,
  );
}
