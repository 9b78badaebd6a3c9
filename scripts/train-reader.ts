// Trains the learned candidate stage and measures it by leave-one-set-out cross-validation over
// the eight real development sets (docs/segmentation-eval.md, "Stop 26"). Per outer fold the
// regularization, threshold and whether the first candidate may be vetoed are chosen by an inner
// leave-one-set-out over the seven training sets (never by the test fold); the model is refitted on
// the seven and applied to the eighth. Deterministic: Newton's method, no sampling.
// Usage: node --import tsx scripts/train-reader.ts [--families] [--write]
//   --families  also train on the dev phrasing families (weighted to the real sets' total)
//   --write     write server/src/trace/readerWeights.ts from all eight sets (+ families)
import { writeFileSync } from 'node:fs';
import { evaluateSegmentation, type EvalInput } from '../server/src/analysis/segmentationEval.js';
import { loadFamiliesDev, loadRealDev, REAL_DEV_SETS, type ReaderRecord } from './readerData.js';
import {
  fitRecords as fit,
  pairedBootstrap,
  probabilities,
  vetoed,
  WEIGHTS_MODULE,
  weightsModuleSource,
  type ReaderChoice,
} from './readerModel.js';

const LAMBDAS = [0.3, 3, 30];
const THRESHOLDS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
const withFamilies = process.argv.includes('--families');

type Choice = ReaderChoice;

/** Chooses lambda, threshold and vetoFirst by leave-one-set-out over `sets` (F1, first-candidate agreement not below the rules'). */
function choose(real: readonly ReaderRecord[], families: readonly ReaderRecord[], sets: readonly string[]): Choice {
  let best: Choice & { f1: number } = { lambda: LAMBDAS[0], threshold: 0, vetoFirst: false, f1: -1 };
  const rulesFirst = evaluateSegmentation(real.filter((r) => sets.includes(r.set)).map((r) => r.input)).firstCorrectness.agree;
  for (const lambda of LAMBDAS) {
    const held: ReaderRecord[] = [];
    const probs: number[][] = [];
    for (const s of sets) {
      const w = fit([...real.filter((r) => sets.includes(r.set) && r.set !== s), ...families], lambda);
      const test = real.filter((r) => r.set === s);
      held.push(...test);
      probs.push(...probabilities(test, w));
    }
    for (const vetoFirst of [false, true])
      for (const threshold of THRESHOLDS) {
        const e = evaluateSegmentation(vetoed(held, probs, threshold, vetoFirst));
        if (e.firstCorrectness.agree < rulesFirst) continue;
        if (e.f1 > best.f1 + 1e-9) best = { lambda, threshold, vetoFirst, f1: e.f1 };
      }
  }
  return best;
}

const pct = (a: number, n: number): string => (n ? ((100 * a) / n).toFixed(1) : '-');
function line(name: string, inputs: EvalInput[]): string {
  const e = evaluateSegmentation(inputs);
  return `| ${name} | ${e.records} | ${pct(e.matched, e.predicted)} (${e.matched}/${e.predicted}) | ${pct(e.matched, e.gold)} (${e.matched}/${e.gold}) | ${pct(e.firstCorrectness.agree, e.firstCorrectness.of)} | ${pct(e.exactSequence.agree, e.exactSequence.of)} |`;
}

const real = loadRealDev();
// The families are always read (their exact rate is reported with and without the stage); they
// are trained on only with --families.
const families = await loadFamiliesDev();
const trainFamilies = withFamilies ? families : [];
const setNames = REAL_DEV_SETS.map(([s]) => s);
console.log(
  `real dev: ${real.length} records, ${real.reduce((s, r) => s + r.examples.rows.length, 0)} rules candidates; families: ${families.length} records${withFamilies ? ' (trained on)' : ' (reported only)'}`,
);

// Outer leave-one-set-out.
const cvRules: EvalInput[] = [];
const cvLearned: EvalInput[] = [];
const rows: string[] = [];
const foldRecallLoss: [string, number][] = [];
for (const s of setNames) {
  const inner = setNames.filter((x) => x !== s);
  const c = choose(real, trainFamilies, inner);
  const w = fit([...real.filter((r) => r.set !== s), ...trainFamilies], c.lambda);
  const test = real.filter((r) => r.set === s);
  const rules = vetoed(test, undefined, 0, false);
  const learned = vetoed(test, probabilities(test, w), c.threshold, c.vetoFirst);
  cvRules.push(...rules);
  cvLearned.push(...learned);
  const [r0, r1] = [evaluateSegmentation(rules), evaluateSegmentation(learned)];
  foldRecallLoss.push([s, r0.gold ? (100 * (r0.matched - r1.matched)) / r0.gold : 0]);
  rows.push(line(`${s} rules`, rules), line(`${s} learned (λ ${c.lambda}, t ${c.threshold}${c.vetoFirst ? ', first' : ''})`, learned));
}
rows.push(line('pooled rules', cvRules), line('pooled learned', cvLearned));
console.log(`\nleave-one-set-out CV, trained on ${withFamilies ? 'the other real sets + dev families' : 'the other real sets'}`);
console.log('| set | n | P | R | first | exact |\n|---|---|---|---|---|---|');
console.log(rows.join('\n'));

