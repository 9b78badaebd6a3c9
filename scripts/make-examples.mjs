// Regenerates the bundled examples/*.trace from the seeded generator (server/src/trace/generate.ts)
// with the parameters below, so the files are reproducible and their true p, delta1, delta2 known.
// Run: node --import tsx scripts/make-examples.mjs
import { generateMultiplicationTraceText } from '../server/src/trace/generate.ts';
import { writeFileAtomic } from '../server/src/util/atomicWrite.ts';

// Shaped like the paper's Figure 1: RL keeps delta2 up out of distribution; SFT echoes its first
// wrong answer and delta2 collapses. Training distribution: up to 4x4; 5x5 is out of distribution.
const n = 64;
const models = {
  grpo: { echoRate: 0.1, tasks: { '2x2': [0.9, 0.97, 0.85], '3x3': [0.7, 0.95, 0.8], '4x4': [0.45, 0.93, 0.7], '5x5': [0.2, 0.9, 0.55] } },
  sft: { echoRate: 0.8, tasks: { '2x2': [0.88, 0.97, 0.5], '3x3': [0.6, 0.96, 0.3], '4x4': [0.3, 0.95, 0.12], '5x5': [0.08, 0.95, 0.05] } },
};
const spec = (name, tasks) => ({
  name,
  echoRate: models[name].echoRate,
  tasks: tasks.map((task) => {
    const [p, delta1, delta2] = models[name].tasks[task];
    return { task, p, delta1, delta2, n };
  }),
});

const files = {
  'examples/grpo.trace': { seed: 11, firstId: 1, models: [spec('grpo', ['2x2', '3x3', '4x4'])] },
  'examples/sft.trace': { seed: 12, firstId: 1, models: [spec('sft', ['2x2', '3x3', '4x4'])] },
  'examples/ood-5x5.trace': { seed: 13, firstId: 1, models: [spec('grpo', ['5x5']), spec('sft', ['5x5'])] },
};
for (const [path, options] of Object.entries(files)) {
  const text = generateMultiplicationTraceText({ ...options, groupSize: 8 });
  writeFileAtomic(path, text);
  console.log(`${path}: ${(text.length / 1024).toFixed(0)} KB`);
}
