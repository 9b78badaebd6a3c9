// The engine's whole reading of trace files as one hash per record: the safety net of speed work,
// where every change must leave the reading byte-identical (docs/engine.md, "Stop 45").
//
//   node --import tsx scripts/reading-digest.ts --out DIGEST.json FILES...     hash every record's reading
//   node --import tsx scripts/reading-digest.ts --compare OLD.json FILES...    the same, and the records that differ
//
// A record's reading is the JSON of segmentAttempts' result (attempts, candidates, statements,
// correctness, the question as read), with the default options. Also prints segmentAttempts' CPU
// seconds (this process, its garbage collector's threads included).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { defaultSegmentOptions } from '../server/src/trace/options.js';
import { segmentAttempts } from '../server/src/trace/segment.js';
import { streamTraceFile } from '../server/src/trace/stream.js';

type Digest = Record<string, { records: number; hash: string; lines: string[] }>;

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const out = flag('--out');
const compare = flag('--compare');
if (args.length === 0 || (!out && !compare)) {
  console.error('usage: reading-digest.ts (--out DIGEST.json | --compare OLD.json) FILES...');
  process.exit(2);
}
// Maps and sets as their entries; a statement's back link to its finder's context left out (a cycle).
const replacer = (k: string, v: unknown): unknown =>
  k === 'ctx' ? undefined : v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v;
const digest: Digest = {};
let cpu = 0;
for (const file of args) {
  const whole = createHash('sha1');
  const lines: string[] = [];
  for await (const rec of streamTraceFile(file, {})) {
    const c0 = process.cpuUsage();
    const seg = segmentAttempts(rec, defaultSegmentOptions);
    const c = process.cpuUsage(c0);
    cpu += c.user + c.system;
    const json = JSON.stringify(seg, replacer);
    whole.update(json);
    lines.push(createHash('sha1').update(json).digest('hex').slice(0, 12));
  }
  digest[file] = { records: lines.length, hash: whole.digest('hex'), lines };
}
const records = Object.values(digest).reduce((n, d) => n + d.records, 0);
console.log(`${args.length} files, ${records} records, segmentAttempts ${(cpu / 1e6).toFixed(2)} CPU s`);
if (out) writeFileSync(out, JSON.stringify(digest));
if (compare) {
  const old = JSON.parse(readFileSync(compare, 'utf8')) as Digest;
  let different = 0;
  for (const [file, d] of Object.entries(digest)) {
    const o = old[file];
    if (!o) {
      console.log(`${file}: not in ${compare}`);
      different++;
      continue;
    }
    if (o.hash === d.hash && o.records === d.records) continue;
    const at = d.lines.flatMap((h, i) => (h === o.lines[i] ? [] : [i]));
    console.log(
      `${file}: ${o.records} -> ${d.records} records, ${at.length} read differently (record indexes ${at.slice(0, 10).join(', ')}${at.length > 10 ? ', ...' : ''})`,
    );
    different++;
  }
  console.log(different === 0 ? 'IDENTICAL' : 'DIFFERENT');
  process.exit(different === 0 ? 0 : 1);
}
