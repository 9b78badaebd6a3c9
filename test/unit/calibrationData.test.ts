// What the calibration view prints and exports: Table 1 cells, task order, the CSV, and the page
// shell's CSP and data embedding; the charts' series (a run over its steps, colours that stay, bounded
// legends, gaps, empty charts that say why).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waldInterval } from '../../server/src/analysis/predicted.js';
import type { CalibrationGroup, CalibrationResult } from '../../server/src/analysis/types.js';
import { calibrationCsv, compareTasks, dataSetKey, formatEstimate, plural, seriesNameOf } from '../../media/calibration/data.js';
import { echoChart, LEGEND_MAX, metricChart, predictedChart, stepChart, transitionsChart } from '../../media/calibration/charts.js';
import { distinct, opaque, SeriesSlots, seriesStyle } from '../../media/shared/theme.js';
import { calibrationPageHtml } from '../../protocol/pages/calibrationPage.js';
import { contentSecurityPolicy, jsonForScript } from '../../protocol/pages/csp.js';

test('Table 1 cells reproduce the paper: RL row, 100 problems per task', () => {
  const rl = [98, 91, 92, 90, 72, 53, 34].map((c) => formatEstimate(waldInterval(c, 100)));
  assert.deepEqual(rl, [
    '98.0 (95.3, 100.7)',
    '91.0 (85.4, 96.6)',
    '92.0 (86.7, 97.3)',
    '90.0 (84.1, 95.9)',
    '72.0 (63.2, 80.8)',
    '53.0 (43.2, 62.8)',
    '34.0 (24.7, 43.3)',
  ]);
  assert.equal(formatEstimate(waldInterval(74, 100)), '74.0 (65.4, 82.6)');
  assert.equal(formatEstimate(waldInterval(0, 0)), '–');
});

test('tasks sort by difficulty, then naturally', () => {
  const tasks = ['5x5', 'algebra', '3x10', '3x4', '10x10', '4x4', '3x3', 'Geometry 2', 'geometry 10'];
  assert.deepEqual([...tasks].sort(compareTasks), ['3x3', '3x4', '4x4', '5x5', '3x10', '10x10', 'algebra', 'Geometry 2', 'geometry 10']);
});

function group(model: string, task: string, extra: Partial<CalibrationGroup> = {}): CalibrationGroup {
  const e = { value: 0.5, lo: 0.4, hi: 0.6 };
  return {
    model,
    task,
    n: 10,
    accuracy: waldInterval(5, 10),
    p: e,
    delta1: e,
    delta2: { value: NaN, lo: NaN, hi: NaN },
    predicted: e,
    predictedK: { ...e, K: 4 },
    transitions: { TT: 1, TF: 2, FT: 3, FFecho: 4, FFnew: 5 },
    echoRate: 4 / 9,
    counts: {
      correctFinal: 5,
      firstCorrect: 5,
      stopAfterCorrect: 5,
      decisionsAfterCorrect: 6,
      resampleAfterWrong: 0,
      decisionsAfterWrong: 5,
      noAnswer: 0,
      forcedStops: 0,
    },
    ...extra,
  };
}

test('CSV: a header, one row per group in model/task/step order, quoting, empty cells for undefined', () => {
  const result: CalibrationResult = {
    groups: [group('b', '4x4'), group('a,"x"', '3x3', { step: 20 }), group('b', '3x3')],
    skipped: [],
    bootstrap: { B: 100, seed: 1 },
  };
  const lines = calibrationCsv(result).trimEnd().split('\n');
  const header = lines[0]!.split(',');
  assert.equal(header.length, 4 + 6 * 3 + 13);
  assert.equal(lines.length, 4);
  assert.ok(lines[1]!.startsWith('"a,""x""",3x3,20,10,0.5,'));
  assert.ok(lines[2]!.startsWith('b,3x3,,10,'));
  assert.ok(lines[3]!.startsWith('b,4x4,,10,'));
  const row = new Map(header.map((h, i) => [h, lines[2]!.split(',')[i]]));
  assert.equal(row.get('delta2'), '');
  assert.equal(row.get('FF_echo'), '4');
  assert.equal(row.get('K'), '4');
});

