// Pass 101's rules (docs/segmentation-eval.md, "Stop 43: pass 101"): the decision after a wrong answer
// in a response written in another language. Short hand-written texts (not taken from the development
// sets or families), each with a negative case for its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}
const values = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

// 101a (options.ts defaultMarkers, package.json): "Wait" of another language after a wrong answer is
// a decision, as "Wait" is: the wrong answer is a candidate of its own, not merged into the correction.
test('101a: a re-check in the language after a wrong answer opens a new attempt', () => {
  const cases: [string, string, string[]][] = [
    [
      'Ein Zug fährt 2,5 Stunden. Wie viele Minuten sind das?',
      'Eine Stunde hat 60 Minuten: 2,5 · 60 = 140. Also 140 Minuten.\n\nMoment mal, 2 · 60 = 120 und 0,5 · 60 = 30, zusammen 120 + 30 = 150. Also 150 Minuten.',
      ['140', '150'],
    ],
    [
      'Un libro cuesta 12 euros con un descuento del 25 %. ¿Cuál era el precio original?',
      'El 25 % de 12 es 3, y 12 + 3 = 15. Por lo tanto, el precio original es 15.\n\nEspera, el descuento es sobre el precio original: 0,75 · p = 12, así que p = 16. Por lo tanto, el precio original es 16.',
      ['15', '16'],
    ],
    [
      'Сколько будет 7 умножить на 8?',
      'Итак, ответ равен 54.\n\nПодождите, 7 · 8 = 7 · 7 + 7 = 49 + 7 = 56. Итак, ответ равен 56.',
      ['54', '56'],
    ],
  ];
  for (const [q, body, expected] of cases) assert.deepEqual(values(q, body), expected, body);
});

test('101a: a word that means "wait" only with its punctuation is no marker without it', () => {
  // "se espera que" is "it is expected that": no re-check, one attempt.
  const body = 'Se espera que el resultado sea par. Por lo tanto, el resultado es 16.\n\nRespuesta: 16';
  assert.deepEqual(values('¿Cuánto es 4 por 4?', body), ['16']);
});

// 101b (question.ts askedLetters, statements.ts findOtherConclusions): where the engine reads no asked
// noun (a question in another language), an unknown's value that the question's last sentence does not
// ask for ("quindi x = 7" for the product xy) is a step, as English reads "so x = 7" for "What is the
// product xy?".
test("101b: an unknown's value the question does not ask for is no conclusion", () => {
  const q = 'Risolvi il sistema: a + b = 9, a − b = 1. Quanto vale il prodotto ab?';
  const body =
    'Sommando le equazioni: 2a = 10, quindi a = 5. Allora b = 9 − 5 = 4.\n\nQuindi la soluzione è a = 5, b = 4.\n\nAspetta, la domanda chiede il prodotto ab. ab = 5 · 4 = 20.\n\nQuindi il prodotto è 20.';
  assert.deepEqual(values(q, body), ['20']);
  // With no re-check: the unknown's value beat the product's line.
  assert.deepEqual(values(q, 'Sommando le equazioni: 2a = 10, quindi a = 5. Allora b = 9 − 5 = 4 e ab = 5 · 4 = 20.'), ['20']);
});

test('101b: the unknown the question asks for is still concluded', () => {
  assert.deepEqual(values('Resuelve la ecuación 3x − 4 = 11. ¿Cuánto vale x?', 'Sumamos 4: 3x = 15. Por lo tanto x = 5.'), ['5']);
  assert.deepEqual(values('Résous 3x − 4 = 11 et trouve x.', 'On ajoute 4 : 3x = 15. Donc x = 5.'), ['5']);
  // The asking sentence is the one with the question mark, not an instruction after it.
  assert.deepEqual(
    values('Resuelve la ecuación 3x − 4 = 11. ¿Cuánto vale x? Responde con un número.', 'Sumamos 4: 3x = 15. Por lo tanto x = 5.'),
    ['5'],
  );
});
