// The tiny causal transformer: token + position embeddings, pre-LN blocks (multi-head causal
// self-attention, ReLU MLP), final layer norm, untied output projection.
//
// Every matrix product goes through `matmul`, whose gradient uses explicit transposes and plain
// products: tfjs-backend-wasm's transposed matMul is slow, and this form trained 3.7-4.6x
// faster there (an earlier measurement; `bench/tinylm.bench.ts` times it, docs/tiny-lm.md).
// Attention's q.k^T is computed the same way.
import type { Tf } from '../backend.js';
import type * as tfjs from '@tensorflow/tfjs';
import { Rng } from '../multiplication.js';

type Tensor = tfjs.Tensor;
type Variable = tfjs.Variable;

export interface ModelShape {
  vocab: number;
  seqLength: number;
  /**
   * Per position: its slot (role within a segment: a prompt position, answer digit i, the
   * decision) and its segment (prompt, attempt 1, attempt 2...). Position embedding =
   * slotEmb[slot] + segEmb[segment]: every attempt shares the digit embeddings, so what the
   * model learns about writing an answer carries over from one attempt to the next.
   */
  slots: number[];
  segments: number[];
  dModel: number;
  heads: number;
  layers: number;
  /** MLP hidden size as a multiple of dModel. */
  mlpRatio: number;
}

/** Parameters by name, in a fixed order (the checkpoint order). */
export type Params = Map<string, Variable>;

export function paramShapes(s: ModelShape): [string, number[]][] {
  const d = s.dModel,
    h = s.mlpRatio * d;
  const out: [string, number[]][] = [
    ['tokEmb', [s.vocab, d]],
    ['slotEmb', [Math.max(...s.slots) + 1, d]],
    ['segEmb', [Math.max(...s.segments) + 1, d]],
  ];
  for (let l = 0; l < s.layers; l++) {
    out.push(
      [`l${l}.ln1.g`, [d]],
      [`l${l}.ln1.b`, [d]],
      [`l${l}.q.w`, [d, d]],
      [`l${l}.q.b`, [d]],
      [`l${l}.k.w`, [d, d]],
      [`l${l}.k.b`, [d]],
      [`l${l}.v.w`, [d, d]],
      [`l${l}.v.b`, [d]],
      [`l${l}.proj.w`, [d, d]],
      [`l${l}.proj.b`, [d]],
      [`l${l}.ln2.g`, [d]],
      [`l${l}.ln2.b`, [d]],
      [`l${l}.fc1.w`, [d, h]],
      [`l${l}.fc1.b`, [h]],
      [`l${l}.fc2.w`, [h, d]],
      [`l${l}.fc2.b`, [d]],
    );
  }
  out.push(['lnf.g', [d]], ['lnf.b', [d]], ['head.w', [d, s.vocab]], ['head.b', [s.vocab]]);
  return out;
}

/** GPT-2-style init from a seeded generator (normal 0.02, residual projections scaled by depth). */
export function initParams(tf: Tf, s: ModelShape, seed: number, trainable = true): Params {
  const rng = new Rng(seed);
  const normal = (n: number, std: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i += 2) {
      const u = Math.max(rng.next(), 1e-12),
        v = rng.next();
      const r = Math.sqrt(-2 * Math.log(u)) * std;
      a[i] = r * Math.cos(2 * Math.PI * v);
      if (i + 1 < n) a[i + 1] = r * Math.sin(2 * Math.PI * v);
    }
    return a;
  };
  const params: Params = new Map();
  for (const [name, shape] of paramShapes(s)) {
    const n = shape.reduce((x, y) => x * y, 1);
    let data: Float32Array;
    if (name.endsWith('.g')) data = new Float32Array(n).fill(1);
    else if (name.endsWith('.b')) data = new Float32Array(n);
    else data = normal(n, /proj\.w|fc2\.w/.test(name) ? 0.02 / Math.sqrt(2 * s.layers) : 0.02);
    params.set(name, variableOf(tf, tf.tensor(data, shape), trainable, `${name}#${seed}#${Math.random().toString(36).slice(2)}`));
  }
  return params;
}

