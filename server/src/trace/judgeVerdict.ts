// Pass 95 (stop 41): the verdicts of LLM judges (docs/segmentation-eval.md, "Stop 41: pass 95").
//
// A judge question asks to compare labelled responses ("[The Start of Assistant A's Answer]",
// "Response A:", "Output (a)") and to output a verdict label. Its answer is the pick, never the
// judge's own answer to the prompt it quotes (docs/annotation-guide.md: the judge's own solution
// and a verdict on one criterion only are steps). A pick is a verdict label ("[[B>>A]]", "[[A=B]]",
// "[[B]]", "Winner: B") or a pick in words in a concluding sentence ("Final Verdict: Assistant A
// provides a more accurate answer", "Therefore, Assistant B is better", "I would consider this a
// tie"), written in the question's verdict notation: "A>B", "A>>B" (significantly better), "A=B".
//
// Every pattern is bounded (docs/engine.md, "Linear-time patterns").

/** The responses' own labels, as judge prompts write them around the responses they quote. */
const startLabelRe = /(?:\[|<\|)The Start of Assistant ([AB])'s (?:Answer|Conversation)(?:\]|\|>)/g;
const plainLabelRe = /(?:^|[\s>\]#*])(?:Response|Output|Answer)[ \t]{1,2}\(?([ABab12])\)?[ \t]{0,2}:/g;
/** The question asks for a verdict: a label in the Arena-Hard or MT-Bench notation, or words that ask to compare. */
const verdictAskedRe = /\[\[(?:A>>B|A>B|A=B|B>A|B>>A|A|B|C|1|2)\]\]|\b(?:verdict|better|preferred|prefer)\b/i;
/** Arena-Hard's verdict notation asked, or its frame around the responses. */
const arenaRe = /\[\[(?:A>>B|A>B|B>A|B>>A)\]\]|<\|The Start of Assistant A's Answer\|>/;
/** A single answer graded on a scale: "[The Start of Assistant's Answer]" and a rating asked as "[[5]]". */
const singleGradeRe = /(?:\[|<\|)The Start of Assistant's Answer(?:\]|\|>)/;
const ratingAskedRe = /\[\[rating\]\]|Rating:[ \t]{0,2}\[\[\d{1,2}\]\]/i;

export type JudgeKind = 'arena' | 'pair' | 'numbered' | 'score';

/**
 * What a judge question asks, or undefined for any other question: a choice between two labelled
 * responses ("arena": labels A and B, verdicts in Arena-Hard's notation "[[A>B]]", asked or framed
 * by its "<|The Start of Assistant A's Answer|>"; "pair": labels A and B; "numbered": Response 1
 * and 2) with a verdict asked, or a
 * score on a scale for one response ("score").
 */
export function judgeQuestion(query: string | undefined): JudgeKind | undefined {
  if (query === undefined) return undefined;
  const head = query.length > 400_000 ? query.slice(0, 400_000) : query;
  const labels = new Set<string>();
  for (const m of head.matchAll(startLabelRe)) labels.add(m[1]);
  // The Arena-Hard / MT-Bench frame ("<|The Start of Assistant A's Answer|>") is a judge's prompt by itself.
  if (labels.has('A') && labels.has('B')) return arenaRe.test(head) ? 'arena' : 'pair';
  if (singleGradeRe.test(head) && ratingAskedRe.test(head)) return 'score';
  if (!verdictAskedRe.test(head)) return undefined;
  for (const m of head.matchAll(plainLabelRe)) labels.add(m[1].toUpperCase());
  if (labels.has('A') && labels.has('B')) return arenaRe.test(head) ? 'arena' : 'pair';
  if (labels.has('1') && labels.has('2')) return 'numbered';
  return undefined;
}

export interface JudgePick {
  start: number;
  end: number;
  value: string;
  /** 5 a verdict label, 3 a pick in words. */
  strength: number;
}

// A verdict label: Arena-Hard's "[[B>>A]]", MT-Bench's "[[A]]" / "[[C]]" (tie), a number "[[2]]", "[[7]]".
// A score may carry its scale inside the brackets ("[[7/10]]").
const labelRe =
  /\[\[[ \t]{0,2}(A>>B|A>B|A=B|B>A|B>>A|A<B|B<A|A<<B|B<<A|A|B|C|\d{1,2}(?:\.\d)?)(?:[ \t]{0,2}\/[ \t]{0,2}\d{1,3})?[ \t]{0,2}\]\]/g;
// A score written "Rating: 7" / "Score: 7/10" / "Score: 7 out of 10" on its own line (a "[[7]]" label is read by labelRe).
const ratingRe =
  /^[ \t]{0,4}(?:\*\*)?(?:Rating|Score|Final (?:rating|score))(?:\*\*)?[ \t]{0,2}:(?:\*\*)?[ \t]{0,2}(\d{1,2}(?:\.\d)?)(?:[ \t]{0,2}(?:\/|out[ \t]{1,2}of)[ \t]{0,2}\d{1,2})?[ \t]{0,2}(?:\*\*)?[ \t]{0,2}$/gim;
// "Winner: B", "Final verdict: Response 2", "Preferred response: **Response 2**", or "Output (a)" alone on a line: the verdict.
const winnerRe =
  /^[ \t]{0,4}(?:\*\*)?(?:(?:Winner|Final (?:verdict|answer|choice)|Verdict|Preferred(?: (?:response|output|answer))?|Better (?:response|output))(?:\*\*)?[ \t]{0,2}:(?:\*\*)?[ \t]{0,2}(?:\*\*)?)?(?:(?:Assistant|Response|Output|Answer)[ \t]{1,2})?\(?([ABab12])\)?[ \t]{0,2}(?:\*\*)?[ \t]{0,2}\.?$/gim;
// "Answer: 2", "**Answer: 2**", "**Answer:** Response 2" on a line of its own (read only on a numbered pair's last line).
const answerLineRe =
  /^[ \t]{0,4}(?:\*\*)?Answer(?:\*\*)?[ \t]{0,2}:(?:\*\*)?[ \t]{0,2}(?:\*\*)?(?:Response[ \t]{1,2})?([12])[ \t]{0,2}(?:\*\*)?[ \t]{0,2}\.?[ \t]{0,2}(?:\*\*)?[ \t]{0,2}$/i;
// A pick in words: "Assistant B is significantly better", "Assistant A provides a more accurate",
// "Assistant B's answer is the strongest", "Response 2 is better", "I prefer Output (a)". The
// subject opens the clause.
const pickRe =
  /\b(?:Assistant|Response|Output|Answer)[ \t]{1,2}\(?([ABab12])\)?(?:'s[ \t]{1,2}(?:answer|response|output))?[ \t]{1,2}(?:is|was|provides|provided|gives|gave|offers|offered)[ \t]{1,2}(?:(slightly|significantly|much|far|clearly|somewhat)[ \t]{1,2})?(?:better\b|(?:a[ \t]{1,2})?more[ \t]{1,2}(?:accurate|precise|comprehensive|correct|helpful)\b|the[ \t]{1,2}(?:strongest|best|better)\b)/g;
// "I prefer Output (b)", "I would choose Response 2", "I pick B": a bare label is a capital or a
// bracketed "(a)" ("I prefer a shorter answer" picks nothing).
const preferRe =
  /\bI[ \t]{1,2}(?:would[ \t]{1,2})?(?:prefer|choose|pick|select)[ \t]{1,2}(?:(?:Assistant|Response|Output|Answer)[ \t]{1,2}\(?([ABab12])\)?|\(([ABab12])\)|([AB12]))(?![\w'])/g;
// "The better output is Output (a)", "the best response is Response 2": the pick named as the better one.
const betterIsRe =
  /\b[Tt]he[ \t]{1,2}(?:better|best|stronger|preferred)[ \t]{1,2}(?:response|output|answer|one)[ \t]{1,2}is[ \t]{1,2}(?:(?:Assistant|Response|Output|Answer)[ \t]{1,2}\(?([ABab12])\)?|\(([ABab12])\)|([AB12]))(?![\w'])/g;
const tieRe =
  /\b(?:consider[ \t]{1,2}(?:this|it)[ \t]{1,2}a[ \t]{1,2}tie|(?:this|it)[ \t]{1,2}is[ \t]{1,2}a[ \t]{1,2}tie|it's[ \t]{1,2}a[ \t]{1,2}tie)\b/gi;
// What opens a concluding pick: a verdict heading on its line or alone on the line before, or a
// concluding word opening its sentence, a concession between them allowed ("Overall, while both
// answers are correct, Assistant B ..."); or a sentence that concedes both responses and turns to
// the pick ("Although both are correct, ...", "Both assistants are accurate, but Assistant A ...").
// A criterion's heading ("**Accuracy:**") opens a step, whatever follows it.
const headingRe =
  /(?:final[ \t]{1,2}verdict|verdict|conclusion|overall(?:[ \t]{1,2}quality)?|comparison)[ \t]{0,2}:?[ \t]{0,2}(?:\*\*)?[ \t]{0,2}:?[ \t]{0,2}$/i;
const openerRe =
  /(?:^|[.!?]\*{0,2}[ \t]{1,2}|^[ \t]{0,4}[-*][ \t]{1,2})(?:overall|therefore|thus|in[ \t]{1,2}conclusion|in[ \t]{1,2}summary|comparing[^.\n]{0,60}|given[^.\n]{0,80}),?[ \t]{1,2}(?:(?:while|although|though|whereas|even[ \t]{1,2}though)[^.\n]{0,120},[ \t]{1,2})?(?:I[ \t]{1,2}(?:believe|think|find|would[ \t]{1,2}say)[ \t]{1,2}(?:that[ \t]{1,2})?)?$|(?:^|[.!?][ \t]{1,2})I[ \t]{1,2}(?:believe|think|find)[ \t]{1,2}(?:that[ \t]{1,2})?$|(?:verdict[^.\n]{0,20}(?:is|:)[ \t]{0,2}(?:that[ \t]{1,2})?(?:tie:?[ \t]{0,2})?)$|(?:^|[.!?][ \t]{1,2})(?:(?:while|although|though|even[ \t]{1,2}though)[ \t]{1,2}both[^.\n]{0,120},|both[ \t][^.\n]{0,120}?,?[ \t]{1,2}but)[ \t]{1,2}$/i;

/** Is the pick at k in a concluding place: opened by a concluding word or under a verdict heading? */
function concluding(body: string, k: number): boolean {
  // A window of 400 characters before the pick (linear in the body whatever its lines' lengths).
  const w = body.slice(Math.max(0, k - 400), k);
  const nl = w.lastIndexOf('\n');
  // A line cut by the window has no start to anchor on: '\0' stands before its kept part.
  const line = nl >= 0 ? w.slice(nl + 1) : k > 400 ? '\0' + w : w;
  const before = (line.length > 160 ? '\0' + line.slice(-160) : line).replace(/\*\*/g, '');
  if (openerRe.test(before)) return true;
  // A heading on the pick's own line ("**Final Verdict:** Assistant A ...", "- **Overall Quality:** ...").
  const lead = before.replace(/^[ \t]{0,8}[-*]?[ \t]{0,4}/, '');
  if (lead.length > 0 && lead.length < 40 && headingRe.test(lead.replace(/[ \t]+$/, ''))) return true;
  // A heading alone on the line before (blank lines between allowed): "**Final Verdict:**\n\nAssistant B ...".
  if (lead.trim() !== '' || nl < 0) return false;
  let p = nl;
  while (p > 0 && w[p - 1] === '\n') p--;
  const prevStart = w.lastIndexOf('\n', p - 1) + 1;
  const prev = w.slice(prevStart, p).replace(/\*\*/g, '').trim();
  return prev.length < 40 && headingRe.test(prev);
}

/** The picks of a judge's response, in order: labels and concluding picks in words. */
export function judgePicks(body: string, kind: JudgeKind = 'pair'): JudgePick[] {
  const picks: JudgePick[] = [];
  const number = (v: string): boolean => /^\d/.test(v);
  for (const m of body.matchAll(labelRe)) {
    // A score question's label is a number; a pair's is a letter or a notation; a numbered pair's is 1 or 2.
    const ok = kind === 'score' ? number(m[1]) : kind === 'numbered' ? m[1] === '1' || m[1] === '2' : !number(m[1]);
    if (ok) picks.push({ start: m.index + m[0].indexOf(m[1]), end: m.index + m[0].indexOf(m[1]) + m[1].length, value: m[1], strength: 5 });
  }
  if (kind === 'score') {
    for (const m of body.matchAll(ratingRe)) {
      const at = m.index + m[0].indexOf(m[1]);
      picks.push({ start: at, end: at + m[1].length, value: m[1], strength: 5 });
    }
    return restated(body, picks);
  }
  const fits = (label: string): boolean => (kind === 'numbered' ? label === '1' || label === '2' : /^[ABab]$/.test(label));
  for (const m of body.matchAll(winnerRe)) {
    if (!fits(m[1])) continue;
    const at = m.index + m[0].lastIndexOf(m[1]);
    picks.push({ start: at, end: at + 1, value: m[1].toUpperCase(), strength: 5 });
  }
  // Stop 43 (fx43): a numbered pair's verdict written "Answer: 2" ("**Answer: 2**") as the response's last
  // line. Only there: "Answer:" also leads the judge's own answer to the question it quotes, a step.
  if (kind === 'numbered') {
    const last = lastLineStart(body);
    const m = answerLineRe.exec(body.slice(last));
    if (m !== null) {
      const at = last + m[0].lastIndexOf(m[1]);
      picks.push({ start: at, end: at + 1, value: m[1], strength: 5 });
    }
  }
  // The judge's notation: "A>B" where it writes Arena-Hard's labels, else the pick's letter or number.
  const notation = kind === 'arena' || picks.some((p) => p.value.length > 1);
  const other = (x: string): string => ({ A: 'B', B: 'A', '1': '2', '2': '1' })[x] ?? x;
  // A pick in words that is the response's last line, one sentence ("...\n\nOutput (a) is better."), concludes it.
  const lastLine = lastLineStart(body);
  const opensLastLine = (k: number): boolean =>
    k >= lastLine && /^[ \t]{0,4}(?:\*\*)?$/.test(body.slice(lastLine, k)) && !/[.!?](?:\*\*)?[ \t]{1,4}\S/.test(body.slice(k).trimEnd());
  for (const re of [pickRe, preferRe, betterIsRe]) {
    for (const m of body.matchAll(re)) {
      const x = (re === pickRe ? m[1] : (m[1] ?? m[2] ?? m[3])).toUpperCase();
      if (!fits(x) || (re === pickRe && !concluding(body, m.index) && !opensLastLine(m.index))) continue;
      const strong = re === pickRe && m[2] !== undefined && /significantly|much|far|clearly/i.test(m[2]);
      const value = notation ? `${x}${strong ? '>>' : '>'}${other(x)}` : x;
      picks.push({ start: m.index, end: m.index + m[0].length, value, strength: 3 });
    }
  }
  for (const m of body.matchAll(tieRe)) {
    if (!concluding(body, m.index) && !/\bI[ \t]{1,2}would[ \t]{1,2}$/i.test(body.slice(Math.max(0, m.index - 12), m.index))) continue;
    picks.push({ start: m.index, end: m.index + m[0].length, value: notation ? 'A=B' : kind === 'numbered' ? 'tie' : 'C', strength: 3 });
  }
  return restated(body, picks);
}

/** Where the body's last non-blank line starts (the body's end when it is blank). */
function lastLineStart(body: string): number {
  let end = body.length;
  while (end > 0 && /\s/.test(body[end - 1])) end--;
  return end === 0 ? body.length : body.lastIndexOf('\n', end - 1) + 1;
}

/** Picks in order; a pick in words whose label follows on its line ("Assistant B is significantly better: [[B>>A]]") is that label's sentence. */
function restated(body: string, picks: JudgePick[]): JudgePick[] {
  picks.sort((a, b) => a.start - b.start);
  const out: JudgePick[] = [];
  for (let k = 0; k < picks.length; k++) {
    const p = picks[k];
    const next = picks[k + 1];
    if (p.start === out.at(-1)?.start) continue;
    if (p.strength < 5 && next !== undefined && next.strength === 5 && !body.slice(p.end, next.start).includes('\n')) continue;
    out.push(p);
  }
  return out;
}

/**
 * The verdict's direction ("A", "B", "tie"), for a pick or a reference ("A>B", "[[B>>A]]", "B",
 * "tie", "Output (a)"); a numbered pair's "1" and "2" are its first and second response. A score
 * is itself.
 */
export function verdictDirection(v: string, kind: JudgeKind = 'pair'): string | undefined {
  const s = v
    .replace(/[[\]\s*()]/g, '')
    .replace(/^(?:assistant|response|output|answer)/i, '')
    .toUpperCase();
  if (kind === 'score') return /^\d{1,2}(?:\.\d+)?$/.test(s) ? String(Number(s)) : undefined;
  if (/^(?:A>>?B|B<<?A|A|1)$/.test(s)) return 'A';
  if (/^(?:B>>?A|A<<?B|B|2)$/.test(s)) return 'B';
  if (/^(?:A=B|B=A|TIE)$/.test(s) || (s === 'C' && kind !== 'numbered')) return 'tie';
  return undefined;
}
