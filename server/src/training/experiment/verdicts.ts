// Plain verdicts on the paper's claims from a run's numbers, stated whichever way they come out,
// and the design checks (is the question answerable with this ladder?). A difference counts only
// when the 95% intervals do not overlap (conservative: overlapping intervals can still differ).
import { wilsonInterval } from '../../analysis/predicted.js';
import type { Estimate } from '../../analysis/types.js';
import type { ArmResult, TaskResult } from './results.js';

export type VerdictWord = 'holds' | 'does not hold' | 'partly' | 'inconclusive' | 'cannot be decided';

export interface Verdict {
  id: 'accuracy-ood' | 'delta2-ood' | 'delta1-ood' | 'echo' | 'predicted-vs-observed';
  /** The paper's claim, in one sentence. */
  claim: string;
  verdict: VerdictWord;
  /** What this run shows, with the numbers. */
  text: string;
  /** 'cannot be decided' only: the design checks (ids) that were not met and that the claim needs. */
  blockedBy?: DesignCheck['id'][];
}

export interface DesignCheck {
  id: 'id-learned' | 'ood-gradual' | 'delta2-estimable';
  ok: boolean;
  text: string;
}

const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '-');
const est = (e: Estimate): string =>
  Number.isFinite(e.value) ? `${pct(e.value)} (${pct(e.lo)}-${pct(e.hi)})` : 'undefined (no such decisions)';
const above = (a: Estimate, b: Estimate): boolean => Number.isFinite(a.lo) && Number.isFinite(b.hi) && a.lo > b.hi;

interface Comparison {
  up: number;
  down: number;
  tasks: number;
  seedsUp: number;
  seedsCompared: number;
}

/** Per OOD task: RL's interval above / below SFT (reflection)'s; per seed: RL's mean over OOD tasks higher? */
function compare(rl: ArmResult, sft: ArmResult, key: 'accuracy' | 'delta2' | 'delta1'): Comparison {
  let up = 0,
    down = 0,
    tasks = 0;
  const meanBySeed = (arm: ArmResult) => {
    const m = new Map<number, number[]>();
    for (const t of arm.tasks.filter((x) => x.ood))
      for (const s of t.perSeed) if (Number.isFinite(s[key].value)) m.set(s.seed, [...(m.get(s.seed) ?? []), s[key].value]);
    return new Map([...m].map(([seed, v]) => [seed, v.reduce((a, b) => a + b, 0) / v.length]));
  };
  for (const t of rl.tasks.filter((x) => x.ood)) {
    const o = sft.tasks.find((x) => x.task === t.task);
    if (!o || !Number.isFinite(t[key].value) || !Number.isFinite(o[key].value)) continue;
    tasks++;
    if (above(t[key], o[key])) up++;
    if (above(o[key], t[key])) down++;
  }
  const a = meanBySeed(rl),
    b = meanBySeed(sft);
  let seedsUp = 0,
    seedsCompared = 0;
  for (const [seed, v] of a)
    if (b.has(seed)) {
      seedsCompared++;
      if (v > b.get(seed)!) seedsUp++;
    }
  return { up, down, tasks, seedsUp, seedsCompared };
}

function directional(pooledRl: Estimate, pooledSft: Estimate, c: Comparison): VerdictWord {
  if (above(pooledRl, pooledSft) && c.down === 0) return 'holds';
  if (above(pooledSft, pooledRl) && c.up === 0) return 'does not hold';
  if (c.up > 0 && c.down > 0) return 'partly';
  return 'inconclusive';
}

const conclusion: Record<VerdictWord, string> = {
  holds: "the paper's pattern appears in this run.",
  'does not hold': "this run shows the opposite of the paper's pattern.",
  partly: 'the pattern appears on some tasks and is reversed on others.',
  inconclusive: 'no difference this run can tell apart from noise (the intervals overlap).',
  'cannot be decided': "this run's design checks are not met (see them).",
};

