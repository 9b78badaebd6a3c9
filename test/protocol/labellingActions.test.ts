// Building a gold set with the labelling actions only, over a real JSON-RPC connection (stop 34's
// outsider found each of these): a labelled value can be unlabelled and a record's label removed;
// the first label says which of the engine's candidates it copies, and they stay unconfirmed
// until a person confirms them; a label the record's text no longer holds shows stale, and an
// action offered before an edit is refused after it; a selection, the final answer and truncated
// can be labelled; the labels survive maxDiagnostics and show in hovers and inlay hints; another
// window's labels are picked up through the watched gold file; an action that would be refused is
// offered disabled with the reason.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, CodeAction, Diagnostic, Hover, InlayHint, Range } from 'vscode-languageserver-protocol';
import { parseGoldFile, type GoldRecord } from '../../server/src/trace/gold.js';
import { labelTrace } from './labelTrace.js';
import { LspSession } from './lspSession.js';

/** labelTrace and a third record whose answers are a fraction and a word. */
const text =
  labelTrace +
  [
    '=== 3',
    'query: What is 3 divided by 4, as a fraction?',
    'answer: 3/4',
    '---',
    'Three over four: \\frac{3}{4}, hmm. Can it be reduced? No.',
    '',
  ].join('\n');
/** Record 3's body: the engine reads no candidate in it (a fraction in LaTeX, then a word). */
const line3 = 'Three over four: \\frac{3}{4}, hmm. Can it be reduced? No.';

/** VS Code's capabilities (lspSession.ts) with `extra` merged into textDocument.codeAction and workspace. */
function vscodeCaps(extra: { codeAction?: object; workspace?: object } = {}): ClientCapabilities {
  return {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, ...extra.workspace },
    textDocument: {
      synchronization: { didSave: false },
      publishDiagnostics: { versionSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix'] } }, ...extra.codeAction },
    },
  };
}

interface Fixture {
  s: LspSession;
  file: string;
  uri: string;
  gold: string;
}

async function open(
  content = text,
  init: { capabilities?: ClientCapabilities; settings?: Record<string, unknown> } = {},
): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'rl-labelact-'));
  const file = join(dir, 'runs.trace');
  writeFileSync(file, content);
  const uri = pathToFileURL(file).href;
  const s = new LspSession();
  if (init.settings) s.settings.set('*', init.settings);
  await s.initialize(init.capabilities ? { capabilities: init.capabilities } : {});
  await s.open(uri, content);
  await s.diagnosticsFor(uri, 1);
  return { s, file, uri, gold: `${file}.gold.jsonl` };
}

const actionsAt = (f: Fixture, start: { line: number; character: number }, end = start): Promise<CodeAction[]> =>
  f.s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: f.uri }, range: { start, end }, context: { diagnostics: [] } });
const opOf = (a: CodeAction): string => a.command?.arguments?.[0].op;
const find = (actions: CodeAction[], op: string): CodeAction => {
  const a = actions.find((x) => opOf(x) === op);
  assert.ok(a, `an action ${op} among ${JSON.stringify(actions.map((x) => x.title))}`);
  return a;
};
const run = (f: Fixture, a: CodeAction): Promise<{ ok: unknown } | { error: string }> =>
  f.s.conn.sendRequest('workspace/executeCommand', { command: a.command!.command, arguments: a.command!.arguments }).then(
    (ok) => ({ ok }),
    (e: Error) => ({ error: e.message }),
  );
async function runOk(f: Fixture, a: CodeAction): Promise<void> {
  const r = await run(f, a);
  assert.ok('ok' in r, JSON.stringify(r));
}
const label = (f: Fixture, id: string): GoldRecord | undefined => parseGoldFile(readFileSync(f.gold, 'utf8')).records.get(id);
const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const goldNotes = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => String(d.code).startsWith('gold-'));
/** The next diagnostics of the fixture's document whose gold notes satisfy `pred`. */
const notesWhen = (f: Fixture, pred: (notes: Diagnostic[]) => boolean): Promise<Diagnostic[]> =>
  f.s.diagnostics(f.uri, (p) => pred(goldNotes(p.diagnostics))).then((p) => goldNotes(p.diagnostics));
const cli = (args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });

/** Record 2's "56" (line 12), record 1's "418" and "408" (lines 5 and 7), record 3's header. */
const at56 = { line: 12, character: 'Seven eights: '.length };
const at418 = { line: 5, character: 'So the answer is '.length + 1 };
const at408 = { line: 7, character: 'So the answer is '.length + 1 };

