// The sixty-seventh pass (docs/segmentation-eval.md "Stop 33: pass 67"): answers that are program
// values (code-output prediction). Each rule with a case it reads and a case it must leave as it
// was. Texts written for these tests. Decided on the rules alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { answersEqual } from '../../../server/src/trace/answers.js';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import {
  MAX_PROGRAM_VALUE,
  programValueKey,
  programValueQuestion,
  programValueStatements,
  programWork,
  scanProgramValue,
} from '../../../server/src/trace/programValues.js';
import { record } from './segmentRuleHelpers.js';
import { otherCases, runCase } from '../../../bench/adversarial.js';

const seg = (query: string, body: string, answer?: string) =>
  segmentAttempts(record(query, body, answer), { ...defaultSegmentOptions, reader: 'rules' });
const rules = (query: string, body: string): string[] => seg(query, body).attempts.map((a) => a.candidate.value);

// (One line each: a trace file's query is one line, as the phrasing families' are.)
const ASK = 'What does g return for g([3, 1, 2])?  def g(xs):     return sorted(xs)[::-1]';
const ASSERT = 'Complete the assertion.  def h(s):     return s.swapcase()  assert h("aBc") == ??';

test('67 question: a code-output question is recognised; a print question, a math question and prose with code are not', () => {
  assert.equal(programValueQuestion(ASK), true);
  assert.equal(programValueQuestion(ASSERT), true);
  assert.equal(programValueQuestion('[PYTHON]\ndef f(x):\n    return x + 1\nassert f(1) == ??\n[/PYTHON]'), true);
  assert.equal(programValueQuestion('What is the output of the function f for f(4)?\n\ndef f(n):\n    return n * n'), true);
  assert.equal(analyzeQuestion(ASK).programValue, true);
  // Printed text is the 'output' answer form's (wordForms.ts), not a program value.
  assert.equal(programValueQuestion('What does this code print?\n\ndef f():\n    return 3\nprint(f())'), false);
  // No code shown, or code shown with another question.
  assert.equal(programValueQuestion('What does the function f(x) = 2x + 1 return at x = 3?'), false);
  assert.equal(programValueQuestion('Explain what this does.\n\ndef f(x):\n    return x'), false);
  assert.equal(analyzeQuestion('What is 12 * 13?').programValue, undefined);
});

test('67 scanner: a Python value is read whole, balanced and bounded; a non-value is not read', () => {
  const end = (s: string) => scanProgramValue(s, 0);
  assert.equal(end("'ab c'. next"), 6);
  assert.equal(end('"it\'s"'), 6);
  assert.equal(end("'a\\'b'"), 6);
  assert.equal(end("[1, [2, 3], {'k': (4,)}] tail"), 24);
  assert.equal(end("{'a': 1, 'b': None,}"), 20);
  assert.equal(end('(1, 2)'), 6);
  assert.equal(end('()'), 2);
  assert.equal(end('-2.5e3'), 6);
  assert.equal(end('True.'), 4);
  assert.equal(end('None'), 4);
  assert.equal(end('Truth'), -1);
  assert.equal(end('the list'), -1);
  assert.equal(end("'unclosed"), -1);
  assert.equal(end('[1, 2'), -1);
  assert.equal(end('[1, 2)'), -1);
  assert.equal(end("'a\nb'"), -1);
  assert.equal(end('[x for x in xs]'), -1);
  assert.equal(end(`'${'a'.repeat(MAX_PROGRAM_VALUE)}'`), -1);
  assert.equal(end('['.repeat(40) + ']'.repeat(40)), -1);
});

test('67 statements: the conclusion forms state a whole value; a trace line and an expression do not', () => {
  const values = (t: string) => programValueStatements(t, 0, t.length).map((s) => [t.slice(s.start, s.end), s.strength]);
  assert.deepEqual(values('So g returns [3, 2, 1].'), [['[3, 2, 1]', 3]]);
  assert.deepEqual(values('The output is {"k": [1, 2]}.'), [['{"k": [1, 2]}', 3]]);
  assert.deepEqual(values("Output: (0, 'z')"), [["(0, 'z')", 3]]);
  assert.deepEqual(values('**Answer:** `False`'), [['False', 4]]);
  assert.deepEqual(values('[OUTPUT]\nassert h("aBc") == "AbC"\n[/OUTPUT]'), [['"AbC"', 4]]);
  assert.deepEqual(values('```python\nassert g([3, 1, 2]) == [3, 2, 1]\n```'), [['[3, 2, 1]', 4]]);
  assert.deepEqual(values('g([3, 1, 2])  # -> [3, 2, 1]'), [['[3, 2, 1]', 3]]);
  assert.deepEqual(values('So the result is None.'), [['None', 3]]);
  assert.deepEqual(values("Checked again. Still 'xy'."), [["'xy'", 3]]);
  // Trace states, a traced test, an expression, words: none.
  assert.deepEqual(values("i=1: out = 'ab'\ni=2: out = [1, 4]\n2 % 2 == 0 is True"), []);
  assert.deepEqual(values('it returns xs[::-1] reversed'), []);
  assert.deepEqual(values('returns 4 + 5 in total'), []);
  assert.deepEqual(values("returns 'abc'.upper()"), []);
  assert.deepEqual(values('the return statement hands back the list'), []);
});

