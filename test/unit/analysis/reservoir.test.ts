// The sample eval-segmentation --sample prints (server/src/analysis/random.ts Reservoir): the
// corrected rates hold only for records labelled at random, so every record must be equally likely
// to be chosen, wherever it stands in the traces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reservoir, Rng } from '../../../server/src/analysis/random.js';

test('a reservoir keeps each of the items offered with the same probability', () => {
  const rng = new Rng(3);
  const items = 50;
  const size = 5;
  const draws = 20_000;
  const kept = new Array<number>(items).fill(0);
  for (let d = 0; d < draws; d++) {
    const r = new Reservoir<number>(rng, size);
    for (let i = 0; i < items; i++) r.offer(i);
    assert.equal(r.items.length, size);
    assert.equal(new Set(r.items).size, size, 'no item twice');
    assert.equal(r.seen, items);
    for (const i of r.items) kept[i]++;
  }
  // Each item is kept in size / items = 10% of draws: 2,000 expected, sd about 42.
  const expected = (draws * size) / items;
  for (const [i, k] of kept.entries()) assert.ok(Math.abs(k - expected) < 5 * 43, `item ${i} kept ${k} times, expected ${expected}`);
  // The first and the last items alike (a reservoir that favoured early items would keep the first more).
  assert.ok(Math.abs(kept[0] - kept[items - 1]) < 6 * 43);
});

test('a reservoir offered fewer items than its size keeps them all, in order', () => {
  const r = new Reservoir<string>(new Rng(1), 10);
  for (const x of ['a', 'b', 'c']) r.offer(x);
  assert.deepEqual(r.items, ['a', 'b', 'c']);
  assert.equal(r.seen, 3);
});
