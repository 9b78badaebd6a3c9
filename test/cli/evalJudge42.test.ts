// fx42 item 1: eval-segmentation's derived numbers (p, delta1, delta2, accuracy; gold's and engine's)
// judge an LLM judge's pick against the reference by its direction, as the engine's correctness
// does (judgeVerdict.ts, pass 95): `[[A>>B]]` is right where the reference is "A>B". Outside a judge
// question values compare as answers: `a>b` is not `a \geq b` in mathematics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, scratchDir } from './cliScratch.js';

const { write } = scratchDir('rl-evaljudge42-');

interface Derived {
  p: { k: number; n: number };
  delta1: { k: number; n: number };
  delta2: { k: number; n: number };
  accuracy: { k: number; n: number };
}

const derived = (args: string[]): { engine: Derived; gold: Derived } => {
  const r = runCli(['eval-segmentation', ...args, '--json']);
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { derived: { engine: Derived; gold: Derived } }).derived;
};

test('dev41j (JudgeBench, Arena-Hard prompt): accuracy 24/36 by direction, as JudgeBench counts, for the gold and the engine', () => {
  const d = derived(['test/fixtures/gold/dev41j/dev41j-traces.jsonl', '--gold', 'test/fixtures/gold/dev41j/dev41j-traces.gold.jsonl']);
  for (const side of [d.gold, d.engine]) {
    assert.deepEqual(side.accuracy, { k: 24, n: 36, value: 24 / 36 });
    assert.deepEqual({ k: side.p.k, n: side.p.n }, { k: 24, n: 36 });
  }
});

const judgeQuery =
  "Please act as an impartial judge and evaluate the two responses below. Output your final verdict as one of: [[A>>B]], [[A>B]], [[A=B]], [[B>A]], [[B>>A]]. <|The Start of Assistant A's Answer|> 12 <|The End of Assistant A's Answer|> <|The Start of Assistant B's Answer|> 13 <|The End of Assistant B's Answer|>";

test('a judge\'s picks written with a strength (words "A>B", then "[[A>>B]]") are right against the reference "A>B"; a pick of B is wrong', () => {
  const b1 =
    'Both answers compute the sum; A carries the one correctly.\n\nOverall, Assistant A is better.\n\nMy final verdict is: [[A>>B]]';
  const b2 = 'Assistant A drops the carry; B does not.\n\nMy final verdict is: [[B>A]]';
  const trace = write(
    'judge.trace',
    ['=== j1', `query: ${judgeQuery}`, 'answer: A>B', '---', b1, '=== j2', `query: ${judgeQuery}`, 'answer: A>B', '---', b2, ''].join('\n'),
  );
  const gold = write(
    'judge.gold.jsonl',
    [
      {
        id: 'j1',
        candidates: [
          { value: 'A>B', offset: b1.indexOf('Assistant A is better') },
          { value: 'A>>B', offset: b1.indexOf('A>>B') },
        ],
        final: 'A>>B',
      },
      { id: 'j2', candidates: [{ value: 'B>A', offset: b2.indexOf('B>A') }], final: 'B>A' },
    ]
      .map((g) => JSON.stringify(g))
      .join('\n') + '\n',
  );
  const d = derived([trace, '--gold', gold]);
  for (const side of [d.gold, d.engine]) {
    assert.deepEqual(side.accuracy, { k: 1, n: 2, value: 0.5 });
    // j1: two right picks (a right one, then it stops: delta1 1/2 counted over its two correct attempts).
    assert.deepEqual({ k: side.p.k, n: side.p.n }, { k: 1, n: 2 });
    assert.deepEqual({ k: side.delta1.k, n: side.delta1.n }, { k: 1, n: 2 });
  }
});

test('outside a judge question an inequality answer is compared as an answer: "a \\geq b" is not the reference "a>b"', () => {
  const body = 'Since a - b = 3 > 0, the answer is $a \\geq b$.';
  const trace = write(
    'maths.trace',
    ['=== m1', 'query: Given a = b + 3, how do a and b compare?', 'answer: a>b', '---', body, ''].join('\n'),
  );
  const gold = write(
    'maths.gold.jsonl',
    JSON.stringify({ id: 'm1', candidates: [{ value: 'a \\geq b', offset: body.indexOf('a \\geq') }], final: 'a \\geq b' }) + '\n',
  );
  const d = derived([trace, '--gold', gold]);
  assert.deepEqual(d.gold.accuracy, { k: 0, n: 1, value: 0 });
});
