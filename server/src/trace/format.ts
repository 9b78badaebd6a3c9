// Writes records in the `.trace` v1 format (docs/design.md section 3). The parser's inverse: a body
// line that starts with `===` gets a leading backslash so it cannot open a new record.

export interface TraceRecordInput {
  id?: string | number;
  /** Header fields in order; undefined values are left out. Keys must not contain ':' or newlines. */
  headers: Record<string, string | number | undefined>;
  body: string;
}

const escapeBodyLine = (line: string): string => (line.startsWith('===') || line.startsWith('\\===') ? '\\' + line : line);
// A header is one line: every line break in a value (\n, \r\n, a lone \r, and U+2028 / U+2029,
// which JavaScript's `.` and `$` also treat as line ends) is written as a space, so that the value
// reads back as it was written (a raw U+2028 in a query made the header a `bad-header`).
const oneLine = (v: string): string => v.replace(/\r\n?|[\n\u2028\u2029]/g, ' ');
// A query whose text holds a label-like letter inside a line ("B. ... with C. difficile
// colonization") has each line break before an option label ("\nC. Post-infectious ...", "\n(C)
// ...", "\nC．...") written as two blanks, as a blank line is: the engine tells a label that opened
// a line from the same letter inside an option's text (question.ts, stop 41). Other queries are
// written as before.
const LETTER_MARK = '[A-J][ \\t]{0,2}[.:)\\uff0e\\uff1a\\uff09\\u3001]';
const LABEL = `[(\\uff08]?${LETTER_MARK}`;
const lineBreakBeforeLabelRe = new RegExp(`(?:\\r\\n?|[\\n\\u2028\\u2029])+(?=[ \\t]*${LABEL})`, 'g');
const leadingLabelRe = new RegExp(`^[ \\t]*${LABEL}`);
const labelInLineRe = new RegExp(`[\\s(\\uff08{\\uff09]${LETTER_MARK}`);
/** A query as its `.trace` header writes it (one line): what the engine reads, and what the importer checks its options in. */
export function queryLine(v: string): string {
  if (!/[\n\r\u2028\u2029]/.test(v)) return v;
  const lines = v.split(/\r\n?|[\n\u2028\u2029]/);
  const inner = lines.some((l) => labelInLineRe.test(l.replace(leadingLabelRe, '')));
  // Stop 43 (fx43): so is every such line break where one of them would read as a gap anyway (a line
  // before a label ends in a blank: "aromatic?\n\nA. methane \nB. ethane \nC. cyclohexane\nD. benzene"):
  // written as one blank, the last label would follow the only narrow gap and read as a letter inside
  // the last option's text ("C. cyclohexane D. benzene", as "E. coli"). A blank line alone changes nothing.
  const gapped = !inner && lines.some((l, i) => i > 0 && leadingLabelRe.test(l) && /\S[ \t]+$/.test(lines[i - 1]));
  return oneLine(inner || gapped ? v.replace(lineBreakBeforeLabelRe, '  ') : v);
}

export function formatRecord(rec: TraceRecordInput): string {
  const head = [`=== ${rec.id ?? ''}`.trimEnd()];
  for (const [k, v] of Object.entries(rec.headers))
    if (v !== undefined) head.push(`${k}: ${k === 'query' ? queryLine(String(v)) : oneLine(String(v))}`);
  head.push('---');
  const body = rec.body.replace(/\r\n?/g, '\n').split('\n').map(escapeBodyLine).join('\n');
  return `${head.join('\n')}\n${body}${body.endsWith('\n') ? '' : '\n'}`;
}

export function formatTrace(records: Iterable<TraceRecordInput>): string {
  let out = '';
  for (const r of records) out += formatRecord(r);
  return out;
}
