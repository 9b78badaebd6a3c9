// Thinking blocks (docs/segmentation-eval.md, docs/design.md): the attempts are the candidates
// inside the block; what follows the block is the written solution that presents the model's STOP.
// A block that is opened and never closed was cut off: all of it is attempts. The tags are those
// of the public chat templates: `<think>` (DeepSeek-R1, Qwen3 and their distills),
// `<|begin_of_thought|>` (Sky-T1, OpenThoughts), Gemma 4's thought channel (`<|channel>thought ...
// <channel|>`, ai.google.dev's Gemma 4 prompt formatting), gpt-oss's analysis channel (harmony:
// the final channel's message is the summary), `[THINK]` (Magistral), `◁think▷` (Kimi),
// `<seed:think>` (Seed-OSS), s1's `<|im_start|>think ... <|im_start|>answer` (simplescaling/s1's
// budget forcing) and the plain-word `<thinking>` / `<reasoning>` many fine-tunes write.

import { KNOWN_FINISH_REASONS, truncatedValue } from './headerValues.js';

export interface ThinkingRegion {
  /** The attempts' region [start, end) of the body. */
  start: number;
  end: number;
  /** Start of the summary after the block, -1 when there is no closed block. */
  summaryStart: number;
}

const PAIRS: readonly (readonly [open: string, close: string])[] = [
  ['<think>', '</think>'],
  ['<|begin_of_thought|>', '<|end_of_thought|>'],
  ['<|channel>thought', '<channel|>'],
  ['<|channel|>analysis<|message|>', '<|channel|>final<|message|>'],
  ['[THINK]', '[/THINK]'],
  ['◁think▷', '◁/think▷'],
  ['<seed:think>', '</seed:think>'],
  ['<|im_start|>think', '<|im_start|>answer'],
  ['<thinking>', '</thinking>'],
  ['<reasoning>', '</reasoning>'],
];

// One scan finds the first tag of any pair (every tag starts with `<`, `[` or `◁`); the pair of that
// tag decides the block.
const FIRST_TAG = new RegExp(
  PAIRS.flat()
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[|[\]]/g, '\\$&'))
    .join('|'),
);
const PAIR_OF = new Map<string, readonly [string, string]>(
  PAIRS.flatMap(
    (p) =>
      [
        [p[0], p],
        [p[1], p],
      ] as const,
  ),
);
const HARMONY_FINAL = '<|channel|>final<|message|>';
const harmonyHeaderRe = /<\|end\|>[ \t\r\n]{0,4}(?:<\|start\|>[ \t]{0,2}assistant[ \t]{0,2})?$/;
/** Where a harmony analysis message ends: at its `<|end|>` when only the final message's header follows it before `close`. */
function harmonyEnd(body: string, start: number, close: number): number {
  const m = harmonyHeaderRe.exec(body.slice(Math.max(start, close - 40), close));
  return m === null ? close : close - (m.input.length - m.index);
}
const OUTPUT_HEADING = '\n[OUTPUT]\n';
const OUTPUT_CHOSEN = 'Next action: [OUTPUT]';

export function thinkingRegion(body: string): ThinkingRegion {
  const m = FIRST_TAG.exec(body);
  if (m) {
    const [open, close] = PAIR_OF.get(m[0])!;
    // R1 chat templates put `<think>` in the prompt: a body may hold only the closing tag.
    if (m[0] === close) return { start: 0, end: m.index, summaryStart: m.index + close.length };
    const start = m.index + open.length;
    const c = body.indexOf(close, start);
    // gpt-oss's analysis message ends with `<|end|>`, and `<|start|>assistant` opens the final
    // message's header (harmony): the block's text ends at `<|end|>`.
    if (c >= 0 && close === HARMONY_FINAL) return { start, end: harmonyEnd(body, start, c), summaryStart: c + close.length };
    if (c >= 0) return { start, end: c, summaryStart: c + close.length };
    return { start, end: body.length, summaryStart: -1 };
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

// A response's last word that no finished sentence ends on: an article, a preposition, a
// conjunction, a copula, a relative pronoun ("... which is 59.6 cm/s². But according to the").
const danglingWordRe =
  /(?:^|[^A-Za-z'])(?:the|an|of|to|and|or|but|nor|is|are|was|were|by|with|for|from|as|at|into|than|then|which|whose|if|because|since|while|its|their|our|my)$/;
// Its last character: an operator, an opening bracket or a comma, which something must follow
// ("0.5P + 1.90 =", "CP = 1080 -", "\\boxed{").
const danglingCharRe = /(?:^|[^-])[=+\-/^([{,:\u00d7\u00f7\u00b7\u2212\\]$/;

/**
 * What a record's headers say about the end of its response, as calibration reads them: a reason
 * when it was cut off at the generation limit (`truncated: true`, `finish_reason: length`), null
 * when `truncated: false` says it ended normally (nothing else then calls it cut off), undefined
 * when they do not say.
 */
export function headerCutOff(headers: Readonly<Record<string, string | undefined>>): string | null | undefined {
  const said = truncatedValue(headers.truncated);
  if (said === true) return `its header says truncated: ${headers.truncated}`;
  if (/^length$/i.test(headers.finish_reason ?? '')) return `its finish_reason is ${headers.finish_reason}`;
  if (said === false) return null;
  return undefined;
}

/**
 * Why a response that opens a thinking block and never closes it was cut off (a model that
 * finishes closes its block before it stops), or undefined: its block is closed, it has none, or
 * its finish reason says it ended (one the engine knows other than "length": `stop`, `eos`, ...;
 * the model stopped inside its block, README "What it reads").
 */
export function unclosedThinking(
  body: string,
  headers: Readonly<Record<string, string | undefined>>,
  region: ThinkingRegion = thinkingRegion(body),
): string | undefined {
  if (!(region.summaryStart < 0 && region.start > 0)) return undefined;
  if (headers.finish_reason !== undefined && KNOWN_FINISH_REASONS.test(headers.finish_reason)) return undefined;
  const open = PAIRS.find(([o]) => body.startsWith(o, region.start - o.length))?.[0] ?? 'thinking';
  return `its thinking block (${open}) is never closed`;
}

/**
 * Whether a response is known to be cut off before it finished (docs/annotation-guide.md,
 * "Cut-off and answerless responses"): its record says so (headerCutOff: `truncated: true`,
 * `finish_reason: length`, as calibration reads them), it opens a thinking block and never closes
 * it (unclosedThinking, which calibration and the no-answer finding read too: segment.ts
 * cutOffReason), or its text ends inside an unfinished sentence or expression (a dangling word or
 * operator: a hint for the reading only). A trailing digit alone says nothing: a complete response
 * may end on its answer ("... so x = 42").
 */
export function cutOffResponse(
  body: string,
  headers: Readonly<Record<string, string | undefined>>,
  region: ThinkingRegion = thinkingRegion(body),
): boolean {
  const said = headerCutOff(headers);
  if (said !== undefined) return said !== null;
  if (unclosedThinking(body, headers, region) !== undefined) return true;
  let e = body.length;
  while (e > 0 && /\s/.test(body[e - 1])) e--;
  const tail = body.slice(Math.max(0, e - 12), e);
  return tail.length > 0 && (danglingCharRe.test(tail) || danglingWordRe.test(tail));
}
