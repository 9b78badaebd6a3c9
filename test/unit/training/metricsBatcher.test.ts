// The extension host's batching of trainer metrics lines for the training webview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricsBatcher, type BatcherTimers } from '../../../client/src/training/metricsBatcher.js';
import { waitUntil } from '../../deadline.js';

/** Timers the test fires by hand: the batcher's timing without waiting. */
function manualTimers(): BatcherTimers & { fire(): void; armed: number } {
  let fn: (() => void) | undefined;
  const t = {
    armed: 0,
    set(f: () => void) {
      fn = f;
      t.armed++;
      return t.armed;
    },
    clear() {
      fn = undefined;
    },
    fire() {
      const f = fn;
      fn = undefined;
      f?.();
    },
  };
  return t;
}

test('lines pushed within one interval arrive as one batch, in order, with one timer', () => {
  const timers = manualTimers();
  const batches: number[][] = [];
  const b = new MetricsBatcher<number>((batch) => batches.push(batch), 150, timers);
  for (let i = 0; i < 1000; i++) b.push(i);
  assert.equal(timers.armed, 1, 'one timer per batch, not per line');
  assert.deepEqual(batches, []);
  timers.fire();
  assert.equal(batches.length, 1);
  assert.deepEqual(
    batches[0],
    Array.from({ length: 1000 }, (_, i) => i),
  );
  b.push(1000);
  assert.equal(timers.armed, 2, 'the next line arms a new timer');
  timers.fire();
  assert.deepEqual(batches[1], [1000]);
});

test('flush delivers pending lines at once (before a final state), and nothing when empty', () => {
  const timers = manualTimers();
  const log: string[] = [];
  const b = new MetricsBatcher<number>((batch) => log.push(`metrics ${batch.join(',')}`), 150, timers);
  b.push(1);
  b.push(2);
  b.flush();
  log.push('state stopped');
  timers.fire();
  b.flush();
  assert.deepEqual(log, ['metrics 1,2', 'state stopped']);
});

test('dispose delivers the rest and then ignores late lines', () => {
  const timers = manualTimers();
  const batches: number[][] = [];
  const b = new MetricsBatcher<number>((batch) => batches.push(batch), 150, timers);
  b.push(7);
  b.dispose();
  b.push(8);
  timers.fire();
  assert.deepEqual(batches, [[7]]);
});

test('with real timers, a burst of lines becomes one batch that loses nothing', async () => {
  const batches: number[][] = [];
  const b = new MetricsBatcher<number>((batch) => batches.push(batch), 20);
  for (let i = 0; i < 5000; i++) b.push(i);
  // The real timer's delivery, not a sleep: dispose would deliver a batch too.
  await waitUntil('the timer to deliver the burst', () => batches.length > 0, { timeoutMs: 10_000, everyMs: 5 });
  b.dispose();
  assert.equal(batches.length, 1);
  assert.deepEqual(
    batches.flat(),
    Array.from({ length: 5000 }, (_, i) => i),
  );
});
