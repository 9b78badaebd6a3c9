// The experiment command's child-process side (client/src/experimentProcess.ts): the CLI call it
// makes and how it reads the CLI's progress lines (terminal or plain), without VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { experimentArgs, parseExperimentProgress, reportVerdicts } from '../../client/src/experimentProcess.js';

test('the CLI call: table1 into the folder, --json, --quick and the backend when chosen', () => {
  assert.deepEqual(experimentArgs({ out: '/w/.reflection-lens/experiments/table1', quick: false }), [
    'experiment',
    'table1',
    '--out',
    '/w/.reflection-lens/experiments/table1',
    '--json',
  ]);
  assert.deepEqual(experimentArgs({ out: 'x', quick: true, backend: 'wasm', seeds: 2 }), [
    'experiment',
    'table1',
    '--out',
    'x',
    '--json',
    '--quick',
    '--backend',
    'wasm',
    '--seeds',
    '2',
  ]);
  assert.deepEqual(experimentArgs({ out: 'x', quick: true, backend: 'auto' }), ['experiment', 'table1', '--out', 'x', '--json', '--quick']);
  assert.deepEqual(experimentArgs({ out: 'x', quick: false, config: '/p/plan.json' }), [
    'experiment',
    'table1',
    '--out',
    'x',
    '--json',
    '--config',
    '/p/plan.json',
  ]);
});

test("progress: the newest line of a chunk, with or without the terminal's cursor control", () => {
  const plain =
    'experiment: 12%  seed 1/3  base step 180/1500  ETA 31.5 min  loss 0.52\nexperiment: 37%  seed 2/3  rl step 40/150  ETA 12 min  reward 0.81  loss 0.12\n';
  assert.deepEqual(parseExperimentProgress(plain), { percent: 37, message: 'seed 2/3, rl step 40/150, ETA 12 min' });
  const tty = '\r\x1b[Kexperiment: 5%  seed 1/1  sft-reflection step 3/40';
  assert.deepEqual(parseExperimentProgress(tty), { percent: 5, message: 'seed 1/1, sft-reflection step 3/40' });
  assert.equal(parseExperimentProgress('experiment: seed 1 base: new run  /tmp/x\n'), undefined);
});

test('the verdicts of a finished run come from its --json report; anything else gives none', () => {
  assert.deepEqual(
    reportVerdicts(JSON.stringify({ arms: [], verdicts: [{ id: 'delta2-ood', claim: 'c', verdict: 'holds', text: 't' }] })),
    [{ id: 'delta2-ood', claim: 'c', verdict: 'holds', text: 't' }],
  );
  assert.deepEqual(reportVerdicts(JSON.stringify({ state: 'stopped' })), []);
  assert.deepEqual(reportVerdicts('not json'), []);
});
