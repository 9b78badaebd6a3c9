// Writes verl dataset rows as parquet with the schema pyarrow gives verl's GSM8K example
// (HF `datasets.to_parquet`): strings as UTF8 byte arrays, `prompt` as a standard 3-level LIST of
// structs, `reward_model` and `extra_info` as structs, `extra_info.index` as INT64. The schema is
// explicit because inference cannot see nested types, and pyarrow/datasets on the cluster must
// read it without conversion.
import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import type { VerlRow } from './dataset.js';

// The writer bundles its own hyparquet; take the schema type from the writer's signature.
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

const str = (name: string): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });

/** Flattened (depth-first) parquet schema of a verl dataset file. */
export const verlParquetSchema: SchemaElement[] = [
  { name: 'schema', num_children: 5 },
  str('data_source'),
  { name: 'prompt', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
  str('content'),
  str('role'),
  str('ability'),
  { name: 'reward_model', repetition_type: 'OPTIONAL', num_children: 2 },
  str('ground_truth'),
  str('style'),
  { name: 'extra_info', repetition_type: 'OPTIONAL', num_children: 5 },
  str('answer'),
  { name: 'index', type: 'INT64', repetition_type: 'OPTIONAL' },
  str('question'),
  str('split'),
  str('task'),
];

export function verlParquetBuffer(rows: readonly VerlRow[]): ArrayBuffer {
  if (rows.length === 0) throw new Error('a verl dataset needs at least one row (verl asserts a non-empty dataloader)');
  return parquetWriteBuffer({
    schema: verlParquetSchema,
    columnData: [
      { name: 'data_source', data: rows.map((r) => r.data_source) },
      { name: 'prompt', data: rows.map((r) => r.prompt) },
      { name: 'ability', data: rows.map((r) => r.ability) },
      { name: 'reward_model', data: rows.map((r) => r.reward_model) },
      // INT64 columns take bigint values.
      { name: 'extra_info', data: rows.map((r) => ({ ...r.extra_info, index: BigInt(r.extra_info.index) })) },
    ],
    kvMetadata: [{ key: 'created_by_tool', value: 'reflection-lens verl export' }],
  });
}

export function writeVerlParquet(path: string, rows: readonly VerlRow[]): void {
  writeFileAtomic(path, new Uint8Array(verlParquetBuffer(rows)));
}