/**
 * A variable holding `initial`'s values; `initial` is disposed (the variable keeps its own
 * reference to the data). tf.variable does not take the tensor over: left alone it stays counted
 * in tf.memory().numTensors after the variable is disposed, one tensor per parameter per run
 * (39 with the default shape) in a process that trains runs one after the other (experiment --jobs 1).
 */
export function variableOf(tf: Tf, initial: Tensor, trainable: boolean, name?: string): tfjs.Variable {
  try {
    return tf.variable(initial, trainable, name);
  } finally {
    initial.dispose();
  }
}

export function disposeParams(p: Params): void {
  for (const v of p.values()) v.dispose();
}

/** A copy of `src` as non-trainable variables (the frozen reference policy). */
export function cloneParams(tf: Tf, src: Params, trainable = false): Params {
  const out: Params = new Map();
  for (const [name, v] of src) out.set(name, variableOf(tf, v.clone(), trainable, `${name}#ref#${Math.random().toString(36).slice(2)}`));
  return out;
}

/** Matrix product (2-D or batched 3-D) whose backward pass transposes explicitly (see header). */
export function makeMatmul(tf: Tf): (a: Tensor, b: Tensor) => Tensor {
  const t = (x: Tensor) => (x.rank === 2 ? tf.transpose(x) : tf.transpose(x, [0, 2, 1]));
  const custom = tf.customGrad as unknown as (
    f: (a: Tensor, b: Tensor, save: (ts: Tensor[]) => void) => { value: Tensor; gradFunc: (dy: Tensor, saved: Tensor[]) => Tensor[] },
  ) => (a: Tensor, b: Tensor) => Tensor;
  return custom((a, b, save) => {
    save([a, b]);
    return {
      value: tf.matMul(a as tfjs.Tensor2D, b as tfjs.Tensor2D),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sa, sb] = saved;
        return [tf.matMul(dy as tfjs.Tensor2D, t(sb) as tfjs.Tensor2D), tf.matMul(t(sa) as tfjs.Tensor2D, dy as tfjs.Tensor2D)];
      },
    };
  });
}

export interface Model {
  shape: ModelShape;
  /** Logits [B, T, vocab] for tokens [B, T] (T <= seqLength). */
  logits(params: Params, tokens: Tensor): Tensor;
  /** Frees the constant tensors. */
  dispose(): void;
}

/**
 * How products are computed. 'explicit-transpose': the custom-gradient matmul above (wasm, cpu).
 * 'native': tf.matMul's own gradient and linear layers as one fused op (product + bias + ReLU):
 * fewer kernel dispatches, which is what bounds GPU backends at these sizes.
 */
export type MatmulMode = 'explicit-transpose' | 'native';

/** The mode a backend trains fastest with. */
export const matmulModeFor = (backend: string): MatmulMode => (backend === 'wasm' || backend === 'cpu' ? 'explicit-transpose' : 'native');

