// The editor's attribution summary of a group where some rollouts answer once (one sample, one
// STOP) and others resample (left37): a member that answers once has the ratio L + 1 under the eps
// estimate whatever its text does (docs/design.md section 5), so it is in none of the group's sums.
// Summed in, three 1,008-token such members put a group whose only re-checking member is at 2.2x
// at 102.9x, with the summary on one of them (1009.0x).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributionSummaries } from '../../server/src/lsp/attributionSummary.js';
import { defaultSettings, settingsKey } from '../../server/src/lsp/settings.js';
import { TraceDocument } from '../../server/src/lsp/traceDocument.js';

const long = 'x'.repeat(4000);
const once = (id: string): string => `=== ${id}\nmodel: m\ngroup: G\nanswer: 36\n---\n${long}\n12 * 3 = 36. The answer is 36.\n`;
// A short first attempt and a re-check: balanced (2.2x).
const balanced =
  '=== d\nmodel: m\ngroup: G\nanswer: 36\n---\n12 * 3 = 35. The answer is 35.\nWait, let me recompute this carefully with more words here.\n12 * 3 = 36, so the answer is 36.\n';
// A long first attempt and a short re-check: unbalanced (57.8x).
const unbalanced = `=== e\nmodel: m\ngroup: G\nanswer: 36\n---\n${long}\n12 * 3 = 35. The answer is 35.\nWait, let me recompute.\n12 * 3 = 36, so the answer is 36.\n`;
const key = settingsKey(defaultSettings);
const summaries = (text: string): string[] =>
  attributionSummaries(new TraceDocument('file:///left37/mixed.trace', 1, text), defaultSettings, key).map(
    (s) => `${s.entry.record.id}: ${s.diagnostic.message}`,
  );

test('a mixed group: the members that answer once are in no sum (no summary from them alone)', () => {
  assert.deepEqual(summaries([once('a'), once('b'), once('c'), balanced].join('')), []);
});

test('a mixed group with an unbalanced re-check: the summary sits on it and sums the re-checking members only', () => {
  const got = summaries([once('a'), once('b'), once('c'), balanced, unbalanced].join(''));
  assert.equal(got.length, 1, got.join('\n'));
  assert.match(
    got[0],
    /^e: Group "G" of model "m" \(5 rollouts, drag summed over the 2 that resample \(3 answer once\), 1 over the threshold; this one 57\.8x\): KL drag on sampling is 24\.4x the drag on decisions/,
  );
});

test('an edit that makes the re-checking member answer once removes the summary, as a fresh document', () => {
  const text = [once('a'), balanced, unbalanced].join('');
  const doc = new TraceDocument('file:///left37/edit.trace', 1, text);
  assert.equal(attributionSummaries(doc, defaultSettings, key).length, 1);
  // Delete the re-check of record e (its last two lines).
  const from = text.lastIndexOf('Wait, let me recompute.\n');
  const pos = (o: number) => {
    const before = text.slice(0, o).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
  };
  doc.update([{ range: { start: pos(from), end: pos(text.length) }, text: '' }], 2);
  const fresh = new TraceDocument('file:///left37/edit.trace', 1, doc.getText());
  assert.deepEqual(attributionSummaries(doc, defaultSettings, key), []);
  assert.deepEqual(attributionSummaries(fresh, defaultSettings, key), []);
});
