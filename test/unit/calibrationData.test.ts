// What the calibration view prints and exports: Table 1 cells, task order, the CSV, and the page
// shell's CSP and data embedding; the charts' series (a run over its steps, colours that stay, bounded
// legends, gaps, empty charts that say why).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waldInterval } from '../../server/src/analysis/predicted.js';
import type { CalibrationGroup, CalibrationResult } from '../../server/src/analysis/types.js';
import { calibrationCsv, compareTasks, formatEstimate, plural, seriesNameOf } from '../../media/calibration/data.js';
import { echoChart, LEGEND_MAX, metricChart, predictedChart, stepChart, transitionsChart } from '../../media/calibration/charts.js';
import { opaque, SeriesSlots, seriesStyle } from '../../media/shared/theme.js';
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
