// The one split of a response's tokens over its attempts and decisions: segment's L_t, the hovers'
// L and attribution's per-action token counts and log-prob slices all come from it.

/**
 * The token split of a response of `total` tokens over its T attempts (docs/design.md section 5),
 * the one split that segment, the hovers and attribution read: every decision is one token of the
 * response (a RESAMPLE the first token of the next attempt, where its marker starts; STOP the
 * last token), so the samples share `total - T` tokens, in proportion to `weights` (the
 * attempts' characters) by cumulative rounding: L_k = round(S * W_k / W) - round(S * W_{k-1} / W)
 * with W_k the weights up to attempt k, kept at 1 or more; the L_k sum to exactly `total - T`.
 * Undefined when `total` cannot give each sample and each decision a token (total < 2T).
 */
export function splitTokens(total: number, weights: readonly number[]): number[] | undefined {
  const T = weights.length;
  if (T === 0 || !(total >= 2 * T)) return undefined;
  const S = total - T;
  let W = 0;
  for (const w of weights) W += w;
  const out = new Array<number>(T);
  let cum = 0;
  let prev = 0;
  for (let k = 0; k < T; k++) {
    cum += weights[k];
    const at = k === T - 1 ? S : W > 0 ? Math.round((S * cum) / W) : Math.round((S * (k + 1)) / T);
    // At least one token for this sample and for each sample after it.
    const c = Math.min(S - (T - k - 1), Math.max(prev + 1, at));
    out[k] = c - prev;
    prev = c;
  }
  return out;
}

/**
 * Why a record's log-probs cannot be used for its `attempts` attempts, undefined when they can or
 * when it has none: one of the two lists alone, lists of different lengths, or fewer tokens than
 * a sample token and a decision token per attempt (2T). Attribution then estimates the KL (eps
 * per token) and says so: a `bad-logprobs` warning, `klFrom: "estimate"` in its JSON.
 */
export function logprobsProblem(
  record: { logprobs?: ArrayLike<number>; refLogprobs?: ArrayLike<number> },
  attempts: number,
): string | undefined {
  const { logprobs, refLogprobs } = record;
  if (!logprobs && !refLogprobs) return undefined;
  if (!logprobs) return "reference log-probs without the policy's log-probs";
  if (!refLogprobs) return 'log-probs without reference log-probs';
  if (logprobs.length !== refLogprobs.length) return `${logprobs.length} log-probs but ${refLogprobs.length} reference log-probs`;
  const N = logprobs.length;
  if (attempts > 0 && N < 2 * attempts)
    return `${N} token${N === 1 ? '' : 's'} of log-probs for ${attempts} attempt${attempts === 1 ? '' : 's'}: each attempt needs a sample token and a decision token (at least ${2 * attempts})`;
  return undefined;
}
