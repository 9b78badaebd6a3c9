// Stop 32: the answer leads of Korean (정답은 X, 정답: X, 답은 X, 답: X, 최종 답변: X) and Japanese
// (答えは X, 正解は X) read as "the answer is X" is: an explicit statement of the answer
// (docs/annotation-guide.md). Hand-written examples, with the negations and the texts they must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { segmentRecord } from '../../../server/src/trace/segment.js';
import { findStatements } from '../../../server/src/trace/statements.js';
import { otherCases, runCase } from '../../../bench/adversarial.js';

/** The final-answer statements (value, strength) the engine finds in a response to `query`. */
function leads(query: string, body: string): [string, number][] {
  return findStatements(body, { question: analyzeQuestion(query) })
    .filter((s) => s.rule === 'final-answer')
    .map((s) => [s.value, s.strength]);
}
const finalOf = (query: string, body: string): string | null =>
  segmentRecord(parseTrace(`=== 1\nquery: ${query.replace(/\n/g, ' ')}\n---\n${body}\n`).records[0], defaultSegmentOptions).final;

const Q = '다음 중 옳은 것은? 1) 가 2) 나 3) 다 4) 라';

test('Korean answer leads: 정답은 X입니다, 정답: X, 답은 X, 답: X, 최종 답변: X, bold and option numbers', () => {
  assert.deepEqual(leads('q', '정답은 4입니다.'), [['4', 4]]);
  assert.deepEqual(leads('q', '따라서 정답은 **2**입니다.'), [['2', 4]]);
  assert.deepEqual(leads('q', '각 보기를 분석합니다.\n\n정답: 3'), [['3', 4]]);
  assert.deepEqual(leads('q', '결론적으로 답은 12입니다.'), [['12', 4]]);
  assert.deepEqual(leads('q', '답: 7'), [['7', 4]]);
  assert.deepEqual(leads('q', '따라서 최종 답변은 1번입니다.\n\n최종 답변: 1'), [
    ['1', 4],
    ['1', 4],
  ]);
  assert.equal(finalOf('3 + 4는?', '3 + 4 = 8? 아니, 다시 계산하면 7.\n\n정답은 7입니다.'), '7');
});

test('Japanese answer leads: 答えは X です, 正解は X, 答え：X; an option letter only where the question lists it', () => {
  assert.deepEqual(leads('q', 'よって、答えは 15 です。'), [['15', 4]]);
  assert.deepEqual(leads('q', '計算すると答えは3/4だ。'), [['3/4', 4]]);
  assert.deepEqual(leads('q', '答え：42'), [['42', 4]]);
  const mc = '日本の首都はどれか。\nA) 大阪\nB) 東京\nC) 京都\nD) 札幌';
  assert.deepEqual(leads(mc, '検討の結果、正解は B です。'), [['B', 4]]);
  assert.equal(finalOf(mc, '検討の結果、正解は (C) です。'), 'C');
  // No options: a letter after 正解は names nothing the question asks for.
  assert.deepEqual(leads('q', '正解は B です。'), []);
});

test('Chinese answer lead (stop 33): 答案：X, 答案是 X, 最终答案为 X; negated or two values state nothing', () => {
  assert.deepEqual(leads('q', '经过计算，答案：4'), [['4', 4]]);
  assert.deepEqual(leads('q', '所以答案是 12。'), [['12', 4]]);
  assert.deepEqual(leads('q', '最终答案为**3/4**。'), [['3/4', 4]]);
  assert.deepEqual(leads('q', '答案是：7'), [['7', 4]]);
  const mc = '下列哪个是质数？\nA) 4\nB) 6\nC) 7\nD) 9';
  assert.equal(finalOf(mc, '逐一检查选项。答案是 C。'), 'C');
  assert.deepEqual(leads('q', '答案不是5。'), []);
  assert.deepEqual(leads('q', '答案是4或5。'), []);
  assert.deepEqual(leads('q', '答案是4吗？'), []);
});

test('not an answer: negated, two values, other words holding 답 / 答え, and texts in other scripts', () => {
  assert.deepEqual(leads('q', '정답은 4가 아닙니다.'), []);
  assert.deepEqual(leads('q', '답은 4와 5 중 하나입니다.'), []);
  assert.deepEqual(leads('q', '答えは4ではない。'), []);
  assert.deepEqual(leads('q', '答えは4か5のどちらかだ。'), []);
  assert.deepEqual(leads('q', '질문에 대답하기 전에 3을 확인합니다.'), []);
  assert.deepEqual(leads('q', '答えを出す前に、4 を確認する。'), []);
  assert.deepEqual(leads('q', 'So the total is 12. 12 = 3 * 4.'), []);
  assert.equal(finalOf(Q, '정답은 4가 아닙니다.'), null);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test(
  'the leads on 100 KB of their own pieces (leads without a value, open brackets, digit runs): findStatements completes',
  { timeout: 120_000 },
  () => {
    runCase(otherCases.koJaLeads);
  },
);
