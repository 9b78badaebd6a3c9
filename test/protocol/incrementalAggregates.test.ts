// What the server keeps across edits instead of recomputing per publish: the totals per severity
// (they decide what the diagnostics cap keeps and what its note counts), the attribution summary
// of each rollout group (sorted in document order), and each record's converted diagnostics
// (reused until the record moves). After each of a sequence of incremental edits (inside a record,
// a split, a deleted record, an added one, headers that move records between groups, several
// changes in one notification, a whole-document replacement, the text before the first record)
// the incremental server must publish exactly what a fresh server publishes for the same text:
// every diagnostic, and the capped list at cuts among the errors, the warnings and the information.
// A stale total shows in the cap's note or cut, a stale summary in its message or place.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { generateMultiplicationTraceText } from '../../server/src/trace/generate.js';
import { capDiagnostics } from '../../server/src/lsp/diagnosticCap.js';
import { groupAdvantages } from '../../server/src/analysis/grpo.js';
import { LspSession } from './lspSession.js';

const ALL = 1_000_000_000;
// More than 1,000 records, so that replacing the whole text is a change too large to patch with.
const generated = generateMultiplicationTraceText({
  seed: 11,
  groupSize: 4,
  models: [{ name: 'm', echoRate: 0.5, tasks: [{ task: '2x3', p: 0.5, delta1: 0.6, delta2: 0.8, n: 1040 }] }],
});
// Text before the first record (an error at the top) and a bad header line near the end (an error
// that a capped list must reach past thousands of warnings to keep).
const lateRecord = generated.lastIndexOf('\n=== ', generated.length - 5000) + 1;
const initial = `stray text before the first record\n${generated.slice(0, lateRecord)}${generated
  .slice(lateRecord)
  .replace('\n---\n', '\nnot a header line\n---\n')}`;

/** Line of every record start (`=== `) in `text`. */
const recordLines = (text: string): number[] => text.split('\n').flatMap((l, i) => (l.startsWith('=== ') || l === '===' ? [i] : []));

