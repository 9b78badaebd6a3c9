// tiny-lm training throughput per TensorFlow.js backend, side by side in one run.
//
// For each backend (a child process each: tfjs backends are process-global) it times
//   update:  GRPO updates (clipped ratio + low_var_kl loss, global-norm clip, Adam) on a fixed
//            batch of the default tiny-lm config's shape; the loss is read back every
//            TINYLM_BENCH_READ_EVERY steps (default 1, as the earlier H100 measurement that
//            docs/tiny-lm.md compares with read it). Same work as
//            bench/tinylm_reference.py does in PyTorch, so the two tokens/s compare directly.
//   baseline: the same with the other matmul mode (model.ts): wasm/cpu train with explicit-
//            transpose matmuls (tfjs-wasm's transposed matMul is slow: docs/tiny-lm.md), GPU backends with tf.matMul's own
//            gradient and fused linear layers (fewer kernel dispatches); each is timed against the other.
//   grpo:    whole GRPO steps through trainTinyLm (sampling the rollouts included), median step.
// Prints one table and the ratios against the first backend, plus a JSON line per backend
// (`TINYLM_BENCH {...}`) that bench/device-tinylm.sh collects.
//   node --import tsx bench/tinylm.bench.ts                 # here: wasm vs cpu
//   TINYLM_BENCH_BACKENDS=webgpu,wasm node tinylm.bench.mjs # the device script's bundle
// Env: TINYLM_BENCH_BACKENDS (default wasm,cpu), TINYLM_BENCH_STEPS (update steps, default 20;
// the cpu backend runs a quarter), TINYLM_BENCH_SHAPE=default|facts (facts: 2 layers, d_model
// 128, 4 heads, T=32, batch 64: the shape of the team's earlier H100 measurement, PyTorch eager
// 316k training tokens/s vs tfjs-WebGPU 4.8k, see docs/tiny-lm.md), TINYLM_BENCH_GRPO_STEPS
// (default 4; 0 skips).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { selectBackend } from '../server/src/training/backend.js';
import { Layout, VOCAB_SIZE } from '../server/src/training/multiplication.js';
import { Adam } from '../server/src/training/tinylm/adam.js';
import { DEFAULT_CONFIG } from '../server/src/training/tinylm/config.js';
import { initParams, makeModel, matmulModeFor, type MatmulMode, type ModelShape } from '../server/src/training/tinylm/model.js';
import { tokenLogp } from '../server/src/training/tinylm/objectives.js';
import { trainTinyLm } from '../server/src/training/tinylm/train.js';
import { grpoUpdate } from '../server/src/training/tinylm/update.js';

interface Shape {
  name: string;
  layers: number;
  dModel: number;
  heads: number;
  mlpRatio: number;
  seqLength: number;
  batch: number;
}
interface Result {
  backend: string;
  detail: string;
  shape: Shape;
  mode: MatmulMode;
  update: Timing;
  baseline: Timing & { mode: MatmulMode };
  grpo: { stepsPerSec: number; tokensPerSec: number } | null;
}
/** cpuSeconds: this process's CPU time (user + system): on a shared, oversubscribed machine it tracks the work better than the wall clock. */
interface Timing {
  steps: number;
  seconds: number;
  cpuSeconds: number;
  stepsPerSec: number;
  tokensPerSec: number;
  tokensPerCpuSec: number;
}

const env = process.env;
const d = DEFAULT_CONFIG;
const defaultLayout = new Layout([...d.tasks, ...d.oodTasks], d.maxAttempts);
const SHAPES: Record<string, Shape> = {
  default: {
    name: 'default tiny-lm config',
    layers: d.layers,
    dModel: d.dModel,
    heads: d.heads,
    mlpRatio: d.mlpRatio,
    seqLength: defaultLayout.seqLength,
    batch: (d.groupSize * d.promptsPerStep) / d.miniBatches,
  },
  facts: { name: 'earlier H100 measurement shape', layers: 2, dModel: 128, heads: 4, mlpRatio: 4, seqLength: 32, batch: 64 },
};
const shape = SHAPES[env.TINYLM_BENCH_SHAPE ?? 'default'];
if (!shape) throw new Error(`TINYLM_BENCH_SHAPE must be ${Object.keys(SHAPES).join(' or ')}`);

if (process.argv[2] === '--child') {
  console.log('TINYLM_BENCH ' + JSON.stringify(await child(process.argv[3])));
} else main();