test('67 reading: a traced code-output response reads its stated values, a correction and an echo', () => {
  const body =
    'i=0: x=3 -> out = [3]\ni=1: x=1 -> out = [3, 1]\nSo g returns [3, 1, 2].\n\nWait, sorted puts them in order first: [1, 2, 3], and [::-1] reverses that.\nSo g returns [3, 2, 1].\n\nLet me double-check another way: the largest is 3, then 2, then 1, descending order.\nStill [3, 2, 1].';
  assert.deepEqual(rules(ASK, body), ['[3, 1, 2]', '[3, 2, 1]', '[3, 2, 1]']);
  // The closing assertion restates the value: it merges.
  assert.deepEqual(rules(ASK, 'So g returns [3, 2, 1].\n\n[OUTPUT]\nassert g([3, 1, 2]) == [3, 2, 1]\n[/OUTPUT]'), ['[3, 2, 1]']);
  // "Yes, that seems right." does no work: one candidate.
  assert.deepEqual(rules(ASK, 'The output is [3, 2, 1].\nYes, that seems right. The output is [3, 2, 1].'), ['[3, 2, 1]']);
  // Case is part of a string: 'AbC' corrected to 'abc' is a second answer.
  assert.deepEqual(rules(ASSERT, "So h returns 'abc'.\n\nWait, swapcase flips every letter.\nSo h returns 'AbC'."), ["'abc'", "'AbC'"]);
  // A trace that stops before the result: no candidate (no last-number fallback).
  assert.deepEqual(rules(ASK, 'i=0: x=3 -> out = [3]\ni=1: x=1 -> out = [3, 1]\nThat is the loop.'), []);
});

test('67 negatives: "returns" in a math question, a Python snippet in a non-code question', () => {
  // A math question's working with "returns": read as before (the number rules), not as a program value.
  const math = 'A machine returns 3 coins for every 4 inserted. How many coins does it return for 20 inserted?';
  assert.equal(analyzeQuestion(math).programValue, undefined);
  assert.deepEqual(rules(math, 'Each 4 inserted returns 3, so 20 inserted returns 5 * 3 = 15.\n\nThe answer is 15.'), ['15']);
  // Code in a question that asks no value: no program-value reading.
  const prose = 'How many lines long is this function?  def f(x):     y = x + 1     return y';
  assert.equal(analyzeQuestion(prose).programValue, undefined);
  assert.deepEqual(rules(prose, 'It has 3 lines.\n\nThe answer is 3.'), ['3']);
});

test('67 equivalence: quotes, spacing and JSON against the Python repr', () => {
  assert.equal(answersEqual("'cba'", '"cba"'), true);
  assert.equal(answersEqual('[1,2]', '[1, 2]'), true);
  assert.equal(answersEqual("{'a': 1}", '{"a":1}'), true);
  assert.equal(answersEqual('"spaib"', "'spaib'"), true);
  assert.equal(answersEqual('["Russia", "Kazakhstan"]', "['Russia', 'Kazakhstan']"), true);
  assert.equal(answersEqual("'cba'", "'abc'"), false);
  assert.equal(answersEqual('[1, 2]', '[2, 1]'), false);
  // Inside a record the case is kept: two strings that differ by case are two answers.
  assert.notEqual(programValueKey("'lAmBdA'"), programValueKey("'LaMbDa'"));
  assert.equal(programValueKey('{"a": [1, 2]}'), "{'a':[1,2]}");
  assert.equal(programValueKey("'a b'"), "'a b'");
});

test('67 new work: a re-check in words is work; a bare verdict and an answer block are not', () => {
  assert.equal(programWork('Let me double-check another way.\nThe largest is 3, then 2, then 1.'), true);
  assert.equal(programWork('Yes, that seems right.'), false);
  assert.equal(programWork('Hmm, is that right? I think so.'), false);
  assert.equal(programWork('\n[/THOUGHT]\n[OUTPUT]\nassert g([3, 1, 2]) == '), false);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('67: a 200 KB line of cues and openers: programValueStatements and programWork complete', { timeout: 120_000 }, () => {
  runCase(otherCases.programValues);
});
