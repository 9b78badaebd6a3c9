// Pass 89b (docs/segmentation-eval.md, "Stop 40: pass 89b"): answers of other languages compared with
// their unit or currency, on short hand-written values (not taken from any gold set).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersEqual } from '../../../server/src/trace/answers.js';

test('89b-u: a unit or currency of another language after or before the number is no part of the value', () => {
  const same: [string, string][] = [
    ['75', '75 км/ч'],
    ['4 500', '4 500 secondi'],
    ['36', '36 平方厘米'],
    ['25', '25 千米'],
    ['3 kg', '3 公斤'],
    ['2450', 'R$ 2.450,00'],
    ['1,500', 'shilingi 1,500'],
    ['17', 'mita 17'],
  ];
  for (const [a, b] of same) assert.ok(answersEqual(a, b), `${a} = ${b}`);
  // Another number is still another answer.
  assert.ok(!answersEqual('74', '75 км/ч'));
  assert.ok(!answersEqual('2450', 'R$ 2.540,00'));
  // "3千" is 3000, not 3 in a unit.
  assert.ok(!answersEqual('3', '3千'));
});
