// Labelling against hostile gold files and arguments, over a real JSON-RPC connection: the trace is
// never written, nothing but a regular file beside the trace is opened or written, a refusal or a
// failed write is shown to the user and answered with an error, two servers labelling at once lose
// nothing, and the trace's diagnostics are published whatever state its gold file is in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { parseGoldFile } from '../../server/src/trace/gold.js';
import { labelTrace } from './labelTrace.js';
import { LspSession } from './lspSession.js';

const text = labelTrace;
/** "360" in record 1's body, and "56" in record 2's. */
const mark360 = { id: '1', op: 'mark', value: '360', offset: '12 * 34 = '.length };
const mark56 = { id: '2', op: 'mark', value: '56', offset: 'Seven eights: '.length };

type Reply = { ok: unknown } | { error: string };

/** A trace in a fresh folder, its uri and gold path. */
function fixture(name = 'runs.trace', content = text): { dir: string; file: string; uri: string; gold: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rl-goldsafe-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return { dir, file, uri: pathToFileURL(file).href, gold: `${file}.gold.jsonl` };
}

async function openSession(uri: string, content = text): Promise<LspSession> {
  const s = new LspSession();
  await s.initialize();
  await s.open(uri, content);
  await s.diagnosticsFor(uri, 1);
  return s;
}

function label(s: LspSession, args: Record<string, unknown>): Promise<Reply> {
  return s.conn.sendRequest('workspace/executeCommand', { command: 'reflectionLens.label', arguments: [args] }).then(
    (ok) => ({ ok }),
    (e: Error) => ({ error: e.message }),
  );
}

