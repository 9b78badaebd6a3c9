// How a non-`.trace` input is read, on every command that reads traces: `--format NAME` picks a
// preset instead of detection, `--map key=path,...` changes single fields of the mapping. The
// mapping chosen for each file is printed on stderr, so the user sees which field was read as the
// response, the ground truth and the source's verdict (server/src/trace/formats).
import { MAPPING_KEYS, MappingError, parseMapOverrides } from '../trace/formats/mapping.js';
import { isPresetName, PRESET_NAMES } from '../trace/formats/presets.js';
import type { ResolvedSource, SourceOptions } from '../trace/formats/source.js';
import { stringFlag, UsageError, type ParsedArgs } from '../util/args.js';
import { escapeInline } from './terminal.js';
import type { TraceDiagnostic } from '../trace/types.js';

export const sourceFlagNames = ['format', 'map'];

export const sourceFlagsUsage = `  --format NAME           read rows as ${PRESET_NAMES.slice(0, -1).join(', ')},
                          ${PRESET_NAMES.at(-1)} (default: detected from the first row; .trace
                          files and flat JSONL rollouts need none)
  --map key=path,...      change fields of the mapping, e.g. --map response=generations[i],
                          verdict=correctness_llama[i],truncated='finish_reasons[i] == "length"'
                          keys: ${MAPPING_KEYS.slice(0, 7).join(', ')},
                          ${MAPPING_KEYS.slice(7).join(', ')}; a path is
                          a.b, list[i] (one record each), list[0], list[-1], list[role=user]
                          (list[role=user].text: the first such element's text); @file,
                          @folder, @path[N] are the input file's name, folder, path part N
                          (-1 the file, -2 its folder, -3 the one above: model=@path[-3]);
                          [i] in any other path is the response's index (prompt=outputs[i].input);
                          a key may start with a digit (175b_verification.solution), other
                          keys that are no name are quoted ("0".text, "odd key".x)
`;

/** The --format/--map choice; a bad preset name or mapping is a usage error that says what was expected. */
export function sourceOptionsFromArgs(args: ParsedArgs): SourceOptions | undefined {
  const format = stringFlag(args, 'format');
  const map = stringFlag(args, 'map');
  if (format === undefined && map === undefined) return undefined;
  if (format !== undefined && !isPresetName(format))
    throw new UsageError(`--format expects one of ${PRESET_NAMES.join(', ')}, got "${format}"`);
  if (map !== undefined) {
    try {
      parseMapOverrides(map);
    } catch (err) {
      if (err instanceof MappingError) throw new UsageError(err.message);
      throw err;
    }
  }
  return { ...(format !== undefined ? { format } : {}), ...(map !== undefined ? { map } : {}) };
}

/** The stderr line that says how a file is read. */
export const mappingLine = (file: string, r: ResolvedSource): string => `${escapeInline(file)}: reading ${escapeInline(r.description)}\n`;

/** Broken lines, rows and entries of one kind listed on stderr per file (import, segment); beyond these they are counted in one line. */
export const LISTED_DIAGNOSTICS = 100;

/**
 * A file's diagnostics as import and segment list them: the first LISTED_DIAGNOSTICS of each kind
 * (code), the rest counted. Per kind, so that a flood of one kind (a corrupt file's broken lines, a
 * concatenated file's repeated ids) never hides the one malformed record of another kind after it.
 */
// Kinds whose source lists its own first ones and then says in one line that the rest are not
// listed (duplicateIds.ts): passed through, so that its closing line is not counted away.
const SELF_LISTED = new Set(['duplicate-id']);

// Kinds that say what is wrong with the shape of a row: when a file's rows all have it (Reflexion's
// 30 lines without a response field), the same message is listed once and its other lines counted
// in one line at the end. Broken JSON is listed line by line (each line is broken its own way).
const SHAPE_KINDS = new Set(['no-response', 'no-mapping', 'not-an-object', 'bad-response', 'empty-response', 'fanout-length']);
// The position a container's message opens with ("element 3: ", "member \"7\": "): not part of what is said.
const POSITION_PREFIX = /^(?:element \d+|member "(?:[^"\\]|\\.)*"|row \d+|sample \d+|entry [^:]+): /;

