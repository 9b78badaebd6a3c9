// Property test over the CLI's file writers (`import -o` with its log-prob sidecar, `calibrate
// --html`): seeded random cases of same-path outputs, symlinked outputs, failures midway (a file
// size limit, invalid lines after valid ones, nothing valid) and signals midway (SIGINT/SIGTERM
// to a child working on a large generated input). After every case: the inputs and links are
// unchanged, each output is either exactly its old self or exactly a complete new one (the trace
// and its sidecar together), the exit status agrees, and no temp file is left anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { cli, cliKilled, fingerprint, isLink, normalizeHtml, STACK, tempFiles, writeRollouts, type Run } from './writerHarness.js';
import { writeFakeRolloutStep } from '../../server/src/training/verl/fakeRollouts.js';

const root = mkdtempSync(join(tmpdir(), 'rl-writers-prop-'));
test.after(() => rmSync(root, { recursive: true, force: true }));

// mulberry32: a seeded generator whose low bits are as good as its high ones.
// RL_WRITERS_SEED explores other cases; the default is the one the suite runs.
const SEED = Number(process.env.RL_WRITERS_SEED ?? 20251202);
let seed = SEED;
const rnd = (k: number): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * k) | 0;
};
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];

type Writer = 'import' | 'calibrate';
type Scenario = 'same-path' | 'symlink-out' | 'fail-midway' | 'signal-midway';
const OLD_TRACE = 'a previous import the user keeps\n'.repeat(3000);
const OLD_SIDECAR = '{"id":"old","logprobs":[-1],"ref_logprobs":null}\n';
const OLD_HTML = '<!doctype html><title>an older report</title>\n';

/**
 * The content a complete run writes, from a clean run of the same arguments into a fresh path;
 * undefined when such a run fails (an input with nothing valid: no complete output exists).
 */
