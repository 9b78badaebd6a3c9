// The field-path language and the mapping: parsing, printing back, evaluating against rows, the
// user's overrides, and the errors that say what was expected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyOverrides,
  checkFanout,
  describeMapping,
  MappingError,
  parseMapOverrides,
} from '../../../server/src/trace/formats/mapping.js';
import {
  evalPath,
  evalRule,
  fanoutCount,
  formatRule,
  parsePath,
  parseRule,
  PathSyntaxError,
} from '../../../server/src/trace/formats/path.js';
import { answerText, mapRow, textOf, verdictOf } from '../../../server/src/trace/formats/records.js';
import { detectPreset, presetMapping } from '../../../server/src/trace/formats/presets.js';

test('paths parse and print back: keys, [i], indexes, filters with alternatives, quoted keys', () => {
  for (const p of [
    'problem',
    'generations[i]',
    'doc.question',
    'resps[0][i]',
    'messages[-1]',
    'messages[role=assistant][-1].content',
    'conversations[from=gpt|assistant][i].value',
    '"odd key".x',
  ]) {
    assert.equal(formatRule(parseRule(p)), p);
  }
  assert.equal(formatRule(parseRule('finish_reasons[i] == "length"')), 'finish_reasons[i] == "length"');
  assert.equal(formatRule(parseRule('a | b.c')), 'a | b.c');
  assert.deepEqual(parseRule('x == "max_tokens" | "model_length"').equals, ['max_tokens', 'model_length']);
});

test('path errors say where and what was expected', () => {
  assert.throws(
    () => parsePath('gen['),
    (e: Error) => e instanceof PathSyntaxError && /column 4: expected a closing "\]"/.test(e.message),
  );
  assert.throws(() => parsePath('a[x]'), /expected "\[i\]", a number or "\[key=value\]"/);
  assert.throws(() => parsePath('a[i][i]'), /at most one \[i\]/);
  assert.throws(() => parsePath(''), /empty path/);
  assert.throws(() => parsePath('a..b'), /expected a field name/);
});

test('evaluation: fan-out, negative indexes, filters, missing steps are undefined', () => {
  const row = {
    generations: ['a', 'b', 'c'],
    messages: [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'r1' },
      { role: 'assistant', content: 'r2' },
    ],
    n: 5n,
  };
  assert.equal(evalPath(row, parsePath('generations[i]'), 2), 'c');
  assert.equal(fanoutCount(row, parsePath('generations[i]')), 3);
  assert.equal(fanoutCount(row, parsePath('missing[i]')), undefined);
  assert.equal(evalPath(row, parsePath('messages[role=assistant][-1].content')), 'r2');
  assert.equal(evalPath(row, parsePath('messages[role=system][0].content')), undefined);
  assert.equal(evalPath(row, parsePath('generations.x')), undefined);
  assert.deepEqual(evalRule(row, parseRule('missing | n')), { path: parsePath('n'), value: 5n });
  assert.equal(evalRule({ f: ['stop', 'length'] }, parseRule('f[i] == "length"'), 1)?.value, true);
  assert.equal(evalRule({ f: ['stop', 'length'] }, parseRule('f[i] == "length"'), 0)?.value, false);
});

