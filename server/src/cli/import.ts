// `reflection-lens import FILE.jsonl -o OUT.trace`: JSONL rollouts (verl rollout dumps,
// evaluation outputs) written as a `.trace` file, streamed, with per-token log-probs in a sidecar
// `OUT.trace.logprobs.jsonl` when the rollouts carry them. Outputs appear atomically (temp file +
// rename) and the input is never overwritten.
import { createWriteStream, realpathSync, renameSync, rmSync, existsSync, statSync, mkdirSync, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs, stringFlag, UsageError } from './args.js';
import { ProgressLine } from './progress.js';
import { formatRecord } from '../trace/format.js';
import { streamJsonlRecords } from '../trace/stream.js';
import { formatDiagnostic } from './segment.js';

export const summary = 'convert JSONL rollouts (verl dumps, eval outputs) to a .trace file';
export const usage = `Usage: reflection-lens import FILE.jsonl -o OUT.trace [--json]

Detects the fields of each JSON line (prompt: input|prompt|question|problem|query; response:
output|response|completion|code[]|responses[], one record per response; ground truth:
gts|gt|answer|ground_truth|label|solution) and writes one .trace record per response, keeping
score, step, pred and other short fields as headers. Per-token logprobs/ref_logprobs go to
OUT.trace.logprobs.jsonl. Broken lines are reported with line and column; the rest is imported.

  -o, --out FILE   the .trace file to write (required; never the input file)
  --json           print {records, out, sidecar, diagnostics} on stdout
`;

/** A file written to a sibling temp path and renamed into place when complete. */
class AtomicFile {
  readonly tmp: string;
  readonly stream: WriteStream;
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    this.stream = createWriteStream(this.tmp);
  }
  write(text: string): Promise<void> {
    if (this.stream.write(text)) return Promise.resolve();
    return new Promise((res) => this.stream.once('drain', res));
  }
  async commit(): Promise<void> {
    await new Promise<void>((res, rej) => this.stream.end((err?: Error | null) => (err ? rej(err) : res())));
    renameSync(this.tmp, this.path);
  }
  abort(): void {
    this.stream.destroy();
    rmSync(this.tmp, { force: true });
  }
}

const samePath = (a: string, b: string): boolean => {
  const real = (p: string): string => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
};

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['out'], ['json']);
  const [input, ...rest] = args.positionals;
  const out = stringFlag(args, 'out');
  if (!input || rest.length > 0) throw new UsageError('expected exactly one input FILE.jsonl');
  if (!out) throw new UsageError('expected -o OUT.trace');
  const sidecarPath = `${out}.logprobs.jsonl`;
  if (samePath(input, out) || samePath(input, sidecarPath)) {
    process.stderr.write(`reflection-lens import: refusing to overwrite the input file ${input}\n`);
    return 1;
  }
  try {
    if (!statSync(input).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
  } catch (err) {
    process.stderr.write(`${input}: cannot read: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }

  const trace = new AtomicFile(out);
  let sidecar: AtomicFile | undefined;
  const progress = new ProgressLine(`import ${input}`);
  let records = 0;
  let diagnostics = 0;
  try {
    for await (const r of streamJsonlRecords(input, {
      onDiagnostic: (d) => { diagnostics++; process.stderr.write(formatDiagnostic(input, d)); },
      onProgress: (done, total) => { if (total > 32 << 20) progress.update(`${(done / 1e6).toFixed(0)} / ${(total / 1e6).toFixed(0)} MB, ${records} records`); },
    })) {
      await trace.write(formatRecord(r));
      if (r.logprobs || r.refLogprobs) {
        sidecar ??= new AtomicFile(sidecarPath);
        await sidecar.write(`${JSON.stringify({ id: String(r.id), logprobs: r.logprobs ?? null, ref_logprobs: r.refLogprobs ?? null })}\n`);
      }
      records++;
    }
    await trace.commit();
    await sidecar?.commit();
  } catch (err) {
    trace.abort();
    sidecar?.abort();
    progress.done();
    process.stderr.write(`reflection-lens import: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  progress.done();
  const result = { records, out, sidecar: sidecar ? sidecarPath : null, diagnostics };
  if (args.flags.has('json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stderr.write(`import: ${records} records written to ${out}${sidecar ? ` (log-probs: ${sidecarPath})` : ''}${diagnostics ? `, ${diagnostics} lines reported` : ''}\n`);
  return records > 0 || diagnostics === 0 ? 0 : 1;
}
