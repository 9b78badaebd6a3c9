// Run GRPO "on verl" inside the real extension host: an empty folder gets the export, and the
// launch command built from its verl-config.json runs in a terminal (here through `ray job
// submit`; no verl or Ray is needed for the command to be sent).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('Run GRPO on verl', () => {
  it('exports the task into an empty folder and starts the launch command in a terminal', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rl-verl-ext-')), 'verl-run');
    // Through the registered command: the verl launch command comes from the language server.
    const command = await vscode.commands.executeCommand<string | undefined>('reflectionLens.runGrpo', {
      verl: { exportDir: dir, mode: 'ray', rayAddress: 'http://head:8265' },
    });
    for (const f of ['train.parquet', 'test.parquet', 'reflection_lens_reward.py', 'verl-config.json', 'run_grpo.sh', 'submit_ray.sh'])
      assert.ok(existsSync(join(dir, f)), `${f} written`);
    assert.ok(command, 'a command was sent');
    assert.match(
      command,
      /^ray job submit --address http:\/\/head:8265 -- python3 -m verl\.trainer\.main_ppo algorithm\.adv_estimator=grpo /,
    );
    assert.ok(command.includes(`trainer.rollout_data_dir=${join(dir, 'rollouts')}`));
    const config = JSON.parse(readFileSync(join(dir, 'verl-config.json'), 'utf8'));
    assert.equal(config.overrides['actor_rollout_ref.actor.kl_loss_type'], 'low_var_kl');
    const terminal = vscode.window.terminals.find((t) => t.name === 'verl GRPO (Ray)');
    assert.ok(terminal, 'terminal "verl GRPO (Ray)" is open');
    assert.equal((terminal.creationOptions as vscode.TerminalOptions).cwd, dir);
    terminal.dispose();
  });
});
