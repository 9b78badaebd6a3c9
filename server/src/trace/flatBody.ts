// Bodies whose line breaks a harness replaced by spaces (docs/segmentation-eval.md, "Stop 42: pass 100").
// Some evaluation harnesses store a response after `text.replace('\n', ' ')`: the body has no line
// break at all; a paragraph break becomes two spaces, a line break one space. The rules read line
// starts, line ends and paragraph ends (a result line's "= 42", a "Final answer:" line, a list
// item, a paragraph's closing conclusion), so such a body is read with the breaks it had put back
// where its text still shows them. Every replacement is one character for one character, so every
// offset into the restored body is the same offset into the stored one. A body with any line break
// is returned as it is.

/** A run of two or more spaces, where a flattened body had a paragraph break or a line and its indentation. */
const spaceRunRe = / {2,}/g;

// The tags of a thinking block (thinking.ts's pairs, opening and closing): the chat templates write each on
// its own line ("<think>\n...\n</think>\n\n"), so a single space beside one was a line break.
const thinkingTagRe =
  /<\/?think>|<\|(?:begin|end)_of_thought\|>|<\/?(?:thinking|reasoning|seed:think)>|\[\/?THINK\]|\u25c1\/?think\u25b7|<\|im_start\|>(?:think|answer)/g;

// A display's delimiters, LaTeX's "\\[" and "\\]" (not "\\\\[2pt]", a row break) and "$$": models write each
// on its own line or open and close the display's line with them ("\\[\nx = 3\n\\]", "\\[x = 3\\]\n").
const displayRe = /\\\\\[|\\[[\]]|\$\$/g;

// What ends a sentence or a line before a display ("... as follows:", "x = 3.", a display before it).
const sentenceEndBeforeRe = /[.:;!?\]$*\u3002\uff1a\uff1b]/;
const lowerRe = /[a-z]/;

// A code fence and, on an opening one, its language word (a closing one is followed by a space or the end).
const fenceRe = /```(?:[A-Za-z][\w+#-]{0,11}(?= ))?/g;

/** A single space (not one of a run) at k. */
const singleSpace = (s: string, k: number): boolean =>
  s[k] === ' ' && s[k - 1] !== ' ' && s[k - 1] !== '\n' && s[k + 1] !== ' ' && s[k + 1] !== '\n';

/**
 * The body with its line breaks put back where its text shows them, when it has none; else the body
 * itself. Same length. (A body stored on one line that was never flattened has no run of spaces and
 * seldom a tag or a display: it is left as it is but for those.)
 */
export function restoreLineBreaks(body: string): string {
  if (body.length < 2 || body.includes('\n') || body.includes('\r')) return body;
  // Two spaces were a paragraph break ("\n\n"); a longer run was a line break and the next line's
  // indentation (a nested list item, a code line) far more often than a blank line.
  const text = body.replace(spaceRunRe, (run) => (run.length === 2 ? '\n\n' : '\n' + run.slice(1)));
  const breaks: number[] = [];
  // 100b: a single space beside a thinking block's tag.
  for (const m of text.matchAll(thinkingTagRe)) {
    const end = m.index + m[0].length;
    if (singleSpace(text, m.index - 1)) breaks.push(m.index - 1);
    if (singleSpace(text, end)) breaks.push(end);
  }
  // 100c: a display on lines of its own. Where its opening delimiter is followed by a space the
  // delimiters stood on lines of their own ("\\[ x = 3 \\]" was "\\[\nx = 3\n\\]"): a single space
  // on either side of each is a line break. A display written tight ("\\[x = 3.\\]") stood on its own
  // line where a sentence ended before it (after a colon, a full stop, another display) and does not go
  // on after it (no lower-case word next: "Thus \\[6 + 1 = 7,\\] and ..." is one sentence).
  let openSpaced = false;
  let inside = false;
  for (const m of text.matchAll(displayRe)) {
    if (m[0] === '\\\\[') continue;
    const end = m.index + m[0].length;
    if (m[0] === '\\[' || (m[0] === '$$' && !inside)) {
      inside = true;
      openSpaced = singleSpace(text, end);
      if (singleSpace(text, m.index - 1) && (openSpaced || sentenceEndBeforeRe.test(text[m.index - 2]))) breaks.push(m.index - 1);
      if (openSpaced) breaks.push(end);
    } else if (inside) {
      inside = false;
      if (openSpaced && singleSpace(text, m.index - 1)) breaks.push(m.index - 1);
      if (singleSpace(text, end) && (openSpaced || !lowerRe.test(text[end + 1]))) breaks.push(end);
    }
  }
  // 100f: a code fence stands on a line of its own: a single space before it, after a closing one,
  // and after an opening one's language word ("```python x = 1" was "```python\nx = 1").
  for (const m of text.matchAll(fenceRe)) {
    if (singleSpace(text, m.index - 1)) breaks.push(m.index - 1);
    const end = m.index + m[0].length;
    if (singleSpace(text, end)) breaks.push(end);
  }
  if (breaks.length === 0) return text;
  const chars = text.split('');
  for (const k of breaks) chars[k] = '\n';
  return chars.join('');
}
