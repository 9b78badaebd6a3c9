// What `npm test` (scripts/test.mjs) says about skipped tests. Node's own count misses skipped
// suites (`describe(name, { skip }, ...)` reports `# skipped 0` on Node 20, and its tests are never
// listed), so this is also a test reporter (`--test-reporter=scripts/test-skips.mjs`): it writes
// one JSON line per skipped test or suite, with where it is and why, and scripts/test.mjs prints
// the list at the end of the run. With CI set, a skip is a failure unless its reason is one that
// `.ci/run` cannot fix (CI_MAY_SKIP): a missing Chromium, code-server, python3/numpy or an unbuilt
// dist/ is something CI installs or builds, so a suite skipped for it did not run when it should have.
import { relative } from 'node:path';

/** Skip reasons CI may keep: nothing `.ci/run` installs or builds would make these tests run. */
export const CI_MAY_SKIP = [
  { reason: /^\.\.\/shared\/data\b.* is absent$/, why: 'the data set lives outside the repository' },
  { reason: /^@tensorflow\/tfjs-node-gpu is installed here\b/, why: 'the test is about machines without the optional CUDA backend' },
];

/** Whether CI may keep a skip with this reason (an unexplained `skip: true` never is). */
export function ciMaySkip(reason) {
  return typeof reason === 'string' && CI_MAY_SKIP.some((r) => r.reason.test(reason));
}

/** CI is on unless the variable is unset, empty, 0 or false. */
export function ciEnabled(env = process.env) {
  return !!env.CI && !/^(0|false)$/i.test(env.CI);
}

/**
 * Node test-runner reporter: one JSON line per skipped test or suite,
 * `{file, line, column, path, kind, reason}` (`path`: the enclosing suites' names, then its own).
 */
export default async function* skipReporter(source) {
  const open = new Map(); // file -> names of the tests started, by nesting
  for await (const event of source) {
    const d = event.data;
    if (event.type === 'test:start') {
      const names = open.get(d.file) ?? [];
      names.length = d.nesting;
      names.push(d.name);
      open.set(d.file, names);
    } else if ((event.type === 'test:pass' || event.type === 'test:fail') && d.skip !== undefined && d.skip !== false) {
      const path = [...(open.get(d.file) ?? []).slice(0, d.nesting), d.name];
      const file = d.file ? relative(process.cwd(), d.file) : undefined;
      yield `${JSON.stringify({ file, line: d.line, column: d.column, path, kind: d.details?.type === 'suite' ? 'suite' : 'test', reason: typeof d.skip === 'string' ? d.skip : '' })}\n`;
    }
  }
}

/** Parses the reporter's output (a line that is not JSON, from a run that died, is ignored). */
export function parseSkips(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // torn last line
    }
  }
  return out;
}

/**
 * The end-of-run report: the skipped tests and suites with their reasons, each marked when CI may
 * not skip it. `blocking`: how many fail the run (only with `ci`).
 */
export function skipReport(skips, { ci }) {
  const blocking = ci ? skips.filter((s) => !ciMaySkip(s.reason)).length : 0;
  if (skips.length === 0) return { text: 'Skipped: none', blocking };
  const suites = skips.filter((s) => s.kind === 'suite').length;
  const lines = [
    `Skipped: ${skips.length} (${suites} suite${suites === 1 ? '' : 's'}, ${skips.length - suites} test${skips.length - suites === 1 ? '' : 's'})`,
  ];
  for (const s of skips) {
    const where = s.file ? `${s.file}${s.line ? `:${s.line}` : ''}` : '?';
    const mark = ci && !ciMaySkip(s.reason) ? '  <- must run with CI set' : '';
    lines.push(`  - ${s.kind === 'suite' ? 'suite ' : ''}"${s.path.join(' > ')}" (${where}): ${s.reason || 'no reason given'}${mark}`);
  }
  if (blocking > 0)
    lines.push(`CI is set: ${blocking} of these must run here (allowed only: ${CI_MAY_SKIP.map((r) => r.why).join('; ')}).`);
  return { text: lines.join('\n'), blocking };
}
