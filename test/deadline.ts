// Waiting in tests: every wait has a deadline and, past it, fails saying what did not happen
// (a hang would only end at the test runner's per-file timeout, with no word on why).

/**
 * Polls `ready` every `everyMs` until it holds. Past `timeoutMs` it rejects with "timed out after
 * N ms waiting for <what>", plus `detail()` (what was seen instead). `ready` may throw to fail
 * early (a server that exited).
 */
export async function waitUntil(
  what: string,
  ready: () => boolean | Promise<boolean>,
  opts: { timeoutMs?: number; everyMs?: number; detail?: () => string } = {},
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${opts.detail ? `; ${opts.detail()}` : ''}`);
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 20));
  }
}

/** `promise`, or past `timeoutMs` a rejection saying what did not happen (`onTimeout` runs first: kill a child, say). */
export function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
