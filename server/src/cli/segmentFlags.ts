// The segmentation settings on the command line, the same ones the editor reads from
// `reflectionLens.markers` / `reflectionLens.answerPatterns`: `--markers FILE` replaces the
// decision-marker lexicon and `--answer-patterns FILE` adds answer patterns (one per line; blank
// lines and lines starting with `#` are skipped). A pattern that does not compile is a usage error.
import { readFileSync } from 'node:fs';
import { defaultSegmentOptions } from '../trace/options.js';
import { compileAnswerPatterns } from '../trace/statements.js';
import type { SegmentOptions } from '../trace/types.js';
import { stringFlag, UsageError, type ParsedArgs } from '../util/args.js';

export const segmentFlagNames = ['markers', 'answer-patterns'];

export const segmentFlagsUsage = `  --markers FILE          decision-marker phrases, one per line (replaces the default lexicon)
  --answer-patterns FILE  extra answer patterns (JavaScript regular expressions, one per line;
                          capture group 1, else the whole match, is the answer)
`;

function lines(path: string, flag: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--${flag}: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}

export function segmentOptionsFromArgs(args: ParsedArgs): SegmentOptions {
  const markersFile = stringFlag(args, 'markers');
  const patternsFile = stringFlag(args, 'answer-patterns');
  if (!markersFile && !patternsFile) return defaultSegmentOptions;
  const markers = markersFile ? lines(markersFile, 'markers') : [...defaultSegmentOptions.markers];
  if (markersFile && markers.length === 0) throw new UsageError(`--markers: ${markersFile} has no phrase`);
  const answerPatterns = patternsFile ? lines(patternsFile, 'answer-patterns') : [];
  const bad = compileAnswerPatterns(answerPatterns).errors;
  if (bad.length > 0) throw new UsageError(`--answer-patterns: ${bad.map((e) => `"${e.source}": ${e.message}`).join('; ')}`);
  return { markers, answerPatterns };
}