/** What a diagnostic's position counts in a file: a Parquet file's rows, an .eval archive's entries, else lines. */
export type PositionUnit = 'line' | 'row' | 'entry';
export const positionUnit = (file: string): PositionUnit => (/\.parquet$/i.test(file) ? 'row' : /\.eval$/i.test(file) ? 'entry' : 'line');
/** What positions count in a container found by its content (stream.ts onContainer): a Parquet file's rows, an archive's entries, a JSON document's lines. */
export const containerUnit = (container: 'json' | 'parquet' | 'eval'): PositionUnit =>
  container === 'parquet' ? 'row' : container === 'eval' ? 'entry' : 'line';
/** "1 row", "3 entries". */
export const countOf = (n: number, unit: PositionUnit): string => `${n} ${n === 1 ? unit : unit === 'entry' ? 'entries' : `${unit}s`}`;

export class ListedDiagnostics {
  reported = 0;
  /**
   * What the positions count (from the file name; a caller that learns the container later, a
   * Parquet file read from a pipe, sets it): the repeated-message and unlisted lines say rows of a
   * Parquet file, entries of an .eval archive (stop 39: they said lines).
   */
  unit: PositionUnit;
  private unlisted = 0;
  private readonly perKind = new Map<string, number>();
  // A shape message already listed: its kind, text and the lines it was repeated on (1-based).
  private readonly repeats = new Map<string, { code: string; lines: number[] }>();
  constructor(
    private readonly file: string,
    private readonly format: (d: TraceDiagnostic) => string,
    unit?: PositionUnit,
  ) {
    this.unit = unit ?? positionUnit(file);
  }

  /** Counts `d`; its line when it is still listed, else ''. */
  line(d: TraceDiagnostic): string {
    this.reported++;
    if (SHAPE_KINDS.has(d.code)) {
      const key = `${d.code}\u0000${d.message.replace(POSITION_PREFIX, '')}`;
      const seen = this.repeats.get(key);
      if (seen) {
        seen.lines.push(d.line + 1);
        return '';
      }
      this.repeats.set(key, { code: d.code, lines: [] });
    }
    const n = (this.perKind.get(d.code) ?? 0) + 1;
    this.perKind.set(d.code, n);
    if (n <= LISTED_DIAGNOSTICS || SELF_LISTED.has(d.code)) return this.format(d);
    this.unlisted++;
    return '';
  }

  /** The lines that count what was not listed: repeated messages, then the rest; empty when all were listed. */
  unlistedLine(): string {
    let out = '';
    for (const { code, lines } of this.repeats.values()) {
      if (lines.length === 0) continue;
      out += `${escapeInline(this.file)}: the same [${code}] message on ${countOf(lines.length, this.unit).replace(' ', ' more ')} (${lineList(lines, this.unit)}), not listed\n`;
    }
    const n = this.unlisted;
    return out + (n > 0 ? `${escapeInline(this.file)}: ${countOf(n, this.unit).replace(' ', ' more ')} reported, not listed\n` : '');
  }
}

/** "lines 2-30", "rows 4, 7, 9", or the first five and a count. */
function lineList(lines: readonly number[], unit: PositionUnit): string {
  const contiguous = lines.every((l, k) => k === 0 || l === lines[k - 1] + 1);
  const many = countOf(2, unit).slice(2);
  if (contiguous && lines.length > 2) return `${many} ${lines[0]}-${lines.at(-1)}`;
  const shown = lines.slice(0, 5).join(', ');
  return `${lines.length === 1 ? unit : many} ${shown}${lines.length > 5 ? ` and ${lines.length - 5} more` : ''}`;
}