describe('labelling actions: undo', () => {
  test('a marked number offers "not an answer"; the record\'s header offers removing its label, after which it is unlabelled', async () => {
    const f = await open();
    try {
      await runOk(f, find(await actionsAt(f, at56), 'mark'));
      await notesWhen(f, (n) => n.some((d) => /candidates 56/.test(messageOf(d))));
      assert.deepEqual(
        label(f, '2')?.candidates.map((c) => c.value),
        ['56'],
      );
      // The same position now offers to take the label back, not to mark it again.
      const again = await actionsAt(f, at56);
      assert.deepEqual(again.map(opOf), ['not-answer']);
      await runOk(f, again[0]);
      await notesWhen(f, (n) => n.some((d) => /candidates none/.test(messageOf(d))));
      assert.deepEqual(label(f, '2')?.candidates, [], 'an empty label: "no answer"');
      // Record 1 labelled too: removing record 2's label keeps record 1's line as it is.
      await runOk(f, find(await actionsAt(f, at408), 'answer'));
      const record1Line = readFileSync(f.gold, 'utf8').split('\n')[1];
      const header = await actionsAt(f, { line: 8, character: 2 });
      assert.deepEqual(header.map(opOf), ['remove', 'truncated']);
      assert.match(header[0].title, /remove record 2's gold label .*runs\.trace\.gold\.jsonl/);
      await runOk(f, header[0]);
      assert.equal(readFileSync(f.gold, 'utf8'), record1Line + '\n', "record 2's line deleted, record 1's kept byte for byte");
      const notes = await notesWhen(f, (n) => n.length === 1);
      assert.equal(notes[0].range.start.line, 0, "only record 1's marker is left");
      assert.deepEqual((await actionsAt(f, { line: 8, character: 2 })).map(opOf), ['truncated'], 'nothing to remove any more');
      assert.deepEqual((await actionsAt(f, at56)).map(opOf), ['mark'], 'unlabelled: mark again');
    } finally {
      await f.s.close();
    }
  });
});

describe("labelling actions: the engine's reading copied into a first label", () => {
  test('is said in the title, kept unconfirmed in the gold file and the marker, and left out of eval-segmentation until confirmed', async () => {
    const f = await open();
    try {
      const first = await actionsAt(f, at408);
      assert.deepEqual(first.map(opOf), ['not-answer', 'answer']);
      for (const a of first)
        assert.match(a.title, /record 1's first label: the engine's other candidates \(418\) are copied as unconfirmed/);
      await runOk(f, find(first, 'answer'));
      assert.deepEqual(label(f, '1')?.candidates, [
        { value: '418', offset: '12 * 34 = 360 + 58.\nSo the answer is '.length, text: '418', unconfirmed: true },
        {
          value: '408',
          offset: '12 * 34 = 360 + 58.\nSo the answer is 418.\nWait, 12 * 4 is 48, not 58.\nSo the answer is '.length,
          text: '408',
        },
      ]);
      const [note] = await notesWhen(f, (n) => n.some((d) => /not confirmed/.test(messageOf(d))));
      assert.match(messageOf(note), /1 of them copied from the engine's reading and not confirmed \(418\)/);
      let r = cli(['eval-segmentation', f.file, '--json']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).records, 0, 'a label holding an unconfirmed copy is not scored');
      assert.match(
        r.stderr,
        /runs\.trace\.gold\.jsonl:1:\d+: warning: record "1": candidates\[0\] \(418\) copied from the engine's reading and not confirmed.*; record left out of the evaluation \[gold-unconfirmed\]/,
      );

      // Confirming the copied candidate makes it the person's.
      const on418 = await actionsAt(f, at418);
      assert.deepEqual(on418.map(opOf), ['not-answer', 'answer', 'final']);
      assert.match(on418[1].title, /confirms the candidate copied from the engine/);
      await runOk(f, on418[1]);
      assert.equal(
        label(f, '1')?.candidates.some((c) => c.unconfirmed),
        false,
      );
      await notesWhen(f, (n) => n.length === 1 && !/not confirmed/.test(messageOf(n[0])));
      r = cli(['eval-segmentation', f.file, '--json']);
      assert.equal(JSON.parse(r.stdout).records, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /gold-unconfirmed|left out/);
    } finally {
      await f.s.close();
    }
  });
});

describe('labelling actions: a labelled record edited', () => {
  test('shows each label whose text moved as a warning, refuses actions offered before the edit, and eval-segmentation reports it at its gold line', async () => {
    const f = await open();
    try {
      await runOk(f, find(await actionsAt(f, at56), 'mark'));
      const offered = await actionsAt(f, at56);
      // An edit inside record 2, before its labelled value.
      const stale = notesWhen(f, (n) => n.some((d) => d.code === 'gold-stale'));
      await f.s.change(f.uri, 2, [{ range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, text: 'About ' }]);
      const warning = (await stale).find((d) => d.code === 'gold-stale')!;
      assert.equal(warning.severity, 2);
      assert.match(
        messageOf(warning),
        /^Gold label 1 of record 2 points at "gh", not "56": the record changed since it was labelled; relabel/,
      );
      assert.deepEqual(warning.range.start, { line: 12, character: 'Seven eights: '.length });
      const hover: Hover = await f.s.conn.sendRequest('textDocument/hover', {
        textDocument: { uri: f.uri },
        position: { line: 12, character: 15 },
      });
      assert.match(JSON.stringify(hover.contents), /\*\*stale\*\*/);

      const refused = await run(f, offered[0]);
      assert.ok('error' in refused);
      assert.match(refused.error, /the document changed since this action was offered \(version 1, now 2\)/);
      assert.deepEqual(
        label(f, '2')?.candidates.map((c) => c.value),
        ['56'],
        'nothing written',
      );

      // Saved as edited, the label is stale for eval-segmentation too: reported, not scored.
      const lines = text.split('\n');
      lines[12] = 'About ' + lines[12];
      writeFileSync(f.file, lines.join('\n'));
      const r = cli(['eval-segmentation', f.file, '--json']);
      assert.equal(r.status, 0, r.stderr);
      const goldLine = readFileSync(f.gold, 'utf8').split('\n')[0];
      assert.match(
        r.stderr,
        new RegExp(
          `runs\\.trace\\.gold\\.jsonl:1:${goldLine.indexOf('"offset":') + '"offset":'.length + 1}: warning: candidates\\[0\\]: record "2" has "gh" at offset 14, not the labelled "56": the record changed since it was labelled; relabel it; record left out of the evaluation \\[gold-stale\\]`,
        ),
      );
      assert.equal(JSON.parse(r.stdout).records, 0);
    } finally {
      await f.s.close();
    }
  });
});

describe('labelling actions: what the annotation guide needs', () => {
  test('a selected expression or word is marked; the final answer and truncated are set and unset', async () => {
    const f = await open();
    try {
      const fracAt = line3.indexOf('\\frac');
      const sel: Range = { start: { line: 17, character: fracAt }, end: { line: 17, character: fracAt + '\\frac{3}{4}'.length } };
      const onSelection = await actionsAt(f, sel.start, sel.end);
      const markSel = onSelection.find((a) => /the selection "\\\\frac\{3\}\{4\}"/.test(a.title));
      assert.ok(markSel, JSON.stringify(onSelection.map((a) => a.title)));
      await runOk(f, markSel);
      const noAt = line3.indexOf('No.');
      await runOk(f, find(await actionsAt(f, { line: 17, character: noAt - 1 }, { line: 17, character: noAt + 2 }), 'mark'));
      let g = label(f, '3')!;
      const body = line3;
      assert.deepEqual(
        g.candidates.filter((c) => !c.unconfirmed).map((c) => [c.value, c.offset]),
        [
          ['\\frac{3}{4}', body.indexOf('\\frac')],
          ['No', body.indexOf('No.')],
        ],
      );
      assert.equal(g.final, 'No', 'the final answer follows the last candidate');
      // The summary's answer is not the last candidate: set it.
      await runOk(f, find(await actionsAt(f, { line: 17, character: fracAt + 2 }), 'final'));
      g = label(f, '3')!;
      assert.equal(g.final, '\\frac{3}{4}');
      const [note] = await notesWhen(f, (n) => n.some((d) => /final \\frac\{3\}\{4\}/.test(messageOf(d))));
      assert.ok(note);

      await runOk(f, find(await actionsAt(f, { line: 13, character: 0 }), 'truncated'));
      assert.equal(label(f, '3')?.truncated, true);
      const untruncate = find(await actionsAt(f, { line: 14, character: 3 }), 'truncated');
      assert.match(untruncate.title, /record 3 is not truncated/);
      await runOk(f, untruncate);
      assert.equal(label(f, '3')?.truncated, undefined);
      assert.doesNotMatch(readFileSync(f.gold, 'utf8'), /truncated/);
      assert.equal(label(f, '3')?.final, '\\frac{3}{4}', 'a final answer set stays');
    } finally {
      await f.s.close();
    }
  });
});

describe('labelling actions: seeing the labels', () => {
  test('markers are kept out of maxDiagnostics; a labelled value has a hover and an inlay hint', async () => {
    const f = await open(text, { settings: { maxDiagnostics: 1 } });
    try {
      const all = await f.s.diagnosticsFor(f.uri, 1);
      assert.ok(
        all.some((d) => d.code === 'diagnostics-capped'),
        'the file has more diagnostics than the cap',
      );
      await runOk(f, find(await actionsAt(f, at56), 'mark'));
      await runOk(f, find(await actionsAt(f, at408), 'answer'));
      const notes = await notesWhen(f, (n) => n.length === 2);
      assert.deepEqual(
        notes.map((d) => d.range.start.line),
        [0, 8],
      );
      const hover: Hover = await f.s.conn.sendRequest('textDocument/hover', { textDocument: { uri: f.uri }, position: at56 });
      assert.match(JSON.stringify(hover.contents), /\*\*Gold label\*\* \(record 2\): candidate 1 of 1, `56`; labelled; the final answer/);
      const onCopied: Hover = await f.s.conn.sendRequest('textDocument/hover', { textDocument: { uri: f.uri }, position: at418 });
      assert.match(JSON.stringify(onCopied.contents), /copied from the engine's reading, not confirmed/);
      const hints: InlayHint[] = await f.s.conn.sendRequest('textDocument/inlayHint', {
        textDocument: { uri: f.uri },
        range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
      });
      const gold = hints.filter((h) => String(h.label).startsWith('gold'));
      assert.deepEqual(
        gold.map((h) => [h.position.line, h.label]),
        [
          [5, 'gold?'],
          [7, 'gold'],
          [12, 'gold'],
        ],
      );
    } finally {
      await f.s.close();
    }
  });
});

describe('labelling actions: another window', () => {
  test('the server watches **/*.gold.jsonl where the client can register it, and republishes the trace beside a changed gold file', async () => {
    const registrations: unknown[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'rl-labelwatch-'));
    const file = join(dir, 'runs.trace');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const s = new LspSession();
    s.conn.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => void registrations.push(...p.registrations));
    try {
      await s.initialize({ capabilities: vscodeCaps({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }) });
      await s.open(uri, text);
      await s.diagnosticsFor(uri, 1);
      assert.deepEqual(registrations, [
        {
          id: (registrations[0] as { id: string }).id,
          method: 'workspace/didChangeWatchedFiles',
          registerOptions: { watchers: [{ globPattern: '**/*.gold.jsonl' }] },
        },
      ]);
      // Another window labels record 2.
      writeFileSync(`${file}.gold.jsonl`, JSON.stringify({ id: '2', candidates: [{ value: '56', offset: 14 }], final: '56' }) + '\n');
      const marked = s.diagnostics(uri, (p) => p.diagnostics.some((d) => String(d.code).startsWith('gold-')));
      await s.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(`${file}.gold.jsonl`).href, type: 1 }],
      });
      const notes = goldNotes((await marked).diagnostics);
      assert.deepEqual(
        notes.map((d) => d.range.start.line),
        [8],
      );
    } finally {
      await s.close();
    }
  });

  test('a client without dynamic registration is not asked', async () => {
    const s = new LspSession();
    const asked: unknown[] = [];
    s.conn.onRequest('client/registerCapability', (p: unknown) => void asked.push(p));
    try {
      await s.initialize();
      await s.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri: 'file:///nowhere.trace' },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      });
      assert.deepEqual(asked, []);
    } finally {
      await s.close();
    }
  });
});