/** The label was refused with an error reply and an error message to the user, both naming `mentions`. */
function assertRefused(s: LspSession, reply: Reply, mentions: RegExp | string): void {
  assert.ok('error' in reply, `expected an error reply, got ${JSON.stringify(reply)}`);
  const re = typeof mentions === 'string' ? new RegExp(mentions.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : mentions;
  assert.match(reply.error, re);
  const shown = s.messages.filter((m) => m.type === 1 && re.test(m.message));
  assert.ok(shown.length > 0, `no window/showMessage error matching ${re}: ${JSON.stringify(s.messages)}`);
}

const engineDiagnostics = (ds: Diagnostic[]) => ds.filter((d) => !String(d.code).startsWith('gold-'));

describe('gold file states', () => {
  test('a gold symlink to the trace is refused: the trace is never written', async () => {
    const f = fixture();
    symlinkSync(f.file, f.gold);
    const s = await openSession(f.uri);
    try {
      assertRefused(s, await label(s, { uri: f.uri, ...mark360 }), f.gold);
      assert.equal(readFileSync(f.file, 'utf8'), text);
      assert.equal(readlinkSync(f.gold), f.file);
    } finally {
      await s.close();
    }
  });

  test('a gold symlink outside the trace folder is refused; one to a regular file beside the trace is written through', async () => {
    const f = fixture();
    const outside = mkdtempSync(join(tmpdir(), 'rl-goldsafe-out-'));
    const target = join(outside, 'labels.jsonl');
    writeFileSync(target, '');
    symlinkSync(target, f.gold);
    const s = await openSession(f.uri);
    try {
      assertRefused(s, await label(s, { uri: f.uri, ...mark360 }), f.gold);
      assert.equal(readFileSync(target, 'utf8'), '');
      unlinkSync(f.gold);
      const beside = join(f.dir, 'labels.jsonl');
      writeFileSync(beside, '');
      symlinkSync(beside, f.gold);
      assert.deepEqual(await label(s, { uri: f.uri, ...mark360 }), { ok: { goldFile: f.gold } });
      assert.ok(lstatSync(f.gold).isSymbolicLink(), 'the link stays a link');
      assert.deepEqual([...parseGoldFile(readFileSync(beside, 'utf8')).records.keys()], ['1']);
      assert.equal(readFileSync(f.file, 'utf8'), text);
    } finally {
      await s.close();
    }
  });

  test('a FIFO gold file is never opened: the server answers, diagnostics carry one warning, labelling is refused', async () => {
    const f = fixture();
    const made = spawnSync('mkfifo', [f.gold]);
    if (made.status !== 0) return; // no mkfifo here
    const s = new LspSession();
    try {
      await s.initialize();
      await s.open(f.uri, text);
      const ds = await s.diagnosticsFor(f.uri, 1);
      const warnings = ds.filter((d) => d.code === 'gold-unreadable');
      assert.equal(warnings.length, 1);
      assert.match(String(warnings[0].message), new RegExp(`${f.gold.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a FIFO`));
      assert.ok(engineDiagnostics(ds).length > 0, 'the trace keeps its own diagnostics');
      const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: f.uri }, position: { line: 0, character: 1 } });
      assert.notEqual(hover, undefined);
      assertRefused(s, await label(s, { uri: f.uri, ...mark360 }), /is a FIFO/);
      assert.ok(lstatSync(f.gold).isFIFO());
    } finally {
      await s.close();
    }
  });

  test('a directory in place of the gold file: diagnostics still published (one warning), the label fails visibly', async () => {
    const clean = fixture();
    const reference = await openSession(clean.uri);
    const expected = engineDiagnostics(await reference.diagnosticsFor(clean.uri, 1)).length;
    await reference.close();
    const f = fixture();
    mkdirSync(f.gold);
    const s = await openSession(f.uri);
    try {
      const ds = await s.diagnosticsFor(f.uri, 1);
      assert.equal(engineDiagnostics(ds).length, expected);
      assert.deepEqual(
        ds.filter((d) => d.code === 'gold-unreadable').map((d) => d.message),
        [`Gold labels not shown: the gold file ${f.gold} is a directory, not a regular file.`],
      );
      assertRefused(s, await label(s, { uri: f.uri, ...mark360 }), f.gold);
      assert.deepEqual(readdirSync(f.gold), []);
    } finally {
      await s.close();
    }
  });

  test('a gold file that is not UTF-8 is neither read nor rewritten', async () => {
    const f = fixture();
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x0a, 0x80, 0x81]);
    writeFileSync(f.gold, bytes);
    const s = await openSession(f.uri);
    try {
      const ds = await s.diagnosticsFor(f.uri, 1);
      assert.equal(ds.filter((d) => d.code === 'gold-unreadable' && /not valid UTF-8/.test(String(d.message))).length, 1);
      assertRefused(s, await label(s, { uri: f.uri, ...mark360 }), /not valid UTF-8/);
      assert.deepEqual(readFileSync(f.gold), bytes);
    } finally {
      await s.close();
    }
  });

  test('the rewrite changes only the labelled record: unknown fields, blank and malformed lines, CRLF kept', async () => {
    const f = fixture();
    const other = '{"id":"9","candidates":[{"value":"1","offset":0}],"final":"1","source":"ann"}';
    const before =
      'not json\r\n' +
      other +
      '\r\n\r\n' +
      '{"id":"1","candidates":[{"value":"418","offset":33,"why":"keep"}],"final":"418","source":"ann","note":"keep me"}\r\n';
    writeFileSync(f.gold, before);
    const s = await openSession(f.uri);
    try {
      assert.deepEqual(await label(s, { uri: f.uri, ...mark360 }), { ok: { goldFile: f.gold } });
      const lines = readFileSync(f.gold, 'utf8').split('\r\n');
      assert.deepEqual(lines.slice(0, 3), ['not json', other, '']);
      assert.deepEqual(JSON.parse(lines[3]), {
        id: '1',
        candidates: [
          { value: '360', offset: 10, text: '360' },
          { value: '418', offset: 33, why: 'keep' },
        ],
        final: '418',
        source: 'ann',
        note: 'keep me',
      });
      assert.equal(lines[4], '');
      assert.equal(lines.length, 5);
    } finally {
      await s.close();
    }
  });
});

