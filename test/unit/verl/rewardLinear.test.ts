// The generated Python reward function runs on every rollout verl produces, so one hostile (or
// just degenerate) response must not stall training: every pattern of reflection_lens_reward.py,
// and boxed_answers, in linear time. Each adversarial input is 10^5 characters built from a
// pattern's own pieces (runs of blanks around its optional tokens, repeated openers without a
// closer, long digit runs before a missing terminator); each runs in its own Python process with
// a hard kill, so a catastrophic case fails the test instead of hanging it.
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

/** One case in its own interpreter: compute_score as verl calls it, timed; null when it had to be killed. */
function runCase(text: string, killAfterMs: number, truth = '408'): { ms: number; pred: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-linear-'));
  try {
    const file = join(dir, 'reflection_lens_reward.py');
    writeFileSync(file, rewardFunctionSource);
    const driver = [
      'import json, sys, time, importlib.util',
      `spec = importlib.util.spec_from_file_location("custom_module", ${JSON.stringify(file)})`,
      'mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)',
      'text = sys.stdin.read()',
      't0 = time.perf_counter()',
      `r = mod.compute_score(data_source="multiplication_3x4", solution_str=text, ground_truth=${JSON.stringify(truth)}, extra_info={"task": "3x4"})`,
      'ms = (time.perf_counter() - t0) * 1000',
      'print(json.dumps({"ms": ms, "pred": r["pred"][:40]}))',
    ].join('\n');
    const r = spawnSync(python!, ['-c', driver], { input: text, encoding: 'utf8', timeout: killAfterMs, killSignal: 'SIGKILL' });
    if (r.signal) return null;
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { ms: number; pred: string };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test(
  'reward function: every pattern and boxed_answers take linear time on 10^5-character adversarial responses',
  { skip, timeout: 600_000 },
  () => {
    const slow: string[] = [];
    let worst = 0;
    for (const [name, text] of Object.entries(cases)) {
      assert.ok(text.length >= N * 0.9 && text.length <= N * 1.1, `${name}: ${text.length} characters`);
      const r = runCase(text, 10_000);
      const shown = r ? `${r.ms.toFixed(1)} ms` : 'killed after 10 s';
      console.log(`  ${name.padEnd(36)} ${String(text.length).padStart(6)} chars  ${shown}${r ? `  pred ${JSON.stringify(r.pred)}` : ''}`);
      if (!r || r.ms >= 2000) slow.push(`${name}: ${shown}`);
      if (r) worst = Math.max(worst, r.ms);
    }
    // The ground truth goes through normalize too (\text{...} stripped): a dataset's is not
    // hostile as a rule, but a 100 KB one must not stall the run either.
    const truth = build('', '\\text{', '');
    const r = runCase('408', 10_000, truth);
    console.log(
      `  ${'ground truth: \\text{ repeated'.padEnd(36)} ${String(truth.length).padStart(6)} chars  ${r ? `${r.ms.toFixed(1)} ms` : 'killed after 10 s'}`,
    );
    if (!r || r.ms >= 2000) slow.push(`ground truth \\text{ repeated: ${r ? `${r.ms.toFixed(1)} ms` : 'killed after 10 s'}`);
    if (r) worst = Math.max(worst, r.ms);
    console.log(`worst compute_score time per 100 KB adversarial response: ${worst.toFixed(1)} ms`);
    // Quadratic or worse takes seconds to hours at this size (3,000 blanks after "answer is" took
    // 180 s before); 2 s is a generous bound for a linear pass over 100 KB.
    assert.deepEqual(slow, [], `compute_score over 2 s per 100 KB:\n${slow.join('\n')}`);
  },
);

test('reward function: time grows linearly with the response (4x the text, at most about 4x the time)', { skip, timeout: 600_000 }, () => {
  // The worst shapes of the old code, at 25,000 and 100,000 characters.
  const shapes: Record<string, (n: number) => string> = {
    'answer is + blanks': (n) => 'The answer is' + ' '.repeat(n) + 'x',
    '\\boxed{ repeated': (n) => '\\boxed{'.repeat(Math.floor(n / 7)),
    '\\boxed{ nested and closed': (n) => '\\boxed{'.repeat(Math.floor(n / 8)) + '1' + '}'.repeat(Math.floor(n / 8)),
  };
  for (const [name, make] of Object.entries(shapes)) {
    const small = runCase(make(N / 4), 10_000);
    const big = runCase(make(N), 10_000);
    console.log(`  ${name}: ${small ? small.ms.toFixed(1) : 'killed'} ms at ${N / 4}, ${big ? big.ms.toFixed(1) : 'killed'} ms at ${N}`);
    assert.ok(small && big, `${name}: killed after 10 s`);
    // Linear: ~4x. Quadratic: ~16x. Slack for timer noise on tiny times.
    assert.ok(big.ms <= 8 * small.ms + 50, `${name}: ${small.ms.toFixed(1)} ms -> ${big.ms.toFixed(1)} ms for 4x the text`);
  }
});

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