// Paired bootstrap over responses: the pooled CV difference, learned - rules.
{
  const ci = pairedBootstrap(cvRules, cvLearned);
  console.log(
    `paired bootstrap over the ${cvRules.length} responses (95%): precision learned - rules ${ci.precision}, recall ${ci.recall}`,
  );
}

// The final model: all eight sets, its settings chosen by leave-one-set-out over them.
const c = choose(real, trainFamilies, setNames);
const w = { ...fit([...real, ...trainFamilies], c.lambda), threshold: c.threshold, vetoFirst: c.vetoFirst };
const inSample = vetoed(real, probabilities(real, w), w.threshold, w.vetoFirst);
console.log(`\nfinal model: λ ${c.lambda}, threshold ${c.threshold}, vetoFirst ${c.vetoFirst}`);
console.log('| set | n | P | R | first | exact |\n|---|---|---|---|---|---|');
console.log(
  line(
    'in-sample rules (not an estimate)',
    real.map((r) => r.input),
  ),
);
console.log(line('in-sample learned (not an estimate)', inSample));
{
  const fam = vetoed(families, probabilities(families, w), w.threshold, w.vetoFirst);
  console.log(
    line(
      'families rules',
      families.map((r) => r.input),
    ),
  );
  console.log(line('families learned', fam));
  // Per family corpus: exact rate with and without the stage; a drop over 2 points is reported.
  const corpora = [...new Set(families.map((r) => r.corpus ?? ''))];
  const drops: string[] = [];
  const rates: [number, number][] = [];
  for (const name of corpora) {
    const idx = families.flatMap((r, i) => (r.corpus === name ? [i] : []));
    const before = evaluateSegmentation(idx.map((i) => families[i].input)).exactSequence;
    const after = evaluateSegmentation(idx.map((i) => fam[i])).exactSequence;
    rates.push([(100 * before.agree) / before.of, (100 * after.agree) / after.of]);
    const delta = (100 * (after.agree - before.agree)) / before.of;
    if (delta < -2) drops.push(`${name} ${pct(before.agree, before.of)} -> ${pct(after.agree, after.of)}`);
  }
  const min = (k: 0 | 1): string => Math.min(...rates.map((r) => r[k])).toFixed(1);
  const mean = (k: 0 | 1): string => (rates.reduce((t, r) => t + r[k], 0) / rates.length).toFixed(2);
  console.log(
    `families' exact rate per corpus (${rates.length}): min ${min(0)} -> ${min(1)}, mean ${mean(0)} -> ${mean(1)} (rules -> learned)`,
  );
  console.log(`families whose exact rate drops more than 2 points: ${drops.length ? drops.join('; ') : 'none'}`);
}

// The stage stays the default only with a margin (docs/segmentation-eval.md, "Stop 33", item 5):
// pooled CV precision at least 1.0 point above the rules', pooled recall loss at most 1.5 points,
// no fold losing more than 8 points of recall, and the final model vetoing something in-sample.
{
  const [r, l, i] = [evaluateSegmentation(cvRules), evaluateSegmentation(cvLearned), evaluateSegmentation(inSample)];
  const precisionGain = (100 * l.matched) / l.predicted - (100 * r.matched) / r.predicted;
  const recallLoss = (100 * (r.matched - l.matched)) / r.gold;
  const [worstSet, worstLoss] = foldRecallLoss.reduce((a, b) => (b[1] > a[1] ? b : a));
  const vetoes = evaluateSegmentation(real.map((x) => x.input)).predicted - i.predicted;
  const checks: [string, boolean][] = [
    [`precision gain ${precisionGain.toFixed(2)} >= 1.0`, precisionGain >= 1.0],
    [`recall loss ${recallLoss.toFixed(2)} <= 1.5`, recallLoss <= 1.5],
    [`worst fold's recall loss ${worstLoss.toFixed(2)} (${worstSet}) <= 8`, worstLoss <= 8],
    [`in-sample vetoes ${vetoes} > 0`, vetoes > 0],
  ];
  console.log(`\ndefault criterion (stop 33): ${checks.map(([t, ok]) => `${t} ${ok ? 'yes' : 'NO'}`).join('; ')}`);
  console.log(checks.every(([, ok]) => ok) ? 'the learned stage may stay the default' : 'the rules alone must be the default');
}

if (process.argv.includes('--write')) {
  writeFileSync(WEIGHTS_MODULE, await weightsModuleSource(real, trainFamilies, c, setNames));
  console.log(`wrote ${WEIGHTS_MODULE}`);
}
