// Python literals and Python's == (server/src/trace/pythonLiteral.ts), checked against Python itself:
// test/fixtures/judge/program-value-pairs.jsonl holds 1,203 (reference, answer) pairs written by an
// outsider who never read the judge, each with `ast.literal_eval(reference) == ast.literal_eval(answer)`
// as Python computed it (make_program_value_pairs.py regenerates them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePythonLiteral, pythonEqual } from '../../../server/src/trace/pythonLiteral.js';
import { judgedValue, truthJudge } from '../../../server/src/trace/truthJudge.js';

const pairs = readFileSync(new URL('../../fixtures/judge/program-value-pairs.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { reference: string; answer: string; equal: boolean; kind: string });
const query = "What does f return for f('banana')?  def f(s):     return s.upper()";

test("the judge of a code-output answer agrees with Python's == on the outsider's pairs (\\N{name} escapes aside: no name table)", () => {
  const wrong: string[] = [];
  const perKind = new Map<string, { n: number; wrong: number }>();
  for (const p of pairs) {
    const judged = truthJudge({ answer: p.reference, query }, undefined, true)(judgedValue(p.answer, true)) === true;
    const k = perKind.get(p.kind) ?? { n: 0, wrong: 0 };
    k.n++;
    if (judged !== p.equal) {
      k.wrong++;
      wrong.push(`${p.kind}: ${p.reference} vs ${p.answer}: Python ${p.equal}, judged ${judged}`);
    }
    perKind.set(p.kind, k);
  }
  const named = wrong.filter((w) => w.includes('\\N{'));
  console.log(
    `program-value pairs: ${pairs.length - wrong.length} of ${pairs.length} judged as Python judges them; ${wrong.length} not (${named.length} with a \\N{name} escape)`,
  );
  assert.ok(pairs.length > 1000);
  assert.deepEqual(
    wrong.filter((w) => !w.includes('\\N{')),
    [],
  );
  // Never "equal" where Python says unequal: that would count a wrong answer right.
  assert.equal(wrong.filter((w) => w.includes('Python false')).length, 0);
});

test('what ast.literal_eval refuses is no literal here either', () => {
  for (const text of [
    'hello',
    'true',
    'null',
    '1+2',
    '007',
    '1__0',
    "f'x'",
    "'a' b'b'",
    '[1, 2',
    '{[1]: 2}',
    '{[1]}',
    "'unclosed",
    '--1',
    '1j+1',
  ])
    assert.equal(parsePythonLiteral(text), undefined, text);
  assert.equal(parsePythonLiteral('['.repeat(100) + ']'.repeat(100)), undefined, 'nesting is bounded');
  assert.equal(parsePythonLiteral(`'${'a'.repeat(5000)}'`), undefined, 'length is bounded');
});

test("Python's == across the numeric tower and containers", () => {
  const eq = (a: string, b: string) => pythonEqual(parsePythonLiteral(a)!, parsePythonLiteral(b)!);
  assert.ok(eq('1', '1.0') && eq('True', '1') && eq('(1+0j)', '1') && eq('-0.0', '0') && eq('0x10', '16'));
  assert.ok(!eq('9007199254740993', '9007199254740993.0'), 'an int and a float compare exactly');
  assert.ok(eq('{2, 1, 2}', '{1, 2}') && eq("{'b': 2, 'a': 1}", '{"a": 1, "b": 2}') && eq("{1: 'a'}", "{True: 'a'}"));
  assert.ok(!eq('(1, 2)', '[1, 2]') && !eq("{1: 'a'}", "{'1': 'a'}") && !eq("'a, b'", "'a,b'"));
  assert.ok(eq("'ab' 'cd'", "'abcd'") && eq("'it\\'s'", '"it\'s"') && eq('1, 2', '(1, 2)') && eq('[1, 2]  # sorted', '[1,2]'));
  assert.ok(!eq("'\\ud83d\\ude00'", "'😀'"), 'escaped surrogates are two code points');
});
