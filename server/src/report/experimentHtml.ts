// The Table 1 experiment's HTML report (report.html in the experiment folder; the editor shows
// the same file in a webview): verdicts, design checks, Table 1's analog beside the paper's,
// Figure 1's analog (p, delta1, delta2, predicted vs observed per task, RL and SFT (reflection)
// side by side), seed-to-seed spread, echo rates and transitions, timing. Static HTML and SVG:
// no script, nothing fetched, a strict CSP with a nonce for the one style element.
import { escapeHtml, makeNonce } from '../../../protocol/pages/csp.js';
import { webviewPageHtml } from '../../../protocol/pages/page.js';
import { themeCss } from '../../../protocol/pages/themeCss.js';
import type { Estimate } from '../analysis/types.js';
import type { ArmResult, TaskResult } from '../training/experiment/results.js';
import type { Table1Report } from '../training/experiment/report.js';
import { lineChartSvg, type ChartPoint } from './svgChart.js';

const pct = (x: number | null | undefined): string => (x !== null && x !== undefined && Number.isFinite(x) ? (100 * x).toFixed(1) : '-');
const cell = (e: Estimate | undefined): string => (e ? `${pct(e.value)}<br><span class="ci">(${pct(e.lo)}, ${pct(e.hi)})</span>` : '-');
const point = (e: Estimate | undefined): ChartPoint | null =>
  e && Number.isFinite(e.value) ? { value: e.value, lo: e.lo, hi: e.hi } : null;
const h = escapeHtml;

const css = `${themeCss}
body { background: var(--rl-bg); color: var(--rl-fg); font-family: var(--rl-font); font-size: var(--rl-font-size); margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 20px 40px; }
h1 { font-size: 1.5em; margin: 0.2em 0 0.3em; }
h2 { font-size: 1.2em; margin: 1.6em 0 0.4em; border-bottom: 1px solid var(--rl-border); padding-bottom: 4px; }
h3 { font-size: 1em; margin: 1em 0 0.3em; }
p, li { line-height: 1.45; }
.meta, .note { color: var(--rl-muted); }
table { border-collapse: collapse; margin: 6px 0 10px; }
th, td { border: 1px solid var(--rl-border); padding: 3px 7px; text-align: right; vertical-align: top; }
th { background: var(--rl-card); font-weight: 600; }
td.name, th.name { text-align: left; white-space: nowrap; }
th.ood { border-bottom: 2px solid var(--rl-c2); }
th.id { border-bottom: 2px solid var(--rl-c1); }
.ci { color: var(--rl-muted); font-size: 0.85em; }
.verdict { margin: 6px 0; padding: 6px 10px; border-left: 4px solid var(--rl-border); background: var(--rl-card); }
.verdict.holds { border-left-color: var(--rl-c3); }
.verdict.does-not-hold { border-left-color: var(--rl-c5); }
.verdict.partly { border-left-color: var(--rl-c6); }
.verdict.inconclusive { border-left-color: var(--rl-muted); }
.verdict.cannot-be-decided { border-left-color: var(--rl-muted); border-left-style: dashed; }
.word { font-weight: 700; text-transform: uppercase; font-size: 0.85em; margin-right: 6px; }
.claim { font-weight: 600; }
.check.ok::before { content: "\\2713  "; color: var(--rl-c3); }
.check.bad::before { content: "\\2717  "; color: var(--rl-c5); }
.charts { display: flex; flex-wrap: wrap; gap: 14px; }
svg.chart { background: var(--rl-bg); border: 1px solid var(--rl-border); }
svg .grid { stroke: var(--rl-grid); stroke-width: 1; }
svg .divider { stroke: var(--rl-muted); stroke-dasharray: 3 3; }
svg text { fill: var(--rl-fg); font-family: var(--rl-font); }
svg .tick, svg .legend { font-size: 10px; fill: var(--rl-muted); }
svg .chart-title { font-size: 12px; font-weight: 600; }
svg .series { fill: none; stroke-width: 1.6; }
svg .series.dashed { stroke-dasharray: 5 3; }
svg .bar { stroke-width: 1.2; opacity: 0.7; }
svg .mark.hollow { fill: var(--rl-bg); stroke-width: 1.5; }
${[1, 2, 3, 4, 5, 6].map((i) => `svg .c${i} { stroke: var(--rl-c${i}); } svg .mark.filled.c${i} { fill: var(--rl-c${i}); }`).join('\n')}
code { font-family: var(--rl-mono); }
.wide { overflow-x: auto; }
`;

