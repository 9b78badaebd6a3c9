// The language server as clients other than VS Code drive it (Neovim, Helix, Emacs eglot, Sublime
// LSP), over a real JSON-RPC connection: a configuration request left unanswered, settings in
// other shapes, capabilities not announced (refreshSupport, codeActionLiteralSupport, markdown
// hovers), the LSP lifecycle, odd didChange ranges, inlay hint ranges, buffer text that differs
// from the file on disk only in line breaks, BOM or final newline, and languages not read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ConfigurationRequest,
  InitializeRequest,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type DocumentSymbol,
  type Hover,
  type InlayHint,
} from 'vscode-languageserver-protocol';
import { parseGoldFile } from '../../server/src/trace/gold.js';
import { parseTrace } from '../../server/src/trace/parse.js';
import { labelTrace } from './labelTrace.js';
import { LspSession } from './lspSession.js';

// multi.trace plus a record whose reading hangs on "Wait" (configuration.test.ts): two attempts
// with the default lexicon, one with a lexicon without "Wait".
const text = `${readFileSync('test/fixtures/lsp/multi.trace', 'utf8')}=== w1\nquery: Calculate 12 * 34.\nanswer: 408\n---\n12 * 34 = 418\nWait, 12 * 30 = 360 and 12 * 4 = 48.\n360 + 48 = 408\n`;
const noWait = { markers: ['Let me double-check', 'Hmm'] };
const attemptsOfW1 = async (s: LspSession, uri: string): Promise<number> => {
  const symbols: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  return symbols.find((x) => x.name === '=== w1')!.children!.length;
};
/** A client of another editor: configuration as given, nothing else announced. */
const bare = (configuration: boolean): ClientCapabilities => ({ workspace: { configuration } });
const withinMs = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
/** Log lines the server writes (window/logMessage), kept by the session. */
const logsOf = (s: LspSession): string[] => {
  const logs: string[] = [];
  s.conn.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  return logs;
};

describe('a client that does not answer workspace/configuration (in time)', () => {
  let s: LspSession;
  const uri = 'file:///work/hang/multi.trace';
  const late: ((answer: unknown[]) => void)[] = [];
  let logs: string[];
  before(async () => {
    s = new LspSession();
    logs = logsOf(s);
    // Announces workspace.configuration, and keeps every answer back until the test gives it.
    s.conn.onRequest(
      ConfigurationRequest.type,
      (p) => new Promise<unknown[]>((resolve) => late.push(() => resolve(p.items.map(() => noWait)))),
    );
    await s.initialize();
  });
  after(() => s.close());

  test('requests and diagnostics do not wait for it: the defaults are used after a short timeout, logged once', async () => {
    await s.open(uri, text);
    await withinMs(s.diagnosticsFor(uri, 1), 10_000, 'diagnostics');
    assert.equal(await withinMs(attemptsOfW1(s, uri), 10_000, 'documentSymbol'), 2, 'the default lexicon (with "Wait")');
    const hover: Hover | null = await withinMs(
      s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } }),
      10_000,
      'hover',
    );
    assert.ok(hover);
    // Answered while workspace/configuration still is not: the requests did not wait for it.
    assert.ok(late.length > 0, 'workspace/configuration still unanswered');
    assert.equal(logs.filter((l) => /workspace\/configuration not answered within/.test(l)).length, 1, logs.join('\n'));
  });

  test('the answer, when it comes, is applied and the document published again', async () => {
    const published = s.published.get(uri) ?? 0;
    for (const answer of late.splice(0)) answer([]);
    await s.diagnostics(uri, () => (s.published.get(uri) ?? 0) > published);
    assert.equal(await attemptsOfW1(s, uri), 1, 'the late answer\'s lexicon (without "Wait")');
  });
});

