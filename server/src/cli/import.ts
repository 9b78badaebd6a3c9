// `reflection-lens import FILE.jsonl -o OUT.trace`: JSONL rollouts (verl rollout dumps,
// evaluation outputs) written as a `.trace` file, streamed, with per-token log-probs in a sidecar
// `OUT.trace.logprobs.jsonl` when the rollouts carry them. Outputs appear atomically (temp files,
// renamed into place together only when the run succeeded), so a failed or interrupted import
// leaves an existing OUT as it was; a symlinked OUT is written through to its target; the input
// (also through a symlink or hard link) is never overwritten.
import { existsSync, statSync } from 'node:fs';
import { parseArgs, stringFlag, UsageError } from './args.js';
import { ProgressLine } from './progress.js';
import { formatRecord } from '../trace/format.js';
import { STDIN, streamJsonlRecords } from '../trace/stream.js';
import { formatDiagnostic } from './segment.js';
import { AtomicFile, OutputPathError, checkOutputs } from '../util/atomicWrite.js';

export const summary = 'convert JSONL rollouts (verl dumps, eval outputs) to a .trace file';
export const usage = `Usage: reflection-lens import FILE.jsonl -o OUT.trace [--json]

Detects the fields of each JSON line (prompt: input|prompt|question|problem|query; response:
output|response|completion|code[]|responses[], one record per response; ground truth:
gts|gt|answer|ground_truth|label|solution) and writes one .trace record per response, keeping
score, step, pred and other short fields as headers. Per-token logprobs/ref_logprobs go to
OUT.trace.logprobs.jsonl. Broken lines are reported with line and column (the first 100, then
a count); the rest is imported. FILE may be - (standard input) or a pipe.

  -o, --out FILE   the .trace file to write (required; never the input file)
  --json           print {records, out, sidecar, diagnostics} on stdout
`;

/** Broken lines listed on stderr; beyond these they are counted in one line. */
export const LISTED_DIAGNOSTICS = 100;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['out'], ['json']);
  const [input, ...rest] = args.positionals;
  const out = stringFlag(args, 'out');
  if (!input || rest.length > 0) throw new UsageError('expected exactly one input FILE.jsonl');
  if (!out) throw new UsageError('expected -o OUT.trace');
  const sidecarPath = `${out}.logprobs.jsonl`;
  try {
    checkOutputs([{ what: '-o', path: out }, { what: "-o's log-prob sidecar", path: sidecarPath, onlyIfWritten: true }], [input]);
  } catch (err) {
    if (!(err instanceof OutputPathError)) throw err;
    process.stderr.write(`reflection-lens import: ${err.message}\n`);
    return 1;
  }
  try {
    // `-` is standard input; a pipe or FIFO is read to its end like a file.
    if (input !== STDIN && statSync(input).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (err) {
    process.stderr.write(`${input}: cannot read: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }

  let trace: AtomicFile | undefined;
  let sidecar: AtomicFile | undefined;
  const progress = new ProgressLine(`import ${input}`);
  let records = 0;
  let diagnostics = 0;
  // Broken lines are listed up to a bound (a corrupt file can hold millions); the rest are counted.
  const unlisted = (): void => {
    if (diagnostics > LISTED_DIAGNOSTICS) process.stderr.write(`${input}: ${diagnostics - LISTED_DIAGNOSTICS} more line${diagnostics - LISTED_DIAGNOSTICS === 1 ? '' : 's'} reported, not listed\n`);
  };
  const fail = (message: string): number => {
    trace?.abort();
    sidecar?.abort();
    progress.done();
    unlisted();
    process.stderr.write(`reflection-lens import: ${message}; ${existsSync(out) ? `${out} left unchanged` : `${out} not written`}\n`);
    return 1;
  };
  try {
    trace = new AtomicFile(out);
    for await (const r of streamJsonlRecords(input, {
      onDiagnostic: (d) => { if (++diagnostics <= LISTED_DIAGNOSTICS) process.stderr.write(formatDiagnostic(input, d)); },
      onProgress: (done, total) => { if (total > 32 << 20) progress.update(`${(done / 1e6).toFixed(0)} / ${(total / 1e6).toFixed(0)} MB, ${records} records`); },
    })) {
      await trace.write(formatRecord(r));
      if (r.logprobs || r.refLogprobs) {
        sidecar ??= new AtomicFile(sidecarPath);
        await sidecar.write(`${JSON.stringify({ id: String(r.id), logprobs: r.logprobs ?? null, ref_logprobs: r.refLogprobs ?? null })}\n`);
      }
      records++;
    }
    // Decide before publishing: a run that read nothing valid is a failure, not an empty result.
    if (records === 0 && diagnostics > 0) return fail(`no record could be read from ${input} (${diagnostics} line${diagnostics === 1 ? '' : 's'} reported)`);
    await trace.finish();
    await sidecar?.finish();
    // Both complete: publish them back to back (synchronous renames; no signal in between).
    sidecar?.publish();
    trace.publish();
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  progress.done();
  unlisted();
  const result = { records, out, sidecar: sidecar ? sidecarPath : null, diagnostics };
  if (args.flags.has('json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stderr.write(`import: ${records} records written to ${out}${sidecar ? ` (log-probs: ${sidecarPath})` : ''}${diagnostics ? `, ${diagnostics} lines reported` : ''}\n`);
  return 0;
}
