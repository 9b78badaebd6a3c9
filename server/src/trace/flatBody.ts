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

/**
 * The body with its line breaks put back, when it has none and reads as flattened (it has a run of
 * two or more spaces: a paragraph break as the harness left it); else the body itself. Same length.
 */
export function restoreLineBreaks(body: string): string {
  if (body.length < 2 || body.includes('\n') || body.includes('\r') || !body.includes('  ')) return body;
  // Two spaces were a paragraph break ("\n\n"); a longer run was a line break and the next line's
  // indentation (a nested list item, a code line) far more often than a blank line.
  return body.replace(spaceRunRe, (run) => (run.length === 2 ? '\n\n' : '\n' + run.slice(1)));
}
