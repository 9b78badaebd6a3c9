// NaN / Infinity (Python's json.dump default) read as null, and where each stands: positionsIn finds
// every position in one walk, the same as looking each one up from the start (docs/design.md section 3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWithNonFinite, positionIn, positionsIn } from '../../../server/src/trace/jsonError.js';

/** The reference: count the newlines before `at` from the start. */
function naive(text: string, at: number, line: number, column: number): { line: number; column: number } {
  const before = text.slice(0, at);
  const last = before.lastIndexOf('\n');
  const newlines = before.split('\n').length - 1;
  return last < 0 ? { line, column: column + at } : { line: line + newlines, column: at - last - 1 };
}

test('positionsIn agrees with a lookup from the start for every offset, on many texts', () => {
  let seed = 7;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let t = 0; t < 200; t++) {
    const chars = Array.from({ length: 1 + rand(300) }, () => (rand(5) === 0 ? '\n' : 'x'));
    const text = chars.join('');
    const offsets = [...new Set(Array.from({ length: rand(12) }, () => rand(text.length + 1)))].sort((a, b) => a - b);
    const [line, column] = [rand(4), rand(6)];
    assert.deepEqual(
      positionsIn(text, offsets, line, column),
      offsets.map((at) => naive(text, at, line, column)),
    );
    for (const at of offsets) assert.deepEqual(positionIn(text, at, line, column), naive(text, at, line, column));
  }
});

test('a document with thousands of NaNs: every one read as null, each at its own line', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => `  {"id": ${i}, "score": NaN, "x": "NaN in a string"}`);
  const text = `[\n${rows.join(',\n')}\n]`;
  const lenient = parseWithNonFinite(text);
  assert.ok(lenient);
  assert.equal((lenient.value as unknown[]).length, 5000);
  assert.equal((lenient.value as { score: unknown }[])[4999].score, null);
  const pos = positionsIn(
    text,
    lenient.found.map((f) => f.offset),
    0,
    0,
  );
  assert.equal(pos.length, 5000);
  pos.forEach((p, i) => assert.deepEqual(p, { line: i + 1, column: `  {"id": ${i}, "score": `.length }));
});
