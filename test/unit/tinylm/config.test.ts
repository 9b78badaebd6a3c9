import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, parseConfig, resolveTinyLmConfig } from '../../../server/src/training/tinylm/config.js';

test("config.json keys override the defaults; the trainer's own keys pass through resolve", () => {
  const c = parseConfig({ policy: 'tiny-lm', steps: 40, klType: 'k3', tasks: ['2x1'], lr: 0.002 });
  assert.equal(c.steps, 40);
  assert.equal(c.klType, 'low_var_kl', "k3 is verl's low_var_kl");
  assert.deepEqual(c.tasks, ['2x1']);
  assert.equal(c.groupSize, DEFAULT_CONFIG.groupSize);
  const r = resolveTinyLmConfig({ policy: 'tiny-lm', out: 'x' });
  assert.equal(r.policy, 'tiny-lm');
  assert.equal(r.out, 'x');
  assert.equal(r.warmupSteps, DEFAULT_CONFIG.warmupSteps, 'every default is written into config.json');
});

test('bad values are rejected with the key and what was expected', () => {
  assert.throws(() => parseConfig({ steps: -1 }), /"steps" must be an integer >= 0/);
  assert.throws(() => parseConfig({ lr: 'fast' }), /"lr" must be a number/);
  assert.throws(() => parseConfig({ klType: 'k4' }), /"klType" must be k1, k2 or low_var_kl/);
  assert.throws(() => parseConfig({ objective: 'ppo' }), /"objective" must be "grpo", "sft" or "dft"/);
  assert.throws(() => parseConfig({ miniBatches: 3 }), /"miniBatches" must be a divisor/);
  assert.throws(() => parseConfig({ tasks: [] }), /"tasks" must be a non-empty array/);
  assert.throws(() => parseConfig({ firstCorrect: 1.5 }), /"firstCorrect" must be in \[0, 1\]/);
});