test('page shell: nonce CSP, no network sources, data that cannot break out of its element', () => {
  const csp = contentSecurityPolicy('N0nce');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-N0nce'/);
  assert.doesNotMatch(csp, /unsafe|https?:|\*/);
  const hostile = { s: '</script><script>alert(1)</script><!--' };
  assert.ok(!jsonForScript(hostile).includes('<'));
  assert.deepEqual(JSON.parse(jsonForScript(hostile)), hostile);
  const html = calibrationPageHtml({ nonce: 'N0nce', script: { text: 'var a = "</script>";' }, data: hostile });
  assert.equal(html.match(/<script/g)!.length, 2);
  assert.equal(html.match(/<\/script>/g)!.length, 2);
  assert.match(html, /<script nonce="N0nce">var a = "<\\\/script>";<\/script>/);
  const webview = calibrationPageHtml({
    nonce: 'N0nce',
    cspSource: 'vscode-webview://abc',
    script: { src: 'vscode-webview://abc/calibration.js' },
  });
  // The policy sits in an attribute, HTML-escaped.
  assert.match(
    webview,
    /content="default-src &#39;none&#39;; img-src vscode-webview:\/\/abc data: blob:; style-src vscode-webview:\/\/abc &#39;nonce-N0nce&#39;; script-src &#39;nonce-N0nce&#39;"/,
  );
  assert.match(webview, /<script nonce="N0nce" src="vscode-webview:\/\/abc\/calibration.js"><\/script>/);
});

const theme = {
  background: '#fff',
  foreground: '#000',
  muted: '#888',
  grid: '#ccc',
  font: 'sans-serif',
  palette: [
    'rgba(234, 92, 0, 0.33)',
    '#1f77b4',
    '#2ca02c',
    '#9467bd',
    '#d62728',
    '#bcbd22',
    '#17becf',
    '#e377c2',
    '#a0785a',
    '#8c8c8c',
  ].map(opaque),
};

test('a run is one series over the steps: ds3 / tiny-lm models named <run>@step-N (21 and 115 steps)', () => {
  for (const steps of [21, 115]) {
    const groups = Array.from({ length: steps }, (_, s) => group(`ds3-20261205T212826Z@step-${s * 10}`, '', { step: s * 10 }));
    const built = stepChart(groups, 'p', theme);
    const datasets = built.config.data.datasets as unknown as { label: string; data: { x: number; info: string }[] }[];
    assert.equal(datasets.length, 1, `${steps} steps`);
    assert.equal(datasets[0]!.label, 'ds3-20261205T212826Z');
    assert.deepEqual(
      datasets[0]!.data.map((p) => p.x),
      groups.map((g) => g.step),
    );
    // The tooltip names the step's own model (the traces a click lists).
    assert.match(datasets[0]!.data[1]!.info, /^ds3-20261205T212826Z@step-10 · \(no task\) · step 10: 50\.0% \(40\.0, 60\.0\), n=10$/);
  }
  // Two runs, two series; a model whose suffix is not its own step stays a model of its own.
  const two = [group('a@step-1', 't', { step: 1 }), group('a@step-2', 't', { step: 2 }), group('b@step-1', 't', { step: 1 })];
  assert.deepEqual(
    (stepChart(two, 'p', theme).config.data.datasets as unknown as { label: string }[]).map((d) => d.label),
    ['a', 'b'],
  );
  assert.equal(seriesNameOf({ model: 'x@step-3', step: 4 }), 'x@step-3');
  assert.equal(seriesNameOf({ model: '@step-3', step: 3 }), '@step-3');
  assert.equal(seriesNameOf({ model: 'verl-model', step: 3 }), 'verl-model');
});

test('legends are bounded: at most LEGEND_MAX series, the title says how many there are', () => {
  const groups = Array.from({ length: 40 }, (_, i) => group(`run${i}@step-1`, 't', { step: 1 }));
  const opts = stepChart(groups, 'accuracy', theme).config.options as unknown as {
    plugins: { title: { text: string[] }; legend: { labels: { filter: (i: { datasetIndex: number }) => boolean } } };
  };
  const filter = opts.plugins.legend.labels.filter;
  assert.equal(Array.from({ length: 40 }, (_, i) => filter({ datasetIndex: i })).filter(Boolean).length, LEGEND_MAX);
  assert.match(opts.plugins.title.text[1]!, new RegExp(`legend: ${LEGEND_MAX} of 40 series`));
});