describe('settings in the shapes other clients send', () => {
  const uri = 'file:///work/shapes/multi.trace';
  /** Attempts of w1 when the client answers workspace/configuration with `answer` (or fails it), after `pushed`. */
  const read = async (opts: {
    answer?: unknown;
    fail?: boolean;
    pull?: boolean;
    pushed?: unknown;
    initializationOptions?: unknown;
  }): Promise<{ attempts: number; logs: string[] }> => {
    const s = new LspSession();
    const logs = logsOf(s);
    s.conn.onRequest(ConfigurationRequest.type, (p) => {
      if (opts.fail) throw new Error('MethodNotFound');
      return p.items.map(() => opts.answer);
    });
    try {
      await s.initialize({ capabilities: bare(opts.pull ?? true), initializationOptions: opts.initializationOptions });
      if (opts.pushed !== undefined) await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: opts.pushed });
      await s.open(uri, text);
      await s.diagnosticsFor(uri, 1);
      return { attempts: await attemptsOfW1(s, uri), logs };
    } finally {
      await s.close();
    }
  };

  test('the section itself (VS Code), nested one level, or dotted keys', async () => {
    assert.equal((await read({ answer: noWait })).attempts, 1);
    assert.equal((await read({ answer: { reflectionLens: noWait, otherServer: { x: 1 } } })).attempts, 1);
    assert.equal((await read({ answer: { 'reflectionLens.markers': noWait.markers } })).attempts, 1);
  });

  test('initializationOptions, for a client that neither answers nor pushes', async () => {
    assert.equal((await read({ pull: false, initializationOptions: { reflectionLens: noWait } })).attempts, 1);
    assert.equal((await read({ pull: false, initializationOptions: noWait })).attempts, 1);
  });

  test('pushed settings win over a null answer and a failed request (logged as such)', async () => {
    const pushed = { reflectionLens: noWait };
    assert.equal((await read({ answer: null, pushed })).attempts, 1);
    const failed = await read({ fail: true, pushed });
    assert.equal(failed.attempts, 1);
    assert.ok(
      failed.logs.some((l) => /configuration failed .*using the settings pushed by the client/.test(l)),
      failed.logs.join('\n'),
    );
  });

  test('what cannot be used is logged, and the defaults stand', async () => {
    const garbage = await read({ answer: 'garbage' });
    assert.equal(garbage.attempts, 2);
    assert.ok(
      garbage.logs.some((l) => /not used: "garbage"/.test(l)),
      garbage.logs.join('\n'),
    );
    const unknown = await read({ answer: { marker: ['Hmm'] } });
    assert.equal(unknown.attempts, 2);
    assert.ok(
      unknown.logs.some((l) => /not used: reflectionLens\.marker\b/.test(l)),
      unknown.logs.join('\n'),
    );
  });
});

