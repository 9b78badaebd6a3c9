// The generated Python reward function runs on every rollout verl produces, so one hostile (or
// just degenerate) response must not stall training: every pattern of reflection_lens_reward.py,
// and boxed_answers, on adversarial inputs of 10^5 characters built from a pattern's own pieces
// (runs of blanks around its optional tokens, repeated openers without a closer, long digit runs
// before a missing terminator). Each runs in its own Python process with a hard kill after 10 s, so
// a catastrophic case fails the test instead of hanging it: a hang guard, not a measurement. The
// time per pattern is bench/extraction.bench.ts's (`npm run bench -- extraction`) and how it grows
// with the response bench/linear.bench.ts's (`npm run bench -- linear`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { rewardFunctionSource } from '../../../server/src/training/verl/rewardFunction.js';

const python = ['python3', 'python', '/usr/bin/python3'].find((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0);
const skip = python ? false : 'no python interpreter';

const N = 100_000;
/** `head` + `piece` repeated + `tail`, `piece` filling about N characters. */
const build = (head: string, piece: string, tail = 'x'): string =>
  head + piece.repeat(Math.max(1, Math.floor((N - head.length - tail.length) / piece.length))) + tail;

// Each pattern's pieces: the blanks around "answer", "is", ":", "$" (_ANSWER_IS), around "**", "$"
// and the number (_BOLD), digit and comma runs (_NUMBER), `\boxed{` repeated, nested, unclosed
// (boxed_answers), leading zeros and `\text{` (normalize), and "= 408" + blanks (the engine's
// equals rule, which the reward function does not have: it must still be fast).
const cases: Record<string, string> = {
  'answer is + blanks + x': build('The answer is', ' '),
  'answer is: + blanks + x': build('The answer is:', ' '),
  'answer + blanks (no is)': build('The answer', ' '),
  'answer is + tabs/newlines + x': build('The answer is', ' \t\n'),
  'answer is : $ with blank runs': build('The answer is', ' '.repeat(500) + ':' + ' '.repeat(500) + '$' + ' '.repeat(500)),
  '"answer is " repeated': build('', 'answer is '),
  '"answer is $" repeated': build('', 'answer is $ '),
  '\\boxed{ repeated': build('', '\\boxed{', ''),
  '\\boxed repeated, one { at the end': build('', '\\boxed', '{1}'),
  '\\boxed{ nested and closed': '\\boxed{'.repeat(N / 8) + '1' + '}'.repeat(N / 8),
  '\\boxed{ + blanks + x': build('\\boxed', ' '),
  '{ repeated': build('', '{', ''),
  '\\boxed{ then { repeated': build('\\boxed{', '{', 'x'),
  '\\boxed{ then \\text{ repeated': build('\\boxed{', '\\text{', 'x'),
  '\\boxed{ then {a repeated': build('\\boxed{', '{a', 'x'),
  '\\boxed{ then }a repeated': build('\\boxed{', '}a', 'x'),
  '\\boxed{ then {{a}} repeated': build('\\boxed{', '{{a}}', 'x'),
  '} repeated': build('', '}', ''),
  '** + blanks + x': build('**', ' '),
  '** $ + blanks + x': build('** $', ' '),
  '**1 + blanks + x': build('**1', ' '),
  '** + digits + x': build('**', '1'),
  '** + digits and commas + x': build('**', '1,'),
  '** repeated': build('', '**', ''),
  '**1 repeated': build('', '**1 ', ''),
  digits: build('', '1', ''),
  'digits with commas': build('', '1,', ''),
  '1. repeated': build('', '1.', ''),
  '= 408 + blanks + x': build('= 408', ' '),
  '= 408 repeated': build('', '= 408 ', ''),
  '\\boxed{ zeros + x }': build('\\boxed{', '0', 'x}'),
  '\\boxed{ \\text{ repeated }': build('\\boxed{', '\\text{', '}'),
  '\\boxed{ \\text{a} repeated }': build('\\boxed{', '\\text{a}', '}'),
};

/** One case in its own interpreter: compute_score as verl calls it; its prediction, null when it had to be killed. */
function runCase(text: string, killAfterMs: number, truth = '408'): { pred: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-linear-'));
  try {
    const file = join(dir, 'reflection_lens_reward.py');
    writeFileSync(file, rewardFunctionSource);
    const driver = [
      'import json, sys, importlib.util',
      `spec = importlib.util.spec_from_file_location("custom_module", ${JSON.stringify(file)})`,
      'mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)',
      'text = sys.stdin.read()',
      `r = mod.compute_score(data_source="multiplication_3x4", solution_str=text, ground_truth=${JSON.stringify(truth)}, extra_info={"task": "3x4"})`,
      'print(json.dumps({"pred": r["pred"][:40]}))',
    ].join('\n');
    const r = spawnSync(python!, ['-c', driver], { input: text, encoding: 'utf8', timeout: killAfterMs, killSignal: 'SIGKILL' });
    if (r.signal) return null;
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { pred: string };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test(
  'reward function: every pattern and boxed_answers finish on 10^5-character adversarial responses (none killed after 10 s)',
  { skip, timeout: 600_000 },
  () => {
    const killed: string[] = [];
    for (const [name, text] of Object.entries(cases)) {
      assert.ok(text.length >= N * 0.9 && text.length <= N * 1.1, `${name}: ${text.length} characters`);
      if (!runCase(text, 10_000)) killed.push(name);
    }
    // The ground truth goes through normalize too (\text{...} stripped): a dataset's is not
    // hostile as a rule, but a 100 KB one must not stall the run either.
    if (!runCase('408', 10_000, build('', '\\text{', ''))) killed.push('ground truth: \\text{ repeated');
    // Quadratic or worse takes seconds to hours at this size (3,000 blanks after "answer is" took
    // 180 s before).
    assert.deepEqual(killed, [], `compute_score killed after 10 s on 100 KB:\n${killed.join('\n')}`);
  },
);

test('reward function: answers are still found where they were (boxed, nested boxed, answer is, bold, last number)', { skip }, () => {
  const expect: [string, string][] = [
    ['So 12 * 34 = 408.\nThe final answer is \\boxed{408}.', '408'],
    ['\\boxed{407} then \\boxed{ 408 }', '408'],
    ['\\boxed{\\boxed{408}}', '408'],
    ['\\boxed {408} and more text', '408'],
    ['\\boxed{\\text{4,08}}', '408'],
    ['The answer is:   $ 408', '408'],
    ['The ANSWER is\n408', '408'],
    ['The answer is $408$ and then 7', '408'],
    ['Answer: ** $408$ **', '408'],
    ['**408**, no: 409', '408'],
    ['no statement, just 12 and 408', '408'],
    ['\\boxed{0000408}', '408'],
    ['\\boxed{408} and later the answer is 409', '409'],
    ['\\boxed{ {4}{0}8 }', '{4}{0}8'],
    ['\\boxed{408} }}} \\boxed{409', '408'],
    ['{{ \\boxed{\\frac{4}{08}} }}', '\\frac{4}{08}'],
  ];
  for (const [text, pred] of expect) {
    const r = runCase(text, 10_000);
    assert.ok(r);
    assert.equal(r.pred, pred, text);
  }
});
