// "Reflection Lens: Choose Records to Label at Random": the pure part (no `vscode`, tested on its
// own). The corrected rates eval-segmentation prints hold when the labelled records are a random
// sample of the records (docs/segmentation-eval.md, "Numbers corrected with a few labels"), so the
// records to label come from `eval-segmentation FILE --sample N --seed S`, not from the eye.

export const DEFAULT_SAMPLE = 40;

export interface SampledRecord {
  file: string;
  /** 1-based: the record's `===` line (JSONL: its JSON line). */
  line: number;
  id: string;
  labelled: boolean;
}

export interface Sample {
  records: SampledRecord[];
  /** The CLI's last line: "N of M records chosen at random (seed S), K already labelled: label these". */
  summary: string;
}

export const sampleArgs = (file: string, count: number, seed: number): string[] => [
  'eval-segmentation',
  file,
  '--sample',
  String(count),
  '--seed',
  String(seed),
];

/** A count typed by the user: a whole number above 0 (undefined: fine; a string: what is wrong). */
export function sampleCountProblem(text: string): string | undefined {
  return /^\s*[1-9]\d{0,6}\s*$/.test(text) ? undefined : 'a whole number of records above 0';
}

// "PATH:LINE: record ID" or "... (labelled)"; the path may hold colons (a Windows drive), so the
// line is the last ":<digits>: record " of the line. The CLI escapes control characters in both.
const recordLineRe = /^(.*):(\d+): record (.*?)( \(labelled\))?$/;

/** The CLI's output read back; undefined when its last line is not the summary (an error, another CLI). */
export function parseSample(stdout: string): Sample | undefined {
  const lines = stdout.split(/\r?\n/).filter((l) => l.length > 0);
  const summary = lines.pop();
  if (summary === undefined || !/^\d+ of \d+ records chosen at random/.test(summary)) return undefined;
  const records: SampledRecord[] = [];
  for (const l of lines) {
    const m = recordLineRe.exec(l);
    if (!m) return undefined;
    records.push({ file: m[1], line: Number(m[2]), id: m[3], labelled: m[4] !== undefined });
  }
  return { records, summary };
}
