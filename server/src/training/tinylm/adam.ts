// Adam with its moments keyed by parameter name, so that a checkpoint restores them exactly
// (tfjs's AdamOptimizer keys them by position and by engine-global variable names). The bias
// correction is folded into one JS scalar step size, which saves ops per parameter per step.
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../backend.js';
import type { Params } from './model.js';

export class Adam {
  readonly m = new Map<string, tfjs.Variable>();
  readonly v = new Map<string, tfjs.Variable>();
  /** Updates applied so far (the bias-correction exponent). */
  t = 0;

  constructor(
    private readonly tf: Tf,
    public lr: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly eps = 1e-8,
  ) {}

  private slot(map: Map<string, tfjs.Variable>, name: string, like: tfjs.Tensor): tfjs.Variable {
    let s = map.get(name);
    if (!s) {
      s = this.tf.variable(this.tf.zerosLike(like), false);
      map.set(name, s);
    }
    return s;
  }

  /** Applies one update; `grads` maps parameter names to gradients (caller disposes them). */
  apply(params: Params, grads: Record<string, tfjs.Tensor>): void {
    const tf = this.tf;
    this.t++;
    const stepSize = (this.lr * Math.sqrt(1 - this.beta2 ** this.t)) / (1 - this.beta1 ** this.t);
    tf.tidy(() => {
      for (const [name, p] of params) {
        const g = grads[name];
        if (!g) continue;
        const m = this.slot(this.m, name, p),
          v = this.slot(this.v, name, p);
        const m2 = tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1));
        const v2 = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        m.assign(m2);
        v.assign(v2);
        p.assign(tf.sub(p, tf.mul(tf.div(m2, tf.add(tf.sqrt(v2), this.eps)), stepSize)));
      }
    });
  }

  dispose(): void {
    for (const s of [...this.m.values(), ...this.v.values()]) s.dispose();
    this.m.clear();
    this.v.clear();
  }
}
