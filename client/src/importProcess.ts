// The JSONL import as a child process (`dist/cli.js import`), so a large file never blocks the
// extension host; free of `vscode` so it is tested on its own. The CLI writes to a temp file and
// renames it when complete; a cancelled run is killed and its temp files removed, so neither the
// input nor an existing output is ever touched by a cancelled import.
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runCli, type CliResult } from './cliProcess.js';

export type ImportResult = CliResult;

/** How the source's fields are read (`--format`, `--map`); absent: detected from the first row. */
export interface ImportMapping {
  format?: string;
  map?: string;
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
  const result = await runCli(
    cli,
    ['import', input, '-o', out, '--json', ...extra],
    (chunk) => {
      // The CLI's progress lines: "import FILE: 12 / 80 MB, 3400 records".
      const m = [...chunk.matchAll(/(\d+) \/ (\d+) MB, (\d+) records/g)].pop();
      if (m) onProgress(`${m[1]} of ${m[2]} MB, ${m[3]} records`);
    },
    signal,
  );
  // A killed CLI leaves its temp files (".OUT.<pid>.<time>.tmp", also for the sidecar) behind; the target is untouched.
  if (result.cancelled && result.pid !== undefined) removeTempFiles(out, result.pid);
  return result;
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
