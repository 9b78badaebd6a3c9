// Types for scripts/test-skips.mjs (plain JS: scripts/test.mjs loads it, and node's test runner loads it as a reporter).
export interface Skip {
  file?: string;
  line?: number;
  column?: number;
  /** The enclosing suites' names, then the skipped test's or suite's own. */
  path: string[];
  kind: 'test' | 'suite';
  /** '' when the skip gave none (`skip: true`). */
  reason: string;
}
export const CI_MAY_SKIP: { reason: RegExp; why: string }[];
export function ciMaySkip(reason: unknown): boolean;
export function ciEnabled(env?: Record<string, string | undefined>): boolean;
export default function skipReporter(source: AsyncIterable<{ type: string; data: Record<string, unknown> }>): AsyncGenerator<string>;
export function parseSkips(text: string): Skip[];
export function skipReport(skips: Skip[], opts: { ci: boolean }): { text: string; blocking: number };
