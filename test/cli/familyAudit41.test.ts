// The held-out phrasing families' labels, audited (docs/segmentation-eval.md, "Stop 41"): two
// annotators who read neither the engine nor the generators labelled 60 held-out family records
// from the text alone (test/fixtures/gold/famaudit41). The generators' labels are a measurement
// instrument too; these tests keep the audit speaking for the generators as they are (the texts and
// labels regenerate unchanged) and hold the agreement it found. No engine reading is printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as C from '../phrasing/corpus.js';
import type { PhrasingFamily } from '../phrasing/families/types.js';
import { runCli } from './cliScratch.js';

const DIR = fileURLToPath(new URL('../fixtures/gold/famaudit41/', import.meta.url));
const TRACES = `${DIR}famaudit-traces.jsonl`;
const gold = (who: string): string => `${DIR}famaudit-traces.${who}.gold.jsonl`;
const lines = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const FAMILY_DIRS: Record<string, string> = {
  'i-held': C.NINTH_FAMILIES_DIR,
  d: C.HELDOUT_FAMILIES_DIR,
  'f-held': C.SIXTH_FAMILIES_DIR,
  'g-held': C.SEVENTH_FAMILIES_DIR,
};

test('the audited records and the generators labels regenerate unchanged (seed 2, held-out split, first 10 of each family)', async () => {
  const traces = lines(TRACES);
  const labels = new Map(lines(gold('generator')).map((g) => [g.id as string, g]));
  assert.equal(traces.length, 60);
  const families = new Map<string, PhrasingFamily>();
  for (const t of traces) {
    const [tag, family, n] = (t.id as string).split('.');
    const key = `${tag}.${family}`;
    if (!families.has(key))
      families.set(
        key,
        (await C.loadFamilies(FAMILY_DIRS[tag])).find((f) => f.family === family)!,
      );
    const r = families.get(key)!.generate(2, 300, 'heldout')[Number(n) - 1];
    assert.equal(t.response, r.body, `${t.id as string}: the family's text changed; the audit no longer describes it`);
    const g = labels.get(t.id as string)!;
    assert.deepEqual(
      g.candidates,
      r.candidates.map((c) => ({ value: c.value, offset: c.offset })),
      `${t.id as string}: the generator's labels changed`,
    );
    assert.equal(g.final, r.final);
  }
});

/** Exact attempt sequences of LABELS2 against LABELS, as eval-segmentation --against reports them. */
function agreement(labels: string, labels2: string): { agree: number; of: number; precision: number; recall: number } {
  const r = runCli(['eval-segmentation', TRACES, '--gold', gold(labels), '--against', gold(labels2), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const a = (JSON.parse(r.stdout) as { agreement: { exactSequence: { agree: number; of: number }; precision: number; recall: number } })
    .agreement;
  return { ...a.exactSequence, precision: a.precision, recall: a.recall };
}

test('independent annotators agree with the generators labels on at least 90% of exact sequences (audit: 56/60 and 59/60)', () => {
  for (const [a, b] of [
    ['generator', 'FA1'],
    ['generator', 'FA2'],
    ['FA1', 'FA2'],
  ]) {
    const x = agreement(a, b);
    console.log(
      `${b} against ${a}: exact ${x.agree}/${x.of}, precision ${(100 * x.precision).toFixed(1)}, recall ${(100 * x.recall).toFixed(1)}`,
    );
    assert.equal(x.of, 60);
    assert.ok(x.agree / x.of >= 0.9, `${b} against ${a}: ${x.agree}/${x.of}`);
    assert.ok(x.precision >= 0.9 && x.recall >= 0.9, `${b} against ${a}: P ${x.precision} R ${x.recall}`);
  }
});