test('series colours: opaque, ten before repeating, then dashed with another marker; a model keeps its colour when another appears', () => {
  assert.equal(opaque('rgba(234, 92, 0, 0.33)'), 'rgb(234, 92, 0)');
  assert.equal(opaque('rgb(1 2 3 / 50%)'), 'rgb(1, 2, 3)');
  assert.equal(opaque('#e8710a55'), '#e8710a');
  assert.equal(opaque('#e8710a'), '#e8710a');
  const styles = Array.from({ length: 20 }, (_, i) => seriesStyle(theme, i));
  assert.equal(new Set(styles.slice(0, 10).map((s) => s.color)).size, 10);
  assert.ok(styles.slice(0, 10).every((s) => s.dash.length === 0 && s.pointStyle === 'circle'));
  assert.ok(styles.slice(10).every((s) => s.dash.length > 0 && s.pointStyle !== 'circle'));
  const colour = (models: string[], slots = new SeriesSlots(theme.palette.length)) => {
    const built = metricChart(
      models.map((m) => group(m, '3x3')),
      'p',
      theme,
      slots,
    );
    return new Map(
      (built.config.data.datasets as unknown as { label: string; borderColor: string }[]).map((d) => [d.label, d.borderColor]),
    );
  };
  const slots = new SeriesSlots(theme.palette.length);
  const before = colour(['beta', 'gamma'], slots);
  const after = colour(['alpha', 'beta', 'gamma'], slots);
  assert.equal(after.get('beta'), before.get('beta'));
  assert.equal(after.get('gamma'), before.get('gamma'));
  assert.equal(new Set(after.values()).size, 3);
  // Ten models, ten colours.
  assert.equal(new Set(colour(Array.from({ length: 10 }, (_, i) => `m${i}`)).values()).size, 10);
});

test("series colours follow the content shown: a new folder starts afresh, ten series are solid, a step change keeps a run's colour", () => {
  const style = (slots: SeriesSlots, names: string[]) => new Map(names.map((n) => [n, slots.style(theme, n)]));
  const key = (s: { color: string; dash: number[]; pointStyle: string }) => JSON.stringify(s);
  const slots = new SeriesSlots(theme.palette.length);
  // A panel that showed 30 models, then a folder of four: four solid, distinct colours.
  const many = Array.from({ length: 30 }, (_, i) => `model-${i}`);
  slots.show(many);
  assert.equal(new Set([...style(slots, many).values()].map(key)).size, 30);
  const four = ['grpo', 'sft', 'base', 'model-3'];
  slots.show(four);
  const shown = style(slots, four);
  assert.equal(new Set([...shown.values()].map((s) => s.color)).size, 4);
  assert.ok([...shown.values()].every((s) => s.dash.length === 0 && s.pointStyle === 'circle'));
  // The same colours as a panel that showed nothing before.
  const fresh = new SeriesSlots(theme.palette.length);
  fresh.show(four);
  assert.deepEqual(style(fresh, four), shown);
  // The same set again, and one model more: nothing recoloured.
  slots.show(four);
  assert.deepEqual(style(slots, four), shown);
  slots.show([...four, 'dpo']);
  for (const m of four) assert.deepEqual(slots.style(theme, m), shown.get(m));
  // Eleven or more: no two share colour, dash and marker; the solid ones stay when the eleventh comes.
  const ten = Array.from({ length: 10 }, (_, i) => `m${i}`);
  slots.show(ten);
  const tenStyles = style(slots, ten);
  assert.ok([...tenStyles.values()].every((s) => s.dash.length === 0));
  slots.show([...ten, 'm10']);
  for (const m of ten) assert.deepEqual(slots.style(theme, m), tenStyles.get(m));
  assert.equal(new Set([...style(slots, [...ten, 'm10']).values()].map(key)).size, 11);
  // A run's models keep the run's colour from step to step; two names of one key stay apart.
  const run = new SeriesSlots(theme.palette.length);
  const runOf = (m: string) => m.replace(/@step-\d+$/, '');
  run.show(['a@step-10', 'b@step-10'], runOf);
  const a10 = run.style(theme, 'a@step-10');
  run.show(['a@step-20', 'b@step-20'], runOf);
  assert.deepEqual(run.style(theme, 'a@step-20'), a10);
  run.show(['a@step-20', 'a'], runOf);
  assert.notDeepEqual(run.style(theme, 'a@step-20'), run.style(theme, 'a'));
  // A theme that gives two chart colours one value: each colour once.
  assert.deepEqual(distinct(['#0063d3', '#E8710A', '#0063D3', 'rgb(1, 2, 3)', 'rgb(1,2,3)']), ['#0063d3', '#E8710A', 'rgb(1, 2, 3)']);
  // The predicted chart: an eleventh model has its own marker (its colour is an earlier model's).
  const eleven = Array.from({ length: 11 }, (_, i) => group(`m${i}`, 't'));
  const pr = new SeriesSlots(theme.palette.length);
  pr.show(eleven.map((g) => g.model));
  const ds = predictedChart(eleven, theme, pr).config.data.datasets as unknown as { borderColor: string; pointStyle: string }[];
  assert.equal(
    new Set(ds.slice(1).map((d) => `${d.borderColor} ${d.pointStyle} ${(d as { backgroundColor?: string }).backgroundColor}`)).size,
    22,
  );
});

