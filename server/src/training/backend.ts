// TensorFlow.js backend selection for training (docs/design.md section 6). Tries the fastest
// backend first and records, for every faster one that did not load, why not: users must be
// told which backend runs and what they would need for a faster one.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tfjs from '@tensorflow/tfjs';
import type { BackendName } from './types.js';

export type Tf = typeof tfjs;

export const BACKEND_ORDER: readonly BackendName[] = ['tfjs-node-gpu', 'tfjs-node', 'webgpu', 'wasm', 'cpu'];

export interface BackendChoice {
  /** The backend that runs. */
  name: BackendName;
  /** The tfjs module to use (tfjs-node ships its own copy of tfjs with its backend registered). */
  tf: Tf;
  /** Why each backend tried before `name` did not load, e.g. "webgpu: only a software adapter (llvmpipe) found". */
  skipped: string[];
  /** Details about the chosen backend (adapter name, wasm SIMD...). */
  detail: string;
}

export function isBackendName(s: unknown): s is BackendName {
  return typeof s === 'string' && (BACKEND_ORDER as readonly string[]).includes(s);
}

const requireHere = createRequire(import.meta.url);
// Software rasterisers that WebGPU may expose: slower than wasm for training.
const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|swiftshader|software|cpu/i;

function errorText(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e?.code === 'MODULE_NOT_FOUND' || e?.code === 'ERR_MODULE_NOT_FOUND') return 'not installed';
  return (e?.message ?? String(err)).split('\n')[0];
}

async function loadTfjsNode(pkg: '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node'): Promise<{ tf: Tf; detail: string }> {
  // A variable specifier keeps bundlers from trying to inline the optional native package.
  const mod = (await import(/* @vite-ignore */ pkg as string)) as Tf & { default?: Tf };
  const tf = (mod.default ?? mod) as Tf;
  await tf.setBackend('tensorflow');
  await tf.ready();
  if (pkg === '@tensorflow/tfjs-node-gpu') {
    // tfjs-node-gpu falls back to the CPU silently when CUDA does not load; only accept a GPU.
    const gpus = tryListGpus(tf);
    if (!gpus) throw new Error('loaded, but no CUDA GPU was found (needs CUDA 11.2 + cuDNN 8.1)');
    return { tf, detail: gpus };
  }
  return { tf, detail: 'libtensorflow (CPU)' };
}

function tryListGpus(tf: Tf): string | null {
  try {
    const t = tf.tidy(() => tf.ones([1]));
    const backend = tf.backend() as unknown as { binding?: { isUsingGpuDevice?: () => boolean } };
    t.dispose();
    return backend.binding?.isUsingGpuDevice?.() ? 'CUDA GPU' : null;
  } catch {
    return null;
  }
}

interface WebGpuAdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

async function loadWebGpu(forced: boolean): Promise<{ tf: Tf; detail: string }> {
  const webgpu = (await import(/* @vite-ignore */ 'webgpu' as string)) as {
    create: (o: string[]) => unknown;
    globals: Record<string, unknown>;
  };
  Object.assign(globalThis, webgpu.globals);
  const gpu = webgpu.create([]) as {
    requestAdapter(o?: unknown): Promise<{ info?: WebGpuAdapterInfo; isFallbackAdapter?: boolean } | null>;
  };
  // Node >= 21 defines a read-only `navigator`; tfjs-backend-webgpu reads navigator.gpu.
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no GPU adapter found (Dawn found no Vulkan driver: libvulkan1 and a GPU ICD are needed)');
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  if (!forced && (adapter.isFallbackAdapter || SOFTWARE_ADAPTER.test(name))) {
    throw new Error(`only a software adapter (${name}) found`);
  }
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tfjs.setBackend('webgpu'))) throw new Error('tfjs-backend-webgpu failed to initialise');
  await tfjs.ready();
  return { tf: tfjs, detail: name };
}

/** Directory holding tfjs-backend-wasm's .wasm files, found from the installed package (works from dist/ bundles too). */
export function wasmDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(join(dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist'));
  } catch {
    /* not resolvable from here: try beside the bundle */
  }
  const here = dirname(fileURLToPath(import.meta.url));
  candidates.push(here, join(here, '..', 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist'));
  const found = candidates.find((d) => existsSync(join(d, 'tfjs-backend-wasm-simd.wasm')));
  if (!found) throw new Error(`tfjs-backend-wasm .wasm files not found (looked in ${candidates.join(', ')})`);
  return found;
}

async function loadWasm(): Promise<{ tf: Tf; detail: string }> {
  // A code-split bundle sees this CommonJS package through a `default` wrapper.
  const mod: { setWasmPaths?: (p: string) => void; default?: { setWasmPaths?: (p: string) => void } } =
    await import('@tensorflow/tfjs-backend-wasm');
  const setWasmPaths = mod.setWasmPaths ?? mod.default?.setWasmPaths;
  if (!setWasmPaths) throw new Error('tfjs-backend-wasm exports no setWasmPaths');
  const dir = wasmDir();
  setWasmPaths(dir.endsWith('/') ? dir : dir + '/');
  // The backend's Emscripten loader reads the CommonJS free variable `__dirname`, which an ESM
  // bundle (dist/trainer.js) does not have: lend it for the initialisation only.
  const g = globalThis as { __dirname?: string };
  const lent = g.__dirname === undefined;
  if (lent) g.__dirname = dir;
  try {
    if (!(await tfjs.setBackend('wasm'))) throw new Error('wasm backend failed to initialise');
    await tfjs.ready();
  } finally {
    if (lent) delete g.__dirname;
  }
  const simd = await tfjs.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return { tf: tfjs, detail: simd ? 'SIMD, single thread' : 'no SIMD, single thread' };
}

async function loadCpu(): Promise<{ tf: Tf; detail: string }> {
  await tfjs.setBackend('cpu');
  await tfjs.ready();
  return { tf: tfjs, detail: 'pure JavaScript' };
}

function load(name: BackendName, forced: boolean): Promise<{ tf: Tf; detail: string }> {
  switch (name) {
    case 'tfjs-node-gpu':
      return loadTfjsNode('@tensorflow/tfjs-node-gpu');
    case 'tfjs-node':
      return loadTfjsNode('@tensorflow/tfjs-node');
    case 'webgpu':
      return loadWebGpu(forced);
    case 'wasm':
      return loadWasm();
    case 'cpu':
      return loadCpu();
  }
}

/**
 * Picks the backend. `forced` (config `backend`, CLI `--backend`, setting
 * `reflectionLens.training.backend`) names one; 'auto' or undefined tries BACKEND_ORDER.
 * A forced backend that fails to load is an error, not a silent fallback.
 */
export async function selectBackend(forced?: string): Promise<BackendChoice> {
  if (forced !== undefined && forced !== 'auto') {
    if (!isBackendName(forced)) throw new Error(`unknown backend "${forced}" (expected auto, ${BACKEND_ORDER.join(', ')})`);
    try {
      const { tf, detail } = await load(forced, true);
      return { name: forced, tf, skipped: [], detail };
    } catch (err) {
      throw new Error(`backend ${forced} (forced) did not load: ${errorText(err)}`, { cause: err });
    }
  }
  const skipped: string[] = [];
  for (const name of BACKEND_ORDER) {
    try {
      const { tf, detail } = await load(name, false);
      return { name, tf, skipped, detail };
    } catch (err) {
      skipped.push(`${name}: ${errorText(err)}`);
    }
  }
  throw new Error(`no TensorFlow.js backend loaded: ${skipped.join('; ')}`);
}
