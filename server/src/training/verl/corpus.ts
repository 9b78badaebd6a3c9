// The prompts and ground truths of a trace corpus (.trace files, JSONL rollouts or evaluation
// outputs, or folders of them) as verl dataset items: one per distinct prompt, since a corpus of
// rollouts repeats each prompt once per sample. Records without a prompt or a ground truth are
// counted and reported, never silently dropped.
import { join } from 'node:path';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { detectFormat, streamTraceFile } from '../../trace/stream.js';
import { jsonlLineToRecords } from '../../trace/jsonl.js';
import { inferTask } from '../../trace/parse.js';
import type { PromptWithAnswer } from './dataset.js';
import { checkInputFiles } from '../../analysis/corpus.js';

export interface CorpusPrompts {
  items: PromptWithAnswer[];
  /** Files read. */
  files: string[];
  skipped: { file: string; line?: number; reason: string }[];
}

const TRACE_FILE = /\.(trace|jsonl)$/i;

function expand(path: string, out: string[]): void {
  const st = statSync(path);
  if (!st.isDirectory()) {
    out.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name.startsWith('.')) continue;
    const child = join(path, name);
    if (statSync(child).isDirectory()) expand(child, out);
    else if (TRACE_FILE.test(name)) out.push(child);
  }
}

interface PromptRecord {
  query: string | undefined;
  answer: string | undefined;
  task: string;
  line: number;
}

/**
 * Prompt, ground truth and task of every record. JSONL prompts are taken as written: a `.trace`
 * header is one line, so going through the trace form would flatten multi-line prompts.
 */
async function* prompts(file: string, onBroken: () => void): AsyncGenerator<PromptRecord> {
  if (detectFormat(file) === 'trace') {
    for await (const rec of streamTraceFile(file, { onDiagnostic: onBroken }))
      yield { query: rec.query, answer: rec.answer, task: rec.task, line: rec.startLine };
    return;
  }
  let lineNo = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const { records, diagnostics } = jsonlLineToRecords(line, lineNo, { fileName: file });
    if (diagnostics.length > 0) onBroken();
    for (const r of records) {
      const query = r.headers.query === undefined ? undefined : String(r.headers.query);
      const answer = r.headers.answer === undefined ? undefined : String(r.headers.answer);
      const task = r.headers.task !== undefined ? String(r.headers.task) : inferTask(query);
      yield { query, answer, task, line: lineNo };
    }
    lineNo++;
  }
}

export async function corpusPrompts(
  paths: readonly string[],
  onProgress?: (file: string, records: number) => void,
): Promise<CorpusPrompts> {
  const files: string[] = [];
  const skipped: CorpusPrompts['skipped'] = [];
  // The check every command shares: a path given twice is read once, a device or socket not at all.
  const named = checkInputFiles(paths);
  skipped.push(...named.repeats, ...named.notRead);
  for (const p of named.files) {
    try {
      expand(p, files);
    } catch (err) {
      skipped.push({ file: p, reason: `cannot be read: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  const byQuery = new Map<string, PromptWithAnswer>();
  for (const file of files) {
    let records = 0;
    // Each kind of problem counted, with the line of its first record (verl.md: "with file and line").
    const problems = {
      noQuery: { count: 0, line: undefined as number | undefined, what: 'record(s) without a prompt' },
      noAnswer: { count: 0, line: undefined as number | undefined, what: 'record(s) without a ground truth' },
      conflicts: {
        count: 0,
        line: undefined as number | undefined,
        what: 'record(s) whose ground truth differs from an earlier record of the same prompt (the first is kept)',
      },
    };
    const note = (kind: keyof typeof problems, line: number): void => {
      problems[kind].count++;
      problems[kind].line ??= line;
    };
    let broken = 0;
    try {
      for await (const rec of prompts(file, () => {
        broken++;
      })) {
        records++;
        if (records % 1000 === 0) onProgress?.(file, records);
        if (rec.query === undefined || rec.query.trim() === '') {
          note('noQuery', rec.line);
          continue;
        }
        if (rec.answer === undefined) {
          note('noAnswer', rec.line);
          continue;
        }
        const known = byQuery.get(rec.query);
        if (!known) byQuery.set(rec.query, { query: rec.query, answer: rec.answer, task: rec.task });
        else if (known.answer !== rec.answer) note('conflicts', rec.line);
      }
    } catch (err) {
      skipped.push({ file, reason: `cannot be read: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    // One entry per kind, in the order of their first lines; a count over one names its first line.
    const found = Object.values(problems)
      .filter((p) => p.count > 0)
      .sort((a, b) => a.line! - b.line!);
    for (const p of found)
      skipped.push({ file, line: p.line, reason: `${p.count} ${p.what}${p.count > 1 ? ' (this line is the first)' : ''}` });
    if (broken > 0) skipped.push({ file, reason: `${broken} malformed line(s)/record(s)` });
  }
  return { items: [...byQuery.values()], files, skipped };
}
