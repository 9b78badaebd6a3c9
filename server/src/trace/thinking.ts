// Thinking blocks (docs/segmentation-eval.md): `<think>...</think>` (DeepSeek-R1, Qwen) and
// `<|begin_of_thought|>...<|end_of_thought|>` (Sky-T1, OpenThoughts). The attempts are the
// candidates inside the block; what follows the block is the written solution that presents the
// model's STOP. A block that is opened and never closed was cut off: all of it is attempts.

export interface ThinkingRegion {
  /** The attempts' region [start, end) of the body. */
  start: number;
  end: number;
  /** Start of the summary after the block, -1 when there is no closed block. */
  summaryStart: number;
}

const PAIRS: [string, string][] = [
  ['<think>', '</think>'],
  ['<|begin_of_thought|>', '<|end_of_thought|>'],
];

export function thinkingRegion(body: string): ThinkingRegion {
  for (const [open, close] of PAIRS) {
    const o = body.indexOf(open);
    const c = body.indexOf(close, o < 0 ? 0 : o);
    // R1 chat templates put `<think>` in the prompt: a body may hold only the closing tag.
    if (c >= 0) return { start: o < 0 ? 0 : o + open.length, end: c, summaryStart: c + close.length };
    if (o >= 0) return { start: o + open.length, end: body.length, summaryStart: -1 };
  }
  return { start: 0, end: body.length, summaryStart: -1 };
}

// A response's last word that no finished sentence ends on: an article, a preposition, a
// conjunction, a copula, a relative pronoun ("... which is 59.6 cm/s². But according to the").
const danglingWordRe =
  /(?:^|[^A-Za-z'])(?:the|an|of|to|and|or|but|nor|is|are|was|were|by|with|for|from|as|at|into|than|then|which|whose|if|because|since|while|its|their|our|my)$/;
// Its last character: an operator, an opening bracket or a comma, which something must follow
// ("0.5P + 1.90 =", "CP = 1080 -", "\\boxed{").
const danglingCharRe = /(?:^|[^-])[=+\-/^([{,:\u00d7\u00f7\u00b7\u2212\\]$/;

/**
 * Whether a response is known to be cut off before it finished (docs/annotation-guide.md,
 * "Cut-off and answerless responses"): its record says so (`truncated: true`, `finish_reason:
 * length`, as calibration reads them), it opens a thinking block and never closes it, or its text
 * ends inside an unfinished sentence or expression (a dangling word or operator). A trailing digit
 * alone says nothing: a complete response may end on its answer ("... so x = 42").
 */
export function cutOffResponse(
  body: string,
  headers: Readonly<Record<string, string | undefined>>,
  region: ThinkingRegion = thinkingRegion(body),
): boolean {
  if (/^(?:true|yes|1)$/i.test(headers.truncated ?? '') || /^length$/i.test(headers.finish_reason ?? '')) return true;
  if (/^(?:false|no|0)$/i.test(headers.truncated ?? '')) return false;
  if (region.summaryStart < 0 && region.start > 0) return true;
  let e = body.length;
  while (e > 0 && /\s/.test(body[e - 1])) e--;
  const tail = body.slice(Math.max(0, e - 12), e);
  return tail.length > 0 && (danglingCharRe.test(tail) || danglingWordRe.test(tail));
}
