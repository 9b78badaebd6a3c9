// One training run as the editor shows it: the trainer child process, a progress notification
// with Cancel (a clean stop), and the charts panel. Finished runs offer the next step: resume a
// stopped run, or calibrate the rollouts a completed run wrote.
import * as vscode from 'vscode';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MetricsRecord, TrainerEvent } from '../../../protocol/runs.js';
import { MetricsBatcher } from './metricsBatcher.js';
import { TrainingPanel } from './panel.js';
import { TrainerProcess, type TrainerLaunch } from './trainerProcess.js';

const LAST_RUN = 'reflectionLens.lastRun';

export interface Outcome {
  state: 'completed' | 'stopped' | 'failed';
  runDir: string | undefined;
  step: number;
  error?: string;
}

export class TrainingSession {
  static readonly active = new Set<TrainingSession>();
  private process: TrainerProcess | undefined;
  runDir: string | undefined;
  /** Resolves when the trainer has exited: how the run ended (failed when the trainer died without saying). */
  readonly finished: Promise<Outcome>;
  private finish!: (o: Outcome) => void;

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private panel: TrainingPanel,
  ) {
    this.finished = new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  /** The panel of the latest run started here: the next run reuses it when it is idle, else opens in its column. */
  private static lastPanel: TrainingPanel | undefined;

  /**
   * Starts a run (new or resumed), reusing `panel` when given, else the previous run's panel when
   * no run is using it (each Run GRPO does not open another editor column).
   */
  static start(context: vscode.ExtensionContext, launch: Omit<TrainerLaunch, 'trainer'>, panel?: TrainingPanel): TrainingSession {
    const last = TrainingSession.lastPanel && !TrainingSession.lastPanel.isDisposed ? TrainingSession.lastPanel : undefined;
    const idle = last && ![...TrainingSession.active].some((s) => s.panel === last) ? last : undefined;
    const chosen = panel && !panel.isDisposed ? panel : (idle ?? TrainingSession.newPanel(context, last?.viewColumn));
    TrainingSession.lastPanel = chosen;
    const session = new TrainingSession(context, chosen);
    session.panel.reveal();
    session.run(launch);
    return session;
  }

  /** A new panel: beside the active editor, or in `column` (where the previous run's panel is). */
  static newPanel(context: vscode.ExtensionContext, column?: vscode.ViewColumn): TrainingPanel {
    const panel: TrainingPanel = new TrainingPanel(
      context,
      'Training',
      (m) => {
        if (m.type === 'stop') for (const s of TrainingSession.active) if (s.panel === panel) s.stop();
        if (m.type === 'resume' && panel.runDir && ![...TrainingSession.active].some((s) => s.panel === panel)) {
          TrainingSession.start(context, { resume: panel.runDir }, panel);
        }
      },
      column,
    );
    return panel;
  }

  static lastRun(context: vscode.ExtensionContext): string | undefined {
    return context.workspaceState.get<string>(LAST_RUN);
  }

  stop(): void {
    this.process?.stop();
  }

  private run(launch: Omit<TrainerLaunch, 'trainer'>): void {
    TrainingSession.active.add(this);
    const trainer = this.context.asAbsolutePath(join('dist', 'trainer.js'));
    let steps = 0;
    let done: Extract<TrainerEvent, { type: 'done' }> | undefined;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Reflection Lens: training', cancellable: true },
      async (progress, token) => {
        // One webview message and one progress update per batch of lines, not per line.
        const batcher = new MetricsBatcher<MetricsRecord>((batch) => {
          this.panel.addMetrics(batch);
          const m = batch[batch.length - 1];
          const backend = typeof m.backend === 'string' ? ` · ${m.backend}` : '';
          progress.report({
            message: `step ${m.step + 1}/${steps}${backend}`,
            increment: steps > 0 ? (100 * batch.length) / steps : undefined,
          });
        });
        const onEvent = (e: TrainerEvent): void => {
          if (e.type === 'start') {
            this.runDir = e.runDir;
            steps = Number(e.config.steps ?? 0);
            void this.context.workspaceState.update(LAST_RUN, e.runDir);
            this.panel.showRun({ runDir: e.runDir, name: basename(e.runDir), policy: String(e.config.policy), steps, live: true });
            progress.report({
              message: e.resumedAt !== null ? `resuming ${basename(e.runDir)} at step ${e.resumedAt}` : `starting ${basename(e.runDir)}`,
            });
          } else if (e.type === 'metrics') {
            batcher.push(e.metrics);
          } else if (e.type === 'log') {
            batcher.flush();
            this.panel.log(e.message);
          } else {
            done = e;
            // The final state goes after the last metrics, so the view ends on the stopping step.
            batcher.dispose();
            // A run that failed at step 0 has no step to resume from.
            this.panel.setState(
              e.state,
              e.error ?? `${e.state} at step ${e.step}/${e.steps}`,
              e.state === 'failed' ? e.step > 0 : undefined,
            );
          }
        };
        this.process = new TrainerProcess({ ...launch, trainer }, onEvent);
        token.onCancellationRequested(() => {
          progress.report({ message: 'stopping after the current step…' });
          this.stop();
        });
        const exit = await this.process.exited;
        batcher.dispose();
        TrainingSession.active.delete(this);
        if (!done) {
          const error = exit.stderr.trim() || `trainer exited with code ${exit.code}`;
          this.panel.setState('failed', error);
          this.finish({ state: 'failed', runDir: this.runDir, step: 0, error });
          void vscode.window.showErrorMessage(`Reflection Lens: training failed: ${error.split('\n').pop()}`);
        } else {
          this.finish({ state: done.state, runDir: done.runDir, step: done.step, ...(done.error ? { error: done.error } : {}) });
          void this.announce(done);
        }
      },
    );
  }

  private async announce(done: Extract<TrainerEvent, { type: 'done' }>): Promise<void> {
    const name = basename(done.runDir);
    if (done.state === 'failed') {
      void vscode.window.showErrorMessage(`Reflection Lens: ${name} failed at step ${done.step}: ${done.error ?? 'unknown error'}`);
    } else if (done.state === 'stopped') {
      // The rollouts written so far can be calibrated as well as those of a completed run.
      const actions = hasRollouts(done.runDir) ? ['Resume', CALIBRATE] : ['Resume'];
      const pick = await vscode.window.showInformationMessage(
        `Reflection Lens: ${name} stopped at step ${done.step}/${done.steps}; a checkpoint is saved.`,
        ...actions,
      );
      if (pick === 'Resume') TrainingSession.start(this.context, { resume: done.runDir }, this.panel);
      if (pick === CALIBRATE) calibrateRollouts(done.runDir);
    } else {
      const pick = await vscode.window.showInformationMessage(`Reflection Lens: ${name} completed ${done.steps} steps.`, CALIBRATE);
      if (pick === CALIBRATE) calibrateRollouts(done.runDir);
    }
  }
}

const CALIBRATE = 'Calibrate rollouts';

function hasRollouts(runDir: string): boolean {
  try {
    return readdirSync(join(runDir, 'rollouts')).length > 0;
  } catch {
    return false;
  }
}

/** The calibration view on a run's `rollouts/` folder. */
function calibrateRollouts(runDir: string): void {
  const rollouts = vscode.Uri.file(join(runDir, 'rollouts'));
  void vscode.commands.executeCommand('reflectionLens.showCalibration', rollouts, [rollouts]);
}
