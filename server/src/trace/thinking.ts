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

const OUTPUT_HEADING = '\n[OUTPUT]\n';
const OUTPUT_CHOSEN = 'Next action: [OUTPUT]';

export function thinkingRegion(body: string): ThinkingRegion {
  for (const [open, close] of PAIRS) {
    const o = body.indexOf(open);
    const c = body.indexOf(close, o < 0 ? 0 : o);
    // R1 chat templates put `<think>` in the prompt: a body may hold only the closing tag.
    if (c >= 0) return { start: o < 0 ? 0 : o + open.length, end: c, summaryStart: c + close.length };
    if (o >= 0) return { start: o + open.length, end: body.length, summaryStart: -1 };
  }
  // The labelled-action format (PRIME's SFT ablations: "[ASSESS]", "[ADVANCE]", "[VERIFY]", each
  // chosen by a "Next action: [...]" line) ends its reasoning with "Next action: [OUTPUT]" and an
  // "[OUTPUT]" section that writes the solution up: the written solution after a thinking block
  // (docs/annotation-guide.md: its answer is the final, not a candidate).
  const out = body.lastIndexOf(OUTPUT_HEADING);
  if (out > 0 && body.lastIndexOf(OUTPUT_CHOSEN, out) >= 0) {
    return { start: 0, end: out, summaryStart: out + OUTPUT_HEADING.length };
  }
  return { start: 0, end: body.length, summaryStart: -1 };
}