test("the predicted chart's legend is bounded like the others; a new data set resets the step", () => {
  const groups = Array.from({ length: 11 }, (_, i) => group(`m${i}`, 't'));
  const opts = predictedChart(groups, theme).config.options as unknown as {
    plugins: { title: { text: string[] }; legend: { labels: { filter: (i: { datasetIndex: number }) => boolean } } };
  };
  const shown = Array.from({ length: 23 }, (_, i) => opts.plugins.legend.labels.filter({ datasetIndex: i })).filter(Boolean).length;
  assert.ok(shown <= LEGEND_MAX, `${shown} legend entries`);
  assert.match(opts.plugins.title.text[1]!, /legend: 5 of 11 models/);
  const few = predictedChart(groups.slice(0, 3), theme).config.options as unknown as { plugins: { title: { text: string } } };
  assert.equal(few.plugins.title.text, 'Predicted vs observed accuracy');
  // The step picker's data set: new steps of a run keep it, another folder changes it.
  const run = (steps: number[], name = 'ds3') => ({ groups: steps.map((s) => group(`${name}@step-${s}`, 't', { step: s })) });
  assert.equal(dataSetKey(run([10, 20]), { source: 'runs' }), dataSetKey(run([10, 20, 30]), { source: 'runs' }));
  assert.notEqual(dataSetKey(run([10, 20]), { source: 'runs' }), dataSetKey(run([10, 20], 'tiny'), { source: 'runs' }));
  assert.notEqual(dataSetKey(run([10, 20]), { source: 'a' }), dataSetKey(run([10, 20]), { source: 'b' }));
});

test('the empty task reads "(no task)"; a line does not span a task its model has no point for; empty charts say why', () => {
  const groups = [group('a', ''), group('a', '5x5'), group('b', '4x4'), group('a', '3x3')];
  const built = metricChart(groups, 'p', theme);
  const scales = built.config.options!.scales as unknown as { x: { ticks: { callback: (v: number) => string } } };
  assert.deepEqual(
    [0, 1, 2, 3].map((v) => scales.x.ticks.callback(v)),
    ['3x3', '4x4', '5x5', '(no task)'],
  );
  const a = (
    built.config.data.datasets as unknown as {
      data: { x: number; info: string }[];
      segment: { borderColor: (c: object) => string | undefined };
    }[]
  )[0]!;
  const seg = (i: number) => a.segment.borderColor({ p0: { parsed: { x: a.data[i]!.x } }, p1: { parsed: { x: a.data[i + 1]!.x } } });
  // a: 3x3 (0), 5x5 (2), (no task) (3): no line over 4x4, a line from 5x5 to (no task).
  assert.equal(seg(0), 'transparent');
  assert.equal(seg(1), undefined);
  assert.match(a.data[2]!.info, /^a · \(no task\): /);
  // delta2 undefined everywhere (no decision after a wrong answer): the chart says so.
  assert.match(metricChart(groups, 'delta2', theme).empty ?? '', /no wrong answers/);
  assert.equal(metricChart(groups, 'p', theme).empty, undefined);
  const none = { TT: 0, TF: 0, FT: 0, FFecho: 0, FFnew: 0 };
  assert.match(transitionsChart([group('a', 't', { transitions: none, echoRate: NaN })], theme).empty ?? '', /second answer/);
  assert.match(echoChart([group('a', 't', { transitions: none, echoRate: NaN })], theme).empty ?? '', /echo rate is undefined/);
  assert.equal(plural(1, 'file'), '1 file');
  assert.equal(plural(2, 'task'), '2 tasks');
});

test('predicted tooltips name the horizon: K=∞ and K=4', () => {
  const built = predictedChart([group('a', '')], theme);
  const infos = (built.config.data.datasets as unknown as { data: { info: string }[] }[]).slice(1).map((d) => d.data[0]!.info);
  assert.deepEqual(
    infos.map((i) => /predicted \((K=[^)]+)\)/.exec(i)?.[1]),
    ['K=∞', 'K=4'],
  );
  assert.match(infos[0]!, /^a · \(no task\): /);
});
