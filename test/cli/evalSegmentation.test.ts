// `reflection-lens eval-segmentation` as users run it (dist/cli.js): a gold file given with
// --gold or found beside the trace, the metrics against hand-counted expectations, the
// disagreements listed, bad labels reported with their line, and the segmentation flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'rl-evalseg-'));
const cli = (args: string[]) => spawnSync(process.execPath, ['dist/cli.js', 'eval-segmentation', ...args], { encoding: 'utf8' });

const trace = [
  '=== 1',
  'query: Calculate 12 * 34.',
  'answer: 408',
  '---',
  '12 * 34 = 418.',
  'Wait, 12 * 4 is 48.',
  'So the answer is 408.',
  '=== 2',
  'query: Calculate 7 * 8.',
  'answer: 56',
  '---',
  'The answer is 54.',
  'Verdict: keep it.',
  '=== 3',
  'query: Calculate 2 * 3.',
  'answer: 6',
  '---',
  'Two threes: 6 in all.',
  '',
].join('\n');
const body1 = '12 * 34 = 418.\nWait, 12 * 4 is 48.\nSo the answer is 408.';
const gold =
  [
    // Record 1: the engine reads 418 then 408, as labelled.
    {
      id: '1',
      candidates: [
        { value: '418', offset: body1.indexOf('418') },
        { value: '408', offset: body1.indexOf('408') },
      ],
      final: '408',
    },
    // Record 2: the annotator says 54 was corrected to 56 later (it was not): one missed candidate.
    {
      id: '2',
      candidates: [
        { value: '54', offset: 14 },
        { value: '56', offset: 20 },
      ],
      final: '56',
    },
  ]
    .map((g) => JSON.stringify(g))
    .join('\n') + '\n';