function taskHeader(report: Table1Report, arm?: ArmResult): string {
  const tasks = arm?.tasks ?? report.arms[0]?.tasks ?? [];
  return tasks
    .map(
      (t) =>
        `<th class="${t.ood ? 'ood' : 'id'}" title="${t.ood ? 'out of distribution' : 'in distribution (post-training tasks)'}">${h(t.task)}${t.ood ? '' : ' (ID)'}</th>`,
    )
    .join('');
}

function verdictsHtml(r: Table1Report): string {
  if (r.verdicts.length === 0) return '<p>No verdicts: the RL or SFT (reflection) arm has no results.</p>';
  return r.verdicts
    .map(
      (v) =>
        `<div class="verdict ${v.verdict.replace(/ /g, '-')}"><span class="word">${h(v.verdict)}</span><span class="claim">${h(v.claim)}</span><br>${h(v.text)}${
          v.blockedBy?.length ? `<br>Not met: ${v.blockedBy.map((id) => `<a href="#check-${h(id)}">${h(id)}</a>`).join(', ')}` : ''
        }</div>`,
    )
    .join('\n');
}

function checksHtml(r: Table1Report): string {
  // The first check of each id carries the anchor the blocked verdicts link to.
  const seen = new Set<string>();
  const anchor = (id: string): string => (seen.has(id) ? '' : (seen.add(id), ` id="check-${h(id)}"`));
  return `<ul>${r.designChecks.map((c) => `<li${anchor(c.id)} class="check ${c.ok ? 'ok' : 'bad'}">${h(c.ok ? '' : '[not met] ')}${h(c.text)}</li>`).join('')}</ul>`;
}

function table1Html(r: Table1Report): string {
  const rows = r.arms
    .map((a) => `<tr><td class="name">${h(a.label)}</td>${a.tasks.map((t) => `<td>${cell(t.accuracy)}</td>`).join('')}</tr>`)
    .join('\n');
  const tasks = r.arms[0]?.tasks ?? [];
  const idCount = tasks.filter((t) => !t.ood).length;
  const chart = lineChartSvg({
    title: 'Accuracy by task (Wald 95%)',
    xLabels: tasks.map((t) => t.task),
    divider: idCount > 0 && idCount < tasks.length ? { at: idCount, left: 'ID', right: 'OOD' } : undefined,
    series: r.arms.map((a, i) => ({
      name: a.label,
      colour: i + 1,
      marker: 'circle' as const,
      points: tasks.map((t) => point(a.tasks.find((x) => x.task === t.task)?.accuracy)),
    })),
    width: 560,
  });
  const paper = r.paper;
  const paperRows = paper.rows
    .map(
      (row) =>
        `<tr><td class="name">${h(row.label)}</td>${row.cells.map((c) => `<td>${c.value.toFixed(1)}<br><span class="ci">(${c.lo.toFixed(1)}, ${c.hi.toFixed(1)})</span></td>`).join('')}</tr>`,
    )
    .join('\n');
  const paperChart = lineChartSvg({
    title: "The paper's Table 1 (Qwen2.5-7B-Instruct)",
    xLabels: paper.columns,
    series: paper.rows.map((row, i) => ({
      name: row.label,
      colour: i + 1,
      marker: 'square' as const,
      dashed: true,
      points: row.cells.map((c) => ({ value: c.value / 100, lo: c.lo / 100, hi: c.hi / 100 })),
    })),
    width: 560,
  });
  return `
<p>Accuracy (final answer correct) in percent with the 95% Wald interval, acc &plusmn; 1.96&radic;(acc(1&minus;acc)/n), not clipped: the paper's rule, kept here because this table is set beside the paper's Table 1 and a comparison with the paper must use the paper's interval (<code>reflection-lens calibrate</code> shows the Wilson interval, which stays within [0, 100] and keeps its coverage at 0/n and n/n); n = ${h(String(tasks[0]?.n ?? '-'))} problems per task (${r.seeds.length} seed${r.seeds.length === 1 ? '' : 's'} &times; ${r.plan.evalSize}), sampled at temperature ${r.plan.evalTemperature}.</p>
<div class="wide"><table><tr><th class="name">arm</th>${taskHeader(r)}</tr>
${rows}</table></div>
<h3>The paper's Table 1, for reference</h3>
<p class="note">${h(paper.note)} ${h(paper.source)}.</p>
<div class="wide"><table><tr><th class="name">arm</th>${paper.columns.map((c) => `<th class="ood">${h(c)}</th>`).join('')}</tr>
${paperRows}</table></div>
<div class="charts">${chart}${paperChart}</div>`;
}