describe('what a client announced', () => {
  const uri = 'file:///work/caps/multi.trace';
  test('workspace/*/refresh only to a client with refreshSupport', async () => {
    for (const refreshSupport of [false, true]) {
      const s = new LspSession();
      const asked: string[] = [];
      s.conn.onRequest('workspace/semanticTokens/refresh', () => void asked.push('semanticTokens'));
      s.conn.onRequest('workspace/inlayHint/refresh', () => void asked.push('inlayHint'));
      try {
        const caps: ClientCapabilities = { workspace: { configuration: true } };
        if (refreshSupport) Object.assign(caps.workspace!, { semanticTokens: { refreshSupport }, inlayHint: { refreshSupport } });
        await s.initialize({ capabilities: caps });
        await s.open(uri, text);
        await s.diagnosticsFor(uri, 1);
        await s.changeSettings(noWait);
        await s.change(uri, 2, []);
        await s.diagnosticsFor(uri, 2);
        assert.deepEqual(asked.sort(), refreshSupport ? ['inlayHint', 'semanticTokens'] : []);
      } finally {
        await s.close();
      }
    }
  });

  test('hover in plain text when the client takes no markdown', async () => {
    const s = new LspSession();
    try {
      await s.initialize({
        capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['plaintext'] } } },
      });
      await s.open(uri, text);
      await s.diagnosticsFor(uri, 1);
      const h: Hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
      const c = h.contents as { kind: string; value: string };
      assert.equal(c.kind, 'plaintext');
      assert.doesNotMatch(c.value, /\*\*|`|\|:?--/);
      assert.match(c.value, /^Record /);
    } finally {
      await s.close();
    }
  });
});

describe('code actions for other clients', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-clients-'));
  const file = join(dir, 'runs.trace');
  writeFileSync(file, labelTrace);
  const candidate = { line: 5, character: 'So the answer is '.length + 1 };
  const actions = async (s: LspSession, uri: string): Promise<(CodeAction | Command)[]> =>
    s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: candidate, end: candidate },
      context: { diagnostics: [] },
    });

  test('a client without codeActionLiteralSupport gets Command[], which label', async () => {
    const s = new LspSession();
    try {
      await s.initialize({ capabilities: bare(true) });
      const uri = pathToFileURL(file).href;
      await s.open(uri, labelTrace);
      await s.diagnosticsFor(uri, 1);
      const got = (await actions(s, uri)) as Command[];
      assert.equal(got.length, 2);
      for (const c of got) {
        assert.equal(typeof c.command, 'string');
        assert.equal(c.command, 'reflectionLens.label');
      }
      await s.conn.sendRequest('workspace/executeCommand', { command: got[1].command, arguments: got[1].arguments });
      assert.equal(parseGoldFile(readFileSync(`${file}.gold.jsonl`, 'utf8')).records.get('1')?.candidates.length, 2);
    } finally {
      await s.close();
    }
  });

  test('documents that are not files (untitled:, fugitive:, zipfile:) are offered no label actions', async () => {
    const s = new LspSession();
    try {
      await s.initialize();
      for (const uri of ['untitled:Untitled-1', 'fugitive:///repo/.git//0/runs.trace', 'zipfile:///a.zip::runs.trace']) {
        await s.open(uri, labelTrace);
        await s.diagnosticsFor(uri, 1);
        assert.deepEqual(await actions(s, uri), [], uri);
      }
    } finally {
      await s.close();
    }
  });
});

describe('buffer text that differs from the file on disk without an edit', () => {
  const lf = labelTrace;
  const cases: [string, string, string][] = [
    ['CRLF on disk, LF in the buffer (Emacs)', lf.replace(/\n/g, '\r\n'), lf],
    ['CRLF on disk and in the buffer', lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r\n')],
    ['a BOM on disk, none in the buffer (Vim)', `\ufeff${lf}`, lf],
    ['a BOM on disk and in the buffer', `\ufeff${lf}`, `\ufeff${lf}`],
    ['no final newline on disk, one in the buffer', lf.replace(/\n$/, ''), lf],
  ];
  for (const [name, disk, buffer] of cases) {
    test(`${name}: labelled, with offsets right for the file on disk (eval-segmentation: 0 disagreements)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rl-eol-'));
      const file = join(dir, 'runs.trace');
      writeFileSync(file, disk);
      const uri = pathToFileURL(file).href;
      const s = new LspSession();
      try {
        await s.initialize();
        await s.open(uri, buffer);
        await s.diagnosticsFor(uri, 1);
        for (const [line, character] of [
          [5, 'So the answer is '.length + 1],
          [7, 'So the answer is '.length + 1],
        ]) {
          const [, answers] = (await s.conn.sendRequest('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: { line, character }, end: { line, character } },
            context: { diagnostics: [] },
          })) as CodeAction[];
          await s.conn.sendRequest('workspace/executeCommand', answers.command);
        }
      } finally {
        await s.close();
      }
      const gold = parseGoldFile(readFileSync(`${file}.gold.jsonl`, 'utf8')).records.get('1')!;
      assert.deepEqual(
        gold.candidates.map((c) => c.value),
        ['418', '408'],
      );
      // The offsets point at the values in the record's body as the file on disk reads.
      const body = parseTrace(readFileSync(file, 'utf8')).records[0].body;
      for (const c of gold.candidates) assert.equal(body.slice(c.offset, c.offset + c.value.length), c.value);
      const cli = spawnSync(process.execPath, ['dist/cli.js', 'eval-segmentation', file, '--all'], { encoding: 'utf8' });
      assert.match(cli.stdout, /disagreements \(0\)/, cli.stdout + cli.stderr);
    });
  }
});

