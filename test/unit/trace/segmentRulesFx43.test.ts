// Stop 43 (fx43) reading fixes (docs/segmentation-eval.md, "Stop 43: fx43"). Hand-written texts, not taken
// from the development sets or families; each positive test fails before its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';

const read = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);
const readAt = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map(
    (a) => `${a.candidate.value}@${body.slice(0, a.candidate.start).split('\n').length}`,
  );

// Fix 2: a result line's value followed by a unit or counter in another script and that script's full stop
// ends its line, as "= 1180 yen." does: the first answer before a correction is read.
const WAIT = (lines: string, fixed: string): string => `${lines}\n\nWait, 90 × 3 is 270, not 280. ${fixed}`;

test('fx43 2: "= 1180円。", "= 1180원입니다.", "= 1180 рублей.", "= 1180 रुपये।" end their result line', () => {
  const cases: [string, string, string][] = [
    [
      '1冊150円のノートを6冊と、1本90円のペンを3本買います。全部でいくらですか。',
      'ノート：150 × 6 = 900円。\nペン：90 × 3 = 280円。\n合計：900 + 280 = 1180円。',
      '合計：900 + 270 = 1170円。',
    ],
    [
      '공책 한 권이 150원이고 6권을 삽니다. 펜 한 자루가 90원이고 3자루를 삽니다. 모두 얼마입니까?',
      '공책: 150 × 6 = 900원.\n펜: 90 × 3 = 280원.\n합계: 900 + 280 = 1180원입니다.',
      '합계: 900 + 270 = 1170원입니다.',
    ],
    [
      'Тетрадь стоит 150 рублей, ручка 90 рублей. Сколько стоят 6 тетрадей и 3 ручки?',
      'Тетради: 150 × 6 = 900 рублей.\nРучки: 90 × 3 = 280 рублей.\nВсего: 900 + 280 = 1180 рублей.',
      'Всего: 900 + 270 = 1170 рублей.',
    ],
    [
      'एक कॉपी 150 रुपये की और एक पेन 90 रुपये का है। 6 कॉपी और 3 पेन कितने के हैं?',
      'कॉपी: 150 × 6 = 900 रुपये।\nपेन: 90 × 3 = 280 रुपये।\nकुल: 900 + 280 = 1180 रुपये।',
      'कुल: 900 + 270 = 1170 रुपये।',
    ],
  ];
  for (const [q, lines, fixed] of cases) assert.deepEqual(read(q, WAIT(lines, fixed)), ['1180', '1170'], lines);
});

test('fx43 2: a counter in full-width brackets ("= 68（元）") ends the line; a re-check reaching it again is an echo', () => {
  const body = '笔记本：15 × 4 = 60（元）\n一共：60 + 8 = 68（元）\n\nWait, let me check again: 15 × 4 = 60, 60 + 8 = 68（元）';
  assert.deepEqual(read('一本笔记本15元，买4本，再买一支8元的笔，一共多少元？', body), ['68', '68']);
});

test('fx43 2: a result line with a counter and "。" is a line end for the attempts too (a corrected answer, then a re-check)', () => {
  const body =
    'ノート6冊：150 × 6 = 900 円。だから答えは 900 円。\n\n税を忘れていた。税込み = 900 × 1.1 = 990 円。\n\nもう一度確認：900 + 90 = 990 円。';
  // As the English text reads: "So the answer is 900 yen. / I forgot the tax. With tax = 900 × 1.1 = 990 yen. / Check again: ..."
  assert.deepEqual(read('1冊150円のノートを6冊買います。消費税10%を含めていくらですか。', body), ['900', '990', '990']);
});

test('negative fx43 2: a value followed by a negation or a clause that goes on is no result line', () => {
  // "でない" (is not) is hiragana; "不对" (wrong) opens with a negation: neither is a counter.
  assert.deepEqual(readAt('1冊150円のノートを6冊買います。いくらですか。', '150 × 6 = 800 でない。\nWait, 150 × 6 = 900円。'), ['900@2']);
  assert.deepEqual(readAt('一本笔记本15元，买4本，一共多少元？', '15 × 4 = 50 不对。\nWait, 15 × 4 = 60 元。'), ['60@2']);
  // A counter then more of the sentence ("= 900円で、" then the next step) is a step.
  assert.deepEqual(
    readAt(
      '1冊150円のノートを6冊と、1本90円のペンを3本買います。全部でいくらですか。',
      'ノート：150 × 6 = 900円で、ペンを足します。\n合計：900 + 270 = 1170円。',
    ),
    ['1170@2'],
  );
});