function armPanel(a: ArmResult, K: number): string {
  const tasks = a.tasks;
  const idCount = tasks.filter((t) => !t.ood).length;
  return lineChartSvg({
    title: `${a.label}: calibrated p, \u03b41, \u03b42; predicted vs observed`,
    xLabels: tasks.map((t) => t.task),
    divider: idCount > 0 && idCount < tasks.length ? { at: idCount, left: 'ID', right: 'OOD' } : undefined,
    series: [
      { name: 'p', colour: 1, marker: 'circle', points: tasks.map((t) => point(t.p)) },
      { name: '\u03b41', colour: 3, marker: 'circle', points: tasks.map((t) => point(t.delta1)) },
      { name: '\u03b42', colour: 5, marker: 'circle', points: tasks.map((t) => point(t.delta2)) },
      {
        name: `predicted (K=${K})`,
        colour: 4,
        marker: 'diamond',
        hollow: true,
        dashed: true,
        points: tasks.map((t) => point(t.predicted)),
      },
      { name: 'observed', colour: 2, marker: 'square', points: tasks.map((t) => point(t.accuracy)) },
    ],
    width: 560,
    height: 290,
  });
}

function armTable(a: ArmResult): string {
  const row = (t: TaskResult) =>
    `<tr><td class="name">${h(t.task)}${t.ood ? '' : ' (ID)'}</td><td>${t.n}</td><td>${cell(t.p)}</td><td>${cell(t.delta1)}</td><td>${cell(t.delta2)}</td><td>${cell(t.predicted)}</td><td>${cell(t.predictedInfinite)}</td><td>${cell(t.accuracy)}</td></tr>`;
  return `<table><tr><th class="name">${h(a.label)}</th><th>n</th><th>p</th><th>&delta;1</th><th>&delta;2</th><th>predicted (K)</th><th>predicted (K=&infin;)</th><th>observed</th></tr>${a.tasks.map(row).join('')}</table>`;
}

function figure1Html(r: Table1Report): string {
  const order = ['rl', 'sft-reflection', 'sft-no-reflection', 'base'];
  const arms = order.map((n) => r.arms.find((a) => a.name === n)).filter((a): a is ArmResult => !!a);
  const K = r.plan.model.maxAttempts;
  return `
<p>Per task: p = first-attempt accuracy, &delta;1 = P(STOP | correct answer), &delta;2 = P(RESAMPLE | wrong answer) (pooled over attempts), each with the hull of the Wilson interval and the percentile bootstrap over traces; predicted accuracy from (p, &delta;1, &delta;2) with the tiny-lm's budget of K = ${K} attempts (the K-th answer stands), the hull of the bootstrap interval and a Jeffreys posterior of the formula (B = ${r.plan.bootstrap}); the paper's infinite-horizon formula in the tables. A trajectory that uses all K attempts ends in a STOP it cannot choose (RESAMPLE is masked there); the paper's K-attempt model takes no decision at the K-th answer, so those STOPs are not counted as decisions (the rollouts mark them <code>forced_stop: true</code>, and <code>reflection-lens calibrate</code> leaves them out the same way): ${arms.map((a) => `${h(a.label)} ${a.forcedStops}`).join(', ')} left out. Observed accuracy with its Wald interval, as in the paper's Table 1. RL and SFT (reflection) first, as the paper's Figure 1(a) and 1(b).</p>
<div class="charts">${arms.map((a) => armPanel(a, K)).join('')}</div>
${arms.map((a) => `<div class="wide">${armTable(a)}</div>`).join('\n')}`;
}