function main(): void {
  const backends = (env.TINYLM_BENCH_BACKENDS ?? 'wasm,cpu').split(',').filter(Boolean);
  const results: Result[] = [];
  for (const b of backends) {
    process.stderr.write(`tiny-lm bench: ${b}...\n`);
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--child', b], {
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 20 * 60_000,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('TINYLM_BENCH '));
    if (!line) {
      console.log(`${b}: failed (exit ${r.status}${r.error ? ', ' + r.error.message : ''})`);
      continue;
    }
    console.log(line);
    results.push(JSON.parse(line.slice('TINYLM_BENCH '.length)) as Result);
  }
  if (!results.length) process.exit(1);
  console.log(
    `\ntiny-lm training throughput, ${shape.name}: ${shape.layers} layers, d_model ${shape.dModel}, ${shape.heads} heads, T=${shape.seqLength}, batch ${shape.batch}, vocab ${VOCAB_SIZE}`,
  );
  const base = results[0];
  const row = (cols: string[]) => console.log(cols.map((c, i) => (i === 0 ? c.padEnd(8) : c.padStart(19))).join(''));
  row(['backend', 'update tok/s', 'update tok/CPU-s', 'updates/s', 'other-mode tok/s', 'GRPO-step tok/s', `vs ${base.backend}`]);
  for (const r of results) {
    row([
      r.backend,
      r.update.tokensPerSec.toFixed(0),
      r.update.tokensPerCpuSec.toFixed(0),
      r.update.stepsPerSec.toFixed(2),
      r.baseline.tokensPerSec.toFixed(0),
      r.grpo ? r.grpo.tokensPerSec.toFixed(0) : '-',
      (r.update.tokensPerSec / base.update.tokensPerSec).toFixed(2) + 'x',
    ]);
  }
  for (const r of results)
    console.log(
      `${r.backend} (${r.detail}): trains with ${r.mode} matmuls, ${(r.update.tokensPerSec / r.baseline.tokensPerSec).toFixed(2)}x the ${r.baseline.mode} mode by wall clock, ${(r.update.tokensPerCpuSec / r.baseline.tokensPerCpuSec).toFixed(2)}x by CPU time`,
    );
  torchOnThisMachine(results);
}

/**
 * The same-shape PyTorch reference (bench/tinylm_reference.py) on this machine's CPU, when a
 * Python with torch is found (TINYLM_BENCH_PYTHON, else python3, else /usr/bin/python3): the
 * CPU counterpart of the device script's GPU comparison. Skipped in the device bundle (the
 * device script runs the reference itself) and with TINYLM_BENCH_TORCH=0.
 */
