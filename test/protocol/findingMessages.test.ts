// What the editor's findings say (findings36, an outsider who judged every finding on real
// traces), over a real JSON-RPC connection to dist/server.js: a missed correction says whether the
// response re-checked at all; a response with no answer that was cut off at the generation limit
// says so, and why (reflectionLens.tokenLimit); the attribution summary of a group of one names the
// group, its model and "a group of one"; and a group whose every rollout answers once (one sample,
// one STOP: the ratio is then the response's length) gets no summary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspSession } from './lspSession.js';

const messages = (ds: Diagnostic[], code: string): string[] => ds.filter((d) => d.code === code).map((d) => String(d.message));

describe('the findings say what they mean (findings36)', () => {
  let s: LspSession;
  before(async () => {
    s = new LspSession();
    await s.initialize();
  });
  after(() => s.close());

  test('missed correction: "without re-checking it" for one attempt, "re-checked N times" otherwise', async () => {
    const uri = 'file:///findings36/missed.trace';
    await s.open(
      uri,
      [
        '=== once\nanswer: 144\n---\n12 * 12 = 124\nSo the answer is 124.\n',
        '=== twice\nanswer: 144\n---\n12 * 12 = 124\nHmm, is that right?\nYes: 12 * 12 = 124\n',
      ].join(''),
    );
    assert.deepEqual(messages(await s.diagnosticsFor(uri, 1), 'missed-correction'), [
      'Missed correction: stopped on a wrong answer 124 without re-checking it (ground truth 144): one attempt, no RESAMPLE.',
      'Missed correction: re-checked 1 time and stopped on a wrong answer 124 (ground truth 144).',
    ]);
  });

  test('no candidate answer in a cut-off response says it was cut off, at reflectionLens.tokenLimit', async () => {
    const uri = 'file:///findings36/cut.trace';
    const long = 'I am thinking. '.repeat(2200); // 33,000 characters: about 8,250 tokens
    await s.open(
      uri,
      [
        `=== long\nanswer: 5\n---\n${long}\n`,
        '=== said\nanswer: 5\nfinish_reason: length\n---\nI am thinking.\n',
        '=== plain\nanswer: 5\n---\nI am thinking.\n',
      ].join(''),
    );
    const noAnswer = messages(await s.diagnosticsFor(uri, 1), 'no-answer');
    assert.deepEqual(noAnswer.slice(0, 2), [
      'No candidate answer found in record long: the response was cut off (truncated) before stating one: about 8250 tokens (4 characters a token), over the 8192-token limit.',
      'No candidate answer found in record said: the response was cut off (truncated) before stating one: its finish_reason is length.',
    ]);
    assert.match(noAnswer[2], /^No candidate answer found in record plain: expected \\boxed/);
    // A higher limit: the long response is no longer cut off (the analysis is redone for it).
    await s.changeSettings({ tokenLimit: 10000 });
    await s.change(uri, 2, []);
    assert.match(messages(await s.diagnosticsFor(uri, 2), 'no-answer')[0], /^No candidate answer found in record long: expected \\boxed/);
    await s.changeSettings({});
    await s.change(uri, 3, []);
    assert.match(messages(await s.diagnosticsFor(uri, 3), 'no-answer')[0], /over the 8192-token limit/);
  });

  test('attribution summary: a group of one is named as such; single-attempt rollouts get none', async () => {
    const long = 'x'.repeat(4000);
    const uri = 'file:///findings36/groups.trace';
    await s.open(
      uri,
      [
        // Imported files: every record its own group, each one sample and one STOP (the ratio is its
        // length + 1 under the estimate: the estimator's, not the text's).
        `=== 1\nmodel: m\ngroup: 1\nanswer: 36\n---\n${long}\n12 * 3 = 36. The answer is 36.\n`,
        `=== 2\nmodel: m\ngroup: 2\nanswer: 36\n---\n${long}\n12 * 3 = 35. The answer is 35.\n`,
        // A group of three that all answer at once: none either.
        ...['a', 'b', 'c'].map((id) => `=== ${id}\nmodel: m\ngroup: G3\nanswer: 36\n---\n${long}\n12 * 3 = 36. The answer is 36.\n`),
        // A group of one that re-checks after a long first attempt: unbalanced, and said of a group of one.
        `=== 3\nmodel: m\ngroup: 3\nanswer: 36\n---\n${long}\n12 * 3 = 35. The answer is 35.\nWait, let me recompute.\n12 * 3 = 36, so the answer is 36.\n`,
      ].join(''),
    );
    const ds = await s.diagnosticsFor(uri, 1);
    const summaries = ds.filter((d) => d.code === 'unbalanced-attribution');
    assert.equal(summaries.length, 1, JSON.stringify(summaries, null, 1));
    assert.match(
      String(summaries[0].message),
      /^Group "3" of model "m" \(a group of one\): KL drag on sampling is [\d.]+x the drag on decisions \(threshold 10\)/,
    );
    const text = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 0 } })) as {
      contents: { value: string };
    };
    assert.match(text.contents.value, /attribution ratio/i, "a single-attempt record's own ratio is still in its hover");
  });
});