function reference(writer: Writer, inputs: string[], logprobs: boolean): { main: string; sidecar?: string } | undefined {
  const dir = mkdtempSync(join(root, 'ref-'));
  try {
    if (writer === 'import') {
      const out = join(dir, 'ref.trace');
      const r = cli(['import', inputs[0], '-o', out]);
      if (r.status !== 0) {
        assert.equal(fingerprint(out), 'missing', `a failed reference import wrote ${out}`);
        return undefined;
      }
      return { main: fingerprint(out), sidecar: logprobs ? fingerprint(`${out}.logprobs.jsonl`) : undefined };
    }
    const out = join(dir, 'ref.html');
    const r = cli(['calibrate', ...inputs, '--html', out]);
    assert.equal(r.status, 0, `reference calibrate: ${r.stderr}`);
    return { main: normalizeHtml(readFileSync(out, 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An output's state as the invariant sees it: its exact old fingerprint, or the new content. */
const state = (writer: Writer, path: string): string =>
  writer === 'calibrate' && fingerprint(path).startsWith('file ') ? normalizeHtml(readFileSync(path, 'utf8')) : fingerprint(path);

let big: string | undefined;
const bigInput = (): string =>
  (big ??= writeFakeRolloutStep(join(root, 'big'), 9, { rollouts: 6000, tasks: ['3x3', '3x4'], outputBytes: 8000 }).path);

const outcomes = new Map<string, number>();
const count = (k: string): void => {
  outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
};

async function runCase(i: number, writer: Writer, scenario: Scenario, round?: number): Promise<void> {
  const dir = join(root, `case${i}`);
  const elsewhere = join(dir, 'elsewhere');
  mkdirSync(elsewhere, { recursive: true });
  const what = `case ${i}: ${writer} ${scenario}`;

  // How a fail-midway case fails: a file size limit reached while writing (EFBIG), or (import)
  // invalid lines after valid ones (reported; the valid records make a complete output), or no
  // valid line at all (a failed run).
  const failure =
    scenario !== 'fail-midway'
      ? undefined
      : writer === 'calibrate'
        ? 'file size limit'
        : ((ways) => (round === undefined ? pick(ways) : ways[round % ways.length]))([
            'file size limit',
            'invalid lines after valid ones',
            'nothing valid',
          ] as const);

  // Inputs.
  let inputs: string[];
  let logprobs = false;
  if (scenario === 'signal-midway') {
    inputs = [bigInput()];
  } else if (writer === 'import') {
    logprobs = rnd(2) === 0;
    const name = scenario === 'same-path' && rnd(3) === 0 ? 'o.trace.logprobs.jsonl' : 'in.jsonl';
    const n = 20 + rnd(200);
    writeRollouts(join(dir, name), n, {
      logprobs,
      outputBytes: 200 + rnd(3000),
      garbageAfter: failure === 'invalid lines after valid ones' ? 1 + rnd(n - 1) : undefined,
    });
    if (failure === 'nothing valid') writeFileSync(join(dir, name), 'nothing\nvalid {\n'.repeat(1 + rnd(50)));
    inputs = [join(dir, name)];
  } else {
    copyFileSync(pick(['examples/grpo.trace', 'examples/sft.trace', 'examples/ood-5x5.trace']), join(dir, 'in.trace'));
    inputs = rnd(3) === 0 ? [dir] : [join(dir, 'in.trace')];
  }
  const inputFiles = inputs.map((p) => (p === dir ? join(dir, 'in.trace') : p));
  const inputsBefore = inputFiles.map(fingerprint);

  // The output path as the user names it, and where the bytes really go.
  let out: string;
  let target: string;
  const links: string[] = [];
  const mkLink = (text: string, at: string): void => {
    symlinkSync(text, at);
    links.push(at);
  };
  const ext = writer === 'import' ? 'trace' : 'html';
  if (scenario === 'same-path') {
    const input = inputFiles[0];
    const form = writer === 'import' && input.endsWith('.logprobs.jsonl') ? 'sidecar' : pick(['same', 'symlink', 'hardlink', 'relative']);
    if (form === 'sidecar') out = join(dir, 'o.trace');
    else if (form === 'same') out = input;
    else if (form === 'relative') out = relative(process.cwd(), input);
    else if (form === 'symlink') {
      out = join(elsewhere, `link.${ext}`);
      mkLink(rnd(2) ? input : relative(elsewhere, input), out);
    } else {
      out = join(elsewhere, `hard.${ext}`);
      linkSync(input, out);
    }
    target = out;
  } else {
    const viaLink = scenario === 'symlink-out' || rnd(2) === 0;
    target = join(viaLink ? join(dir, 'real') : dir, `out.${ext}`);
    mkdirSync(dirname(target), { recursive: true });
    if (scenario !== 'symlink-out' || rnd(3) > 0) {
      writeFileSync(target, writer === 'import' ? OLD_TRACE : OLD_HTML);
      if (writer === 'import' && rnd(2) === 0) writeFileSync(`${target}.logprobs.jsonl`, OLD_SIDECAR);
    }
    out = target;
    if (viaLink) {
      out = join(elsewhere, `out.${ext}`);
      mkLink(rnd(2) ? target : relative(elsewhere, target), out);
      if (rnd(2) === 0) {
        const chain = join(elsewhere, `chain.${ext}`);
        mkLink(`out.${ext}`, chain);
        out = chain;
      }
    }
  }
  const sidecarOf = (p: string): string => `${p}.logprobs.jsonl`;
  const linksBefore = links.map(fingerprint);
  const outputs = writer === 'import' ? [target, sidecarOf(out)] : [target];
  const before = outputs.map((p) => state(writer, p));
  const ref = scenario === 'same-path' ? undefined : reference(writer, inputs, logprobs || scenario === 'signal-midway');

  // Run.
  const args = writer === 'import' ? ['import', inputs[0], '-o', out] : ['calibrate', ...inputs, '--html', out];
  let r: Run;
  let how: string;
  if (scenario === 'signal-midway') {
    const signal = round === undefined ? pick(['SIGINT', 'SIGTERM'] as const) : (['SIGINT', 'SIGTERM'] as const)[round % 2];
    // import: once its temp file exists (plus up to 150 ms), or at a random time from the start;
    // calibrate: at a random time while it reads and computes.
    const when = writer === 'import' && rnd(3) > 0 ? { delayMs: rnd(150) } : { afterMs: rnd(writer === 'import' ? 400 : 1500) };
    const k = await cliKilled(args, signal, [dir, elsewhere, dirname(target)], when);
    r = k;
    how = `${signal}${k.killed ? '' : ' (too late)'}`;
  } else if (failure === 'file size limit') {
    const limit = writer === 'import' ? 8 + rnd(64) : 16 + rnd(300);
    r = cli(args, { fileSizeKB: limit });
    how = `ulimit -f ${limit}`;
  } else {
    r = cli(args);
    how = failure ?? '';
  }
  const detail = `${what} ${how}: ${args.join(' ')} -> exit ${r.status} signal ${r.signal}\n${r.stderr.slice(-3000)}`;

  // Invariants.
  assert.deepEqual(inputFiles.map(fingerprint), inputsBefore, `${detail}\ninputs changed`);
  assert.deepEqual(links.map(fingerprint), linksBefore, `${detail}\na symlink was replaced`);
  assert.deepEqual([...tempFiles(dir), ...tempFiles(dirname(bigInput()))], [], `${detail}\ntemp files left`);
  assert.doesNotMatch(r.stderr, STACK, `${detail}\nstack trace`);
  const after = outputs.map((p) => state(writer, p));
  const kept = after.every((s, k) => s === before[k]);
  const complete =
    ref !== undefined && after[0] === ref.main && (writer === 'calibrate' || ref.sidecar === undefined || after[1] === ref.sidecar);
  if (scenario === 'same-path') {
    assert.notEqual(r.status, 0, `${detail}\nan output that is the input must be refused`);
    assert.match(r.stderr, /refusing to (over)?write .*input/i, detail);
  }
  if (r.status === 0) assert.ok(complete, `${detail}\nexit 0 but the output is not the complete new one`);
  // Killed by a signal: it may have come just after the output was published.
  else if (r.signal !== null) assert.ok(kept || complete, `${detail}\nneither the old output nor a complete new one`);
  else
    assert.ok(
      kept,
      `${detail}\nfailed, yet the old output changed:\n before ${before.map((s) => s.slice(0, 80)).join(' | ')}\n after  ${after.map((s) => s.slice(0, 80)).join(' | ')}`,
    );
  if (ref?.sidecar === undefined && writer === 'import')
    assert.equal(after[1], before[1], `${detail}\nno log-probs, yet the sidecar changed`);
  if (isLink(out)) assert.equal(realpathSync(out), realpathSync(target));
  count(`${writer} ${scenario}: ${kept ? 'old intact' : 'new complete'}${how ? ` (${how.replace(/ -f \d+$/, '')})` : ''}`);
  rmSync(dir, { recursive: true, force: true });
}

test(
  'CLI writers: old output intact or new output complete, never neither; no temp files; links and inputs kept',
  { timeout: 600_000 },
  async (t) => {
    const writers: Writer[] = ['import', 'calibrate'];
    const scenarios: Scenario[] = ['same-path', 'symlink-out', 'fail-midway', 'signal-midway'];
    let i = 0;
    // Every combination three times, then random ones.
    for (let round = 0; round < 3; round++) for (const w of writers) for (const s of scenarios) await runCase(i++, w, s, round);
    for (let k = 0; k < 12; k++) await runCase(i++, pick(writers), pick(scenarios));
    t.diagnostic(`writers property: ${i} cases (seed ${SEED})`);
    for (const [k, v] of [...outcomes].sort()) t.diagnostic(`  ${k}: ${v}`);
  },
);