const detail = (c: Comparison): string =>
  `RL's interval lies above on ${c.up} of ${c.tasks} OOD tasks and below on ${c.down}; RL's mean over the OOD tasks is higher in ${c.seedsUp} of ${c.seedsCompared} seeds`;

export function verdicts(arms: readonly ArmResult[]): Verdict[] {
  const rl = arms.find((a) => a.name === 'rl'),
    sft = arms.find((a) => a.name === 'sft-reflection');
  if (!rl || !sft) return [];
  const out: Verdict[] = [];
  const nOod = rl.tasks.filter((t) => t.ood).length;

  const acc = compare(rl, sft, 'accuracy');
  const accWord = directional(rl.ood.accuracy, sft.ood.accuracy, acc);
  out.push({
    id: 'accuracy-ood',
    claim: "Out of distribution, RL's accuracy degrades more slowly than SFT (reflection)'s (Table 1).",
    verdict: accWord,
    text: `Accuracy over the ${nOod} OOD tasks: RL ${est(rl.ood.accuracy)}, SFT (reflection) ${est(sft.ood.accuracy)}; ${detail(acc)}: ${conclusion[accWord]}`,
  });

  const d2 = compare(rl, sft, 'delta2');
  const d2Word = directional(rl.ood.delta2, sft.ood.delta2, d2);
  out.push({
    id: 'delta2-ood',
    claim: "Out of distribution, RL keeps delta2 (RESAMPLE after a wrong answer) high while SFT (reflection)'s collapses (Figure 1).",
    verdict: d2Word,
    text: `delta2 over the OOD tasks: RL ${est(rl.ood.delta2)}, SFT (reflection) ${est(sft.ood.delta2)}; ${detail(d2)}: ${conclusion[d2Word]}`,
  });

  // Decided on the interval, not the point estimate: high when its lower bound is at or above
  // 80%, not high when its upper bound is below, else undecided (5 decisions give 100% (57-100%)).
  const d1state = (a: ArmResult): 'high' | 'low' | 'unclear' =>
    a.ood.delta1.lo >= 0.8 ? 'high' : a.ood.delta1.hi < 0.8 ? 'low' : 'unclear';
  const d1r = d1state(rl),
    d1s = d1state(sft);
  const d1Word: VerdictWord =
    !Number.isFinite(rl.ood.delta1.value) || !Number.isFinite(sft.ood.delta1.value)
      ? 'inconclusive'
      : d1r === 'high' && d1s === 'high'
        ? 'holds'
        : d1r === 'low' && d1s === 'low'
          ? 'does not hold'
          : (d1r === 'high' && d1s === 'low') || (d1r === 'low' && d1s === 'high')
            ? 'partly'
            : 'inconclusive';
  const unclear = [d1r === 'unclear' ? 'RL' : '', d1s === 'unclear' ? 'SFT (reflection)' : ''].filter(Boolean).join(' and ');
  out.push({
    id: 'delta1-ood',
    claim: 'delta1 (STOP after a correct answer) stays high for both RL and SFT (reflection) (Figure 1).',
    verdict: d1Word,
    text: `delta1 over the OOD tasks: RL ${est(rl.ood.delta1)}, SFT (reflection) ${est(sft.ood.delta1)} (high: the 95% interval's lower bound at 80% or more; not high: its upper bound below 80%): ${d1Word === 'holds' ? 'both stay high.' : d1Word === 'partly' ? 'only one stays high.' : d1Word === 'does not hold' ? 'neither stays high.' : !Number.isFinite(rl.ood.delta1.value) || !Number.isFinite(sft.ood.delta1.value) ? 'too few correct answers to tell.' : `the interval of ${unclear} reaches across 80%: too few decisions to tell.`}`,
  });

  const echo = echoComparison(rl, sft);
  out.push(echo);

  out.push(agreement(arms));
  return out;
}

