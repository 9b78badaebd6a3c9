// The keys a run config may hold: the common ones (runConfig.ts) and those the policy's trainer
// reads (its defaults' keys). A key outside them would be ignored by the trainer and still be
// written to config.json as if it had been applied, so a new run refuses it (runner.ts) and the
// editor's Custom… box says so as you type (lsp/runRequests.ts), with the same message.
import { resolveDs3Config } from './ds3.js';
import { ConfigError } from './runConfig.js';
// config.ts only: the tiny-lm keys, without TensorFlow.js.
import { DEFAULT_CONFIG as TINY_LM_DEFAULTS } from './tinylm/config.js';

const BASE_KEYS = ['policy', 'steps', 'seed', 'backend'];

/** The keys a policy's run config has, sorted. */
export function knownKeys(policy: string): string[] {
  const own = policy === 'ds3' ? [...Object.keys(resolveDs3Config({})), 'example'] : Object.keys(TINY_LM_DEFAULTS);
  return [...new Set([...BASE_KEYS, ...own])].sort();
}

/** The message for the keys of `config` that `policy` does not read, or undefined when there are none. */
export function unknownKeysError(policy: string, config: Record<string, unknown>): string | undefined {
  const known = knownKeys(policy);
  const unknown = Object.keys(config).filter((k) => !known.includes(k));
  if (unknown.length === 0) return undefined;
  return `unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.map((k) => JSON.stringify(k)).join(', ')} for ${policy}; known keys: ${known.join(', ')}`;
}

/** Throws a ConfigError naming the keys `policy` does not read. */
export function checkKnownKeys(policy: string, config: Record<string, unknown>): void {
  const error = unknownKeysError(policy, config);
  if (error) throw new ConfigError(error);
}
