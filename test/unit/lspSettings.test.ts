// The server's settings: defaults agree with package.json, bad values fall back with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkSettings, defaultSettings, settingsKey, summaryOptionsOf } from '../../server/src/lsp/settings.js';

test('server defaults equal the package.json setting defaults', () => {
  const props = JSON.parse(readFileSync('package.json', 'utf8')).contributes.configuration.properties;
  for (const [k, v] of Object.entries(defaultSettings)) assert.deepEqual(v, props[`reflectionLens.${k}`]?.default, k);
});

test('checkSettings keeps good values and replaces bad ones with defaults, saying why', () => {
  const ok = checkSettings({
    markers: [' Wait ', ''],
    beta: 0.1,
    gamma: 0.9,
    klEstimator: 'k3',
    klMode: 'loss',
    objective: 'sft',
    ratioThreshold: 2,
    eps: 0,
    answerPatterns: ['ans=(\\d+)'],
    maxDiagnostics: 50,
    includeTruncated: true,
    tokenLimit: 4096,
    reader: 'learned',
  });
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.settings, {
    markers: ['Wait'],
    beta: 0.1,
    gamma: 0.9,
    klEstimator: 'k3',
    klMode: 'loss',
    objective: 'sft',
    ratioThreshold: 2,
    eps: 0,
    answerPatterns: ['ans=(\\d+)'],
    maxDiagnostics: 50,
    includeTruncated: true,
    tokenLimit: 4096,
    reader: 'learned',
  });
  const bad = checkSettings({
    markers: 'Wait',
    beta: -1,
    gamma: 2,
    klEstimator: 'kl',
    klMode: 'both',
    objective: 'ppo',
    ratioThreshold: 0.5,
    eps: 'x',
    answerPatterns: ['(', 'ok'],
    maxDiagnostics: 2.5,
    includeTruncated: 'yes',
    tokenLimit: 0,
    reader: 'neural',
  });
  assert.deepEqual({ ...bad.settings, answerPatterns: [] }, { ...defaultSettings, answerPatterns: [] });
  assert.deepEqual(bad.settings.answerPatterns, ['ok']);
  assert.equal(bad.problems.length, 13);
  assert.ok(
    bad.problems.some((p) =>
      p.startsWith('reflectionLens.objective: expected "surrogate", "kl", "sft", "dft", got "ppo"; using the default'),
    ),
  );
  assert.ok(
    bad.problems.some((p) => p.startsWith('reflectionLens.includeTruncated: expected true or false, got "yes"; using the default')),
  );
  assert.ok(bad.problems.some((p) => p.startsWith('reflectionLens.tokenLimit: expected a number >= 1, got 0; using the default')));
  assert.ok(bad.problems.some((p) => p.startsWith('reflectionLens.gamma: expected a number in [0, 1]')));
  assert.deepEqual(checkSettings(null).settings, defaultSettings);
});

test('truncation settings: defaults as the engine (8,192 tokens, cut-off records left out); bad ones fall back; not part of the document analysis key', () => {
  assert.deepEqual(summaryOptionsOf(defaultSettings), { includeTruncated: false, tokenLimit: 8192 });
  for (const tokenLimit of [-5, 0, 0.5, Infinity, NaN, '8192']) {
    const c = checkSettings({ tokenLimit });
    assert.equal(c.settings.tokenLimit, 8192, String(tokenLimit));
    assert.equal(c.problems.length, 1, String(tokenLimit));
  }
  for (const includeTruncated of [1, 'true', {}])
    assert.equal(checkSettings({ includeTruncated }).settings.includeTruncated, false, String(includeTruncated));
  assert.deepEqual(summaryOptionsOf(checkSettings({ includeTruncated: true, tokenLimit: 1 }).settings), {
    includeTruncated: true,
    tokenLimit: 1,
  });
  // Only calibration reads includeTruncated: changing it must not invalidate the open documents'
  // analyses. tokenLimit does: the no-answer finding says whether a response was cut off at it.
  assert.equal(settingsKey(checkSettings({ includeTruncated: true }).settings), settingsKey(defaultSettings));
  assert.notEqual(settingsKey(checkSettings({ tokenLimit: 100 }).settings), settingsKey(defaultSettings));
});
