// Pass 84's rules (docs/segmentation-eval.md, "Stop 39: pass 84"), on short hand-written texts (not
// taken from the development sets), each with a negative case for its limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { runCase, segmentationCases, ES_84 } from '../../../bench/adversarial.js';

function record(query: string, body: string) {
  return parseTrace(`=== 1\nquery: ${query}\n---\n${body}\n`).records[0];
}
const values = (query: string, body: string): string[] =>
  segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' }).attempts.map((a) => a.candidate.value);

// 84a (statements.ts findOtherAnswerLeads): the answer leads of Swahili, Spanish, French, German,
// Portuguese and Russian state the answer as "The answer is" does.
const ES = ES_84;
const MC = 'Which gas do plants absorb? A. oxygen B. carbon dioxide C. helium D. neon';

test('84a: Spanish "La respuesta es"', () => {
  assert.deepEqual(values(ES, 'Tres cajas de cuatro manzanas dan doce manzanas.\n\nLa respuesta es 12.\n\nRevisé el enunciado.'), ['12']);
});
test('84a: French "La réponse est"', () => {
  assert.deepEqual(
    values(
      'Jean a 3 boîtes de 4 pommes. Combien de pommes a-t-il ?',
      'Trois boîtes de quatre pommes font douze pommes.\n\nLa réponse est 12.\n\nJe relis.',
    ),
    ['12'],
  );
});
test('84a: German "Die Antwort lautet"', () => {
  assert.deepEqual(
    values(
      'Hans hat 3 Kisten mit je 4 Äpfeln. Wie viele Äpfel hat er?',
      'Drei Kisten mit je vier Äpfeln sind zwölf Äpfel.\n\nDie Antwort lautet 12.\n\nIch lese nochmal.',
    ),
    ['12'],
  );
});
test('84a: Portuguese "A resposta é"', () => {
  assert.deepEqual(
    values(
      'João tem 3 caixas com 4 maçãs. Quantas maçãs ele tem?',
      'Três caixas de quatro maçãs dão doze maçãs.\n\nA resposta é 12.\n\nReli.',
    ),
    ['12'],
  );
});
test('84a: Russian "Ответ:"', () => {
  assert.deepEqual(
    values(
      'У Ивана 3 коробки по 4 яблока. Сколько всего яблок?',
      'Три коробки по четыре яблока дают двенадцать яблок.\n\nОтвет: 12.\n\nПеречитал условие.',
    ),
    ['12'],
  );
});
test('84a: Swahili "Jibu ni"', () => {
  assert.deepEqual(
    values(
      'Juma ana masanduku 3 yenye machungwa 4 kila moja. Ana machungwa mangapi?',
      'Masanduku matatu ya machungwa manne ni machungwa kumi na mbili.\n\nJibu ni 12.\n\nNimesoma swali tena.',
    ),
    ['12'],
  );
});
test('84a: an option letter after the lead, only where the question lists it', () => {
  assert.deepEqual(values(MC, 'Mimea hufyonza kaboni dioksidi wakati wa usanisinuru.\n\n**Jibu: B**\n\nHakuna shaka.'), ['B']);
  assert.deepEqual(values(MC, 'Las plantas absorben dióxido de carbono.\n\nLa respuesta correcta es la B.\n\nNo hay duda.'), ['B']);
  assert.deepEqual(values(MC, 'Растения поглощают углекислый газ.\n\nОтвет: B\n\nСомнений нет.'), ['B']);
  assert.deepEqual(values(ES, 'Tres cajas de cuatro manzanas dan doce.\n\nLa respuesta es la B.\n\nNo hay duda.'), []);
});
test('negative 84a: two values after the lead state neither', () => {
  assert.deepEqual(
    values(ES, 'Tres cajas de cuatro manzanas dan doce manzanas.\n\nLa respuesta es 12 o 13, no estoy seguro.\n\nRevisé.'),
    [],
  );
});

