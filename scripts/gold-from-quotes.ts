// Turns annotators' quote labels (docs/annotation-guide.md: {file, id, candidates: [{value,
// quote}], final, truncated, notes}) into gold files with body offsets
// (docs/segmentation-eval.md), reading the bodies the engine reads from the traces themselves.
// Usage: node --import tsx scripts/gold-from-quotes.ts LABELS.jsonl TRACES... > OUT.gold.jsonl
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { streamTraceFile } from '../server/src/trace/stream.js';
import { goldLine, type GoldRecord } from '../server/src/trace/gold.js';

const [labelsPath, ...traces] = process.argv.slice(2);
const labels = readFileSync(labelsPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map(
    (l) =>
      JSON.parse(l) as {
        file: string;
        id: string | number;
        candidates: { value: string; quote: string }[];
        final: string | null;
        truncated?: boolean;
        notes?: string;
      },
  );
const source = basename(labelsPath).replace(/\.jsonl$/, '');
let problems = 0;
for (const trace of traces) {
  const wanted = new Map(labels.filter((l) => l.file === basename(trace)).map((l) => [String(l.id), l]));
  for await (const rec of streamTraceFile(trace)) {
    const l = wanted.get(rec.id);
    if (!l) continue;
    let pos = 0;
    let end = 0;
    const candidates = l.candidates.map((c) => {
      // After the previous quote first: a later quote that is part of an earlier one ("the answer is
      // B" inside "so the answer is B) ...") names the later place; overlapping quotes fall back.
      let at = rec.body.indexOf(c.quote, end);
      if (at < 0) at = rec.body.indexOf(c.quote, pos);
      if (at < 0) {
        problems++;
        process.stderr.write(`${trace} ${rec.id}: quote not found: ${JSON.stringify(c.quote)}\n`);
        return { value: String(c.value), offset: pos, quote: c.quote };
      }
      pos = at + 1;
      end = at + c.quote.length;
      // The value's own position inside the quote (its last occurrence: quotes end with the value).
      const inQuote = c.quote.lastIndexOf(String(c.value));
      return { value: String(c.value), offset: at + (inQuote >= 0 ? inQuote : 0), quote: c.quote };
    });
    const rec2: GoldRecord = {
      id: rec.id,
      candidates,
      final: l.final === null ? null : String(l.final),
      ...(l.truncated ? { truncated: true } : {}),
      source,
      ...(l.notes ? { notes: l.notes } : {}),
    };
    process.stdout.write(goldLine(rec2) + '\n');
  }
}
if (problems) {
  process.stderr.write(`${problems} quote(s) not found\n`);
  process.exitCode = 1;
}