test('fx43 2: linear time: 200 KB of results with counters and runs of letters of other scripts', () => {
  const q = '1冊150円のノートを6冊買います。いくらですか。';
  const pieces = ['= 12 円円円円', '= 12 рублейрублейрублей ', '= 12 （元元元元', '= 12 원입니다원입니다', '= 12 रुपये रुपये रुपये'];
  for (const piece of pieces) {
    const body = piece.repeat(Math.ceil(200_000 / piece.length)).slice(0, 200_000);
    const t0 = performance.now();
    segmentAttempts(record(q, body), { ...defaultSegmentOptions, reader: 'rules' });
    assert.ok(performance.now() - t0 < 2000, piece);
  }
});

// Fix 3: in a question about numbered statements, "I" in a run of roman numerals is a statement's number,
// not the option letter I: the sentence that names the statements may still pick an option by its content.
const QR =
  'Which of the following statements are true? I. 8 is a cube. II. 10 is a square. III. 27 is a cube. (A) I only (B) II only (C) I and III (D) I, II and III';
const WORK = 'Statement I: 8 = 2^3, true. Statement II: 10 is no square, false. Statement III: 27 = 3^3, true.\n';

test('fx43 3: a content pick in a sentence naming statements I, II, III is read', () => {
  assert.deepEqual(read(QR, `${WORK}Therefore, of the statements I, II, III, only I and III are true.`), ['C']);
  assert.deepEqual(read(QR, `${WORK}So, going over I/II/III once more: the answer is I and III.`), ['C']);
});

test('negative fx43 3: the option letter I is still a letter; a pick that names two options alike is not read', () => {
  const q10 =
    'Which planet is the largest? (A) Mars (B) Venus (C) Earth (D) Mercury (E) Pluto (F) Ceres (G) Io (H) Titan (I) Jupiter (J) Europa';
  assert.deepEqual(read(q10, 'Jupiter is far larger than the others.\nSo the answer is I.'), ['I']);
  assert.deepEqual(read(q10, 'Jupiter is far larger than the others.\nSo the answer is I, Jupiter.'), ['I']);
  // "I, II and III" is option D's content and "I and III" option C's: two options named alike, no pick.
  assert.deepEqual(read(QR, `${WORK}Therefore, among I, II and III, the true pair is I and III.`), []);
});

// Fix 6: a numbered pairwise judge's "**Answer: 2**" as the response's last line is its verdict; "Answer:"
// elsewhere leads the judge's own answer to the question it quotes, a step.
const QJ =
  'You are a judge. Question: What is 13 times 11? Response 1: 13 times 11 is 133. Response 2: 13 times 11 is 143. Which response is better? Answer with 1 or 2.';

test('fx43 6: "**Answer: 2**" closing a numbered judge\'s response is its verdict, after a pick in words of the other', () => {
  const body = 'Overall, Response 1 is better written, but it is wrong: 13 × 11 = 143.\nResponse 2 gives 143.\n\n**Answer: 2**';
  assert.deepEqual(read(QJ, body), ['1', '2']);
  assert.deepEqual(read(QJ, 'Overall, Response 1 is better formatted.\nBut only Response 2 is right.\n\nAnswer: Response 2'), ['1', '2']);
});

test('negative fx43 6: "Answer:" before the last line is the judge\'s own answer, no verdict; other questions are read as before', () => {
  const body = 'My own answer to the question:\nAnswer: 2\n\nOverall, Response 1 is better.';
  assert.deepEqual(read(QJ, body), ['1']);
  // A last line "Answer: 143" (the judge's own answer) is no pick: the pick in words stays the verdict.
  assert.deepEqual(read(QJ, 'Therefore, Response 2 is better.\n\nAnswer: 143'), ['2']);
  // Not a numbered judge: "Answer: 2" is any question's answer.
  assert.deepEqual(read('How many moons does Mars have?', 'Phobos and Deimos.\n\nAnswer: 2'), ['2']);
});