/** Echo: the share of wrong -> wrong resamples that repeat the same wrong answer, pooled OOD. */
function echoComparison(rl: ArmResult, sft: ArmResult): Verdict {
  const count = (a: ArmResult) =>
    a.tasks
      .filter((t) => t.ood)
      .reduce((acc, t) => ({ echo: acc.echo + t.transitions.FFecho, all: acc.all + t.transitions.FFecho + t.transitions.FFnew }), {
        echo: 0,
        all: 0,
      });
  const r = count(rl),
    s = count(sft);
  const claim = 'SFT (reflection) echoes: after RESAMPLE it repeats the same wrong answer, more than RL does (section 5.1).';
  if (r.all < 10 || s.all < 10) {
    return {
      id: 'echo',
      claim,
      verdict: 'inconclusive',
      text: `Too few wrong -> wrong resamples out of distribution to compare echo rates (RL ${r.all}, SFT (reflection) ${s.all}; 10 each needed).`,
    };
  }
  const w = (k: number, n: number): Estimate => ({ value: k / n, ...wilsonInterval(k, n) });
  const er = w(r.echo, r.all),
    es = w(s.echo, s.all);
  const word: VerdictWord = above(es, er) ? 'holds' : above(er, es) ? 'does not hold' : 'inconclusive';
  return {
    id: 'echo',
    claim,
    verdict: word,
    text: `Echo rate out of distribution: SFT (reflection) ${est(es)} of ${s.all} wrong -> wrong resamples, RL ${est(er)} of ${r.all}: ${conclusion[word]}`,
  };
}

/** Predicted (K attempts, bootstrap/posterior hull) against observed accuracy (Wald): intervals overlap? */
function agreement(arms: readonly ArmResult[]): Verdict {
  const cells: { arm: string; t: TaskResult; ok: boolean }[] = [];
  // A task whose p or observed accuracy is 0 or 1 agrees by construction (p = 0 predicts 0, and
  // 0 of n observed has the Wald interval (0, 0)): it says nothing about the model, so it is left out.
  const degenerate = (t: TaskResult): boolean => [t.p.value, t.accuracy.value].some((v) => v === 0 || v === 1);
  let leftOut = 0;
  for (const a of arms.filter((x) => x.name === 'rl' || x.name === 'sft-reflection')) {
    for (const t of a.tasks) {
      if (!Number.isFinite(t.predicted.value) || !Number.isFinite(t.accuracy.value)) continue;
      if (degenerate(t)) {
        leftOut++;
        continue;
      }
      const ok = !(t.predicted.lo > t.accuracy.hi || t.accuracy.lo > t.predicted.hi);
      cells.push({ arm: a.label, t, ok });
    }
  }
  const claim = 'The two-stage model predicts observed accuracy from p, delta1 and delta2 (Figure 1).';
  const left = `${leftOut} task${leftOut === 1 ? '' : 's'} left out where p or the observed accuracy is 0% or 100% (they agree by construction)`;
  if (cells.length === 0)
    return {
      id: 'predicted-vs-observed',
      claim,
      verdict: 'inconclusive',
      text: leftOut ? `No task to compare: ${left}.` : 'No task has a defined prediction.',
    };
  const agree = cells.filter((c) => c.ok).length;
  const mad = cells.reduce((s, c) => s + Math.abs(c.t.predicted.value - c.t.accuracy.value), 0) / cells.length;
  const share = agree / cells.length;
  const word: VerdictWord = share >= 0.8 ? 'holds' : share >= 0.5 ? 'partly' : 'does not hold';
  const misses = cells
    .filter((c) => !c.ok)
    .slice(0, 4)
    .map((c) => `${c.arm} ${c.t.task}: predicted ${pct(c.t.predicted.value)}, observed ${pct(c.t.accuracy.value)}`);
  return {
    id: 'predicted-vs-observed',
    claim,
    verdict: word,
    text: `RL and SFT (reflection): predicted and observed accuracy agree (intervals overlap) on ${agree} of ${cells.length} tasks; mean |predicted - observed| ${(100 * mad).toFixed(1)} points${misses.length ? `; apart: ${misses.join('; ')}` : ''}; ${left}.`,
  };
}

