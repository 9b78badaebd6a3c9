// Pass 89's rules kept by pass 89b's carry test (docs/segmentation-eval.md, "Stop 40: pass 89" and "pass 89b"): answers written in other languages,
// on short hand-written texts (not taken from any gold set), each with a negative case for its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignCandidates, engineReading } from '../../../server/src/analysis/segmentationEval.js';
import { answersEqual } from '../../../server/src/trace/answers.js';
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

// 89b: after "=" in a text of another language, a number with a decimal comma or a grouping is read
// whole, by the text's convention; the evaluation compares the engine's reading of an ambiguous one.
test('89b: "= 75,5" and "= 108.000" in a text of another language', () => {
  const equalsOf = (q: string, body: string) =>
    segment(q, body)
      .statements.filter((s) => s.rule === 'equals')
      .map((s) => `${s.value}:${s.normalized}`);
  assert.deepEqual(equalsOf('¿Cuál es el promedio?', 'La suma da 302, así que\nel promedio = 302 / 4 = 75,5.'), ['75,5:75.5']);
  // A text in ASCII letters only is read as English (the scan needs a letter of another script or an accent).
  assert.deepEqual(equalsOf('Wastani wa alama ni ngapi?', 'Jumla ni 302.\nWastani = 302 / 4 = 75,5.'), []);
  // A text that writes its decimals with a comma ("2,5") groups by a point: "108.000" is 108000.
  assert.deepEqual(equalsOf('Quantos litros cabem na caixa?', 'A altura é 2,5 m.\nLogo, 108 × 1.000 = 108.000 litros.'), [
    '108.000:108000',
  ]);
  // English keeps its reading: a point before three digits is a decimal point.
  assert.deepEqual(equalsOf('How many liters fit in the tank?', 'Take the product of the sides.\n2.5 × 0.6 = 1.500'), ['1.500:1.5']);
});

test("89b: the evaluation matches an ambiguous number by the engine's reading", () => {
  const s = segment('Quantos litros cabem na caixa?', 'A altura é 2,5 m.\nLogo, 108 × 1.000 = 108.000 litros.');
  const reading = engineReading(s, 'Quantos litros cabem na caixa?');
  assert.deepEqual(
    reading.predicted.map((p) => [p.value, p.localized]),
    [['108.000', '108000']],
  );
  const pairs = alignCandidates([{ value: '108.000 litros', offset: 30 }], reading.predicted, s.optionOf, 'Quantos litros cabem na caixa?');
  assert.equal(pairs.length, 1);
});

// 89c: a conclusion cue of another language, then the value and the counted noun with no copula.
test('89c: a cue, the value and its noun, no copula', () => {
  const cases: [string, string, string][] = [
    ['Сколько всего учеников?', 'Мальчиков 12, девочек 14.\nИтак, 26 учеников.', '26'],
    ['Сколько стоит поездка?', 'Билет 35,5 и багаж 10.\nИтого 45,5.', '45,5'],
    ['Wie viele Ecken hat der Würfel?', 'Oben 4 Ecken, unten 4 für den Boden.\nAlso 8 Ecken.', '8'],
    ['Combien de façons ?', 'On multiplie 4 par 3.\nDonc 12 façons.', '12'],
  ];
  for (const [q, body, v] of cases) assert.deepEqual(read(q, body, 'conclusion'), [v], body);
  // The value must close its clause: a computation or a list goes on.
  const negative: [string, string][] = [
    ['Wie viele Diagonalen hat das Achteck?', 'Also 40 durch 2 ergibt die Anzahl der Diagonalen.'],
    ['Сколько всего учеников?', 'Итак, 26 учеников и 3 учителя пришли.'],
    // English: "Also" is an English word, and a text in ASCII letters only is read as English.
    ['How many apples are left?', 'He buys 12 apples.\nAlso 40 apples.'],
  ];
  for (const [q, body] of negative) assert.deepEqual(read(q, body, 'conclusion'), [], body);
});

// 89e: true or false asked in another language, its words read as yes / no words are, and equal to True / False.
test('89e: a true/false question in another language', () => {
  const verdict = (q: string, body: string) => segment(q, body).attempts.map((a) => a.candidate.value);
  assert.deepEqual(verdict('Vrai ou faux : la somme de deux impairs est paire.', "3 + 5 = 8.\n\nDonc l'affirmation est **vraie**."), [
    'vraie',
  ]);
  assert.deepEqual(verdict('¿Verdadero o falso? Todo primo es impar.', 'El 2 es primo y par.\nPor lo tanto, la afirmación es falsa.'), [
    'falsa',
  ]);
  assert.deepEqual(verdict('Richtig oder falsch: 1 ist eine Primzahl.', '1 hat nur einen Teiler.\nAlso ist die Aussage falsch.'), [
    'falsch',
  ]);
  assert.deepEqual(verdict('Верно или неверно: 91 — простое число.', '91 = 7 · 13.\n**Ответ:** неверно'), ['неверно']);
  assert.ok(answersEqual('vraie', 'Vrai') && answersEqual('falsch', 'False') && answersEqual('неверно', 'False'));
  assert.ok(!answersEqual('vraie', 'False') && !answersEqual('Wahr', 'falsch'));
  // A word negated before it, or in prose, answers nothing.
  assert.deepEqual(verdict('Vrai ou faux : 91 est premier.', "91 = 7 × 13, donc ce n'est pas vrai que 91 soit premier."), []);
});

// 89h: a Japanese or Korean cue, then the value and its counter (no particle): "なので、80 ページ。".
test('89h: a CJK cue, the value and its counter', () => {
  const cases: [string, string, string][] = [
    ['B さんはあと何ページ残っていますか。', '差は 4 × 20 ページ、それが残りなので、80 ページ。', '80'],
    ['車は何 km 進みますか。', '120 に 30 を足す。\nだから 150 km。', '150'],
    ['사과는 모두 몇 개입니까?', '두 상자를 더했다. 따라서 17개.', '17'],
  ];
  for (const [q, body, v] of cases) assert.deepEqual(read(q, body, 'conclusion'), [v], body);
  const negative: [string, string][] = [
    ['車は何 km 進みますか。', 'だから 150 ではない。'],
    ['何人いますか。', 'なので 3 人と 4 人を足す。'],
  ];
  for (const [q, body] of negative) assert.deepEqual(read(q, body, 'conclusion'), [], body);
});

// 89i (re-judged by pass 89b with 89b-u's comparison): Swahili writes the unit or currency before the
// number: "Jibu ni mita 17.", "Kwa hiyo bei ni shilingi 1,500.".
test('89i: a Swahili unit before the value of a lead or cue', () => {
  assert.deepEqual(read('Mlalo ni mita ngapi?', 'Mlalo = √289.\nJibu ni mita 17.', 'final-answer'), ['17']);
  assert.deepEqual(
    read('Kalamu 10 zitagharimu shilingi ngapi?', 'Bei ya kalamu moja ni 150.\nKwa hiyo bei ni shilingi 1,500.', 'conclusion'),
    ['1,500'],
  );
  // A word that is no unit before the number: no answer.
  assert.deepEqual(read('Mlalo ni mita ngapi?', 'Jibu ni kati 17.', 'final-answer'), []);
});