test('--map overrides: keys checked, commas inside brackets and quotes kept, [i] only with a fanning response', () => {
  const o = parseMapOverrides('response=conversations[from=gpt|assistant][i].value,truncated=f[i] == "a,b",source_verdict=ok[i]');
  assert.equal(formatRule(o.response!), 'conversations[from=gpt|assistant][i].value');
  assert.deepEqual(o.truncated!.equals, ['a,b']);
  assert.ok(o.verdict, 'source_verdict is the verdict key');
  assert.throws(
    () => parseMapOverrides('bogus=x'),
    (e: Error) => e instanceof MappingError && /unknown key "bogus" \(keys: prompt, response/.test(e.message),
  );
  assert.throws(() => parseMapOverrides('response'), /is not key=path/);
  assert.throws(() => applyOverrides({}, {}), /no response field: give one with --map response=PATH/);
  assert.throws(
    () => checkFanout(applyOverrides({ response: parseRule('text'), verdict: parseRule('ok[i]') }, {})),
    /verdict uses \[i\] but the response does not/,
  );
  assert.equal(
    describeMapping(
      applyOverrides({ prompt: parseRule('problem'), response: parseRule('generations[i]'), verdict: parseRule('v[i]') }, {}),
    ),
    'prompt <- problem, response <- generations[i], source verdict <- v[i]',
  );
});

test('text, answers and verdicts as the sources write them', () => {
  const row = { attachments: { h1: 'long text' } };
  assert.equal(textOf('attachment://h1', row), 'long text');
  assert.equal(
    textOf(
      [
        { type: 'reasoning', reasoning: 'think' },
        { type: 'text', text: 'answer' },
      ],
      row,
      'response',
    ),
    '<think>\nthink\n</think>\n\nanswer',
  );
  assert.equal(
    textOf(
      [
        { role: 'system', content: 's' },
        { role: 'user', content: 'u1' },
        { role: 'assistant', content: 'a' },
        { role: 'user', content: 'u2' },
      ],
      row,
    ),
    'u1\nu2',
  );
  assert.equal(textOf(['a', 'b'], row, 'response'), undefined, 'a list of strings is not one response');
  assert.equal(answerText('Work.\n#### 72'), '72');
  assert.equal(answerText('so $\\boxed{\\frac{1}{2}}$.'), '\\frac{1}{2}');
  assert.equal(answerText([null, '3']), '3');
  assert.equal(answerText(12n), '12');
  assert.equal(answerText('  '), undefined);
  assert.deepEqual(['C', 'I', 'N', 'P', 1, 0, 0.5, true, null, 'yes', 1n].map(verdictOf), [
    true,
    false,
    false,
    null,
    true,
    false,
    null,
    true,
    null,
    true,
    true,
  ]);
});

test('mapRow: one record per generation, verdict and truncation per generation, a row verdict only for one response', () => {
  const row = {
    problem: 'What is 2 * 3?',
    answer: '6',
    uuid: 'u',
    generations: ['\\boxed{6}', '\\boxed{5}'],
    correctness_math_verify: [true, null],
    finish_reasons: ['stop', 'length'],
    source: 'amc',
  };
  const format = detectPreset(row)!;
  assert.equal(format, 'openr1');
  const mapping = applyOverrides(presetMapping(format, row).rules, {});
  const r = mapRow(row, { mapping, position: 4, where: 'row 5', width: 0, fileModel: 'm' });
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(
    r.records.map((x) => [
      x.id,
      x.headers.source_verdict,
      x.headers.truncated,
      x.headers.finish_reason,
      x.headers.group,
      x.headers.source,
      x.sourceLine,
    ]),
    [
      ['u.1', 'true', 'false', 'stop', 'u', 'amc', 4],
      ['u.2', 'none', 'true', 'length', 'u', 'amc', 4],
    ],
  );
  const rowVerdict = applyOverrides({ response: parseRule('g[i]'), verdict: parseRule('ok') }, {});
  const two = mapRow({ g: ['a', 'b'], ok: 1 }, { mapping: rowVerdict, position: 0, where: '', width: 0, fileModel: 'm' });
  assert.deepEqual(
    two.records.map((x) => x.headers.source_verdict),
    ['none', 'none'],
    'a majority-vote metric judges no single response',
  );
  const one = mapRow({ g: ['a'], ok: 1 }, { mapping: rowVerdict, position: 0, where: '', width: 0, fileModel: 'm' });
  assert.deepEqual(
    one.records.map((x) => x.headers.source_verdict),
    ['true'],
  );
});

test('mapRow diagnostics name the row and the field: empty list, null, wrong type, empty text', () => {
  const mapping = applyOverrides({ response: parseRule('generations[i]') }, {});
  const ctx = { mapping, position: 2, where: 'row 3', width: 0, fileModel: 'm' };
  assert.match(mapRow({ generations: [] }, ctx).diagnostics[0].message, /^row 3: no response: generations is an empty list/);
  assert.match(mapRow({}, ctx).diagnostics[0].message, /^row 3: no response: expected text at generations\[i\]/);
  const mixed = mapRow({ generations: ['ok', null, 5, ''] }, ctx);
  assert.equal(mixed.records.length, 1);
  assert.deepEqual(
    mixed.diagnostics.map((d) => [d.code, d.line, d.message.replace(/:.*?:/, ':')]),
    [
      ['no-response', 2, 'row 3: expected the response text'],
      ['bad-response', 2, 'row 3: expected a string (or content parts with text); --map response=PATH names another field'],
      ['empty-response', 2, 'row 3: nothing to segment'],
    ],
  );
});