function torchOnThisMachine(results: Result[]): void {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'tinylm_reference.py');
  if (env.TINYLM_BENCH_TORCH === '0' || !existsSync(script)) return;
  const python = [env.TINYLM_BENCH_PYTHON, 'python3', '/usr/bin/python3'].find(
    (p) => p && spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0,
  );
  if (!python) return void console.log('PyTorch reference: no Python with torch here (TINYLM_BENCH_PYTHON=... to name one)');
  const like = join(mkdtempSync(join(tmpdir(), 'tinylm-bench-')), 'tfjs.txt');
  writeFileSync(like, `TINYLM_BENCH ${JSON.stringify(results[0])}\n`);
  const steps = Math.max(10, Math.round(Number(env.TINYLM_BENCH_STEPS ?? 20) * 3));
  const r = spawnSync(python, [script, '--like', like, '--device', 'cpu', '--steps', String(steps)], {
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  rmSync(dirname(like), { recursive: true, force: true });
  const line = r.stdout?.split('\n').find((l) => l.startsWith('TINYLM_REFERENCE {'));
  if (!line) return void console.log(`PyTorch reference failed: ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').pop()}`);
  const ref = JSON.parse(line.slice('TINYLM_REFERENCE '.length)) as { framework: string; device: string; tokensPerSec: number };
  console.log(`PyTorch reference (${ref.framework}, ${ref.device}), same shape and update: ${ref.tokensPerSec.toFixed(0)} tokens/s`);
  for (const x of results) console.log(`  tfjs-${x.backend} / PyTorch-cpu: ${(x.update.tokensPerSec / ref.tokensPerSec).toFixed(2)}x`);
}

async function child(backendName: string): Promise<Result> {
  const choice = await selectBackend(backendName);
  const slow = choice.name === 'cpu';
  const steps = Math.max(2, Math.round(Number(env.TINYLM_BENCH_STEPS ?? 20) / (slow ? 4 : 1)));
  const mode = matmulModeFor(choice.name),
    other: MatmulMode = mode === 'native' ? 'explicit-transpose' : 'native';
  const update = await timeUpdates(choice.tf, steps, mode);
  const baseline = await timeUpdates(choice.tf, steps, other);
  const grpoSteps = Number(env.TINYLM_BENCH_GRPO_STEPS ?? 4);
  const grpo = grpoSteps > 0 && env.TINYLM_BENCH_SHAPE !== 'facts' ? await timeGrpo(backendName, slow ? 2 : grpoSteps) : null;
  return { backend: choice.name, detail: choice.detail, shape, mode, update, baseline: { ...baseline, mode: other }, grpo };
}

/** GRPO updates on a fixed random batch, the exact code path of training (update.ts). */
async function timeUpdates(tf: Awaited<ReturnType<typeof selectBackend>>['tf'], steps: number, mode: MatmulMode): Promise<Timing> {
  const T = shape.seqLength,
    B = shape.batch;
  const ids = Array.from({ length: T }, (_, i) => i);
  const mshape: ModelShape = {
    vocab: VOCAB_SIZE,
    seqLength: T,
    slots: ids,
    segments: ids.map(() => 0),
    dModel: shape.dModel,
    heads: shape.heads,
    layers: shape.layers,
    mlpRatio: shape.mlpRatio,
  };
  const model = makeModel(tf, mshape, mode);
  const params = initParams(tf, mshape, 1);
  const consts = { targetBias: tf.keep(tf.zeros([1, T - 1, VOCAB_SIZE])) };
  const adam = new Adam(tf, 1e-4);
  const readEvery = Number(env.TINYLM_BENCH_READ_EVERY ?? 1);
  const tokens = tf.keep(tf.randomUniform([B, T], 0, VOCAB_SIZE, 'int32', 7));
  const mask = tf.keep(tf.ones([B, T - 1]));
  const advantages = tf.keep(tf.randomNormal([B, 1], 0, 1, 'float32', 8));
  const oldLogp = tf.keep(tf.tidy(() => tokenLogp(tf, model, params, tokens, consts, mask)));
  const batch = { tokens, mask, count: B * (T - 1), advantages, oldLogp, refLogp: oldLogp };
  const learner = { tf, model, params, adam, consts, gradClip: 1 };
  const knobs = { clipRatio: 0.2, klLossCoef: 0.001, klType: 'low_var_kl' as const };
  // Warm-up: kernel compilation (WebGPU shaders), Adam's moment allocation.
  for (let i = 0; i < 2; i++) {
    const s = grpoUpdate(learner, batch, knobs);
    await s.data();
    s.dispose();
  }
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) {
    const s = grpoUpdate(learner, batch, knobs);
    if ((i + 1) % readEvery === 0 || i === steps - 1) await s.data();
    s.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0),
    cpuSeconds = (cpu.user + cpu.system) / 1e6;
  for (const t of [tokens, mask, advantages, oldLogp, consts.targetBias]) t.dispose();
  for (const v of params.values()) v.dispose();
  adam.dispose();
  model.dispose();
  return {
    steps,
    seconds,
    cpuSeconds,
    stepsPerSec: steps / seconds,
    tokensPerSec: (steps * B * T) / seconds,
    tokensPerCpuSec: (steps * B * T) / cpuSeconds,
  };
}

/** Whole GRPO steps (rollout sampling, old/ref log-probs, mini-batch updates) through trainTinyLm. */
async function timeGrpo(backend: string, steps: number): Promise<{ stepsPerSec: number; tokensPerSec: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tinylm-bench-'));
  const times: number[] = [];
  try {
    await trainTinyLm(
      { backend, steps: steps + 1, warmupSteps: 0, evalSize: 1, evalEvery: 1000, checkpointEvery: 1000 },
      {
        runDir: dir,
        signal: new AbortController().signal,
        log: () => {},
        emit: (m) => {
          if (m.phase === 'grpo' && m.step > 0) {
            times.push(m.stepSeconds as number);
          }
        },
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const rows = d.groupSize * d.promptsPerStep;
  return { stepsPerSec: 1 / median, tokensPerSec: (rows * defaultLayout.seqLength) / median };
}
