// The generated Python reward function, run by a real Python interpreter the way verl calls it
// (keyword arguments), scored against the generator's known final-answer correctness, and its
// returned values put through what verl does with them (numpy stacking, json.dumps of the dump).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { rewardFunctionSource } from '../../../server/src/training/verl/rewardFunction.js';
import { generateMultiplicationTraces } from '../../../server/src/trace/generate.js';

// PATH's python3 first (what verl's launch scripts call), then Debian's, which .ci/run gives
// numpy (python3-numpy) on a clean machine where PATH's python3 may be another interpreter.
const candidates = ['python3', 'python', '/usr/bin/python3'];
const works = (exe: string, args: string[]): boolean => spawnSync(exe, args, { stdio: 'ignore' }).status === 0;
const python = candidates.find((p) => works(p, ['--version']));
const numpyPython = candidates.find((p) => works(p, ['-c', 'import numpy']));
const noPython = python ? false : `no python interpreter (${candidates.join(', ')})`;
const noNumpy = numpyPython
  ? false
  : python
    ? `numpy is not installed for ${candidates.filter((p) => works(p, ['--version'])).join(', ')} (Debian: apt-get install python3-numpy, as .ci/run does)`
    : noPython;

/** Runs `body` (Python, with `mod` the loaded reward module and `cases` the JSON input) and parses what it prints. */
function runPython<T>(exe: string, body: string[], input: unknown): T {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-reward-'));
  try {
    writeFileSync(join(dir, 'reflection_lens_reward.py'), rewardFunctionSource);
    const driver = [
      'import json, sys, importlib.util',
      // Loaded the way verl's get_custom_reward_fn loads custom_reward_function.path.
      `spec = importlib.util.spec_from_file_location("custom_module", ${JSON.stringify(join(dir, 'reflection_lens_reward.py'))})`,
      'mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)',
      'cases = json.load(sys.stdin)',
      ...body,
    ].join('\n');
    const r = spawnSync(exe, ['-c', driver], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Case {
  solution: string;
  truth: string;
  extra?: Record<string, unknown>;
}

function score(cases: Case[]): { score: number; acc: number; pred: string; task: string; ground_truth: string }[] {
  return runPython(
    python!,
    [
      'out = []',
      'for c in cases:',
      '    out.append(mod.compute_score(data_source="multiplication_3x4", solution_str=c["solution"], ground_truth=c["truth"], extra_info=c.get("extra")))',
      'print(json.dumps(out))',
    ],
    cases,
  );
}

test('reward function: boxed, "answer is", last number, normalization', { skip: noPython }, () => {
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
  assert.deepEqual(
    results.map((r) => r.score),
    [1, 1, 1, 1, 0, 0, 1, 1, 1, 1],
  );
  assert.deepEqual(
    results.map((r) => r.pred),
    ['408', '1234', '1532256', '1532256', '99', '', '408', '-12', '\\frac{1}{2}', '7'],
  );
  assert.equal(results[9].task, '1x1');
  assert.equal(results[0].task, '');
  assert.equal(results[0].acc, 1);
  assert.equal(results[4].acc, 0);
  assert.equal(results[2].ground_truth, '1532256');
});

test("reward function agrees with the generator's known final answers on 600 multiplication traces", { skip: noPython }, () => {
  const traces = [
    ...generateMultiplicationTraces({
      seed: 11,
      models: [
        {
          name: 'm',
          echoRate: 0.3,
          tasks: [
            { task: '2x3', p: 0.5, delta1: 0.8, delta2: 0.6, n: 300 },
            { task: '4x5', p: 0.3, delta1: 0.9, delta2: 0.5, n: 300 },
          ],
        },
      ],
    }),
  ];
  const results = score(traces.map((t) => ({ solution: t.record.body, truth: t.answer })));
  let agree = 0;
  traces.forEach((t, i) => {
    if ((results[i].score === 1) === t.attempts[t.attempts.length - 1].correct) agree++;
  });
  const positives = results.filter((r) => r.score === 1).length;
  assert.ok(positives > 50 && positives < 550, `degenerate scores: ${positives}/600 correct`);
  assert.equal(agree, traces.length, `reward disagrees with the generator on ${traces.length - agree} of ${traces.length}`);
});

interface VerlTreatment {
  /** Python type name of every returned value, per case. */
  types: Record<string, string>[];
  /** What failed when a value went through numpy and json.dumps (empty: nothing). */
  errors: string[];
  /** The rollout dump lines, as verl 0.7.x writes them, parsed back. */
  lines: Record<string, unknown>[];
  /** numpy.mean of the stacked `acc`, as verl's validation metrics take it. */
  accMean: number;
}

test(
  'reward function values survive what verl does with them: numpy stacking and json.dumps without default= (right, wrong, unparseable)',
  { skip: noNumpy },
  () => {
    const cases = [
      { solution: 'So 12 * 34 = 408.\nThe final answer is \\boxed{408}.', truth: '408', extra: { task: '2x2', index: 0, split: 'train' } },
      { solution: 'Wait, let me recompute. So the answer is **407**', truth: '408', extra: { task: '2x2', index: 1, split: 'train' } },
      { solution: 'I am not able to work this out.', truth: '408', extra: null },
    ];
    const out = runPython<VerlTreatment>(
      numpyPython!,
      [
        'import numpy',
        'results = [mod.compute_score(data_source="multiplication_2x2", solution_str=c["solution"], ground_truth=c["truth"], extra_info=c["extra"]) for c in cases]',
        'errors = []',
        // Each value alone, the way verl's reward loop wraps one sample's extra info: numpy.array([v]).
        'for i, r in enumerate(results):',
        '    for k, v in r.items():',
        '        x = numpy.array([v])[0]',
        '        try:',
        '            json.dumps({k: x})',
        '        except TypeError as e:',
        '            errors.append(f"case {i}: {k}={v!r} -> {type(x).__name__}: {e}")',
        // verl 0.7.x agent loop: every extra key stacked over the batch into one numpy array; then
        // _dump_generations json.dumps each line without default= (ray_trainer.py).
        'stacked = {k: numpy.array([r[k] for r in results]) for k in results[0]}',
        'lines = []',
        'for i, c in enumerate(cases):',
        '    entry = {"input": "Calculate 12 * 34.", "output": c["solution"], "gts": c["truth"], "score": float(results[i]["score"]), "step": 1}',
        '    entry.update({k: v[i] for k, v in stacked.items()})',
        '    try:',
        '        lines.append(json.loads(json.dumps(entry, ensure_ascii=False)))',
        '    except TypeError as e:',
        '        errors.append(f"dump line {i}: {e}")',
        'print(json.dumps({"types": [{k: type(v).__name__ for k, v in r.items()} for r in results], "errors": errors, "lines": lines, "accMean": float(numpy.mean(stacked["acc"]))}))',
      ],
      cases,
    );
    assert.deepEqual(out.errors, [], 'values verl cannot serialize');
    for (const t of out.types) assert.deepEqual(t, { score: 'float', acc: 'float', pred: 'str', task: 'str', ground_truth: 'str' });
    assert.deepEqual(
      out.lines.map((l) => [l.score, l.acc, l.pred, l.task, l.ground_truth]),
      [
        [1, 1, '408', '2x2', '408'],
        [0, 0, '407', '2x2', '408'],
        [0, 0, '', '', '408'],
      ],
    );
    assert.ok(Math.abs(out.accMean - 1 / 3) < 1e-12, `acc mean ${out.accMean}`);
  },
);
