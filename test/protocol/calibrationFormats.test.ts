// The language server's calibration (reflectionLens/calibrate, what the Calibration view and its
// explorer command send) over a real JSON-RPC connection to dist/server.js, on a folder holding
// corpora that are not .trace files: an OpenR1-schema Parquet dataset and an Inspect .eval archive
// (test/fixtures/formats). Both are read through the engine's shared readers, grouped, and agree
// with what `reflection-lens calibrate` reports on the same folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lspSession.js';
import { calibrateRequest } from '../../protocol/methods.js';

const skip = existsSync('dist/server.js') ? undefined : 'dist/server.js is not built (npm run build)';

describe('calibration of Parquet and .eval corpora over JSON-RPC', { skip }, () => {
  let dir: string;
  let lsp: LspSession;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rl-calformats-'));
    copyFileSync('test/fixtures/formats/openr1/train-00000-of-00001.parquet', join(dir, 'openr1.parquet'));
    copyFileSync('test/fixtures/formats/inspect/gsm8k.eval', join(dir, 'gsm8k.eval'));
    lsp = new LspSession();
    await lsp.initialize();
  });
  after(async () => {
    await lsp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("both files are read and grouped; the counts equal the CLI's on the same folder", async () => {
    const r = await lsp.conn.sendRequest(calibrateRequest, { uris: [pathToFileURL(dir).href], bootstrap: 50, seed: 1, horizon: 4 });
    assert.equal(r.filesRead, 2);
    const n = (groups: { model: string; n: number }[], model: RegExp) =>
      groups.filter((g) => model.test(g.model)).reduce((s, g) => s + g.n, 0);
    assert.ok(n(r.result.groups, /openr1/) > 0, `a group from the Parquet file: ${JSON.stringify(r.result.groups.map((g) => g.model))}`);
    assert.ok(
      r.result.groups.some((g) => !/openr1/.test(g.model) && g.n > 0),
      'a group from the .eval archive',
    );
    const cli = spawnSync(process.execPath, ['dist/cli.js', 'calibrate', dir, '--json', '--bootstrap', '50', '--seed', '1'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(cli.status, 0, cli.stderr);
    const fromCli = JSON.parse(cli.stdout) as { groups: { model: string; task: string; n: number }[] };
    const key = (g: { model: string; task: string; n: number }) => `${g.model}/${g.task}:${g.n}`;
    assert.deepEqual(r.result.groups.map(key).sort(), fromCli.groups.map(key).sort());
  });
});
