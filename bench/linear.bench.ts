// The engine's linear-time guards, measured: every adversarial input of bench/adversarial.ts (the
// inputs the tests build: each rule pass's pieces repeated, boxes that never close, runs of digits
// and cues) at N and 4N characters (N: a quarter of the test's size, 4N: the test's size), and the
// Python reward function's worst old shapes at 25,000 and 100,000. Per input: CPU time per 100 KB
// at 4N, the growth ratio 4N/N (linear ~4, quadratic ~16; scaled to exactly 4x the characters
// where a fixed head or tail makes it 3.9x) and the ratio to a baseline on the same texts in the
// same run: a plain linear scan (indexOf for the answer patterns' literal triggers, as
// bench/extraction.bench.ts; Python: str.count). Each time is CPU time (process.cpuUsage; Python:
// time.process_time), the median of 3, each of enough repetitions to last 10 ms, so a scheduling
// hiccup on a loaded machine neither sets a worst case nor counts another process's work.
// An engine input whose growth exceeds 8 is measured again from 4N to 16N: a cache that holds at N
// and not at 4N, or a timer's resolution, does not last that far, a super-linear reading does.
// Exits 1 when a growth ratio exceeds 8 (both, where measured again): a person's check, not a test (the tests keep the inputs,
// the values found and a hang guard; docs/engine.md, "Linear-time patterns").
//
//   node --import tsx bench/linear.bench.ts        (or: npm run bench -- linear)
// Scale: LINEAR_BENCH_SCALE (default 1: 4N is the test's size).
import { allCases, indexOfScan, rewardShapes, TRIGGERS } from './adversarial.js';
import { python, runRewardDriver } from './pythonReward.js';

const SCALE = Number(process.env.LINEAR_BENCH_SCALE ?? 1);
const LIMIT = 8;
const per100KB = (ms: number, chars: number): number => (ms * 100_000) / chars;

/** CPU time of fn (ms per call): repeated until a run lasts 10 ms, the median of 3 such runs. */
function cpuMs(fn: () => unknown): number {
  const once = (): number => {
    for (let reps = 1; ; reps *= 4) {
      const t0 = process.cpuUsage();
      for (let k = 0; k < reps; k++) fn();
      const d = process.cpuUsage(t0);
      const ms = (d.user + d.system) / 1000;
      if (ms >= 10) return ms / reps;
    }
  };
  return [once(), once(), once()].sort((a, b) => a - b)[1];
}

interface Row {
  /** The guard (the case), for the summary. */
  group?: string;
  name: string;
  small: number;
  big: number;
  smallChars: number;
  bigChars: number;
  base: number;
  /** Where the growth from N to 4N is over the limit: the growth from 4N to 16N (a cache or timer effect at N does not last; a super-linear reading does). */
  confirmed?: number;
}
/** The time ratio for 4x the characters (the measured ratio scaled by 4 / the size ratio). */
const growth = (r: Row): number => (r.big / r.small) * (4 / (r.bigChars / r.smallChars));
const line = (r: Row): string =>
  `  ${per100KB(r.big, r.bigChars).toFixed(2).padStart(9)} ms/100KB  growth ${growth(r).toFixed(1).padStart(5)}  ${(r.big / r.base).toFixed(0).padStart(6)}x baseline  ${String(r.bigChars).padStart(8)} chars  ${r.name}`;