test('metrics against a gold file given with --gold, and the same file found beside the trace', () => {
  const file = join(dir, 'a.trace');
  writeFileSync(file, trace);
  writeFileSync(join(dir, 'labels.jsonl'), gold);
  const r = cli([file, '--gold', join(dir, 'labels.jsonl'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const e = JSON.parse(r.stdout);
  assert.equal(e.records, 2, 'record 3 has no label and is not counted');
  assert.deepEqual([e.gold, e.predicted, e.matched], [4, 3, 3]);
  assert.equal(e.precision, 1);
  assert.equal(e.recall, 0.75);
  assert.deepEqual(e.exactSequence, { agree: 1, of: 2 });
  assert.deepEqual(e.firstCorrectness, { agree: 2, of: 2 });
  assert.deepEqual(e.finalAnswer, { agree: 1, of: 2 });
  assert.deepEqual(
    e.disagreements.map((d: { id: string; kind: string }) => [d.id, d.kind]),
    [
      ['2', 'missed'],
      ['2', 'count'],
      ['2', 'final'],
    ],
  );
  // Derived from the gold labels: record 1 W->R, record 2 W->R; from the engine: W->R, then W (stop).
  assert.deepEqual([e.derived.gold.delta2.k, e.derived.gold.delta2.n], [2, 2]);
  assert.deepEqual([e.derived.engine.delta2.k, e.derived.engine.delta2.n], [1, 2]);
  // Per rule: "12 * 34 = 418." is an equation's value, "the answer is ..." an explicit answer; all matched.
  assert.deepEqual(e.byRule, { equals: { found: 1, matched: 1 }, 'final-answer': { found: 2, matched: 2 } });
  // The labelled 56 of record 2 is nowhere in its text: no rule reads it, the other three are read.
  assert.deepEqual(e.seen, { found: 3, of: 4 });

  writeFileSync(`${file}.gold.jsonl`, gold);
  const beside = cli([file]);
  assert.equal(beside.status, 0, beside.stderr);
  assert.match(beside.stdout, /precision\s+100\.0% \(3\/3\), 95% (\d+\.\d)-100\.0/);
  assert.match(beside.stdout, /recall\s+75\.0% \(3\/4\), 95% \d+\.\d-\d+\.\d/);
  // 3 of 3 in two records is not certainty: the interval keeps Wilson's width at least.
  assert.ok(e.intervals.precision.lo < 0.5 && e.intervals.precision.hi === 1, JSON.stringify(e.intervals.precision));
  assert.ok(e.intervals.recall.lo < 0.75 && e.intervals.recall.hi > 0.75);
  assert.ok(e.intervals.gold.p.lo === 0 && e.intervals.gold.p.hi > 0.5, JSON.stringify(e.intervals.gold.p));
  // p read alike on both records: a difference of 0 that keeps the rule of three's width (three first candidates' worth, over two: all of [-1, 1]).
  assert.match(beside.stdout, /\np\s+0\.000 \(0\/2\) 0\.00-0\.\d\d\s+0\.000 \(0\/2\) 0\.00-0\.\d\d\s+\+0\.000 \[-1\.00, 1\.00\]\n/);
  // delta2: the engine 1 of 2 where the labels have 2 of 2, paired over the two records.
  assert.equal(e.derivedDifference.delta2.value, -0.5);
  assert.ok(e.derivedDifference.delta2.lo < -0.5 && e.derivedDifference.delta2.hi > 0, JSON.stringify(e.derivedDifference.delta2));
  assert.match(beside.stdout, /\ndelta2\s+0\.500 \(1\/2\)[^\n]*-0\.500 \[-1\.00, [\d.]+\]\n/);
  assert.match(beside.stdout, /read by some rule\s+75\.0% \(3\/4\) of the gold candidates/);
  assert.match(beside.stdout, /precision per rule[^\n]*\n {2}final-answer\s+100\.0% \(2\/2\)\n {2}equals\s+100\.0% \(1\/1\)/);
  assert.match(beside.stdout, /\n {2}2\s+13:3\s+missed\s+expected 56, got -/);
});

test('--against scores a second annotator against the gold labels on the records both label, then the engine there', () => {
  const file = join(dir, 'two.trace');
  writeFileSync(file, trace);
  writeFileSync(join(dir, 'main.jsonl'), gold);
  // The second annotator agrees on record 1 and sees no correction in record 2 (54 only, as the
  // engine reads it); record 3 is labelled by the second annotator alone and is not counted.
  const second = [
    JSON.parse(gold.split('\n')[0]),
    { id: '2', candidates: [{ value: '54', offset: 14 }], final: '54' },
    { id: '3', candidates: [{ value: '6', offset: 12 }], final: '6' },
  ];
  writeFileSync(join(dir, 'second.jsonl'), second.map((g) => JSON.stringify(g)).join('\n') + '\n');
  const r = cli([file, '--gold', join(dir, 'main.jsonl'), '--against', join(dir, 'second.jsonl'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr.match(/has no record/g), null, r.stderr);
  const { agreement, engine } = JSON.parse(r.stdout);
  assert.equal(agreement.records, 2);
  assert.deepEqual([agreement.gold, agreement.predicted, agreement.matched], [4, 3, 3]);
  // By kind: both first candidates found; of the two changed values (418 -> 408, 54 -> 56) one.
  assert.deepEqual(agreement.recallByKind, { first: { found: 2, of: 2 }, echo: { found: 0, of: 0 }, changed: { found: 1, of: 2 } });
  assert.deepEqual(agreement.finalAnswer, { agree: 1, of: 2 });
  assert.deepEqual(engine.recallByKind, agreement.recallByKind, 'the engine reads these two records as the second annotator does');
  assert.equal(engine.records, 2);
  const text = cli([file, '--gold', join(dir, 'main.jsonl'), '--against', join(dir, 'second.jsonl')]);
  assert.match(text.stdout, /^second annotator \(.*second\.jsonl\) against the gold labels/);
  assert.match(text.stdout, /candidates\s+gold 4, second 3, matched 3/);
  assert.match(text.stdout, /recall by kind\s+first 100\.0% \(2\/2\), echo -, changed 50\.0% \(1\/2\)/);
  assert.match(text.stdout, /\nthe engine on the same records\n[^]*candidates\s+gold 4, engine 3, matched 3/);
  const missing = cli([file, '--gold', join(dir, 'main.jsonl'), '--against', join(dir, 'nope.jsonl')]);
  assert.notEqual(missing.status, 0);
});

test('a malformed label line is reported with its line and column; the other labels still count; flags are checked', () => {
  const file = join(dir, 'b.trace');
  writeFileSync(file, trace);
  writeFileSync(join(dir, 'bad.jsonl'), `${gold}{"id": "3", "candidates": [{"value": "6"}]}\nnot json\n`);
  const r = cli([file, '--gold', join(dir, 'bad.jsonl'), '--json']);
  assert.equal(r.status, 0);
  // At the column that is wrong: the candidate without an offset, the "o" that makes "not" no JSON.
  assert.match(r.stderr, /bad\.jsonl:3:28: error: candidates\[0\]: expected "offset"/);
  assert.match(r.stderr, /bad\.jsonl:4:2: error: Invalid JSON/);
  assert.equal(JSON.parse(r.stdout).records, 2);
  writeFileSync(join(dir, 'patterns.txt'), '# a comment\n(unclosed\n');
  const bad = cli([file, '--gold', join(dir, 'bad.jsonl'), '--answer-patterns', join(dir, 'patterns.txt')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--answer-patterns: "\(unclosed"/);
  writeFileSync(join(dir, 'patterns.txt'), 'in all: (\\d+)|(\\d+) in all\n');
  const withPattern = cli([file, '--gold', join(dir, 'labels.jsonl'), '--answer-patterns', join(dir, 'patterns.txt'), '--json']);
  assert.equal(withPattern.status, 0, withPattern.stderr);
});

test('a labelled answer no rule reads is counted as unread, and an answer pattern makes it read', () => {
  const file = join(dir, 'c.trace');
  writeFileSync(file, trace);
  const body3 = 'Two threes: 6 in all.';
  writeFileSync(
    join(dir, 'three.jsonl'),
    JSON.stringify({ id: '3', candidates: [{ value: '6', offset: body3.indexOf('6') }], final: '6' }) + '\n',
  );
  const without = JSON.parse(cli([file, '--gold', join(dir, 'three.jsonl'), '--json']).stdout);
  assert.deepEqual(without.seen, { found: 0, of: 1 });
  writeFileSync(join(dir, 'in-all.txt'), '(\\d+) in all\n');
  const withPattern = JSON.parse(
    cli([file, '--gold', join(dir, 'three.jsonl'), '--answer-patterns', join(dir, 'in-all.txt'), '--json']).stdout,
  );
  assert.deepEqual(withPattern.seen, { found: 1, of: 1 });
  assert.equal(withPattern.matched, 1);
});

test('calibrating a folder leaves gold files beside the traces alone (they are labels, not rollouts)', () => {
  const sub = mkdtempSync(join(dir, 'corpus-'));
  writeFileSync(join(sub, 'a.trace'), trace);
  writeFileSync(join(sub, 'a.trace.gold.jsonl'), gold);
  const r = spawnSync(process.execPath, ['dist/cli.js', 'calibrate', sub, '--json', '--bootstrap', '20'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.skipped, []);
  assert.equal(
    out.groups.reduce((n: number, g: { n: number }) => n + g.n, 0),
    3,
  );
});

test('segment, calibrate and attribution take --markers and --answer-patterns too', () => {
  const file = join(dir, 'm.trace');
  writeFileSync(
    file,
    '=== 1\nquery: Calculate 12 * 34.\nanswer: 408\n---\n12 * 34 = 418\nWait, 12 * 30 = 360 and 12 * 4 = 48.\n360 + 48 = 408\n=== 2\nquery: Name a prime.\nanswer: 7\n---\nPick: seven (7)\n',
  );
  writeFileSync(join(dir, 'only-hmm.txt'), '# no "Wait" here\nHmm\n');
  writeFileSync(join(dir, 'pick.txt'), 'Pick: \\w+ \\((\\d+)\\)\n');
  const run = (args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  const attempts = (out: string) =>
    (JSON.parse(out) as { steps: { kind: string; answer?: string }[] }[]).map((r) =>
      r.steps.filter((s) => s.kind === 'sample').map((s) => s.answer),
    );
  const plain = run(['segment', file, '--json']);
  assert.equal(plain.status, 0, plain.stderr);
  assert.deepEqual(attempts(plain.stdout), [['418', '408'], []]);
  const custom = run(['segment', file, '--json', '--markers', join(dir, 'only-hmm.txt'), '--answer-patterns', join(dir, 'pick.txt')]);
  assert.equal(custom.status, 0, custom.stderr);
  assert.deepEqual(attempts(custom.stdout), [['408'], ['7']], 'without "Wait" record 1 is one attempt; the pattern finds record 2');
  const cal = run(['calibrate', file, '--json', '--bootstrap', '20', '--answer-patterns', join(dir, 'pick.txt')]);
  assert.equal(cal.status, 0, cal.stderr);
  assert.equal(JSON.parse(cal.stdout).groups.find((g: { task: string }) => g.task !== '2x2').counts.noAnswer, 0);
  const att = run(['attribution', file, '--json', '--markers', join(dir, 'only-hmm.txt')]);
  assert.equal(att.status, 0, att.stderr);
  assert.equal(JSON.parse(att.stdout).traces[0].steps.length, 2, 'one sample and its STOP');
  assert.equal(run(['segment', file, '--markers', join(dir, 'missing.txt')]).status, 2);
});

test('gold offsets beyond the body are reported at their gold line and column and dropped; the record still counts; the progress line ends on the final count', () => {
  const file = join(dir, 'far.trace');
  writeFileSync(file, trace);
  // Record 1 keeps its first candidate (418 at 10); its second is at an offset past 2^53, which
  // JSON rounds; record 2's only candidate is at 10^12.
  const far = [
    `{"id": "1", "candidates": [{"value": "418", "offset": 10}, {"value": "408", "offset": ${2 ** 53 + 1}}], "final": "408"}`,
    '{"id": "2", "candidates": [{"value": "56", "offset": 1000000000000}], "final": "56"}',
  ].join('\n');
  writeFileSync(join(dir, 'far.jsonl'), far + '\n');
  const r = cli([file, '--gold', join(dir, 'far.jsonl'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const warnings = r.stderr.split('\n').filter((l) => l.includes('[gold-offset]'));
  assert.deepEqual(
    warnings.map((l) => l.slice(l.indexOf('far.jsonl:'))),
    [
      `far.jsonl:1:${far.split('\n')[0].indexOf('9007') + 1}: warning: candidates[1]: offset 9007199254740992 beyond the response's length ${body1.length}; dropped from matching [gold-offset]`,
      `far.jsonl:2:${far.split('\n')[1].indexOf('1000') + 1}: warning: candidates[0]: offset 1000000000000 beyond the response's length 35; dropped from matching [gold-offset]`,
    ],
  );
  const e = JSON.parse(r.stdout);
  assert.equal(e.records, 2);
  assert.equal(e.gold, 1, 'only the candidate inside a body is matched');
  assert.ok(e.matched <= 1);
  // Off a terminal a short run prints one progress line, the final count (not "1 labelled of 1 records" first).
  const progress = r.stderr.split('\n').filter((l) => l.includes('labelled of'));
  assert.deepEqual(
    progress.map((l) => l.replace(/^.*: (\d+ labelled of \d+ records)$/, '$1')),
    ['2 labelled of 3 records'],
  );
});

test('two trace files sharing record ids: --gold once per trace file pairs them in order; one file for both leaves the shared ids out, said', () => {
  // Two runs of the same questions (ids 1 and 2 in both), each with its own labels, as two
  // annotated evaluation files are. Before, the last --gold labelled both files' records.
  const runA = ['=== 1', 'answer: 408', '---', 'The answer is 408.', '=== 2', 'answer: 56', '---', 'The answer is 56.', ''].join('\n');
  const runB = ['=== 1', 'answer: 408', '---', 'So we get 418.', '=== 2', 'answer: 56', '---', 'Then 57 it is.', ''].join('\n');
  const label = (id: string, body: string, value: string): string =>
    JSON.stringify({ id, candidates: [{ value, offset: body.indexOf(value) }], final: value });
  writeFileSync(join(dir, 'runA.trace'), runA);
  writeFileSync(join(dir, 'runB.trace'), runB);
  writeFileSync(
    join(dir, 'a.gold.jsonl'),
    [label('1', 'The answer is 408.', '408'), label('2', 'The answer is 56.', '56')].join('\n') + '\n',
  );
  writeFileSync(join(dir, 'b.gold.jsonl'), [label('1', 'So we get 418.', '418'), label('2', 'Then 57 it is.', '57')].join('\n') + '\n');
  const [a, b, ga, gb] = ['runA.trace', 'runB.trace', 'a.gold.jsonl', 'b.gold.jsonl'].map((f) => join(dir, f));
  const json = (args: string[]) => {
    const r = cli([...args, '--json']);
    assert.equal(r.status, 0, r.stderr);
    return { e: JSON.parse(r.stdout) as { records: number; gold: number; matched: number }, stderr: r.stderr };
  };
  const alone = [json([a, '--gold', ga]).e, json([b, '--gold', gb]).e];
  const paired = json([a, b, '--gold', ga, '--gold', gb]);
  assert.equal(paired.e.records, 4);
  assert.equal(paired.e.gold, alone[0].gold + alone[1].gold);
  assert.equal(paired.e.matched, alone[0].matched + alone[1].matched);
  assert.doesNotMatch(paired.stderr, /gold-ambiguous/);
  // One labels file for both: ids 1 and 2 are in each file, so no label can be placed; each is said
  // at its labels line and nothing is scored against the wrong response.
  const shared = json([a, b, '--gold', ga]);
  assert.equal(shared.e.records, 0);
  assert.match(
    shared.stderr,
    new RegExp(
      `a\\.gold\\.jsonl:1: warning: gold label for record "1" matches a record in each of .*runA\\.trace, .*runB\\.trace.*\\[gold-ambiguous\\]`,
    ),
  );
  assert.match(shared.stderr, /a\.gold\.jsonl:2: warning: gold label for record "2" .*\[gold-ambiguous\]/);
  // As many labels files as trace files, or one: anything else is a usage error, not a silent pick.
  const three = cli([a, b, '--gold', ga, '--gold', gb, '--gold', ga]);
  assert.equal(three.status, 2);
  assert.match(three.stderr, /--gold given 3 times for 2 trace files/);
});

test('a value flag given twice is a usage error on every command, not the last value silently', () => {
  const r = spawnSync(process.execPath, ['dist/cli.js', 'segment', '--reader', 'rules', '--reader', 'learned', join(dir, 'runA.trace')], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--reader given twice \("rules", then "learned"\); it takes one value/);
});

test('the records no one labelled are read by the engine and the rates over all of them corrected with the labelled ones', () => {
  // Twelve responses alike; four labelled. The annotators mark the basket's 41 as a first, wrong
  // answer the engine does not read: the engine alone reads p 1 over all twelve, the labels 0.
  const body = 'There are 41 apples in the first basket and one more in the second, so the answer is 42.';
  const text = Array.from({ length: 12 }, (_, i) => `=== r${i}\nanswer: 42\n---\n${body}\n`).join('');
  const labels = Array.from({ length: 4 }, (_, i) =>
    JSON.stringify({
      id: `r${i}`,
      candidates: [
        { value: '41', offset: body.indexOf('41') },
        { value: '42', offset: body.indexOf('42') },
      ],
      final: '42',
    }),
  );
  const file = join(dir, 'baskets.trace');
  writeFileSync(file, text);
  writeFileSync(`${file}.gold.jsonl`, labels.join('\n') + '\n');
  const json = cli([file, '--json']);
  assert.equal(json.status, 0, json.stderr);
  const e = JSON.parse(json.stdout);
  assert.equal(e.records, 4);
  assert.equal(e.gold, 8);
  assert.equal(e.matched, 4, 'the engine reads 42 only');
  assert.equal(e.corrected.records, 12);
  assert.equal(e.corrected.labelled, 4);
  assert.equal(e.corrected.p.engine, 1);
  assert.equal(e.corrected.p.value, 0, 'corrected to the labels: every first answer is the wrong 41');
  assert.equal(e.corrected.p.lo, 0);
  assert.ok(e.corrected.p.hi > 0.2 && e.corrected.p.hi < 1, `four labelled records leave a wide interval: ${e.corrected.p.hi}`);
  assert.equal(e.corrected.delta2.engine, null, 'the engine reads no wrong attempt');
  assert.equal(e.corrected.delta2.value, 1);
  assert.equal(e.corrected.accuracy.engine, 1);
  assert.equal(e.corrected.accuracy.value, 1, 'the final answer, 42, is right on both readings');
  // The paper's formula: the engine's p 1 and delta1 1 predict 1; the corrected p 0 with delta2 1 leave it undefined (0/0).
  assert.equal(e.corrected.predicted.engine, 1);
  assert.equal(e.corrected.predicted.value, null);
  assert.match(json.stderr, /4 labelled of 12 records/);
  const human = cli([file]);
  assert.equal(human.status, 0, human.stderr);
  assert.match(human.stdout, /over all 12 records \(4 labelled, the rest read by the engine only\), corrected with the labels/);
  assert.match(human.stdout, /\np {14}1\.000 {11}0\.000 \[0\.00, 0\.\d\d\]\n/);
  assert.match(human.stdout, /\ndelta2 {9}- {15}1\.000 \[0\.\d\d, 1\.00\]\n/);
  assert.match(human.stdout, /\npredicted {6}1\.000 {11}- {3}\(the paper's formula/);
  // Every record labelled: no block (it would repeat the labels' column).
  writeFileSync(`${file}.gold.jsonl`, Array.from({ length: 12 }, (_, i) => labels[0].replace('"r0"', `"r${i}"`)).join('\n') + '\n');
  assert.doesNotMatch(cli([file]).stdout, /over all/);
});

test('records cut off at the generation limit are left out of the derived and corrected rates, as calibrate leaves them out; --include-truncated and --max-tokens as calibrate', () => {
  // r0-r3 answer right; r4 and r5 stop at a wrong value, cut off (a truncated header). r0, r1 and r4 labelled.
  const right = 'Adding them up, the answer is 42.';
  const wrong = 'Adding them up, the answer is 41';
  const text = Array.from({ length: 6 }, (_, i) =>
    i < 4 ? `=== r${i}\nanswer: 42\n---\n${right}\n` : `=== r${i}\nanswer: 42\ntruncated: true\n---\n${wrong}\n`,
  ).join('');
  const label = (id: string, body: string, value: string) =>
    JSON.stringify({ id, candidates: [{ value, offset: body.indexOf(value) }], final: value });
  const file = join(dir, 'cutoff.trace');
  writeFileSync(file, text);
  writeFileSync(`${file}.gold.jsonl`, [label('r0', right, '42'), label('r1', right, '42'), label('r4', wrong, '41')].join('\n') + '\n');
  const run = (...more: string[]) => {
    const r = cli([file, '--json', ...more]);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const e = run();
  assert.equal(e.records, 3, 'the cut-off record is still scored for its candidates');
  assert.equal(e.matched, 3);
  assert.equal(e.cutOff, 1);
  assert.deepEqual(e.derived.gold.p, { k: 2, n: 2, value: 1 });
  assert.equal(e.corrected.records, 6);
  assert.equal(e.corrected.cutOff, 2);
  assert.equal(e.corrected.p.engine, 1, 'r0-r3, all right');
  const all = run('--include-truncated');
  assert.equal(all.cutOff, 0);
  assert.deepEqual(all.derived.gold.p, { k: 2, n: 3, value: 2 / 3 });
  assert.equal(all.corrected.cutOff, 0);
  assert.equal(all.corrected.p.engine, 4 / 6);
  // A limit below every response's length (about a token per 4 characters) cuts them all off.
  const tight = run('--max-tokens', '5');
  assert.equal(tight.corrected.cutOff, 6);
  assert.equal(tight.corrected.p.engine, null);
  const human = cli([file]);
  assert.match(
    human.stdout,
    /\n\(1 labelled record cut off at the generation limit left out of these rates, as calibrate leaves them out; --include-truncated counts them\)\n/,
  );
  assert.match(
    human.stdout,
    /over all 6 records \(3 labelled, the rest read by the engine only; 2 cut off at the generation limit left out\)/,
  );
  const bad = cli([file, '--max-tokens', '0']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--max-tokens must be a positive integer, got 0/);
});

test("the engine alone over all records is calibrate's table: no answer wrong, cut-off records and forced STOPs left out", () => {
  const records = [
    ['a0', '42', '', 'Adding them up, the answer is 42.'],
    ['a1', '42', '', 'Adding them up, the answer is 41. Wait, let me recompute. The answer is 42.'],
    ['a2', '42', 'forced_stop: true\n', 'Adding them up, the answer is 41.'],
    ['a3', '42', 'truncated: true\n', 'Adding them up, the answer is 40'],
    ['a4', '42', '', 'I am not sure how to add these.'],
    ['a5', '42', 'forced_stop: true\n', 'The answer is 42.'],
  ];
  const text = records.map(([id, answer, more, body]) => `=== ${id}\nanswer: ${answer}\n${more}---\n${body}\n`).join('');
  const file = join(dir, 'consistent.trace');
  writeFileSync(file, text);
  const body0 = records[0][3];
  writeFileSync(
    `${file}.gold.jsonl`,
    JSON.stringify({ id: 'a0', candidates: [{ value: '42', offset: body0.indexOf('42') }], final: '42' }) + '\n',
  );
  const cal = spawnSync(process.execPath, ['dist/cli.js', 'calibrate', file, '--json'], { encoding: 'utf8' });
  assert.equal(cal.status, 0, cal.stderr);
  const [row] = JSON.parse(cal.stdout).groups;
  const ev = cli([file, '--json']);
  assert.equal(ev.status, 0, ev.stderr);
  const c = JSON.parse(ev.stdout).corrected;
  assert.equal(c.cutOff, 1);
  for (const m of ['p', 'delta1', 'delta2'] as const) assert.equal(c[m].engine, row[m].value, `${m}: ${JSON.stringify(row[m])}`);
  // a0 and a5 right first; a1 and a2 wrong first; a4 no answer, wrong; a3 cut off, left out.
  assert.equal(c.p.engine, 2 / 5);
  // delta2: a1's RESAMPLE after 41 only (a2's STOP after 41 is forced); delta1: a0's STOP, a1's (a5's is forced).
  assert.deepEqual([c.delta2.engine, c.delta1.engine], [1, 1]);
});

test('records read as calibrate reads them: a folder, a verl {step}.jsonl as its run, a record with an error not used (said)', () => {
  const run = join(dir, 'grpo-run', 'rollouts');
  mkdirSync(run, { recursive: true });
  const row = (uid: string, output: string, step: number) =>
    JSON.stringify({ uid, input: 'Calculate 23 * 45. Think step by step.', output, gts: '1035', step });
  writeFileSync(
    join(run, '10.jsonl'),
    [row('a', '23*45 = 1025. Wait, let me recompute. The answer is 1035.', 10), row('b', 'The answer is 1000.', 10)].join('\n') + '\n',
  );
  writeFileSync(join(run, '20.jsonl'), [row('c', 'The answer is 1035.', 20), row('d', 'The answer is 1035.', 20)].join('\n') + '\n');
  writeFileSync(
    join(run, '10.jsonl.gold.jsonl'),
    JSON.stringify({
      id: 'a',
      candidates: [
        { value: '1025', offset: 8 },
        { value: '1035', offset: 52 },
      ],
      final: '1035',
    }) + '\n',
  );
  // A .trace in the same folder whose second record has a malformed header line: calibrate does not use it.
  writeFileSync(
    join(run, 'extra.trace'),
    '=== ok\nquery: Calculate 2 * 3.\nanswer: 6\nmodel: rollouts\n---\nThe answer is 6.\n=== bad\nquery: Calculate 2 * 3.\nanswer: 6\nmodel: rollouts\nmy key: v\n---\nThe answer is 5.\n',
  );
  const cal = spawnSync(process.execPath, ['dist/cli.js', 'calibrate', run, '--json'], { encoding: 'utf8' });
  assert.equal(cal.status, 0, cal.stderr);
  const groups = JSON.parse(cal.stdout).groups as { model: string; task: string; n: number; p: { value: number } }[];
  // The run's rows are one group, named by the folder (not "10" and "20"); the .trace's good record another task.
  const rows = groups.find((g) => g.task === '2x2')!;
  assert.deepEqual([rows.model, rows.n], ['rollouts', 4]);
  const ev = cli([run, '--json']);
  assert.equal(ev.status, 0, ev.stderr);
  const e = JSON.parse(ev.stdout);
  assert.equal(e.records, 1);
  assert.equal(e.corrected.records, 5, 'four rows and the good record; the malformed one not used');
  const mine = (e.correctedByGroup as { model: string; task: string; records: number; p: { engine: number } }[]).find(
    (g) => g.task === '2x2',
  )!;
  assert.deepEqual([mine.model, mine.records, mine.p.engine], ['rollouts', 4, rows.p.value]);
  assert.match(ev.stderr, /extra\.trace:11: record bad not used \(as calibrate\): Malformed header line/);
  const pinned = cli([run, '--gold', join(run, '10.jsonl.gold.jsonl'), '--gold', join(run, '10.jsonl.gold.jsonl')]);
  assert.equal(pinned.status, 2);
  assert.match(pinned.stderr, /needs the trace files named, not a folder/);
});

test('--sample N chooses the records to label at random, in file order, the labelled ones marked; the same seed, the same records', () => {
  const text = Array.from({ length: 30 }, (_, i) => `=== s${i}\nanswer: 42\n---\nSo the answer is 42.\n`).join('');
  const file = join(dir, 'sample.trace');
  writeFileSync(file, text);
  writeFileSync(`${file}.gold.jsonl`, JSON.stringify({ id: 's0', candidates: [{ value: '42', offset: 17 }], final: '42' }) + '\n');
  const run = (...more: string[]) => cli([file, '--sample', '8', ...more]);
  const a = run();
  assert.equal(a.status, 0, a.stderr);
  const lines = a.stdout.trim().split('\n');
  assert.equal(lines.length, 9);
  assert.match(lines[8], /^8 of 30 records chosen at random \(seed 1\)(, 1 already labelled)?: label these$/);
  const chosen = lines.slice(0, 8).map((l) => {
    const m = /^(.*sample\.trace):(\d+): record (s\d+)( \(labelled\))?$/.exec(l);
    assert.ok(m, l);
    // Record k's `===` line is 4k + 1.
    assert.equal(Number(m[2]), 4 * Number(m[3].slice(1)) + 1);
    assert.equal(m[4] !== undefined, m[3] === 's0');
    return Number(m[3].slice(1));
  });
  assert.deepEqual(
    chosen,
    [...chosen].sort((x, y) => x - y),
    'in file order',
  );
  assert.equal(new Set(chosen).size, 8);
  assert.deepEqual(run('--seed', '1').stdout, a.stdout, 'seed 1 is the default');
  assert.notDeepEqual(run('--seed', '2').stdout, a.stdout);
  const all = cli([file, '--sample', '100']);
  assert.match(all.stdout, /\n30 of 30 records chosen at random \(seed 1\), 1 already labelled: label these\n$/);
  for (const bad of [
    ['--sample', '0'],
    ['--sample', '2.5'],
    ['--sample', 'x'],
    ['--seed', '3'],
  ]) {
    const r = cli([file, ...bad]);
    assert.equal(r.status, 2, bad.join(' '));
    assert.match(r.stderr, /--sample|--seed/);
  }
});

test('calibrate says, on stderr, which trace files have gold labels beside them and that eval-segmentation corrects the rates with them', () => {
  const sub = join(dir, 'calibrate-labelled');
  mkdirSync(sub);
  const text = Array.from({ length: 4 }, (_, i) => `=== c${i}\nanswer: 42\n---\nSo the answer is 42.\n`).join('');
  for (const name of ['a.trace', 'b.trace', 'c.trace']) writeFileSync(join(sub, name), text);
  const run = () => spawnSync(process.execPath, ['dist/cli.js', 'calibrate', sub], { encoding: 'utf8' });
  const before = run();
  assert.equal(before.status, 0, before.stderr);
  assert.doesNotMatch(before.stderr, /gold labels/);
  writeFileSync(
    join(sub, 'b.trace.gold.jsonl'),
    JSON.stringify({ id: 'c0', candidates: [{ value: '42', offset: 17 }], final: '42' }) + '\n',
  );
  const after = run();
  assert.equal(after.status, 0, after.stderr);
  assert.equal(after.stdout, before.stdout, 'the table is the same: the labels are not read into it');
  assert.match(
    after.stderr,
    /calibrate: 1 of the 3 trace files has gold labels beside it; p \/ delta1 \/ delta2 above are the engine's reading: `reflection-lens eval-segmentation \S*b\.trace` corrects them with the labels\n/,
  );
});

test("the corrected rates per model and task, each corrected with its own group's labels", () => {
  // Model a misreads its responses (the annotators' first answer, 41, goes unread); model b's are plain.
  const misread = 'There are 41 apples in the first basket and one more in the second, so the answer is 42.';
  const plain = 'So the answer is 42.';
  const record = (id: string, model: string, body: string): string => `=== ${id}\nmodel: ${model}\ntask: t\nanswer: 42\n---\n${body}\n`;
  const text =
    Array.from({ length: 8 }, (_, i) => record(`a${i}`, 'a', misread)).join('') +
    Array.from({ length: 8 }, (_, i) => record(`b${i}`, 'b', plain)).join('');
  const file = join(dir, 'two-models.trace');
  writeFileSync(file, text);
  const label = (id: string, body: string, values: string[]): string =>
    JSON.stringify({ id, candidates: values.map((value) => ({ value, offset: body.indexOf(value) })), final: '42' });
  writeFileSync(
    `${file}.gold.jsonl`,
    [0, 1, 2].flatMap((i) => [label(`a${i}`, misread, ['41', '42']), label(`b${i}`, plain, ['42'])]).join('\n') + '\n',
  );
  const r = cli([file, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const e = JSON.parse(r.stdout);
  assert.equal(e.corrected.records, 16);
  assert.deepEqual(
    e.correctedByGroup.map((g: { model: string; task: string; records: number; labelled: number }) => [
      g.model,
      g.task,
      g.records,
      g.labelled,
    ]),
    [
      ['a', 't', 8, 3],
      ['b', 't', 8, 3],
    ],
  );
  const [a, b] = e.correctedByGroup;
  assert.equal(a.p.engine, 1);
  assert.equal(a.p.value, 0, "model a's first answers are wrong by its labels");
  assert.equal(b.p.value, 1);
  assert.ok(e.corrected.p.value > 0 && e.corrected.p.value < 1, `pooled: between the two, ${e.corrected.p.value}`);
  const human = cli([file]).stdout;
  assert.match(
    human,
    /\nper model and task with a labelled record, each corrected with its own labels \(engine alone -> corrected, 95%; - where no 2 labelled records hold a trial\):\n/,
  );
  assert.match(human, /\n {2}a \/ t \(8 records, 3 labelled\): p 1\.000 -> 0\.000 \[0\.00, 0\.\d\d\]; delta1 /);
  assert.match(human, /\n {2}b \/ t \(8 records, 3 labelled\): p 1\.000 -> 1\.000 \[0\.\d\d, 1\.00\]; .*; predicted 1\.000 -> 1\.000 \[/);
  // One model and task: the pooled block is that group's, not repeated.
  assert.equal(JSON.parse(cli([join(dir, 'baskets.trace'), '--json']).stdout).correctedByGroup, undefined);
});