describe('lifecycle', () => {
  test('a request before initialize is refused with ServerNotInitialized (-32002)', async () => {
    const s = new LspSession();
    try {
      await assert.rejects(
        s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///x.trace' } }),
        (e: { code: number }) => e.code === -32002,
      );
      await s.initialize();
    } finally {
      await s.close();
    }
  });

  test('requests after shutdown, and a second shutdown, are refused with InvalidRequest (-32600)', async () => {
    const s = new LspSession();
    try {
      await s.initialize();
      await s.open('file:///work/life/multi.trace', text);
      assert.equal(await s.conn.sendRequest('shutdown'), null);
      const invalid = (e: { code: number }) => e.code === -32600;
      await assert.rejects(
        s.conn.sendRequest('textDocument/hover', {
          textDocument: { uri: 'file:///work/life/multi.trace' },
          position: { line: 1, character: 1 },
        }),
        invalid,
      );
      await assert.rejects(s.conn.sendRequest('shutdown'), invalid);
      await assert.rejects(s.conn.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} }), invalid);
    } finally {
      await s.close();
    }
  });
});

describe('sync and ranges', () => {
  let s: LspSession;
  before(async () => {
    s = new LspSession();
    await s.initialize();
  });
  after(() => s.close());

  test('a reversed didChange range is read with its ends swapped (as vscode-languageserver-textdocument)', async () => {
    // One file name (the model name of a record without one is the file's): two folders.
    const uri = 'file:///work/sync/a/multi.trace';
    const twin = 'file:///work/sync/b/multi.trace';
    await s.open(uri, text);
    const range = { start: { line: 5, character: 7 }, end: { line: 5, character: 2 } };
    await s.change(uri, 2, [{ range, text: 'X' }]);
    const expected = TextDocument.update(TextDocument.create(uri, 'trace', 1, text), [{ range, text: 'X' }], 2).getText();
    assert.notEqual(expected, text);
    await s.open(twin, expected);
    await s.diagnosticsFor(uri, 2);
    await s.diagnosticsFor(twin, 1);
    const symbols = (u: string): Promise<DocumentSymbol[]> =>
      s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.deepEqual(await symbols(uri), await symbols(twin));
    const stats = (await s.conn.sendRequest('reflectionLens/documentStats', { uri })) as { textLength: number };
    assert.equal(stats.textLength, expected.length);
  });

  test('inlay hints are filtered by the requested range, columns included', async () => {
    const uri = 'file:///work/sync/hints.trace';
    await s.open(uri, text);
    await s.diagnosticsFor(uri, 1);
    const hints = (start: { line: number; character: number }, end: { line: number; character: number }): Promise<InlayHint[]> =>
      s.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start, end } });
    const all = await hints({ line: 0, character: 0 }, { line: 10_000, character: 0 });
    assert.ok(all.length > 0);
    const { line, character } = all[0].position;
    assert.deepEqual(
      await hints({ line, character }, { line, character }),
      all.filter((h) => h.position.line === line && h.position.character === character),
    );
    const cut = await hints({ line, character: 0 }, { line, character: Math.max(0, character - 1) });
    assert.ok(!cut.some((h) => h.position.line === line && h.position.character >= character), JSON.stringify(cut));
  });
});

describe('languages', () => {
  test('a document in a language the server does not read gets nothing; language jsonl is read as JSONL', async () => {
    const s = new LspSession();
    try {
      await s.initialize();
      const py = 'file:///work/lang/x.py';
      await s.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: py, languageId: 'python', version: 1, text: 'print(1)\n' },
      });
      const rollout = 'file:///work/lang/rollouts.ndjson';
      const line = JSON.stringify({ question: 'What is 21 * 3?', responses: ['21*3 = 63. The answer is 63.'], gt: '63' });
      await s.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: rollout, languageId: 'jsonl', version: 1, text: `${line}\n` },
      });
      const trace = 'file:///work/lang/multi.trace';
      await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: trace, languageId: 'trace', version: 1, text } });
      await s.diagnosticsFor(rollout, 1);
      await s.diagnosticsFor(trace, 1);
      assert.equal(s.published.get(py), undefined, 'nothing published for python');
      assert.deepEqual(await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: py } }), []);
      const symbols: DocumentSymbol[] = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: rollout } });
      assert.ok(symbols.length > 0 && symbols.every((x) => x.name.startsWith('line 1: ')), JSON.stringify(symbols.map((x) => x.name)));
    } finally {
      await s.close();
    }
  });
});
