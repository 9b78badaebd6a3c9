// The "Run GRPO" quick pick: where to run (locally or on verl), which policy, which settings.
// Defaults are sized to finish in about a minute on a laptop CPU.
import * as vscode from 'vscode';
import { checkRunConfigRequest } from '../../../protocol/methods.js';
import { DS3_DEFAULTS as ds3Defaults, TINYLM_DEFAULTS as tinyLmDefaults } from '../../../protocol/runDefaults.js';
import { requestServer } from '../languageClient.js';

export type LaunchChoice = { kind: 'local'; config: Record<string, unknown> } | { kind: 'verl' };

interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

function pickOne<T>(title: string, items: Item<T>[]): Promise<T | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<Item<T>>();
    qp.title = title;
    qp.items = items;
    qp.matchOnDescription = true;
    // A wizard of up to three steps: a focus blip (a webview restoring its focus) must not
    // throw away the choices made so far. Escape still cancels.
    qp.ignoreFocusOut = true;
    let value: T | undefined;
    qp.onDidAccept(() => {
      value = qp.selectedItems[0]?.value;
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(value);
    });
    qp.show();
  });
}

/**
 * JSON overrides typed by the user, checked before the run starts (a typo is an error here, not
 * in the trainer): the language server checks them as the trainer would, as they are typed.
 */
async function customOverrides(policy: string, example: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const check = (text: string) => requestServer(checkRunConfigRequest, { layers: [{ policy }, text] });
  const text = await vscode.window.showInputBox({
    title: `Run GRPO (${policy}): settings`,
    prompt: 'JSON object of run config keys to change (see docs/training.md)',
    value: JSON.stringify(example),
    ignoreFocusOut: true,
    validateInput: async (v) => {
      const r = await check(v);
      return r.ok ? undefined : r.error;
    },
  });
  if (text === undefined) return undefined;
  // Enter may come before the last validation answered: check once more.
  const r = await check(text);
  if (!r.ok) return void vscode.window.showErrorMessage(`Reflection Lens: ${r.error}`);
  // The typed keys only: the policy's own defaults apply to the rest, as before.
  return JSON.parse(text) as Record<string, unknown>;
}

function backendSetting(): string | undefined {
  const b = vscode.workspace.getConfiguration('reflectionLens').get<string>('training.backend', 'auto');
  return b === 'auto' ? undefined : b;
}

async function ds3Settings(): Promise<Record<string, unknown> | undefined> {
  const d = ds3Defaults;
  const preset = await pickOne<Record<string, unknown> | 'custom'>('Run GRPO (ds3): settings', [
    {
      label: 'Defaults',
      description: `${d.steps} steps · ${d.groups} groups × ${d.n} · lr ${d.lr} · β ${d.beta} (${d.kl} as a ${d.klMode === 'loss' ? 'loss' : 'reward penalty'}) · L ${d.tokens} · reference reset every ${d.refResetEvery}`,
      detail: "The paper's Appendix C policy and reference; a few seconds on a CPU.",
      value: {},
    },
    {
      label: 'Appendix C worked example at step 0',
      description: 'step 0 trains on Sample W, RESAMPLE, Sample C, STOP with A = 0.5',
      detail: "Its metrics line reproduces the paper's push/drag table.",
      value: { example: 'appendix-c' },
    },
    {
      label: 'KL in the reward (Theorem 3.2)',
      description: "k1 as a per-token reward penalty, the setting Appendix C analyses, instead of verl's KL loss",
      value: { kl: 'k1', klMode: 'reward' },
    },
    { label: 'Longer run', description: '1000 steps', value: { steps: 1000 } },
    { label: 'Custom…', description: 'edit the settings as JSON', value: 'custom' },
  ]);
  if (preset === 'custom')
    return customOverrides('ds3', {
      steps: d.steps,
      lr: d.lr,
      beta: d.beta,
      kl: d.kl,
      klMode: d.klMode,
      tokens: d.tokens,
      refResetEvery: d.refResetEvery,
      groups: d.groups,
      n: d.n,
      seed: d.seed,
    });
  return preset;
}

async function tinyLmSettings(): Promise<Record<string, unknown> | undefined> {
  const preset = await pickOne<Record<string, unknown> | 'custom'>('Run GRPO (tiny-lm): settings', [
    {
      label: 'Defaults',
      description: `${tinyLmDefaults.warmupSteps} SFT warm-up steps on reflection data, then ${tinyLmDefaults.steps - tinyLmDefaults.warmupSteps} GRPO steps; train ${tinyLmDefaults.tasks.join(', ')}, OOD ${tinyLmDefaults.oodTasks.join(', ')}`,
      detail: 'Evaluates in and out of distribution and writes the rollouts as .trace files.',
      value: {},
    },
    { label: 'DFT warm-up', description: "each token's loss scaled by its probability", value: { warmupObjective: 'dft' } },
    {
      label: 'Custom…',
      description: 'edit the settings as JSON (n, lr, kl_loss_coef, kl type, clip ratio, max length...)',
      value: 'custom',
    },
  ]);
  const t = tinyLmDefaults;
  if (preset === 'custom') {
    return customOverrides('tiny-lm', {
      steps: t.steps,
      warmupSteps: t.warmupSteps,
      groupSize: t.groupSize,
      lr: t.lr,
      klLossCoef: t.klLossCoef,
      klType: t.klType,
      clipRatio: t.clipRatio,
      maxResponseLength: t.maxResponseLength,
      tasks: [...t.tasks],
      oodTasks: [...t.oodTasks],
    });
  }
  return preset;
}

export async function pickLaunch(): Promise<LaunchChoice | undefined> {
  const where = await pickOne<'ds3' | 'tiny-lm' | 'json' | 'verl'>('Run GRPO', [
    {
      label: '$(beaker) ds3 (local)',
      description: 'three-logit decision-sampling model',
      detail: 'Exact gradients in plain JS: watch the surrogate push and the KL drag (paper Figure 3).',
      value: 'ds3',
    },
    {
      label: '$(circuit-board) tiny-lm (local)',
      description: 'a small transformer that multiplies, then STOPs or RESAMPLEs',
      detail: `TensorFlow.js, backend ${backendSetting() ?? 'auto (fastest that loads)'}; in- and out-of-distribution rollouts as .trace.`,
      value: 'tiny-lm',
    },
    { label: '$(json) From a JSON run config…', description: 'any policy, any key', value: 'json' },
    {
      label: '$(cloud) On verl',
      description: 'the same experiment at scale (Ray)',
      detail: "Exports the task as verl's dataset and runs its launch command.",
      value: 'verl',
    },
  ]);
  if (!where) return undefined;
  if (where === 'verl') return { kind: 'verl' };
  if (where === 'json') {
    const files = await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { 'Run config': ['json'] },
      openLabel: 'Run this config',
    });
    if (!files?.[0]) return undefined;
    const r = await requestServer(checkRunConfigRequest, { file: files[0].fsPath });
    if (!r.ok) {
      void vscode.window.showErrorMessage(r.error);
      return undefined;
    }
    return { kind: 'local', config: r.config };
  }
  const settings = where === 'ds3' ? await ds3Settings() : await tinyLmSettings();
  if (!settings) return undefined;
  const backend = where === 'tiny-lm' ? backendSetting() : undefined;
  return { kind: 'local', config: { policy: where, ...(backend ? { backend } : {}), ...settings } };
}
