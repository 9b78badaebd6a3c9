// Pass 89's rules (docs/segmentation-eval.md, "Stop 40: pass 89"): answers written in other languages,
// on short hand-written texts (not taken from any gold set), each with a negative case for its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}
const segment = (query: string, body: string) => segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' });
/** The values the rules read with a given rule (statements, not only candidates). */
const read = (query: string, body: string, rule: string): string[] =>
  segment(query, body)
    .statements.filter((s) => s.rule === rule)
    .map((s) => s.value);

// 89a: a unit or counter after the value of a Korean, Japanese or Chinese answer lead.
test('89a: a CJK answer lead reads its value before a unit or counter', () => {
  const cases: [string, string, string][] = [
    ['車は 3 時間で何 km 進みますか。', '時速 40 km で 3 時間走るので、答えは 120 km。', '120'],
    ['本は残り何ページですか。', '残りを数えると、答えは 45 ページ。', '45'],
    ['사과는 모두 몇 개입니까?', '두 상자를 더하면 정답은 17개입니다.', '17'],
    ['걸린 시간은 몇 시간인가?', '그러므로 정답은 7/4시간.', '7/4'],
    ['他还剩多少元？', '答案是 12 元。', '12'],
    ['面积是多少？', '答案：36 cm²', '36'],
  ];
  for (const [q, body, v] of cases) assert.deepEqual(read(q, body, 'final-answer'), [v], body);
  // A negation after the value states no answer: hiragana is no unit, nor 不 / 아 opening one.
  const negative: [string, string][] = [
    ['車は何 km 進みますか。', '答えは 120 でない。'],
    ['他还剩多少元？', '答案是 12 不对。'],
    ['사과는 모두 몇 개입니까?', '정답은 17아님.'],
    ['車は何 km 進みますか。', '答えは 120 km ではなく 150 km。'],
  ];
  for (const [q, body] of negative) assert.deepEqual(read(q, body, 'final-answer'), [], body);
});
