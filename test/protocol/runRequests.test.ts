// The training requests the extension sends instead of reading run folders itself
// (reflectionLens/listRuns, readRun, checkRunConfig, verlLaunch; protocol/methods.ts), over a real
// JSON-RPC connection to dist/server.js. Oracles: the CLI on the same folders (`train --list
// --json`, the run's own files, the export's launch script).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResponseError } from 'vscode-languageserver/node';
import { checkRunConfigRequest, listRunsRequest, readRunRequest, verlLaunchRequest } from '../../protocol/methods.js';
import { LspSession } from './lspSession.js';

const skip = existsSync('dist/server.js') && existsSync('dist/cli.js') ? undefined : 'dist/ is not built (npm run build)';

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('run folders, run configs and the verl launch over JSON-RPC', { skip }, () => {
  let root: string;
  let lsp: LspSession;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'rl-runreq-'));
    cli('train', '--policy', 'ds3', '--steps', '6', '--out', join(root, 'runs', 'a'));
    cli('train', '--policy', 'ds3', '--steps', '3', '--seed', '2', '--out', join(root, 'runs', 'b'));
    mkdirSync(join(root, 'runs', 'not-a-run'));
    lsp = new LspSession();
    await lsp.initialize();
  });
  after(async () => {
    await lsp?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('listRuns lists what `train --list` lists; a missing folder has no runs', async () => {
    const runs = await lsp.conn.sendRequest(listRunsRequest, { root: join(root, 'runs') });
    const fromCli = (
      JSON.parse(cli('train', '--list', join(root, 'runs'), '--json')) as {
        runs: { dir: string; status: { state: string; step: number } }[];
      }
    ).runs;
    assert.deepEqual(
      runs.map((r) => [r.dir, r.status?.state, r.status?.step]),
      fromCli.map((r) => [r.dir, r.status.state, r.status.step]),
    );
    assert.deepEqual(runs.map((r) => r.name).sort(), ['a', 'b']);
    assert.deepEqual(await lsp.conn.sendRequest(listRunsRequest, { root: join(root, 'nothing-here') }), []);
  });

  test('readRun answers the config, the status and every metrics line; metrics: false only the first two', async () => {
    const dir = join(root, 'runs', 'a');
    const r = await lsp.conn.sendRequest(readRunRequest, { dir });
    assert.equal(r.config.policy, 'ds3');
    assert.equal(r.status?.state, 'completed');
    const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { step: number });
    assert.deepEqual(
      r.records.map((m) => m.step),
      lines.map((m) => m.step),
    );
    assert.deepEqual(r.bad, []);
    const light = await lsp.conn.sendRequest(readRunRequest, { dir, metrics: false });
    assert.deepEqual([light.records, light.status?.step], [[], r.status?.step]);
    await assert.rejects(lsp.conn.sendRequest(readRunRequest, { dir: join(root, 'runs', 'not-a-run') }), (e: ResponseError<void>) =>
      /no config\.json/.test(e.message),
    );
  });

  test('checkRunConfig checks as the trainer does: typed JSON, files, bad values with the key named', async () => {
    const ok = await lsp.conn.sendRequest(checkRunConfigRequest, { layers: [{ policy: 'ds3' }, '{"steps": 12, "lr": 0.1}'] });
    assert.ok(ok.ok && ok.config.steps === 12 && ok.config.policy === 'ds3', JSON.stringify(ok));
    const bad = await lsp.conn.sendRequest(checkRunConfigRequest, { layers: [{ policy: 'ds3' }, '{"steps": -1}'] });
    assert.ok(!bad.ok && /steps/.test(bad.error), JSON.stringify(bad));
    // The policy's own keys, with the trainer's validators (the Custom… box said nothing to lr -1,
    // then the run failed on it).
    const lr = await lsp.conn.sendRequest(checkRunConfigRequest, { layers: [{ policy: 'ds3' }, '{"steps": 50, "lr": -1}'] });
    assert.ok(!lr.ok && lr.error === 'ds3 config: lr must be a number >= 0, got -1', JSON.stringify(lr));
    const tiny = await lsp.conn.sendRequest(checkRunConfigRequest, { layers: [{ policy: 'tiny-lm' }, '{"groupSize": 0}'] });
    assert.ok(!tiny.ok && /tiny-lm config: "groupSize"/.test(tiny.error), JSON.stringify(tiny));
    // Typed settings: a key no trainer reads is refused with the known keys; steps 1..1,000,000.
    const stepz = await lsp.conn.sendRequest(checkRunConfigRequest, { layers: [{ policy: 'ds3' }, '{"stepz": 3}'] });
    assert.ok(
      !stepz.ok && /^unknown key "stepz" for ds3; known keys: .*\bsteps\b/.test(stepz.error) && /\blr\b/.test(stepz.error),
      JSON.stringify(stepz),
    );
    const tinyKey = await lsp.conn.sendRequest(checkRunConfigRequest, { layers: [{ policy: 'tiny-lm' }, '{"groupsize": 4}'] });
    assert.ok(
      !tinyKey.ok && /unknown key "groupsize" for tiny-lm; known keys: .*\bgroupSize\b/.test(tinyKey.error),
      JSON.stringify(tinyKey),
    );
    for (const steps of ['0', '1e9'])
      for (const policy of ['ds3', 'tiny-lm']) {
        const r = await lsp.conn.sendRequest(checkRunConfigRequest, { layers: [{ policy }, `{"steps": ${steps}}`] });
        assert.ok(!r.ok && /^steps must be an integer from 1 to 1,000,000/.test(r.error), `${policy} ${steps}: ${JSON.stringify(r)}`);
      }
    const million = await lsp.conn.sendRequest(checkRunConfigRequest, {
      layers: [{ policy: 'ds3' }, '{"steps": 1000000, "example": "appendix-c"}'],
    });
    assert.ok(million.ok, JSON.stringify(million));
    const broken = await lsp.conn.sendRequest(checkRunConfigRequest, { layers: ['{"steps": '] });
    assert.ok(!broken.ok && /JSON/i.test(broken.error), JSON.stringify(broken));
    const policy = await lsp.conn.sendRequest(checkRunConfigRequest, { layers: [{ policy: 'gpt' }] });
    assert.ok(!policy.ok && /policy/.test(policy.error), JSON.stringify(policy));
    const file = join(root, 'run.json');
    writeFileSync(file, JSON.stringify({ policy: 'tiny-lm', steps: 4 }));
    const fromFile = await lsp.conn.sendRequest(checkRunConfigRequest, { file, layers: [{ seed: 3 }] });
    assert.ok(fromFile.ok && fromFile.config.policy === 'tiny-lm' && fromFile.config.seed === 3, JSON.stringify(fromFile));
    const missing = await lsp.conn.sendRequest(checkRunConfigRequest, { file: join(root, 'nope.json') });
    assert.ok(!missing.ok && /cannot read run config/.test(missing.error), JSON.stringify(missing));
  });

  test("verlLaunch builds the export's own launch command; a broken verl-config.json is named", async () => {
    const dir = join(root, 'verl');
    cli('verl', 'export', '--out', dir, '--json');
    const read = await lsp.conn.sendRequest(verlLaunchRequest, { dir });
    assert.equal(read.command, '');
    const ray = await lsp.conn.sendRequest(verlLaunchRequest, { dir, mode: 'ray', rayAddress: 'http://head:8265' });
    assert.match(
      ray.command,
      /^ray job submit --address http:\/\/head:8265 -- python3 -m verl\.trainer\.main_ppo algorithm\.adv_estimator=grpo /,
    );
    const local = await lsp.conn.sendRequest(verlLaunchRequest, { dir, mode: 'local' });
    // The generated script runs the same trainer command line (continued over lines with backslashes).
    const script = readFileSync(join(dir, 'run_grpo.sh'), 'utf8').replace(/ \\\n\s*/g, ' ');
    assert.ok(script.includes(local.command), `run_grpo.sh holds ${local.command.slice(0, 80)}...`);
    const config = JSON.parse(readFileSync(join(dir, 'verl-config.json'), 'utf8')) as {
      rayAddress: string;
      overrides: Record<string, unknown>;
    };
    assert.equal(read.rayAddress, config.rayAddress);
    assert.equal(read.rollouts, config.overrides['trainer.rollout_data_dir']);
    writeFileSync(join(dir, 'verl-config.json'), '{"overrides": 3}');
    await assert.rejects(lsp.conn.sendRequest(verlLaunchRequest, { dir, mode: 'local' }), (e: ResponseError<void>) =>
      /verl-config\.json: "overrides" must be an object/.test(e.message),
    );
    await assert.rejects(lsp.conn.sendRequest(verlLaunchRequest.method, { dir, mode: 'slurm' }), (e: ResponseError<void>) =>
      /mode must be/.test(e.message),
    );
  });
});
