// Run configs: what the user picks (a JSON file, JSON text, CLI flags, the VS Code quick pick)
// merged in that order over the policy's defaults. The policy fills in and checks its own keys;
// this file owns only the keys every run has.
import { readSmallFile } from '../util/readSmallFile.js';
import type { BackendName, PolicyName } from './types.js';

export const POLICIES: readonly PolicyName[] = ['ds3', 'tiny-lm'];

export function isPolicyName(v: unknown): v is PolicyName {
  return typeof v === 'string' && (POLICIES as readonly string[]).includes(v);
}

/** Keys every run config has. Policies add their own next to them. */
export interface BaseRunConfig {
  policy: PolicyName;
  /** Total optimizer steps of the run (a resume may raise it to continue). */
  steps: number;
  seed: number;
  /** Forced tfjs backend for tiny-lm ("auto" or absent: fastest that loads); ds3 is plain JS. */
  backend?: string;
}

// Checked against the BackendName union, so the list cannot drift; not imported from backend.ts,
// which loads TensorFlow.js (ds3 runs and the extension host must not pay for that).
const BACKENDS: Record<BackendName, true> = { 'tfjs-node-gpu': true, 'tfjs-node': true, webgpu: true, wasm: true, cpu: true };

export class ConfigError extends Error {}

/** The most steps a run may have (new or resumed): the largest run the Training panel charts. */
export const MAX_STEPS = 1_000_000;

function parseObject(text: string, where: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${where}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError(`${where}: expected a JSON object`);
  return v as Record<string, unknown>;
}

export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readSmallFile(path);
  } catch (err) {
    throw new ConfigError(`cannot read run config ${path}: ${(err as Error).message}`);
  }
  return parseObject(text, path);
}

export function parseConfigJson(text: string): Record<string, unknown> {
  return parseObject(text, 'run config');
}

/** Merges layers left to right (later wins; undefined values do not override) and checks the common keys. */
export function mergeRunConfig(...layers: (Record<string, unknown> | undefined)[]): Record<string, unknown> & BaseRunConfig {
  const out: Record<string, unknown> = {};
  for (const layer of layers) for (const [k, v] of Object.entries(layer ?? {})) if (v !== undefined) out[k] = v;
  if (out.policy === undefined) out.policy = 'ds3';
  if (!isPolicyName(out.policy)) throw new ConfigError(`policy must be one of ${POLICIES.join(', ')}, got ${JSON.stringify(out.policy)}`);
  // steps 0 would train nothing and report "completed at step 0/0"; a resume's --steps obeys the same range.
  const steps = out.steps;
  if (steps !== undefined && !(typeof steps === 'number' && Number.isInteger(steps) && steps >= 1 && steps <= MAX_STEPS))
    throw new ConfigError(`steps must be an integer from 1 to ${MAX_STEPS.toLocaleString('en-US')}, got ${JSON.stringify(steps)}`);
  const seed = out.seed;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0))
    throw new ConfigError(`seed must be a non-negative integer, got ${JSON.stringify(seed)}`);
  if (out.backend !== undefined && out.backend !== 'auto' && !(typeof out.backend === 'string' && out.backend in BACKENDS)) {
    throw new ConfigError(`backend must be auto, tfjs-node-gpu, tfjs-node, webgpu, wasm or cpu, got ${JSON.stringify(out.backend)}`);
  }
  return out as Record<string, unknown> & BaseRunConfig;
}
