// Answer extraction on adversarial text: the worst time per call per 100 KB of every extraction
// pattern, in the TypeScript engine (findStatements and lastNumberStatement, server/src/trace/
// statements.ts) and in the generated Python reward function verl calls on every rollout
// (reflection_lens_reward.py: each pattern, boxed_answers, normalize, compute_score), beside a
// baseline on the same texts in the same run: a plain scan for the patterns' literal triggers
// (`indexOf` in Node, `str.count` in Python). Inputs are 100 KB built from each pattern's own
// pieces: runs of blanks around optional tokens, openers without closers, long digit runs
// (bench/adversarial.ts's extractionInputs; test/unit/trace/answers.test.ts runs them as a hang guard).
// Goal (issue 12): linear, under 50 ms per 100 KB. Each time is the median of 3 (the baselines:
// of 3 runs of enough repetitions to measure), so one scheduling hiccup does not set a worst case.
//
//   node --import tsx bench/extraction.bench.ts        (or: npm run bench -- extraction)
// Size: EXTRACTION_BENCH_KB (default 100; times are reported per 100 KB).
import { analyzeQuestion } from '../server/src/trace/question.js';
import { extractionInputs, indexOfScan, TRIGGERS } from './adversarial.js';
import { findStatements, lastNumberStatement } from '../server/src/trace/statements.js';
import { python, runRewardDriver } from './pythonReward.js';

const N = Number(process.env.EXTRACTION_BENCH_KB ?? 100) * 1000;
const per100KB = (ms: number, chars: number): number => (ms * 100_000) / chars;

/** Median of `reps` timings of fn (ms). */
function time(fn: () => unknown, reps = 3): number {
  const ts: number[] = [];
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return ts.sort((a, b) => a - b)[Math.floor(reps / 2)];
}

/** A fast operation's time, from enough repetitions to measure (ms per call), median of 3 such. */
function timeFast(fn: () => unknown): number {
  const once = (): number => {
    let reps = 1;
    for (;;) {
      const t0 = performance.now();
      for (let k = 0; k < reps; k++) fn();
      const ms = performance.now() - t0;
      if (ms >= 20) return ms / reps;
      reps *= 4;
    }
  };
  return [once(), once(), once()].sort((a, b) => a - b)[1];
}

interface Worst {
  ms: number;
  name: string;
  chars: number;
}
const worse = (w: Worst | undefined, ms: number, name: string, chars: number): Worst =>
  !w || per100KB(ms, chars) > per100KB(w.ms, w.chars) ? { ms, name, chars } : w;
const fmt = (w: Worst): string => `${per100KB(w.ms, w.chars).toFixed(2)} ms per 100 KB (input: ${w.name})`;

const texts = extractionInputs(N);
console.log(`${texts.size} adversarial inputs of ${(N / 1000).toFixed(0)} KB; per call, median of 3; goal: linear, < 50 ms per 100 KB`);

// TypeScript engine.
const questions = [analyzeQuestion(undefined), analyzeQuestion('Calculate 12 * 34. Think step by step.')];
let tsWorst: Worst | undefined;
let tsBase: Worst | undefined;
let tsRatio: Worst | undefined;
for (const [name, text] of texts) {
  for (const question of questions) {
    const ms = time(() => {
      findStatements(text, { question });
      lastNumberStatement(text, 0, text.length, question);
    });
    tsWorst = worse(tsWorst, ms, name, text.length);
    const base = timeFast(() => indexOfScan(text));
    tsBase = worse(tsBase, base, name, text.length);
    tsRatio = worse(tsRatio, ms / base, name, text.length);
  }
}
console.log(`TypeScript findStatements + lastNumberStatement: worst ${fmt(tsWorst!)}`);
console.log(`  baseline, indexOf scan for ${TRIGGERS.length} triggers on the same texts: worst ${fmt(tsBase!)}`);
console.log(
  `  ratio engine/baseline: ${(per100KB(tsWorst!.ms, tsWorst!.chars) / per100KB(tsBase!.ms, tsBase!.chars)).toFixed(0)}x worst vs worst; worst per input ${tsRatio!.ms.toFixed(0)}x (input: ${tsRatio!.name})`,
);

// Python reward function.
if (!python) {
  console.log('Python reward function: skipped (no python interpreter)');
} else {
  const driver = String.raw`texts = json.load(sys.stdin)
triggers = ["\\boxed", "answer", "**", "=", "So", ":"]
def median(fn, reps=3):
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); ts.append((time.perf_counter() - t0) * 1000)
    return sorted(ts)[reps // 2]
def fast(fn):
    def once():
        reps = 1
        while True:
            t0 = time.perf_counter()
            for _ in range(reps): fn()
            ms = (time.perf_counter() - t0) * 1000
            if ms >= 20: return ms / reps
            reps *= 4
    return sorted([once(), once(), once()])[1]
calls = {
    "_ANSWER_IS": lambda t: list(mod._ANSWER_IS.finditer(t)),
    "_BOLD": lambda t: list(mod._BOLD.finditer(t)),
    "_NUMBER": lambda t: mod._NUMBER.findall(t),
    "boxed_answers": lambda t: mod.boxed_answers(t),
    "normalize": lambda t: mod.normalize(t),
    "compute_score": lambda t: mod.compute_score("multiplication_2x2", t, "408", {"task": "2x2"}),
}
out = []
for name, t in texts:
    row = {"name": name, "chars": len(t), "baseline": fast(lambda: sum(t.count(x) for x in triggers))}
    for key, fn in calls.items():
        row[key] = median(lambda: fn(t))
    out.append(row)
print(json.dumps(out))
`;
  const rows = runRewardDriver<({ name: string; chars: number; baseline: number } & Record<string, number>)[]>(driver, [...texts]);
  const keys = ['_ANSWER_IS', '_BOLD', '_NUMBER', 'boxed_answers', 'normalize', 'compute_score'];
  let base: Worst | undefined;
  for (const row of rows) base = worse(base, row.baseline, row.name, row.chars);
  console.log(`Python ${python} reflection_lens_reward.py, per pattern:`);
  for (const key of keys) {
    let w: Worst | undefined;
    let ratio: Worst | undefined;
    for (const row of rows) {
      w = worse(w, row[key], row.name, row.chars);
      ratio = worse(ratio, row[key] / row.baseline, row.name, row.chars);
    }
    console.log(
      `  ${key.padEnd(14)} worst ${fmt(w!)}; ${(per100KB(w!.ms, w!.chars) / per100KB(base!.ms, base!.chars)).toFixed(0)}x the worst baseline; worst per input ${ratio!.ms.toFixed(0)}x`,
    );
  }
  console.log(`  baseline, str.count of the same ${TRIGGERS.length} triggers on the same texts: worst ${fmt(base!)}`);
  const all = Math.max(...rows.map((row) => per100KB(row.compute_score, row.chars)));
  const tsMs = per100KB(tsWorst!.ms, tsWorst!.chars);
  const goal = (ms: number): string => (ms < 50 ? 'met' : 'NOT met');
  console.log(
    `worst per call per 100 KB: TypeScript ${tsMs.toFixed(2)} ms (goal < 50 ms: ${goal(tsMs)}), Python compute_score ${all.toFixed(2)} ms (goal: ${goal(all)})`,
  );
}
