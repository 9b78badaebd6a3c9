// Minimal argv parser shared by every subcommand: `--key value`, `--key=value`, boolean flags,
// `-o` as `--out`, and positionals. Unknown flags are errors so typos do not pass silently.

export interface ParsedArgs {
  positionals: string[];
  /** Each flag's value (a repeatable flag's last). */
  flags: Map<string, string | true>;
  /** Every value of each repeatable flag, in order. */
  lists: Map<string, string[]>;
}

export class UsageError extends Error {}

/**
 * `booleans` names flags that take no value; every other allowed flag takes one. A value flag given
 * twice is an error (the first value would be lost without a word) unless `repeatable` names it.
 */
export function parseArgs(argv: string[], allowed: string[], booleans: string[] = [], repeatable: string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const known = new Set([...allowed, ...booleans, ...repeatable]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    let key = a.replace(/^--?/, '');
    let value: string | undefined;
    const eq = key.indexOf('=');
    if (eq >= 0) {
      value = key.slice(eq + 1);
      key = key.slice(0, eq);
    }
    if (key === 'o') key = 'out';
    if (!known.has(key)) throw new UsageError(`unknown option --${key}`);
    if (booleans.includes(key)) {
      flags.set(key, true);
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`--${key} needs a value`);
      value = argv[++i];
    }
    if (repeatable.includes(key)) lists.set(key, [...(lists.get(key) ?? []), value]);
    else if (flags.has(key)) throw new UsageError(`--${key} given twice ("${flags.get(key)}", then "${value}"); it takes one value`);
    flags.set(key, value);
  }
  return { positionals, flags, lists };
}

export function numberFlag(args: ParsedArgs, key: string, fallback: number): number {
  const v = args.flags.get(key);
  if (v === undefined || v === true) return fallback;
  // Number('') is 0: an empty value is no number.
  const n = v.trim() === '' ? NaN : Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${key} expects a number, got "${v}"`);
  return n;
}

export function stringFlag(args: ParsedArgs, key: string): string | undefined {
  const v = args.flags.get(key);
  return typeof v === 'string' ? v : undefined;
}
