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

export function formatRecord(rec: TraceRecordInput): string {
  const head = [`=== ${rec.id ?? ''}`.trimEnd()];
  for (const [k, v] of Object.entries(rec.headers)) if (v !== undefined) head.push(`${k}: ${oneLine(String(v))}`);
  head.push('---');
  const body = rec.body.replace(/\r\n?/g, '\n').split('\n').map(escapeBodyLine).join('\n');
  return `${head.join('\n')}\n${body}${body.endsWith('\n') ? '' : '\n'}`;
}

export function formatTrace(records: Iterable<TraceRecordInput>): string {
  let out = '';
  for (const r of records) out += formatRecord(r);
  return out;
}
