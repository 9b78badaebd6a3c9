// The exported verl dataset read back by an independent parquet reader (hyparquet): the exact
// schema verl's GSM8K example has (column names, nested LIST/struct types, UTF8 strings, INT64
// index) and the exact values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { exportVerlBundle } from '../../../server/src/training/verl/exportBundle.js';
import { toVerlRows } from '../../../server/src/training/verl/dataset.js';
import { verlParquetBuffer } from '../../../server/src/training/verl/parquet.js';

function toArrayBuffer(path: string): ArrayBuffer {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

interface Node {
  name: string;
  type?: string;
  converted_type?: string;
  repetition_type?: string;
  children: Node[];
}
function describe(tree: {
  element: { name: string; type?: string; converted_type?: string; repetition_type?: string };
  children: unknown[];
}): Node {
  const e = tree.element;
  return {
    name: e.name,
    type: e.type,
    converted_type: e.converted_type,
    repetition_type: e.repetition_type,
    children: (tree.children as (typeof tree)[]).map(describe),
  };
}
const leaf = (name: string): Node => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL', children: [] });

test('verl export: train/test parquet have the GSM8K example schema, read back by hyparquet', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-verl-export-'));
  try {
    const result = exportVerlBundle({
      outDir: dir,
      source: { kind: 'multiplication', trainTasks: ['2x3', '3x3'], testTasks: ['3x3', '4x5'], nTrain: 101, nTestPerTask: 7, seed: 5 },
    });
    assert.deepEqual(result.rows, { train: 101, test: 14 });
    assert.deepEqual(result.tasks, { '2x3': { train: 51, test: 0 }, '3x3': { train: 50, test: 7 }, '4x5': { train: 0, test: 7 } });

    for (const [file, split, n] of [
      [result.files.train, 'train', 101],
      [result.files.test, 'test', 14],
    ] as const) {
      const buf = toArrayBuffer(file);
      const meta = parquetMetadata(buf);
      assert.equal(Number(meta.num_rows), n);
      const tree = describe(parquetSchema(meta) as never);
      assert.deepEqual(
        tree.children.map((c) => c.name),
        ['data_source', 'prompt', 'ability', 'reward_model', 'extra_info'],
      );
      assert.deepEqual(tree.children[0], leaf('data_source'));
      // prompt: list<struct<content: string, role: string>> as a standard 3-level LIST.
      assert.deepEqual(tree.children[1], {
        name: 'prompt',
        type: undefined,
        converted_type: 'LIST',
        repetition_type: 'OPTIONAL',
        children: [
          {
            name: 'list',
            type: undefined,
            converted_type: undefined,
            repetition_type: 'REPEATED',
            children: [
              {
                name: 'element',
                type: undefined,
                converted_type: undefined,
                repetition_type: 'OPTIONAL',
                children: [leaf('content'), leaf('role')],
              },
            ],
          },
        ],
      });
      assert.deepEqual(tree.children[2], leaf('ability'));
      assert.deepEqual(tree.children[3], {
        name: 'reward_model',
        type: undefined,
        converted_type: undefined,
        repetition_type: 'OPTIONAL',
        children: [leaf('ground_truth'), leaf('style')],
      });
      assert.deepEqual(tree.children[4], {
        name: 'extra_info',
        type: undefined,
        converted_type: undefined,
        repetition_type: 'OPTIONAL',
        children: [
          leaf('answer'),
          { name: 'index', type: 'INT64', converted_type: undefined, repetition_type: 'OPTIONAL', children: [] },
          leaf('question'),
          leaf('split'),
          leaf('task'),
        ],
      });

      const rows = await parquetReadObjects({ file: buf });
      assert.equal(rows.length, n);
      rows.forEach((r, i) => {
        assert.deepEqual(Object.keys(r), ['data_source', 'prompt', 'ability', 'reward_model', 'extra_info']);
        const m = /^Calculate (\d+) \* (\d+)\. Think step by step\.$/.exec(r.prompt[0].content);
        assert.ok(m, `row ${i}: prompt "${r.prompt[0].content}"`);
        const [a, b] = [m[1], m[2]];
        const task = `${a.length}x${b.length}`;
        assert.deepEqual(r.prompt, [{ content: r.prompt[0].content, role: 'user' }]);
        assert.equal(r.data_source, `multiplication_${task}`);
        assert.equal(r.ability, 'arithmetic');
        assert.deepEqual(r.reward_model, { ground_truth: String(BigInt(a) * BigInt(b)), style: 'rule' });
        assert.deepEqual(r.extra_info, {
          answer: String(BigInt(a) * BigInt(b)),
          index: BigInt(i),
          question: r.prompt[0].content,
          split,
          task,
        });
        assert.ok(split === 'train' ? ['2x3', '3x3'].includes(task) : ['3x3', '4x5'].includes(task));
      });
    }

    // Same seed, same dataset; another seed, another one.
    const again = mkdtempSync(join(tmpdir(), 'rl-verl-export-'));
    const other = mkdtempSync(join(tmpdir(), 'rl-verl-export-'));
    try {
      const opts = { kind: 'multiplication', trainTasks: ['2x3', '3x3'], testTasks: ['3x3', '4x5'], nTrain: 101, nTestPerTask: 7 } as const;
      exportVerlBundle({ outDir: again, source: { ...opts, seed: 5 } });
      exportVerlBundle({ outDir: other, source: { ...opts, seed: 6 } });
      assert.deepEqual(readFileSync(join(again, 'train.parquet')), readFileSync(result.files.train));
      assert.notDeepEqual(readFileSync(join(other, 'train.parquet')), readFileSync(result.files.train));
    } finally {
      rmSync(again, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('parquet: unicode, long text and multi-message prompts survive the round trip', async () => {
  const rows = toVerlRows(
    [
      { query: 'Löse: 12 × 34 = ? — “quoted”, emoji 🧮, and a newline\nsecond line', answer: '408', task: '2x2' },
      { query: 'x'.repeat(100_000), answer: '\\frac{1}{2}', task: '' },
    ],
    'test',
    'corpus',
  );
  rows[1].prompt.unshift({ role: 'system', content: 'Think step by step.' });
  const back = await parquetReadObjects({ file: verlParquetBuffer(rows) });
  assert.deepEqual(back[0].prompt, [{ content: rows[0].prompt[0].content, role: 'user' }]);
  assert.deepEqual(back[1].prompt, [
    { content: 'Think step by step.', role: 'system' },
    { content: 'x'.repeat(100_000), role: 'user' },
  ]);
  assert.equal(back[1].reward_model.ground_truth, '\\frac{1}{2}');
  assert.equal(back[0].data_source, 'corpus_2x2');
  assert.equal(back[1].data_source, 'corpus');
  assert.throws(() => verlParquetBuffer([]), /at least one row/);
});
