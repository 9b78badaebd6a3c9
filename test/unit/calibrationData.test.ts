// What the calibration view prints and exports: Table 1 cells, task order, the CSV, and the page
// shell's CSP and data embedding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waldInterval } from '../../server/src/analysis/predicted.js';
import type { CalibrationGroup, CalibrationResult } from '../../server/src/analysis/types.js';
import { calibrationCsv, compareTasks, formatEstimate } from '../../media/calibration/data.js';
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
