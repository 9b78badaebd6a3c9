import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { selectBackend, wasmDir } from '../../../server/src/training/backend.js';

test('auto picks the fastest backend that loads and says why each faster one did not', async () => {
  const choice = await selectBackend('auto');
  assert.equal(
    choice.tf.getBackend(),
    choice.name === 'wasm' || choice.name === 'cpu' || choice.name === 'webgpu' ? choice.name : 'tensorflow',
  );
  const order = ['tfjs-node-gpu', 'tfjs-node', 'webgpu', 'wasm', 'cpu'];
  assert.deepEqual(
    choice.skipped.map((s) => s.split(':')[0]),
    order.slice(0, order.indexOf(choice.name)),
  );
  for (const reason of choice.skipped) assert.match(reason, /^[a-z-]+: \S/, 'every skipped backend has a reason');
  // Where auto falls back to wasm (this CI machine: the native tfjs packages cannot install, their
  // install downloads libtensorflow; no GPU, or only a software one; docs/tiny-lm.md), the reasons must say so.
  if (choice.name === 'wasm') {
    assert.match(choice.skipped[0], /^tfjs-node-gpu: (not installed|.*CUDA)/);
    assert.match(choice.skipped[2], /^webgpu: (no GPU adapter|only a software adapter)/);
    assert.match(choice.detail, /SIMD/);
  }
});

test('a forced backend loads or fails with its reason, never falls back silently', async () => {
  const cpu = await selectBackend('cpu');
  assert.equal(cpu.name, 'cpu');
  assert.equal(cpu.tf.getBackend(), 'cpu');
  await assert.rejects(selectBackend('tpu'), /unknown backend "tpu"/);
  await assert.rejects(selectBackend('tfjs-node-gpu'), /backend tfjs-node-gpu \(forced\) did not load: /);
  const wasm = await selectBackend('wasm');
  assert.equal(wasm.tf.getBackend(), 'wasm');
});

test('the wasm binaries are found from the installed package', () => {
  assert.ok(existsSync(join(wasmDir(), 'tfjs-backend-wasm-simd.wasm')));
});