function seedsHtml(r: Table1Report): string {
  const tasks = r.arms[0]?.tasks ?? [];
  const sd = (t: TaskResult | undefined, k: 'accuracy' | 'delta2') => {
    const s = t?.spread[k];
    if (!s) return '-';
    const values = t!.perSeed.map((x) => pct(x[k].value)).join(' / ');
    return s.sd !== null ? `${values}<br><span class="ci">sd ${pct(s.sd)}</span>` : values;
  };
  const table = (k: 'accuracy' | 'delta2', title: string) =>
    `<h3>${title}</h3><div class="wide"><table><tr><th class="name">arm</th>${taskHeader(r)}</tr>${r.arms
      .map(
        (a) =>
          `<tr><td class="name">${h(a.label)}</td>${tasks
            .map(
              (t) =>
                `<td>${sd(
                  a.tasks.find((x) => x.task === t.task),
                  k,
                )}</td>`,
            )
            .join('')}</tr>`,
      )
      .join('')}</table></div>`;
  return `<p>Per seed (${r.seeds.map((s) => `seed ${s}`).join(' / ')}) in percent, and the standard deviation across seeds. Each seed has its own base (the shared starting point of its arms) and its own evaluation problems.</p>${table('accuracy', 'Accuracy per seed')}${table('delta2', '&delta;2 per seed')}`;
}

function echoHtml(r: Table1Report): string {
  const rows = r.arms
    .flatMap((a) =>
      a.tasks.map(
        (t) =>
          `<tr><td class="name">${h(a.label)}</td><td class="name">${h(t.task)}${t.ood ? '' : ' (ID)'}</td><td>${t.transitions.TT}</td><td>${t.transitions.TF}</td><td>${t.transitions.FT}</td><td>${t.transitions.FFecho}</td><td>${t.transitions.FFnew}</td><td>${pct(t.echoRate)}</td></tr>`,
      ),
    )
    .join('');
  const pooled = r.arms
    .map(
      (a) =>
        `<tr><td class="name">${h(a.label)}</td><td>${cell(a.ood.accuracy)}</td><td>${cell(a.ood.p)}</td><td>${cell(a.ood.delta1)}</td><td>${cell(a.ood.delta2)}</td><td>${pct(a.ood.echoRate)}</td></tr>`,
    )
    .join('');
  return `<p>Transitions between consecutive attempts (T = correct, F = wrong; F&rarr;F echo: the same wrong answer again, as Kang et al. 2025 count them). Echo rate = F&rarr;F echo / all F&rarr;F.</p>
<h3>Pooled over the out-of-distribution tasks (Wilson intervals)</h3>
<table><tr><th class="name">arm</th><th>accuracy</th><th>p</th><th>&delta;1</th><th>&delta;2</th><th>echo rate</th></tr>${pooled}</table>
<div class="wide"><table><tr><th class="name">arm</th><th class="name">task</th><th>T&rarr;T</th><th>T&rarr;F</th><th>F&rarr;T</th><th>F&rarr;F echo</th><th>F&rarr;F new</th><th>echo rate %</th></tr>${rows}</table></div>`;
}