/** Is the question answerable with this ladder? In distribution learned, OOD graded, delta2 estimable. */
export function designChecks(arms: readonly ArmResult[]): DesignCheck[] {
  const reflecting = arms.filter((a) => a.name === 'rl' || a.name === 'sft-reflection');
  const checks: DesignCheck[] = [];
  const idP = reflecting.map((a) => ({ a, min: Math.min(...a.tasks.filter((t) => !t.ood).map((t) => t.p.value)) }));
  checks.push({
    id: 'id-learned',
    ok: idP.length > 0 && idP.every((x) => x.min >= 0.8),
    text: `In distribution, first-attempt accuracy p (lowest ID task): ${idP.map((x) => `${x.a.label} ${pct(x.min)}`).join(', ')} (wanted: 80% or more for the reflecting arms).`,
  });
  for (const a of reflecting) {
    const ood = a.tasks.filter((t) => t.ood);
    const ps = ood.map((t) => t.p.value);
    const nonzero = ps.filter((p) => p >= 0.02).length;
    // Gradual: not 0 at the first level, lower at the last, and not 0 at (almost) every level between.
    const gradual = ps.length >= 5 && ps[0] >= 0.1 && ps[ps.length - 1] <= ps[0] - 0.1 && nonzero >= ps.length - 1;
    checks.push({
      id: 'ood-gradual',
      ok: gradual,
      text: `${a.label}, p over the OOD levels: ${ood.map((t) => `${t.task} ${pct(t.p.value)}`).join(', ')} (wanted: at least 5 levels, not 0 at the first, falling gradually).`,
    });
    const wrong = ood.map((t) => t.counts.decisionsAfterWrong);
    checks.push({
      id: 'delta2-estimable',
      ok: wrong.length > 0 && Math.min(...wrong) >= 30,
      text: `${a.label}, decisions after a wrong answer per OOD level (what delta2 is estimated from): ${ood.map((t, i) => `${t.task} ${wrong[i]}`).join(', ')} (wanted: 30 or more each).`,
    });
  }
  return checks;
}

/** The design checks each claim needs: a claim whose checks are not met gets no verdict. */
const NEEDS: Record<Verdict['id'], DesignCheck['id'][]> = {
  'accuracy-ood': ['id-learned', 'ood-gradual'],
  'delta2-ood': ['id-learned', 'ood-gradual', 'delta2-estimable'],
  'delta1-ood': ['id-learned', 'ood-gradual'],
  echo: ['id-learned', 'delta2-estimable'],
  'predicted-vs-observed': [],
};

/**
 * The verdicts as the run supports them: a claim that needs a design check that was not met
 * "cannot be decided", with the failed checks named (blockedBy) and the numbers still shown.
 */
export function gateVerdicts(vs: readonly Verdict[], checks: readonly DesignCheck[]): Verdict[] {
  const failed = new Set(checks.filter((c) => !c.ok).map((c) => c.id));
  return vs.map((v) => {
    const blockedBy = NEEDS[v.id].filter((id) => failed.has(id));
    if (blockedBy.length === 0) return v;
    const names = blockedBy.map((id) => CHECK_NAMES[id]).join(', ');
    return {
      ...v,
      verdict: 'cannot be decided',
      blockedBy,
      text: `Cannot be decided: the design check${blockedBy.length === 1 ? '' : 's'} ${names} ${blockedBy.length === 1 ? 'is' : 'are'} not met (see Design checks). The numbers, for what they are worth (would be "${v.verdict}"): ${v.text}`,
    };
  });
}

const CHECK_NAMES: Record<DesignCheck['id'], string> = {
  'id-learned': '"in distribution learned" (id-learned)',
  'ood-gradual': '"OOD accuracy falls gradually" (ood-gradual)',
  'delta2-estimable': '"30 or more decisions after a wrong answer per OOD level" (delta2-estimable)',
};