describe('labelling actions: refused ones offered disabled', () => {
  test('unsaved changes and a duplicate id disable the actions with the reason where the client supports it', async () => {
    const f = await open(text, { capabilities: vscodeCaps({ codeAction: { disabledSupport: true } }) });
    try {
      assert.equal((await actionsAt(f, at56))[0].disabled, undefined, 'saved: enabled');
      await f.s.change(f.uri, 2, [{ range: { start: { line: 17, character: 0 }, end: { line: 17, character: 0 } }, text: 'x' }]);
      await f.s.diagnosticsFor(f.uri, 2);
      const unsaved = await actionsAt(f, at56);
      assert.deepEqual(unsaved.map(opOf), ['mark']);
      assert.match(unsaved[0].disabled?.reason ?? '', /has unsaved changes: save it before labelling/);
    } finally {
      await f.s.close();
    }
    const dup = await open(text.replace('=== 2', '=== 1'), { capabilities: vscodeCaps({ codeAction: { disabledSupport: true } }) });
    try {
      const actions = await actionsAt(dup, at56);
      assert.match(actions[0].disabled?.reason ?? '', /record id 1 appears 2 times/);
    } finally {
      await dup.s.close();
    }
    // Without disabledSupport the action is offered as before (and refused with a message when run).
    const plain = await open(text.replace('=== 2', '=== 1'));
    try {
      assert.equal((await actionsAt(plain, at56))[0].disabled, undefined);
    } finally {
      await plain.s.close();
    }
  });
});