const rows: Row[] = [];
const started = process.cpuUsage();
console.log(
  `${allCases.length} guards of the engine, each input at N and 4N characters (4N: the test's size x ${SCALE}); CPU time, median of 3; fails above growth ${LIMIT}`,
);
console.log(`  ${'per 100 KB'.padStart(15)}  ${'4N/N'.padStart(11)}  ${'vs scan'.padStart(14)}  ${'4N'.padStart(14)}  input`);
for (const c of allCases) {
  console.log(c.name);
  const small = c.inputs(SCALE / 4);
  const big = c.inputs(SCALE);
  for (let i = 0; i < big.length; i++) {
    c.run(small[i]); // warm: compile, caches
    const r: Row = {
      group: c.name,
      name: `piece ${i + 1}/${big.length}: ${JSON.stringify(big[i].slice(0, 40))}${big[i].length > 40 ? '...' : ''}`,
      small: cpuMs(() => c.run(small[i])),
      big: cpuMs(() => c.run(big[i])),
      smallChars: small[i].length,
      bigChars: big[i].length,
      base: cpuMs(() => indexOfScan(big[i])),
    };
    rows.push(r);
    console.log(line(r));
    if (growth(r) > LIMIT) {
      const huge = c.inputs(SCALE * 4)[i];
      r.confirmed = growth({ ...r, small: r.big, smallChars: r.bigChars, big: cpuMs(() => c.run(huge)), bigChars: huge.length });
      console.log(`  ${''.padStart(15)}  growth ${r.confirmed.toFixed(1).padStart(5)} from 4N to 16N (${huge.length} chars)`);
    }
  }
}

// The Python reward function verl calls on every rollout (its every pattern: bench/extraction.bench.ts).
const pyRows: Row[] = [];
if (!python) {
  console.log('Python reward function compute_score: skipped (no python interpreter)');
} else {
  const driver = String.raw`shapes = json.load(sys.stdin)
triggers = json.loads(sys.argv[2])
def cpu(fn):
    def once():
        reps = 1
        while True:
            t0 = time.process_time()
            for _ in range(reps): fn()
            ms = (time.process_time() - t0) * 1000
            if ms >= 10: return ms / reps
            reps *= 4
    return sorted([once(), once(), once()])[1]
score = lambda t: mod.compute_score(data_source="multiplication_3x4", solution_str=t, ground_truth="408", extra_info={"task": "3x4"})
out = []
for name, small, big in shapes:
    out.append({"name": name, "small": cpu(lambda: score(small)), "big": cpu(lambda: score(big)), "smallChars": len(small),
                "bigChars": len(big), "base": cpu(lambda: sum(big.count(x) for x in triggers))})
print(json.dumps(out))
`;
  const shapes = Object.entries(rewardShapes).map(([name, make]) => [name, make(25_000 * SCALE), make(100_000 * SCALE)]);
  const found = runRewardDriver<Row[]>(driver, shapes, [JSON.stringify(TRIGGERS)], 300_000);
  console.log(`Python ${python} reflection_lens_reward.py compute_score, the old code's worst shapes at 25,000 and 100,000 characters`);
  for (const row of found) {
    pyRows.push(row);
    console.log(line(row));
  }
}

const all = [...rows, ...pyRows];
const worst = all.reduce((w, r) => (growth(r) > growth(w) ? r : w));
const slowest = rows.reduce((w, r) => (per100KB(r.big, r.bigChars) > per100KB(w.big, w.bigChars) ? r : w));
const named = (r: Row): string => (r.group ? `${r.group}, ${r.name}` : r.name);
const over = all.filter((r) => growth(r) > LIMIT && (r.confirmed ?? Infinity) > LIMIT);
const cpu = process.cpuUsage(started);
const growths = all.map(growth).sort((a, b) => a - b);
const verdict = over.length ? `${over.length} over ${LIMIT}: FAIL` : `none over ${LIMIT}: ok`;
console.log(
  `summary: ${all.length} inputs (${rows.length} TypeScript, ${pyRows.length} Python); growth 4N/N median ${growths[Math.floor(growths.length / 2)].toFixed(1)}, ` +
    `worst ${growth(worst).toFixed(1)} (${named(worst)}); slowest ${per100KB(slowest.big, slowest.bigChars).toFixed(1)} ms per 100 KB ` +
    `(${named(slowest)}); ${verdict} (${((cpu.user + cpu.system) / 1e6).toFixed(0)} s of Node's CPU)`,
);
for (const r of over)
  console.log(
    `  over ${LIMIT}: ${named(r)} growth ${growth(r).toFixed(1)}${r.confirmed === undefined ? '' : `, ${r.confirmed.toFixed(1)} from 4N to 16N`}`,
  );
process.exit(over.length ? 1 : 0);