describe('kept aggregates equal a fresh analysis after every kind of incremental edit', () => {
  const inc = new LspSession();
  const fresh = new LspSession();
  const uri = 'file:///agg/rollouts.trace';
  let doc = TextDocument.create(uri, 'trace', 1, initial);
  let checkpoints = 0;

  before(async () => {
    // A threshold of 3: at the default 10 only groups whose every rollout answers once were over
    // it, and those get no summary now (findings36); at 3 some 40 groups that resample are.
    inc.settings.set('*', { maxDiagnostics: ALL, ratioThreshold: 3 });
    fresh.settings.set('*', { maxDiagnostics: ALL, ratioThreshold: 3 });
    await Promise.all([inc.initialize(), fresh.initialize()]);
    await inc.open(uri, initial, 1);
  });
  after(() => Promise.all([inc.close(), fresh.close()]));

  /** Sends `changes` (positions in the current text, applied in order) as one didChange and mirrors them. */
  const change = async (changes: TextDocumentContentChangeEvent[]) => {
    const version = doc.version + 1;
    doc = TextDocument.update(doc, changes, version);
    await inc.change(uri, version, changes);
  };

  /** The incremental server's diagnostics for the current text, with every cap tried, against a fresh server's. */
  const check = async (what: string) => {
    const freshUri = `file:///agg/fresh${++checkpoints}/rollouts.trace`;
    await fresh.open(freshUri, doc.getText(), 1);
    const [all, expected] = await Promise.all([inc.diagnosticsFor(uri, doc.version, 120_000), fresh.diagnosticsFor(freshUri, 1, 120_000)]);
    assert.deepEqual(all, expected, `every diagnostic after ${what}`);
    const count = (severity: number) => expected.filter((d) => d.severity === severity).length;
    const [errors, warnings, infos] = [count(1), count(2), count(3)];
    assert.ok(errors >= 1 && warnings > 100 && infos >= 1, `the text has diagnostics of every severity after ${what}`);
    assert.ok(
      expected.some((d) => d.code === 'unbalanced-attribution'),
      `the text has attribution summaries after ${what}`,
    );
    // Cuts in the errors, at their end, in the warnings, at their end, in the information (the
    // records' own, then the group summaries), and one short of everything.
    const caps = [1, 2, errors + 1, errors + 2, errors + Math.floor(warnings / 2), errors + warnings + 1];
    caps.push(errors + warnings + Math.floor(infos / 2), errors + warnings + infos - 1, expected.length - 1, expected.length);
    for (const max of [...new Set(caps)].filter((m) => m >= 1)) {
      const before = inc.published.get(uri) ?? 0;
      await inc.changeSettings({ maxDiagnostics: max, ratioThreshold: 3 });
      const capped = await inc.diagnostics(uri, () => (inc.published.get(uri) ?? 0) > before, 120_000);
      assert.equal(capped.version, doc.version);
      assert.deepEqual(capped.diagnostics, capDiagnostics(expected, max), `maxDiagnostics ${max} after ${what}`);
    }
    const before = inc.published.get(uri) ?? 0;
    await inc.changeSettings({ maxDiagnostics: ALL, ratioThreshold: 3 });
    await inc.diagnostics(uri, () => (inc.published.get(uri) ?? 0) > before, 120_000);
    // The hover reads the record's group (its GRPO advantage): the groups must be the fresh ones too.
    for (const line of recordLines(doc.getText()).filter((_, k) => k % 97 === 0)) {
      const position = { line: line + 1, character: 2 };
      const [x, y] = await Promise.all([
        inc.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position }),
        fresh.conn.sendRequest('textDocument/hover', { textDocument: { uri: freshUri }, position }),
      ]);
      assert.deepEqual(x, y, `hover on line ${line + 1} after ${what}`);
    }
  };

  /** The range of record `k` (0-based among the current records), from its `===` line to the next. */
  const recordRange = (k: number) => {
    const starts = recordLines(doc.getText());
    return { start: { line: starts[k], character: 0 }, end: { line: starts[k + 1] ?? doc.lineCount - 1, character: 0 } };
  };
  /** Document line of the first line of record `k` satisfying `pred` (by its text). */
  const lineIn = (k: number, pred: (text: string) => boolean): number => {
    const { start, end } = recordRange(k);
    const lines = doc.getText().split('\n');
    for (let l = start.line; l < end.line; l++) if (pred(lines[l])) return l;
    throw new Error(`record ${k} has no such line`);
  };
  const lineText = (line: number) => doc.getText().split('\n')[line];

  test('the opened text', async () => {
    await check('opening');
  });

  test('an edit inside a record (its last answer changes)', async () => {
    const line = lineIn(300, (t) => /answer.*\d/i.test(t));
    const at = lineText(line).search(/\d+(?=\D*$)/);
    const digit = lineText(line)[at];
    await change([{ range: { start: { line, character: at }, end: { line, character: at + 1 } }, text: digit === '9' ? '1' : '9' }]);
    await check('an edit inside a record');
  });

  test('a record split in two by a typed record line', async () => {
    const line = lineIn(500, (t) => t.startsWith('Adding'));
    await change([{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '=== split\n' }]);
    await check('a split');
  });

  test('a record deleted', async () => {
    await change([{ range: recordRange(120), text: '' }]);
    await check('a deleted record');
  });

  test('a record added (a group of its own)', async () => {
    const { start } = recordRange(700);
    const copy = doc
      .getText(recordRange(3))
      .replace(/^=== .*/, '=== added')
      .replace(/^query: .*/m, 'query: Calculate 11 * 111. Think step by step.');
    await change([{ range: { start, end: start }, text: copy }]);
    await check('an added record');
  });

  test('headers that move records between groups: a query edited, a group header added', async () => {
    const query = lineIn(41, (t) => t.startsWith('query: '));
    const other = lineText(lineIn(45, (t) => t.startsWith('query: ')));
    await change([
      { range: { start: { line: query, character: 0 }, end: { line: query, character: lineText(query).length } }, text: other },
    ]);
    await check('a query moved into another group');
    const header = lineIn(900, (t) => t.startsWith('model: '));
    await change([{ range: { start: { line: header, character: 0 }, end: { line: header, character: 0 } }, text: 'group: pooled\n' }]);
    const header2 = lineIn(10, (t) => t.startsWith('model: '));
    await change([{ range: { start: { line: header2, character: 0 }, end: { line: header2, character: 0 } }, text: 'group: pooled\n' }]);
    await check('two records from far apart put in one group');
  });

  test('several changes in one notification (a record added and removed within it)', async () => {
    const a = recordRange(200).start;
    const b = lineIn(600, (t) => t.startsWith('Adding'));
    const c = lineIn(1000, (t) => /answer.*\d/i.test(t));
    await change([
      { range: { start: a, end: a }, text: '=== transient\nquery: 1 * 2\n---\nthe answer is 2\n' },
      { range: { start: { line: b, character: 0 }, end: { line: b + 1, character: 0 } }, text: '' },
      { range: { start: a, end: { line: a.line + 4, character: 0 } }, text: '' },
      { range: { start: { line: c - 1, character: 0 }, end: { line: c - 1, character: 0 } }, text: 'Wait, let me redo this.\n' },
    ]);
    await check('a burst of changes');
  });

  test('the whole text replaced (too large a change to patch), then small edits again', async () => {
    const text = doc.getText().replace(/^query: Calculate (\d+) \* 6/gm, 'query: Calculate $1 * 7');
    await change([{ text }]);
    await check('a whole-document replacement');
    const line = lineIn(800, (t) => t.startsWith('Adding'));
    // Joining two lines moves every later record up one line.
    await change([{ range: { start: { line: line - 1, character: lineText(line - 1).length }, end: { line, character: 0 } }, text: ' ' }]);
    await check('two lines joined after the replacement');
  });

  test('the text before the first record removed, then a record line typed at the very top', async () => {
    await change([{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    await change([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '=== top\nnot a header\n' }]);
    await check('edits at the top of the document');
  });
});

