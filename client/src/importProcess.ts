// The JSONL import as a child process (`dist/cli.js import`), so a large file never blocks the
// extension host; free of `vscode` so it is tested on its own. The CLI writes to a temp file and
// renames it when complete; a cancelled run is killed and its temp files removed, so neither the
// input nor an existing output is ever touched by a cancelled import.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { runCli, type CliResult } from './cliProcess.js';

export interface ImportResult extends CliResult {
  /** Answer patterns of the settings the CLI refused (one that could run for ever): the import ran without them, and only them. */
  refusedPatterns?: { pattern: string; reason: string }[];
}

/** How the source's fields are read (`--format`, `--map`); absent: detected from the first row. */
export interface ImportMapping {
  format?: string;
  map?: string;
  /**
   * The reader of the settings (reflectionLens.markers, answerPatterns, reader), passed as
   * --markers FILE, --answer-patterns FILE, --reader: the CLI counts a record's attempts with it
   * for the log-probs' 2T check, so the sidecar holds what the editor's attribution can use.
   */
  reading?: { markers?: readonly string[]; answerPatterns?: readonly string[]; reader?: string };
}

/** Runs `node CLI import INPUT -o OUT --json [--format F] [--map M]`; `signal` kills it and removes its partial output. */
export async function runImport(
  cli: string,
  input: string,
  out: string,
  onProgress: (message: string) => void,
  signal: AbortSignal,
  mapping: ImportMapping = {},
): Promise<ImportResult> {
  const extra = [...(mapping.format ? ['--format', mapping.format] : []), ...(mapping.map ? ['--map', mapping.map] : [])];
  const reading = mapping.reading ?? {};
  // An empty list is the default lexicon (as the editor reads it); a pattern that does not compile
  // is left out (the editor warns about it and reads without it).
  const markers = (reading.markers ?? []).map((m) => m.trim()).filter((m) => m !== '' && !m.startsWith('#'));
  // Trimmed, as the CLI reads the lines of --answer-patterns (and names a refused one).
  const patterns = (reading.answerPatterns ?? []).map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#') && compiles(p));
  const dir = markers.length > 0 || patterns.length > 0 ? mkdtempSync(join(tmpdir(), 'rl-import-reader-')) : undefined;
  const readerFlags = (use: readonly string[]): string[] => {
    const flags: string[] = [];
    if (dir && markers.length > 0) {
      writeFileSync(join(dir, 'markers.txt'), `${markers.join('\n')}\n`);
      flags.push('--markers', join(dir, 'markers.txt'));
    }
    if (dir && use.length > 0) {
      writeFileSync(join(dir, 'patterns.txt'), `${use.join('\n')}\n`);
      flags.push('--answer-patterns', join(dir, 'patterns.txt'));
    }
    if (reading.reader === 'rules' || reading.reader === 'learned') flags.push('--reader', reading.reader);
    return flags;
  };
  const run = (flags: string[]): Promise<CliResult> =>
    runCli(
      cli,
      ['import', input, '-o', out, '--json', ...extra, ...flags],
      (chunk) => {
        // The CLI's progress lines: "import FILE: 12 / 80 MB, 3400 records".
        const m = [...chunk.matchAll(/(\d+) \/ (\d+) MB, (\d+) records/g)].pop();
        if (m) onProgress(`${m[1]} of ${m[2]} MB, ${m[3]} records`);
      },
      signal,
    );
  let result: ImportResult;
  try {
    result = await run(readerFlags(patterns));
    // A pattern the CLI refuses (one that could run for ever) is refused before anything is read:
    // the import runs again without that one (the CLI names each: `"SOURCE": reason`), as the
    // editor reads without it, and the caller says which. Should the CLI still refuse, without any.
    const refusal = (r: CliResult): string | undefined => (r.code === 2 ? /--answer-patterns: (.*)/.exec(r.stderr)?.[1] : undefined);
    const first = refusal(result);
    if (first !== undefined) {
      const reasons = new Map<string, string>();
      for (const p of patterns) {
        const at = first.indexOf(`"${p}": `);
        if (at >= 0) reasons.set(p, first.slice(at + p.length + 4).split(/; "/)[0]);
      }
      let kept = reasons.size > 0 ? patterns.filter((p) => !reasons.has(p)) : [];
      result = await run(readerFlags(kept));
      if (kept.length > 0 && refusal(result) !== undefined) {
        kept = [];
        result = await run(readerFlags(kept));
      }
      const refusedPatterns = patterns
        .filter((p) => !kept.includes(p))
        .map((p) => ({ pattern: p, reason: reasons.get(p) ?? 'refused by the CLI with the others' }));
      result = { ...result, refusedPatterns };
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  // A killed CLI leaves its temp files (".OUT.<pid>.<time>.tmp", also for the sidecar) behind; the target is untouched.
  if (result.cancelled && result.pid !== undefined) removeTempFiles(out, result.pid);
  return result;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'gd');
    return true;
  } catch {
    return false;
  }
}

function removeTempFiles(out: string, pid: number): void {
  const dir = dirname(out);
  const prefixes = [basename(out), `${basename(out)}.logprobs.jsonl`].map((n) => `.${n}.${pid}.`);
  try {
    for (const f of readdirSync(dir))
      if (f.endsWith('.tmp') && prefixes.some((p) => f.startsWith(p))) rmSync(join(dir, f), { force: true });
  } catch {
    // Nothing to clean up if the folder cannot be read.
  }
}

/** The mapping line the CLI prints on stderr ("reading openr1 (parquet): prompt <- problem, ..."), if any. */
export function mappingLine(stderr: string): string | undefined {
  for (const l of stderr.split('\n')) {
    const m = /(?:^|: )(reading \S+ \([^)]*\): .*)$/.exec(l);
    if (m) return m[1].trim();
  }
  return undefined;
}

export function parseSummary(stdout: string): { records: number; diagnostics: number } | undefined {
  try {
    return JSON.parse(stdout.trim().split('\n').pop() ?? '');
  } catch {
    return undefined;
  }
}

/** The warning for answer patterns the import left out, undefined when none was. */
export function refusedPatternsMessage(result: ImportResult): string | undefined {
  const r = result.refusedPatterns;
  if (!r || r.length === 0) return undefined;
  return `Reflection Lens: the CLI refuses ${r.length === 1 ? 'an answer pattern' : `${r.length} answer patterns`} of reflectionLens.answerPatterns: ${r.map((x) => `"${x.pattern}" (${x.reason})`).join('; ')}; the import read the records without ${r.length === 1 ? 'it' : 'them'}, with the settings' other answer patterns, if any.`;
}
