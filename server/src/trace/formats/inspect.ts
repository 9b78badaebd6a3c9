// Inspect AI `.eval` logs: a ZIP archive with `header.json` (the eval spec: task, model; written
// when the run finishes), `_journal/start.json` (the same spec, written when it starts: all a
// crashed run has), and one `samples/<id>_epoch_<n>.json` entry per sample and epoch. Samples are
// read one entry at a time in id and epoch order (so the epochs of a sample, its rollout group,
// are adjacent); a corrupt entry is a diagnostic and the other samples still load.
import { parseWithNonFinite } from '../jsonError.js';
import { ZipError, ZipReader, type ZipEntry } from './zip.js';
import { withEval } from './presets.js';

export interface InspectSample {
  /** The sample, with the log's eval spec (task, model) attached; undefined when the entry is corrupt. */
  row?: Record<string, unknown>;
  /** What is wrong with a corrupt entry. */
  error?: string;
  /** 0-based ordinal of the sample entry in the archive (in id/epoch order). */
  position: number;
  entry: string;
  /** The NaN / Infinity values of the entry's JSON, read as null. */
  nonFinite?: string[];
}

const SAMPLE = /^samples\/.+\.json$/;
const natural = new Intl.Collator('en', { numeric: true });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function* inspectSamples(
  path: string,
  opts: {
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
    onNote?: (message: string) => void;
    /** The archive already read (through a pipe), read instead of `path`. */
    bytes?: Buffer;
  } = {},
): AsyncGenerator<InspectSample> {
  const zip = await ZipReader.open(path, opts.bytes);
  try {
    if (zip.note !== undefined) opts.onNote?.(`${zip.note}; the log is cut or damaged`);
    const spec = await evalSpec(zip, opts.onNote);
    const entries = zip.entries.filter((e) => SAMPLE.test(e.name)).sort((a, b) => natural.compare(a.name, b.name));
    // A ZIP with neither samples nor an eval spec is some other archive, not a log with 0 samples.
    if (entries.length === 0 && spec === undefined) {
      const names = zip.entries.map((e) => e.name);
      throw new ZipError(
        `${path}: not an Inspect log: expected samples/<id>_epoch_<n>.json entries and header.json or _journal/start.json with an "eval" object; the archive holds ${names.length === 0 ? 'no entries' : `${names.slice(0, 5).join(', ')}${names.length > 5 ? `, ... (${names.length} entries)` : ''}`}`,
      );
    }
    const total = entries.reduce((a, e) => a + e.compressedSize, 0);
    let done = 0;
    for (let position = 0; position < entries.length; position++) {
      opts.signal?.throwIfAborted();
      const e = entries[position];
      const item: InspectSample = { position, entry: e.name };
      try {
        const text = (await zip.read(e)).toString('utf8');
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (err) {
          // NaN / Infinity (Python's json.dump): read as null, said; the sample is kept.
          const lenient = parseWithNonFinite(text);
          if (!lenient) throw err;
          value = lenient.value;
          item.nonFinite = lenient.found.map((f) => f.token);
        }
        if (!isObject(value)) throw new ZipError('expected a JSON object (an Inspect sample)');
        item.row = withEval(value, spec);
      } catch (err) {
        item.error = err instanceof SyntaxError ? `not valid JSON: ${err.message}` : err instanceof Error ? err.message : String(err);
      }
      yield item;
      done += e.compressedSize;
      opts.onProgress?.(done, total);
    }
  } finally {
    await zip.close();
  }
}

/** The eval spec from header.json, else from the start journal; a broken one is noted, not fatal. */
async function evalSpec(zip: ZipReader, onNote?: (message: string) => void): Promise<Record<string, unknown> | undefined> {
  for (const name of ['header.json', '_journal/start.json']) {
    const e: ZipEntry | undefined = zip.entries.find((x) => x.name === name);
    if (!e) continue;
    try {
      const v: unknown = JSON.parse((await zip.read(e)).toString('utf8'));
      if (isObject(v) && isObject(v.eval)) return v.eval;
    } catch (err) {
      onNote?.(`entry ${name}: ${err instanceof Error ? err.message : String(err)}; task and model are taken from the samples`);
    }
  }
  return undefined;
}