// The hover's GRPO advantage comes from its group's reward statistics, kept until the document
// changes (so that a hover in a 300,000-record group does not re-read every member): an edit to
// another member of the group must show in the next hover.
describe('the hover reads its group after an edit to another member', () => {
  const s = new LspSession();
  const uri = 'file:///agg/group.trace';
  const record = (id: string, answer: number) =>
    `=== ${id}\nquery: Calculate 12 * 34.\nanswer: 408\ngroup: g\n---\n12 * 34 = ${answer}. The answer is ${answer}.\n`;
  const text = record('a', 406) + record('b', 407) + record('c', 408);
  before(async () => {
    await s.initialize();
    await s.open(uri, text, 1);
  });
  after(() => s.close());

  const advantageShown = async (): Promise<number> => {
    const line = text.split('\n').indexOf('=== c') + 5;
    const h = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } })) as {
      contents: { value: string };
    };
    return Number(/GRPO advantage A = (-?[\d.]+)/.exec(h.contents.value)![1]);
  };

  test('one correct of three, then two of three', async () => {
    const before = groupAdvantages([0, 0, 1])[2];
    assert.equal(await advantageShown(), Number(before.toFixed(4)));
    assert.equal(await advantageShown(), Number(before.toFixed(4)), 'a second hover, same revision');
    const line = text.split('\n').indexOf('=== b') + 5;
    await s.change(uri, 2, [
      { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '12 * 34 = 408. The answer is 408.\n' },
    ]);
    const after = groupAdvantages([0, 1, 1])[2];
    assert.notEqual(Number(after.toFixed(4)), Number(before.toFixed(4)));
    assert.equal(await advantageShown(), Number(after.toFixed(4)));
  });
});
