// The rollout-group index of an open document is patched by small edits, and a patched index
// always equals one built from scratch over the same records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Rng } from '../../server/src/analysis/random.js';
import { generateMultiplicationTraceText } from '../../server/src/trace/generate.js';
import { attributionSummaries, summedMembers } from '../../server/src/lsp/attributionSummary.js';
import { DuplicateIds } from '../../server/src/trace/duplicateIds.js';
import { groupIndexOf } from '../../server/src/lsp/rolloutGroups.js';
import { defaultSettings, settingsKey } from '../../server/src/lsp/settings.js';
import { TraceDocument } from '../../server/src/lsp/traceDocument.js';

/** Group -> members as record ordinals, in the index's own order. */
const shape = (groups: Map<string, { record: { index: number } }[]>) =>
  [...groups].map(([g, m]) => [g, m.map((e) => e.record.index)] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

// Thresholds 10 (the default: few summaries) and 1.5 (a summary on most groups, so the kept sums,
// counts and strongest members are compared after every edit, the strongest often edited itself).
for (const [groupSize, ratioThreshold] of [
  [4, 10],
  [4, 1.5],
  [150, 1.5],
])
  test(`random single edits (groups of ${groupSize}, threshold ${ratioThreshold}): the patched index equals a rebuilt one, and most edits patch`, () => {
    const settings = { ...defaultSettings, ratioThreshold };
    const text = generateMultiplicationTraceText({
      seed: 5,
      groupSize,
      models: [{ name: 'm', echoRate: 0.5, tasks: [{ task: '2x3', p: 0.5, delta1: 0.6, delta2: 0.8, n: 60 }] }],
    });
    const doc = new TraceDocument('file:///g/groups.trace', 1, text);
    let mirror = TextDocument.create('file:///g/groups.trace', 'trace', 1, text);
    const key = settingsKey(settings);
    let summarised = 0;
    const snippets = ['', 'x', '\n', '=== new\n', 'group: other\n', 'query: Calculate 1 * 2.\n', 'Wait, the answer is 12.\n'];
    const rng = new Rng(7);
    let patched = 0;
    for (let step = 0; step < 300; step++) {
      const before = groupIndexOf(doc);
      const summaries = attributionSummaries(doc, settings, key);
      if (summaries.length > 0) summarised++;
      const t = mirror.getText();
      let a = rng.int(t.length + 1);
      // Every third edit lands in a record that carries a summary (its group's strongest member).
      if (step % 3 === 0 && summaries.length > 0) {
        const { entry } = summaries[rng.int(summaries.length)];
        a = mirror.offsetAt({ line: entry.base + Math.max(entry.record.startLine + 1, entry.record.endLine), character: 0 });
      }
      const b = Math.min(t.length, a + rng.int(rng.next() < 0.1 ? 300 : 6));
      const change = { range: { start: mirror.positionAt(a), end: mirror.positionAt(b) }, text: snippets[rng.int(snippets.length)] };
      mirror = TextDocument.update(mirror, [change], step + 2);
      doc.update([change], step + 2);
      const after = groupIndexOf(doc);
      if (after === before) patched++;
      // Same file name (a record without a model: header is the file's model, part of its group key).
      const fresh = new TraceDocument('file:///fresh/groups.trace', 1, doc.getText());
      assert.deepEqual(shape(after.groups), shape(groupIndexOf(fresh).groups), `groups after edit ${step}`);
      // Entries in each group are the document's own entries, in document order.
      for (const members of after.groups.values()) for (const e of members) assert.equal(doc.entries[e.record.index], e);
      const brief = (d: TraceDocument) =>
        attributionSummaries(d, settings, key).map((x) => `${x.entry.record.index} ${x.diagnostic.message}`);
      assert.deepEqual(brief(doc), brief(fresh), `attribution summaries after edit ${step}`);
    }
    console.log(`rollout groups: ${patched} of 300 random edits patched the index; ${summarised} with summaries`);
    // Most states carry a summary (236 of 300 in groups of 150: the small groups the edits make
    // of rollouts that answer once get none since findings36).
    if (ratioThreshold < 10) assert.ok(summarised > 200, `${summarised} of 300 states had summaries`);
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

test("one-character edits in a 20,000-record group cost the same as in a small one: no pass over the group or the document's ids", () => {
  const rec = (i: number) =>
    `=== ${i}\nquery: Calculate 12 * 34.\nanswer: 408\n---\nFirst 12*34 = 406. Wait, let me recompute. 12*34 = 408. The answer is 408.\n`;
  const n = 20_000;
  const doc = new TraceDocument('file:///g/one-group.trace', 1, Array.from({ length: n }, (_, i) => rec(i)).join(''));
  const key = settingsKey(defaultSettings);
  assert.equal(groupIndexOf(doc).groups.size, 1);
  attributionSummaries(doc, defaultSettings, key);
  doc.fileDiagnostics();
  const visitsBefore = summedMembers();
  let idChecks = 0;
  const check = DuplicateIds.prototype.check;
  DuplicateIds.prototype.check = function (...args) {
    idChecks++;
    return check.apply(this, args);
  };
  try {
    // Records 1-50: record 0 carries the group's summary (the first of the strongest), and an edit
    // to it takes one pass over the group to find the next strongest.
    for (let i = 0; i < 200; i++) {
      const line = 4 + (1 + (i % 50)) * 5;
      doc.update([{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: i % 2 ? 'x' : 'Wait ' }], i + 2);
      attributionSummaries(doc, defaultSettings, key);
      assert.deepEqual(doc.fileDiagnostics(), []);
    }
  } finally {
    DuplicateIds.prototype.check = check;
  }
  assert.equal(summedMembers() - visitsBefore, 0, 'the group was re-summed');
  // One check per re-parsed record (the parse of the edited record), none for the other 19,999.
  assert.ok(idChecks <= 200, `${idChecks} id checks: the ids were walked`);
  // And the kept sums are what a fresh document gives.
  // Same file name (a record without a model: header is the file's model, part of its group key).
  const fresh = new TraceDocument('file:///fresh/groups.trace', 1, doc.getText());
  const brief = (d: TraceDocument) =>
    attributionSummaries(d, defaultSettings, key).map((x) => `${x.entry.record.index} ${x.diagnostic.message}`);
  assert.deepEqual(brief(doc), brief(fresh));
  // A repeated id typed in is still found (then the ids are walked, as before).
  doc.update([{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } }, text: '1' }], 999);
  assert.match(doc.fileDiagnostics()[0]?.message ?? '', /Duplicate id "1", first at line 1:/);
});
