// Stop 36: a reference answer written as a worked solution is reduced to its value, wherever a
// reference is read (a flat JSONL row's `answer`/`gt`/`gts`/`ground_truth`/`label`, a mapped
// field, a `.trace` file's `answer:` header): GSM8K's "... #### 72", ZeroEval's whole "# 18",
// openai/grade-school-math's example solutions ending in a line "A: 18".

// A whole reference that is a number after one to four hashes: ZeroEval's "# 18" ("#### 18" as GSM8K writes it).
const HASHED_REFERENCE = /^#{1,4}[ \t]*(-?\$?[\d,]*\.?\d+)$/;
// The last line of a worked solution that gives its answer as "A: 18" (openai/grade-school-math's example solutions).
const SOLUTION_ANSWER_LINE = /^A:[ \t]*(-?\$?[\d,]*\.?\d+)$/;

/**
 * The value a worked-solution reference gives ("She sold ... 72 clips.\n#### 72" -> "72", "# 18" ->
 * "18", "Step.\nA: 18" -> "18"), or undefined when s is no such text (then it is read as written).
 * Linear: one lastIndexOf and anchored patterns without nested repetition.
 */
export function solutionReference(s: string): string | undefined {
  const t = s.trim();
  const hashed = HASHED_REFERENCE.exec(t);
  if (hashed) return hashed[1];
  const hashes = t.lastIndexOf('####');
  if (hashes >= 0) {
    const after = t.slice(hashes + 4).trim();
    return after === '' ? undefined : after;
  }
  if (t.includes('\n')) {
    const lettered = SOLUTION_ANSWER_LINE.exec(t.slice(t.lastIndexOf('\n') + 1).trim());
    if (lettered) return lettered[1];
  }
  return undefined;
}
