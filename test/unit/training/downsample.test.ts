// The training view's strided chart series: bounded size, even coverage, the last point exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StridedSeries } from '../../../protocol/webview/stridedSeries.js';

test('below the bound every point is kept', () => {
  const s = new StridedSeries<number>(100);
  for (let i = 0; i < 100; i++) s.add(i);
  assert.deepEqual(
    s.points,
    Array.from({ length: 100 }, (_, i) => i),
  );
});

test('a long series stays bounded, evenly strided, starts at the first point and ends at the last', () => {
  const max = 1000;
  const s = new StridedSeries<number>(max);
  for (let n = 1; n <= 200_000; n++) {
    s.add(n - 1);
    assert.ok(s.points.length <= max, `${s.points.length} points after ${n}`);
    assert.equal(s.points.at(-1), n - 1, 'the latest point is shown');
  }
  assert.equal(s.count, 200_000);
  assert.equal(s.points[0], 0);
  const body = s.points.slice(0, -1);
  const stride = body[1] - body[0];
  assert.ok(stride > 1 && (stride & (stride - 1)) === 0, `a power-of-two stride (${stride})`);
  body.forEach((v, i) => assert.equal(v, i * stride, 'every stride-th point'));
  assert.ok(s.points.length > max / 2, `not thinned more than needed (${s.points.length})`);
});

test('the previous latest point is replaced when it is off the stride', () => {
  const s = new StridedSeries<number>(4);
  for (let i = 0; i < 5; i++) s.add(i);
  // 5 points > 4: stride 2 keeps 0, 2, 4.
  assert.deepEqual(s.points, [0, 2, 4]);
  s.add(5);
  assert.deepEqual(s.points, [0, 2, 4, 5]);
  s.add(6);
  assert.deepEqual(s.points, [0, 2, 4, 6]);
  s.add(7);
  // 0, 2, 4, 6, 7 is 5 > 4: stride 4 keeps 0, 4 and the latest.
  assert.deepEqual(s.points, [0, 4, 7]);
  s.clear();
  s.add(9);
  assert.deepEqual(s.points, [9]);
});