// 84b (statements.ts optionLineRe): a closing line that gives the option's letter in quotes.
test('84b: a quoted letter on the closing answer line', () => {
  assert.deepEqual(values(MC, 'Plants take in carbon dioxide during photosynthesis.\n\n**answer**: "B"'), ['B']);
});
test('negative 84b: two quoted letters are no choice', () => {
  assert.deepEqual(values(MC, 'Plants take in carbon dioxide during photosynthesis.\n\n**answer**: "B or C"'), []);
});

// 84c (statements.ts findOtherConclusions): the conclusion cues of other languages, then a copula of
// the cue's language and the value that ends the sentence (a later mention of another number follows).
const cases84c: [string, string, string][] = [
  [
    ES,
    'Cada caja tiene cuatro manzanas y hay tres cajas.\n\nPor lo tanto, el total es 12 manzanas.\n\nRevisé las 3 cajas otra vez.',
    'Spanish "Por lo tanto ... es"',
  ],
  [
    'Jean a 3 boîtes de 4 pommes. Combien de pommes a-t-il ?',
    'Trois boîtes de quatre pommes chacune.\n\nDonc le total est 12.\n\nJe relis les 3 boîtes.',
    'French "Donc ... est"',
  ],
  [
    'Hans hat 3 Kisten mit je 4 Äpfeln. Wie viele Äpfel hat er?',
    'Drei Kisten mit je vier Äpfeln.\n\nAlso ist die Gesamtzahl gleich 12.\n\nIch prüfe die 3 Kisten nochmal.',
    'German "Also ist ... gleich"',
  ],
  [
    'João tem 3 caixas com 4 maçãs. Quantas maçãs ele tem?',
    'Três caixas de quatro maçãs cada.\n\nPortanto, o total é 12 maçãs.\n\nReli as 3 caixas.',
    'Portuguese "Portanto ... é"',
  ],
  [
    'У Ивана 3 коробки по 4 яблока. Сколько всего яблок?',
    'Три коробки по четыре яблока.\n\nИтак, всего яблок равно 12.\n\nПеречитал про 3 коробки.',
    'Russian "Итак ... равно"',
  ],
  [
    'У Ивана 3 коробки по 4 яблока. Сколько всего яблок?',
    'Три коробки по четыре яблока.\n\nВывод: 12 яблок.\n\nПеречитал про 3 коробки.',
    'Russian "Вывод:"',
  ],
  [
    'Juma ana masanduku 3 yenye machungwa 4 kila moja. Ana machungwa mangapi?',
    'Masanduku matatu ya machungwa manne.\n\nKwa hiyo, jumla ni 12.\n\nNimesoma masanduku 3 tena.',
    'Swahili "Kwa hiyo ... ni"',
  ],
  [
    '太郎は4個入りの箱を3箱持っています。りんごは全部で何個ですか？',
    '1箱に4個、3箱あります。\n\nしたがって、合計は12個です。\n\n3箱を確認しました。',
    'Japanese "したがって ... は ... です"',
  ],
  [
    '철수는 사과 4개가 든 상자 3개를 가지고 있습니다. 사과는 모두 몇 개입니까?',
    '한 상자에 4개씩 3상자입니다.\n\n따라서 합계는 12개입니다.\n\n3상자를 다시 확인했습니다.',
    'Korean "따라서 ... 는 ... 입니다"',
  ],
];
for (const [q, body, name] of cases84c) test(`84c: ${name}`, () => assert.deepEqual(values(q, body), ['12']));
test('negative 84c: a negated copula, a negated Japanese copula, an English text', () => {
  assert.deepEqual(
    values(
      ES,
      'Cada caja tiene cuatro manzanas y hay tres cajas.\n\nPor lo tanto, el total no es 12 manzanas.\n\nRevisé las 3 cajas otra vez.',
    ),
    [],
  );
  assert.deepEqual(
    values(
      '太郎は4個入りの箱を3箱持っています。りんごは全部で何個ですか？',
      '1箱に4個、3箱あります。\n\nしたがって、合計は12個ではない。\n\n3箱を確認しました。',
    ),
    [],
  );
  // German "Also" and French "Donc" in a text that writes English: not read as cues.
  assert.deepEqual(
    values('How many apples are there?', 'We count the boxes first.\n\nAlso ist gleich 12.\n\nWe check the 3 boxes again.'),
    [],
  );
});

