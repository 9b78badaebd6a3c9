// The server's settings: defaults agree with package.json, bad values fall back with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkSettings, defaultSettings } from '../../server/src/lsp/settings.js';

test('server defaults equal the package.json setting defaults', () => {
  const props = JSON.parse(readFileSync('package.json', 'utf8')).contributes.configuration.properties;
  for (const [k, v] of Object.entries(defaultSettings)) assert.deepEqual(v, props[`reflectionLens.${k}`]?.default, k);
});

test('checkSettings keeps good values and replaces bad ones with defaults, saying why', () => {
  const ok = checkSettings({ markers: [' Wait ', ''], beta: 0.1, gamma: 0.9, klEstimator: 'k3', ratioThreshold: 2, eps: 0, answerPatterns: ['ans=(\\d+)'], maxDiagnostics: 50 });
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.settings, { markers: ['Wait'], beta: 0.1, gamma: 0.9, klEstimator: 'k3', ratioThreshold: 2, eps: 0, answerPatterns: ['ans=(\\d+)'], maxDiagnostics: 50 });
  const bad = checkSettings({ markers: 'Wait', beta: -1, gamma: 2, klEstimator: 'kl', ratioThreshold: 0.5, eps: 'x', answerPatterns: ['(', 'ok'], maxDiagnostics: 2.5 });
  assert.deepEqual({ ...bad.settings, answerPatterns: [] }, { ...defaultSettings, answerPatterns: [] });
  assert.deepEqual(bad.settings.answerPatterns, ['ok']);
  assert.equal(bad.problems.length, 8);
  assert.ok(bad.problems.some((p) => p.startsWith('reflectionLens.gamma: expected a number in [0, 1]')));
  assert.deepEqual(checkSettings(null).settings, defaultSettings);
});
