// The generated Python reward function, run by a real Python interpreter the way verl calls it
// (keyword arguments), scored against the generator's known final-answer correctness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { rewardFunctionSource } from '../../../server/src/training/verl/rewardFunction.js';
import { generateMultiplicationTraces } from '../../../server/src/trace/generate.js';

const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);

interface Case { solution: string; truth: string; extra?: Record<string, unknown> }

function score(cases: Case[]): { score: number; acc: boolean; pred: string; task: string; ground_truth: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-reward-'));
  try {
    writeFileSync(join(dir, 'reflection_lens_reward.py'), rewardFunctionSource);
    const driver = [
      'import json, sys, importlib.util',
      `spec = importlib.util.spec_from_file_location("custom_module", ${JSON.stringify(join(dir, 'reflection_lens_reward.py'))})`,
      'mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)',
      'out = []',
      'for c in json.load(sys.stdin):',
      '    out.append(mod.compute_score(data_source="multiplication_3x4", solution_str=c["solution"], ground_truth=c["truth"], extra_info=c.get("extra")))',
      'print(json.dumps(out))',
    ].join('\n');
    const r = spawnSync(python!, ['-c', driver], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('reward function: boxed, "answer is", last number, normalization', { skip: python ? false : 'no python3/python on PATH' }, () => {
  const results = score([
    { solution: 'So 12 * 34 = 408.\nThe final answer is \\boxed{408}.', truth: '408' },
    { solution: 'Wait, recompute: \\boxed{407} ... no, \\boxed{\\text{1,234}}', truth: '1234' },
    { solution: 'So the answer is 1,532,256.', truth: '1532256' },
    { solution: 'The answer is 1532256. Let me verify: 528 * 2902 = 1532256', truth: '1532256' },
    { solution: 'Answer: **99**', truth: '100' },
    { solution: 'no number here', truth: '5' },
    { solution: '\\boxed{408.0}', truth: '408' },
    { solution: '\\boxed{-0012}', truth: '-12' },
    { solution: '\\boxed{\\frac{1}{2}}', truth: '\\frac{1}{2}' },
    { solution: 'The answer is 7', truth: '7', extra: { task: '1x1', index: 3 } },
  ]);
  assert.deepEqual(results.map((r) => r.score), [1, 1, 1, 1, 0, 0, 1, 1, 1, 1]);
  assert.deepEqual(results.map((r) => r.pred), ['408', '1234', '1532256', '1532256', '99', '', '408', '-12', '\\frac{1}{2}', '7']);
  assert.equal(results[9].task, '1x1');
  assert.equal(results[0].task, '');
  assert.equal(results[0].acc, true);
  assert.equal(results[2].ground_truth, '1532256');
});

test('reward function agrees with the generator\'s known final answers on 600 multiplication traces', { skip: python ? false : 'no python3/python on PATH' }, () => {
  const traces = [...generateMultiplicationTraces({
    seed: 11,
    models: [{ name: 'm', echoRate: 0.3, tasks: [{ task: '2x3', p: 0.5, delta1: 0.8, delta2: 0.6, n: 300 }, { task: '4x5', p: 0.3, delta1: 0.9, delta2: 0.5, n: 300 }] }],
  })];
  const results = score(traces.map((t) => ({ solution: t.record.body, truth: t.answer })));
  let agree = 0;
  traces.forEach((t, i) => { if ((results[i].score === 1) === t.attempts[t.attempts.length - 1].correct) agree++; });
  const positives = results.filter((r) => r.score === 1).length;
  assert.ok(positives > 50 && positives < 550, `degenerate scores: ${positives}/600 correct`);
  assert.equal(agree, traces.length, `reward disagrees with the generator on ${traces.length - agree} of ${traces.length}`);
});