// 84d (statements.ts boxedRightSide): a boxed equation whose left side holds an "=" of its own, or names
// the asked quantity: the value is what follows its last "=" outside brackets.
test('84d: the right side of a boxed equation past an inner "="', () => {
  assert.deepEqual(
    values(
      'Write the double sum of 1/(j+k)^3 over j, k >= 1 in terms of p and q.',
      'Regroup by n = j + k.\n\nSo \\boxed{\\sum_{j = 1}^\\infty \\sum_{k = 1}^\\infty \\frac{1}{(j + k)^3} = p - q}.',
    ),
    ['p - q'],
  );
  assert.deepEqual(values('Find P(X = 2) to one decimal.', 'Binomial.\n\n\\boxed{P(X = 2) = 0.3}'), ['0.3']);
  // The left side names the asked expression.
  assert.deepEqual(values('If a = 3 and b = 4, find a + b.', 'We add.\n\n\\boxed{a + b = 7}'), ['7']);
});
test('negative 84d: an equation that is the answer, a two-part answer and a relation stay whole', () => {
  assert.deepEqual(values('Find the equation of the ellipse.', 'Done.\n\n\\boxed{\\frac{x^2}{4} + y^2 = 1}'), ['\\frac{x^2}{4} + y^2 = 1']);
  assert.deepEqual(values('Find theta and f(2pi/3).', 'Done.\n\n\\boxed{\\theta = \\frac{3\\pi}{2}, f(\\frac{2\\pi}{3}) = 1}'), [
    '\\theta = \\frac{3\\pi}{2}, f(\\frac{2\\pi}{3}) = 1',
  ]);
  assert.deepEqual(values('Solve x^2 <= 4.', 'Done.\n\n\\boxed{-2 <= x <= 2}'), ['-2 <= x <= 2']);
});

// 84e (statements.ts closedFormEnd / closedFormAfter): a value after an answer cue, or ending a
// conclusion after its copula or last "=", that goes on as a closed form (a root, pi, i) is read whole.
test('84e: a closed form after an answer cue is read whole, not its first term', () => {
  assert.deepEqual(values('Find m + n.', 'Work.\n\nSo the answer is 2\\sqrt{62} - 2.'), ['2\\sqrt{62} - 2']);
  assert.deepEqual(values('Find w.', 'Work.\n\nThe answer is 6 - 5i.'), ['6 - 5i']);
  assert.deepEqual(values('Find z.', 'Work.\n\nSo the answer is 1 + i\\sqrt{3}.'), ['1 + i\\sqrt{3}']);
  assert.deepEqual(values('Find the area.', 'Work.\n\nFinal answer: 4\\pi - 3.'), ['4\\pi - 3']);
});
test('84e: a conclusion that ends in a closed form', () => {
  assert.deepEqual(values('Find the value.', 'Work.\n\nTherefore, the value is $2 + \\sqrt{3}$.'), ['2 + \\sqrt{3}']);
  assert.deepEqual(values('Compute (2 - i)(3 + i).', 'Expand.\n\nSo (2 - i)(3 + i) = 6 + 2i - 3i + 1 = 7 - i.'), ['7 - i']);
});
test('negative 84e: no closed form, or more after it', () => {
  // Sums of plain numbers or of integer fractions are still to compute: not extended.
  assert.deepEqual(values('Find the value.', 'Work.\n\nThe answer is 3 + 4 = 7.'), ['7']);
  assert.deepEqual(values('Find the value.', 'Work.\n\nSo the value is \\frac{16}{3} + 4 + 12 = \\frac{64}{3}.'), ['\\frac{64}{3}']);
  // A term that goes on with a letter ("2x") is no value the rule reads whole.
  assert.notDeepEqual(values('Find the value.', 'Work.\n\nThe answer is 2\\sqrt{62} - 2x.'), ['2\\sqrt{62} - 2']);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('84a: the leads on 100 KB of each lead piece repeated: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules84);
});