function timingHtml(r: Table1Report): string {
  const rows = r.timing.runs
    .map(
      (t) =>
        `<tr><td>${t.seed}</td><td class="name">${h(t.arm)}</td><td>${t.steps}</td><td>${t.seconds.toFixed(0)}</td><td>${t.stepSeconds.toFixed(0)}</td><td>${t.tokensPerSec !== null ? t.tokensPerSec.toFixed(0) : '-'}</td><td class="name">${h(t.backend ?? '-')}</td><td class="name"><code>${h(t.dir)}</code></td></tr>`,
    )
    .join('');
  const wall =
    r.timing.wallSeconds !== null
      ? `${(r.timing.wallSeconds / 60).toFixed(1)} minutes of wall clock (${r.timing.jobs} run${r.timing.jobs === 1 ? '' : 's'} at once); `
      : '';
  return `<p>${wall}${(r.timing.trainingSeconds / 60).toFixed(1)} minutes of training runs in all (each run's wall clock, evaluation included)${r.timing.tokensPerSec !== null ? `; ${r.timing.tokensPerSec.toFixed(0)} training tokens per second inside steps` : ''}. Every run directory is an ordinary training run: <em>Open Training Run</em> shows its charts, and <code>reflection-lens calibrate ${h(r.out)} --horizon ${h(String(r.plan.model.maxAttempts))} --bootstrap ${h(String(r.plan.bootstrap))}</code> reads every evaluation's rollouts (model = arm) with this report's horizon and bootstrap (calibrate's own defaults, K = 4 and 1000 resamples, give other predicted values; its intervals for p, &delta;1, &delta;2 are Wilson, not Wald).</p>
<div class="wide"><table><tr><th>seed</th><th class="name">arm</th><th>steps</th><th>wall s</th><th>step s</th><th>tokens/s</th><th class="name">backend</th><th class="name">run directory</th></tr>${rows}</table></div>`;
}

function planHtml(r: Table1Report): string {
  const p = r.plan;
  return `<ul>
<li>Ladder: in distribution ${h(p.idTasks.join(', '))}; out of distribution ${h(p.oodTasks.join(', '))} (operand digits; the base saw every task in pre-training, weights ${h(p.base.weights.join(' : '))}).</li>
<li>Model: ${p.model.layers} layers, d_model ${p.model.dModel}, ${p.model.heads} heads, up to ${p.model.maxAttempts} attempts. Base: ${p.base.steps} supervised steps of ${p.base.batchSize} sequences: correct answers, then in the last ${Math.min(p.base.instructSteps, p.base.steps)} steps instruction data (first attempt correct with probability ${p.base.firstCorrect}, otherwise a wrong attempt, RESAMPLE and the corrected answer, the wrong digits out of the loss; re-check rate ${p.base.retryRate}).</li>
<li>Post-training (from each seed's base, compute-matched): ${p.post.steps} steps of ${p.post.promptsPerStep * p.post.groupSize} sequences each. SFT lr ${p.post.sftLr}, RL lr ${p.post.rlLr}, both after a ${p.post.lrWarmupSteps}-step linear warm-up (a fresh Adam on a trained base); SFT (reflection) data: first attempt correct ${p.reflection.firstCorrect}, echo ${p.reflection.echo}. RL: GRPO, n = ${p.post.groupSize}, ${p.post.miniBatches} mini-batches per rollout batch, KL loss ${h(p.post.klType)} coefficient ${p.post.klLossCoef}, clip ${p.post.clipRatio}.</li>
<li>Evaluation: ${p.evalSize} problems per task and seed, temperature ${p.evalTemperature}.</li>
</ul>`;
}

export function renderExperimentHtml(r: Table1Report, opts: { cspSource?: string } = {}): string {
  const nonce = makeNonce();
  const title = "Reflection Lens — the paper's Table 1 and Figure 1 with tiny-lm";
  const body = `<main>
<h1>${h(title)}</h1>
<p class="meta">${r.seeds.length} seed${r.seeds.length === 1 ? '' : 's'} &middot; ${r.arms.length} arms &middot; ${r.arms[0]?.tasks.length ?? 0} tasks &middot; ${r.plan.evalSize} problems per task and seed at temperature ${r.plan.evalTemperature} &middot; report made ${h(r.createdAt)}</p>
<h2>What this run shows</h2>
${verdictsHtml(r)}
<h3>Is the question answerable with this ladder?</h3>
${checksHtml(r)}
<h2>Table 1: accuracy per arm and task</h2>
${table1Html(r)}
<h2>Figure 1: calibrated p, &delta;1, &delta;2 and predicted vs observed accuracy</h2>
${figure1Html(r)}
<h2>Seed-to-seed spread</h2>
${seedsHtml(r)}
<h2>Echo rates and transitions</h2>
${echoHtml(r)}
<h2>The experiment</h2>
${planHtml(r)}
${timingHtml(r)}
</main>`;
  return webviewPageHtml({ nonce, cspSource: opts.cspSource, title, css, body });
}