export function makeModel(tf: Tf, shape: ModelShape, mode: MatmulMode = 'explicit-transpose'): Model {
  const native = mode === 'native';
  const matmul = native ? (a: Tensor, b: Tensor) => tf.matMul(a as tfjs.Tensor2D, b as tfjs.Tensor2D) : makeMatmul(tf);
  const { dModel: d, heads } = shape;
  if (d % heads !== 0) throw new Error(`dModel ${d} is not divisible by heads ${heads}`);
  const dh = d / heads;
  // One additive causal mask for the full length, sliced per call: a cache per length would
  // keep adding tensors as generation walks through prefix lengths.
  const full = new Float32Array(shape.seqLength * shape.seqLength);
  for (let i = 0; i < shape.seqLength; i++) for (let j = i + 1; j < shape.seqLength; j++) full[i * shape.seqLength + j] = -1e9;
  const causal = tf.keep(tf.tensor3d(full, [1, shape.seqLength, shape.seqLength]));
  const causalMask = (T: number) => (T === shape.seqLength ? causal : tf.slice(causal, [0, 0, 0], [1, T, T]));
  // Constant one-hot selectors [T, slots] and [T, segments]; position embeddings are their
  // products with the tables (gather's gradient has no wasm kernel).
  const selector = (ids: number[]) => {
    const n = Math.max(...ids) + 1,
      a = new Float32Array(ids.length * n);
    ids.forEach((id, t) => {
      a[t * n + id] = 1;
    });
    return tf.keep(tf.tensor2d(a, [ids.length, n]));
  };
  const slotSel = selector(shape.slots),
    segSel = selector(shape.segments);
  const rows = (m: Tensor, T: number) => (T === shape.seqLength ? m : tf.slice(m, [0, 0], [T, m.shape[1]!]));
  const layerNorm = (x: Tensor, g: Tensor, b: Tensor) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), g), b);
  };
  const linear = (x: Tensor, w: Tensor, b: Tensor, relu = false): Tensor => {
    if (native) return tf.fused.matMul({ a: x as tfjs.Tensor2D, b: w as tfjs.Tensor2D, bias: b, activation: relu ? 'relu' : 'linear' });
    const y = tf.add(matmul(x, w), b);
    return relu ? tf.relu(y) : y;
  };

  return {
    shape,
    dispose() {
      causal.dispose();
      slotSel.dispose();
      segSel.dispose();
    },
    logits(P, tokens) {
      const [B, T] = tokens.shape as [number, number];
      const p = (k: string) => P.get(k)!;
      const pos = tf.add(matmul(rows(slotSel, T), p('slotEmb')), matmul(rows(segSel, T), p('segEmb')));
      // Rows of the flattened [B*T, d] activations.
      // Embedding lookup as oneHot x table: gather's gradient (UnsortedSegmentSum) has no wasm kernel.
      const emb = matmul(tf.oneHot(tf.reshape(tokens, [-1]), shape.vocab), p('tokEmb'));
      let x = tf.reshape(tf.add(tf.reshape(emb, [B, T, d]), pos), [B * T, d]);
      const scale = 1 / Math.sqrt(dh);
      for (let l = 0; l < shape.layers; l++) {
        const h = layerNorm(x, p(`l${l}.ln1.g`), p(`l${l}.ln1.b`));
        // Separate q/k/v projections and 4-D transposes: a fused qkv needs a 5-D transpose and a
        // split, which wasm runs >10x slower per element. k comes out already transposed.
        const heads4 = (name: string) => tf.reshape(linear(h, p(`l${l}.${name}.w`), p(`l${l}.${name}.b`)), [B, T, heads, dh]);
        const q = tf.reshape(tf.transpose(heads4('q'), [0, 2, 1, 3]), [B * heads, T, dh]);
        const kT = tf.reshape(tf.transpose(heads4('k'), [0, 2, 3, 1]), [B * heads, dh, T]);
        const v = tf.reshape(tf.transpose(heads4('v'), [0, 2, 1, 3]), [B * heads, T, dh]);
        const scores = tf.add(tf.mul(matmul(q, kT), scale), causalMask(T));
        const att = matmul(tf.softmax(scores), v);
        const merged = tf.reshape(tf.transpose(tf.reshape(att, [B, heads, T, dh]), [0, 2, 1, 3]), [B * T, d]);
        x = tf.add(x, linear(merged, p(`l${l}.proj.w`), p(`l${l}.proj.b`)));
        const h2 = layerNorm(x, p(`l${l}.ln2.g`), p(`l${l}.ln2.b`));
        x = tf.add(x, linear(linear(h2, p(`l${l}.fc1.w`), p(`l${l}.fc1.b`), true), p(`l${l}.fc2.w`), p(`l${l}.fc2.b`)));
      }
      const out = linear(layerNorm(x, p('lnf.g'), p('lnf.b')), p('head.w'), p('head.b'));
      return tf.reshape(out, [B, T, shape.vocab]);
    },
  };
}
