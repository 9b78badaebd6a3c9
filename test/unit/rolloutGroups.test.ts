// The rollout-group index of an open document is patched by small edits, and a patched index
// always equals one built from scratch over the same records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Rng } from '../../server/src/analysis/random.js';
import { generateMultiplicationTraceText } from '../../server/src/trace/generate.js';
import { attributionSummaries } from '../../server/src/lsp/attributionSummary.js';
import { groupIndexOf } from '../../server/src/lsp/rolloutGroups.js';
import { defaultSettings, settingsKey } from '../../server/src/lsp/settings.js';
import { TraceDocument } from '../../server/src/lsp/traceDocument.js';

/** Group -> members as record ordinals, in the index's own order. */
const shape = (groups: Map<string, { record: { index: number } }[]>) =>
  [...groups].map(([g, m]) => [g, m.map((e) => e.record.index)] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

test('random single edits: the patched index equals a rebuilt one, and most edits patch', () => {
  const text = generateMultiplicationTraceText({
    seed: 5,
    groupSize: 4,
    models: [{ name: 'm', echoRate: 0.5, tasks: [{ task: '2x3', p: 0.5, delta1: 0.6, delta2: 0.8, n: 60 }] }],
  });
  const doc = new TraceDocument('file:///g/groups.trace', 1, text);
  let mirror = TextDocument.create('file:///g/groups.trace', 'trace', 1, text);
  const key = settingsKey(defaultSettings);
  const snippets = ['', 'x', '\n', '=== new\n', 'group: other\n', 'query: Calculate 1 * 2.\n', 'Wait, the answer is 12.\n'];
  const rng = new Rng(7);
  let patched = 0;
  for (let step = 0; step < 300; step++) {
    const before = groupIndexOf(doc);
    attributionSummaries(doc, defaultSettings, key);
    const t = mirror.getText();
    const a = rng.int(t.length + 1);
    const b = Math.min(t.length, a + rng.int(rng.next() < 0.1 ? 300 : 6));
    const change = { range: { start: mirror.positionAt(a), end: mirror.positionAt(b) }, text: snippets[rng.int(snippets.length)] };
    mirror = TextDocument.update(mirror, [change], step + 2);
    doc.update([change], step + 2);
    const after = groupIndexOf(doc);
    if (after === before) patched++;
    const fresh = new TraceDocument('file:///g/fresh.trace', 1, doc.getText());
    assert.deepEqual(shape(after.groups), shape(groupIndexOf(fresh).groups), `groups after edit ${step}`);
    // Entries in each group are the document's own entries, in document order.
    for (const members of after.groups.values()) for (const e of members) assert.equal(doc.entries[e.record.index], e);
    const brief = (d: TraceDocument) =>
      attributionSummaries(d, defaultSettings, key).map((x) => `${x.entry.record.index} ${x.diagnostic.message}`);
    assert.deepEqual(brief(doc), brief(fresh), `attribution summaries after edit ${step}`);
  }
  console.log(`rollout groups: ${patched} of 300 random edits patched the index`);
  assert.ok(patched > 200, `${patched} of 300 edits patched the index`);
});

test('several changes in one update, or a change of more than 1,000 records, rebuild the index', () => {
  const text = generateMultiplicationTraceText({
    seed: 1,
    groupSize: 2,
    models: [{ name: 'm', tasks: [{ task: '2x2', p: 0.5, delta1: 0.6, delta2: 0.8, n: 600 }] }],
  });
  const doc = new TraceDocument('file:///g/x.trace', 1, text);
  const first = groupIndexOf(doc);
  const at = { line: 6, character: 0 };
  doc.update(
    [
      { range: { start: at, end: at }, text: 'a' },
      { range: { start: at, end: at }, text: 'b' },
    ],
    2,
  );
  const second = groupIndexOf(doc);
  assert.notEqual(second, first);
  doc.update([{ text }], 3);
  assert.notEqual(groupIndexOf(doc), second, '1,200 entries replaced: rebuilt');
  assert.deepEqual(shape(groupIndexOf(doc).groups), shape(first.groups));
});
