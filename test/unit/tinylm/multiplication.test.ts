import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DecisionStats,
  Layout,
  Rng,
  TOK,
  corruptAnswer,
  decodeAttempts,
  parseTaskSize,
  reflectionSequence,
  renderTrace,
  reward,
  sampleProblem,
} from '../../../server/src/training/multiplication.js';
import { parseTrace } from '../../../server/src/trace/parse.js';
import { segmentRecord } from '../../../server/src/trace/segment.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';

test('task sizes parse and operands have the stated digit counts', () => {
  assert.deepEqual(parseTaskSize('3x4'), { a: 3, b: 4 });
  assert.throws(() => parseTaskSize('3*4'), /form <digits>x<digits>/);
  const rng = new Rng(5);
  for (let i = 0; i < 200; i++) {
    const p = sampleProblem('2x1', rng);
    assert.equal(String(p.a).length, 2);
    assert.equal(String(p.b).length, 1);
    assert.equal(p.product, p.a * p.b);
    assert.equal(p.task, '2x1');
  }
});

test('layout: prompt tokens, reversed zero-padded answers, positions and the allowed-token mask', () => {
  const L = new Layout(['1x1', '2x1'], 3);
  assert.equal(L.width, 2);
  assert.equal(L.promptLength, 7);
  assert.equal(L.attemptLength, 5);
  assert.equal(L.seqLength, 22);
  assert.deepEqual(L.prompt({ a: 12, b: 7, product: 84, task: '2x1' }), [TOK.BOS, 1, 2, TOK.TIMES, 0, 7, TOK.EQUALS]);
  assert.deepEqual(L.answerTokens(84), [4, 8, 0, 0]);
  const m = L.allowedMask();
  const allowed = (pos: number) => [...Array(16).keys()].filter((v) => m[pos * 16 + v] === 1);
  assert.deepEqual(allowed(L.attemptStart(0)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(allowed(L.decisionPos(0)), [TOK.STOP, TOK.RESAMPLE]);
  assert.deepEqual(allowed(L.decisionPos(2)), [TOK.STOP], 'the last attempt must stop');
  assert.deepEqual(L.slots().slice(L.attemptStart(1), L.decisionPos(1) + 1), L.slots().slice(L.attemptStart(0), L.decisionPos(0) + 1));
  assert.deepEqual(L.segments().slice(0, 8), [0, 0, 0, 0, 0, 0, 0, 1]);
});

test('reflection data: correct -> STOP, or wrong -> RESAMPLE (-> echo) -> correct -> STOP', () => {
  const L = new Layout(['2x1'], 3);
  const rng = new Rng(9);
  let wrongFirst = 0,
    echoes = 0;
  for (let i = 0; i < 400; i++) {
    const p = sampleProblem('2x1', rng);
    const seq = reflectionSequence(L, p, { firstCorrect: 0.5, echo: 0.3 }, rng);
    assert.equal(seq.length, L.seqLength);
    const a = decodeAttempts(L, seq);
    assert.equal(a.answers[a.answers.length - 1], p.product, 'the last attempt is correct');
    assert.equal(reward(p, a), 1);
    if (a.answers[0] !== p.product) {
      wrongFirst++;
      assert.equal(seq[L.decisionPos(0)], TOK.RESAMPLE);
      if (a.answers.length === 3) {
        echoes++;
        assert.equal(a.answers[1], a.answers[0]);
      }
    } else assert.equal(a.answers.length, 1);
    const stopAt = L.decisionPos(a.answers.length - 1);
    assert.equal(seq[stopAt], TOK.STOP);
    assert.ok(seq.slice(stopAt + 1).every((t) => t === TOK.PAD));
  }
  assert.ok(wrongFirst > 150 && wrongFirst < 250, `about half start wrong (${wrongFirst})`);
  assert.ok(echoes > 30 && echoes < 100, `about 30% of those echo (${echoes})`);
});

test('corrupted answers differ from the product in exactly one digit', () => {
  const L = new Layout(['2x2'], 2);
  const rng = new Rng(3);
  for (let i = 0; i < 300; i++) {
    const p = sampleProblem('2x2', rng);
    const w = corruptAnswer(L, p.product, rng);
    assert.notEqual(w, p.product);
    const a = String(w).padStart(4, '0'),
      b = String(p.product).padStart(4, '0');
    assert.equal([...a].filter((c, k) => c !== b[k]).length, 1);
  }
});

test('decision statistics count p, delta1, delta2 and echoes like the calibration engine', () => {
  const s = new DecisionStats();
  const p = { a: 3, b: 4, product: 12, task: '1x1' };
  s.add(p, { answers: [12] }); // correct, STOP
  s.add(p, { answers: [13, 12] }); // wrong, RESAMPLE; correct, STOP
  s.add(p, { answers: [13] }); // wrong, STOP
  s.add(p, { answers: [12, 13, 13] }); // correct, RESAMPLE; wrong, RESAMPLE (echo next); wrong, STOP
  const r = s.summary();
  assert.equal(r.p, 2 / 4);
  assert.equal(r.reward, 2 / 4);
  assert.equal(r.delta1, 2 / 3); // STOP after 3 correct answers: 2
  assert.equal(r.delta2, 2 / 4); // RESAMPLE after 4 wrong answers: 2
  assert.equal(r.echoes, 1);
});

test('rendered rollouts segment into the same attempts and decisions in the trace engine', () => {
  const p = { a: 12, b: 7, product: 84, task: '2x1' };
  const text =
    renderTrace(p, { answers: [94, 94, 84] }, 'tiny-lm-rl-step-3', 'id-1') + renderTrace(p, { answers: [84] }, 'tiny-lm-sft', 'id-2');
  const parsed = parseTrace(text);
  assert.equal(parsed.records.length, 2);
  const seg = segmentRecord(parsed.records[0], defaultSegmentOptions);
  const kinds = seg.steps.map((s) => (s.kind === 'sample' ? `S:${s.answer}` : `D:${s.action}${s.echo ? ':echo' : ''}`));
  assert.deepEqual(kinds, ['S:94', 'D:RESAMPLE:echo', 'S:94', 'D:RESAMPLE', 'S:84', 'D:STOP']);
  assert.equal(seg.correct, true);
  assert.equal(parsed.records[0].model, 'tiny-lm-rl-step-3');
  assert.equal(parsed.records[0].task, '2x1');
  assert.equal(parsed.records[0].answer, '84');
  const seg2 = segmentRecord(parsed.records[1], defaultSegmentOptions);
  assert.deepEqual(
    seg2.steps.map((s) => s.kind),
    ['sample', 'decision'],
  );
});