describe('label arguments checked against the document', () => {
  let s: LspSession;
  const f = fixture();
  before(async () => {
    s = await openSession(f.uri);
  });
  after(() => s.close());

  for (const [name, args, says] of [
    ['an unknown op', { ...mark360, op: 'delete-everything' }, /unknown label operation "delete-everything"/],
    ['a value not at the offset', { ...mark360, value: '99999' }, /"99999" is not at offset 10 of record 1 \(the text there is "360 \+"\)/],
    ['a negative offset', { ...mark360, offset: -5 }, /offset -5 is outside record 1's body/],
    ['an offset past the body', { ...mark360, offset: 1e9 }, /offset 1000000000 is outside record 1's body/],
    ['an unknown record', { ...mark360, id: 'nope' }, /record nope is no longer in/],
  ] as const) {
    test(`${name} is refused and nothing is written`, async () => {
      assertRefused(s, await label(s, { uri: f.uri, ...args }), says);
      assert.ok(!existsSync(f.gold));
    });
  }

  test('a candidate the engine read (its value as read) is accepted', async () => {
    const offset = text.split('---\n')[1].indexOf('418');
    assert.deepEqual(await label(s, { uri: f.uri, id: '1', op: 'not-answer', value: '418', offset }), { ok: { goldFile: f.gold } });
    assert.deepEqual(
      parseGoldFile(readFileSync(f.gold, 'utf8'))
        .records.get('1')
        ?.candidates.map((c) => c.value),
      ['408'],
    );
  });
});

describe('what is labelled', () => {
  test('a record whose id is duplicated in the document is refused', async () => {
    const dup = text.replace('=== 2', '=== 1');
    const f = fixture('dup.trace', dup);
    const s = await openSession(f.uri, dup);
    try {
      assertRefused(s, await label(s, { uri: f.uri, ...mark56, id: '1' }), /record id 1 appears 2 times/);
      assert.ok(!existsSync(f.gold));
    } finally {
      await s.close();
    }
  });

  test('labelling with unsaved changes is refused; once the buffer is the file on disk again it is written', async () => {
    const f = fixture();
    const s = await openSession(f.uri);
    try {
      await s.change(f.uri, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'First 99.\n' }]);
      await s.diagnosticsFor(f.uri, 2);
      assertRefused(s, await label(s, { uri: f.uri, id: '1', op: 'mark', value: '99', offset: 'First '.length }), /unsaved changes/);
      assert.ok(!existsSync(f.gold));
      await s.change(f.uri, 3, [{ range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } }, text: '' }]);
      await s.diagnosticsFor(f.uri, 3);
      assert.deepEqual(await label(s, { uri: f.uri, ...mark360 }), { ok: { goldFile: f.gold } });
    } finally {
      await s.close();
    }
  });

  test('a trace deleted from disk, or its folder, is not labelled and no folder is recreated', async () => {
    const f = fixture();
    const s = await openSession(f.uri);
    try {
      unlinkSync(f.file);
      assertRefused(s, await label(s, { uri: f.uri, ...mark360 }), /no longer on disk/);
      assert.deepEqual(readdirSync(f.dir), []);
      rmSync(f.dir, { recursive: true });
      assertRefused(s, await label(s, { uri: f.uri, ...mark360 }), /no longer on disk/);
      assert.ok(!existsSync(f.dir));
    } finally {
      await s.close();
    }
  });
});

describe('two servers labelling one trace', () => {
  test('no label is lost; a lock and temp files left by a killed process do not stop the next label', async () => {
    const records = Array.from({ length: 24 }, (_, i) =>
      [`=== r${i}`, `query: Calculate ${i} + 1.`, `answer: ${i + 1}`, '---', `Adding one: ${i} + 1 = ${i + 1}.`, ''].join('\n'),
    );
    const many = records.join('');
    const f = fixture('many.trace', many);
    const a = await openSession(f.uri, many);
    const b = await openSession(f.uri, many);
    try {
      // A dead process's lock and temp file, as a SIGKILL mid-write leaves them.
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
      writeFileSync(`${f.gold}.lock`, JSON.stringify({ pid: Number(dead), host: hostname() }));
      const temp = join(f.dir, `.many.trace.gold.jsonl.${dead}.abc123.tmp`);
      writeFileSync(temp, 'half');
      const offset = 'Adding one: '.length;
      const replies = await Promise.all(
        records.map((_, i) => label(i % 2 ? b : a, { uri: f.uri, id: `r${i}`, op: 'mark', value: String(i), offset })),
      );
      assert.deepEqual(
        replies.filter((r) => !('ok' in r)),
        [],
      );
      const labelled = parseGoldFile(readFileSync(f.gold, 'utf8')).records;
      assert.equal(labelled.size, records.length, 'every label is in the gold file');
      assert.ok(!existsSync(`${f.gold}.lock`), 'the lock is released');
      assert.ok(!existsSync(temp), "the dead process's temp file is removed");
      assert.equal(readFileSync(f.file, 'utf8'), many);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
