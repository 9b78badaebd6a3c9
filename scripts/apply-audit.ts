// Applies an audit of gold labels (annotators re-reading records under the current annotation
// guide; docs/segmentation-eval.md, "Stop 22") to a gold file: records the audit changed get its
// candidates, located by quote in the body the engine reads; every other record is kept byte for
// byte. Usage: node --import tsx scripts/apply-audit.ts GOLD TRACES AUDIT.jsonl... > OUT
// (audit lines: {key: "SET|ID|FILE", candidates: [{value, quote}], final, changed, notes}; only
// keys whose ID is in GOLD and whose FILE matches TRACES' base name, when given, are applied).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { goldLine, parseGoldFile, type GoldRecord } from '../server/src/trace/gold.js';
import { streamTraceFile } from '../server/src/trace/stream.js';

const [goldPath, tracePath, ...audits] = process.argv.slice(2);
const fileTag = process.env.AUDIT_FILE ?? '';
interface AuditLine {
  key: string;
  candidates: { value: string; quote: string }[];
  final: string | null;
  changed: boolean;
  notes?: string;
}
const changed = new Map<string, AuditLine>();
for (const a of audits)
  for (const line of readFileSync(a, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const l = JSON.parse(line) as AuditLine;
    const [, id, file] = l.key.split('|');
    if (l.changed && (!fileTag || file === fileTag)) changed.set(id, l);
  }
const bodies = new Map<string, string>();
for await (const rec of streamTraceFile(tracePath)) bodies.set(rec.id, rec.body);
let applied = 0;
let problems = 0;
const out: string[] = [];
for (const line of readFileSync(goldPath, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const id = String((JSON.parse(line) as { id: string | number }).id);
  const l = changed.get(id);
  if (!l) {
    out.push(line);
    continue;
  }
  const old = parseGoldFile(line).records.get(id)!;
  const body = bodies.get(id) ?? '';
  let pos = 0;
  const candidates = l.candidates.map((c) => {
    const at = body.indexOf(c.quote, pos);
    if (at < 0) {
      problems++;
      process.stderr.write(`${basename(tracePath)} ${id}: quote not found: ${JSON.stringify(c.quote)}\n`);
      return { value: String(c.value), offset: pos, quote: c.quote };
    }
    pos = at + 1;
    const inQuote = c.quote.lastIndexOf(String(c.value));
    return { value: String(c.value), offset: at + (inQuote >= 0 ? inQuote : 0), quote: c.quote };
  });
  const rec: GoldRecord = {
    ...old,
    candidates,
    final: l.final === null ? null : String(l.final),
    notes: `${old.notes ? old.notes + ' ' : ''}Audit (stop 22): ${l.notes ?? ''}`.trim(),
  };
  out.push(goldLine(rec));
  applied++;
}
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`${applied} record(s) changed by the audit\n`);
if (problems) process.exitCode = 1;
