// The segmentation settings on the command line, the same ones the editor reads from
// `reflectionLens.markers` / `reflectionLens.answerPatterns`: `--markers FILE` replaces the
// decision-marker lexicon and `--answer-patterns FILE` adds answer patterns (one per line; blank
// lines and lines starting with `#` are skipped). A pattern that does not compile is a usage error.
// `--reader rules|learned` is `reflectionLens.reader`: the rules alone, or the rules and the learned
// candidate stage (docs/segmentation-eval.md, "Stop 26").
import { defaultReader, defaultSegmentOptions } from '../trace/options.js';
import { compileAnswerPatterns } from '../trace/statements.js';
import type { ReaderKind, SegmentOptions } from '../trace/types.js';
import { stringFlag, UsageError, type ParsedArgs } from '../util/args.js';
import { readFailure, readSmallFile } from '../util/readSmallFile.js';

export const segmentFlagNames = ['markers', 'answer-patterns', 'reader'];

export const segmentFlagsUsage = `  --markers FILE          decision-marker phrases, one per line (replaces the default lexicon)
  --answer-patterns FILE  extra answer patterns (JavaScript regular expressions, one per line;
                          capture group 1, else the whole match, is the answer)
  --reader rules|learned  how candidates are chosen: the hand-written rules alone, or the rules
                          then the learned stage that vetoes candidates annotators would merge
                          (default ${defaultReader}; docs/segmentation-eval.md, "Stop 26")
`;

function lines(path: string, flag: string): string[] {
  let text: string;
  try {
    // A device (/dev/zero) is not read and the file is bounded (util/readSmallFile.ts).
    text = readSmallFile(path);
  } catch (err) {
    throw new UsageError(`--${flag}: cannot read ${path}: ${readFailure(err)}`);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}

export function segmentOptionsFromArgs(args: ParsedArgs): SegmentOptions {
  const markersFile = stringFlag(args, 'markers');
  const patternsFile = stringFlag(args, 'answer-patterns');
  const reader = readerFlag(args);
  if (!markersFile && !patternsFile) return reader ? { ...defaultSegmentOptions, reader } : defaultSegmentOptions;
  const markers = markersFile ? lines(markersFile, 'markers') : [...defaultSegmentOptions.markers];
  if (markersFile && markers.length === 0) throw new UsageError(`--markers: ${markersFile} has no phrase`);
  const answerPatterns = patternsFile ? lines(patternsFile, 'answer-patterns') : [];
  const bad = compileAnswerPatterns(answerPatterns).errors;
  if (bad.length > 0) throw new UsageError(`--answer-patterns: ${bad.map((e) => `"${e.source}": ${e.message}`).join('; ')}`);
  return reader ? { markers, answerPatterns, reader } : { markers, answerPatterns };
}

function readerFlag(args: ParsedArgs): ReaderKind | undefined {
  const reader = stringFlag(args, 'reader');
  if (reader === undefined || reader === 'rules' || reader === 'learned') return reader;
  throw new UsageError(`--reader: expected rules or learned, got ${JSON.stringify(reader)}`);
}
