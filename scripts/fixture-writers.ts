// Writers for the published schemas the readers in server/src/trace/formats take, shared by the
// fixture script (scripts/make-format-fixtures.ts), the tests and the Parquet benchmark: the
// OpenR1-Math-220k Parquet schema as pyarrow writes it for Hugging Face datasets (strings as UTF8
// byte arrays, `sequence` features as 3-level LISTs, `messages` as a LIST of structs), and a small
// deflate ZIP writer for Inspect `.eval` archives.
import { crc32, deflateRawSync } from 'node:zlib';
import { ParquetWriter, parquetWriteBuffer } from 'hyparquet-writer';

// The writer bundles its own hyparquet; take its types from its signatures.
export type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];
type ColumnSource = Parameters<typeof parquetWriteBuffer>[0]['columnData'][number];
type Writer = ConstructorParameters<typeof ParquetWriter>[0]['writer'];

export const str = (name: string): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });

/** A `sequence` feature: OPTIONAL LIST > REPEATED list > OPTIONAL element. */
export function list(name: string, element: SchemaElement[]): SchemaElement[] {
  const [head, ...rest] = element;
  return [
    { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { ...head, name: 'element' },
    ...rest,
  ];
}

export const struct = (name: string, fields: SchemaElement[][]): SchemaElement[] => [
  { name, repetition_type: 'OPTIONAL', num_children: fields.length },
  ...fields.flat(),
];

/** OpenR1-Math-220k's features (its dataset card), in its column order. */
export const openr1Schema: SchemaElement[] = [
  { name: 'schema', num_children: 14 },
  str('problem'),
  str('solution'),
  str('answer'),
  str('problem_type'),
  str('question_type'),
  str('source'),
  str('uuid'),
  ...list('is_reasoning_complete', [{ name: 'element', type: 'BOOLEAN', repetition_type: 'OPTIONAL' }]),
  ...list('generations', [str('element')]),
  ...list('correctness_math_verify', [{ name: 'element', type: 'BOOLEAN', repetition_type: 'OPTIONAL' }]),
  ...list('correctness_llama', [{ name: 'element', type: 'BOOLEAN', repetition_type: 'OPTIONAL' }]),
  ...list('finish_reasons', [str('element')]),
  { name: 'correctness_count', type: 'INT64', repetition_type: 'OPTIONAL' },
  ...list('messages', [{ name: 'element', repetition_type: 'OPTIONAL', num_children: 2 }, str('content'), str('role')]),
];

export interface OpenR1Row {
  problem: string;
  solution: string;
  answer: string;
  problem_type: string;
  question_type: string;
  source: string;
  uuid: string;
  is_reasoning_complete: (boolean | null)[] | null;
  generations: (string | null)[] | null;
  correctness_math_verify: (boolean | null)[] | null;
  correctness_llama: (boolean | null)[] | null;
  finish_reasons: (string | null)[] | null;
  correctness_count: number;
  messages: { content: string; role: string }[] | null;
}

export function openr1Columns(rows: readonly OpenR1Row[]): ColumnSource[] {
  const col = <K extends keyof OpenR1Row>(name: K): ColumnSource => ({ name, data: rows.map((r) => r[name]) });
  return [
    col('problem'),
    col('solution'),
    col('answer'),
    col('problem_type'),
    col('question_type'),
    col('source'),
    col('uuid'),
    col('is_reasoning_complete'),
    col('generations'),
    col('correctness_math_verify'),
    col('correctness_llama'),
    col('finish_reasons'),
    // INT64 columns take bigint values.
    { name: 'correctness_count', data: rows.map((r) => BigInt(r.correctness_count)) },
    col('messages'),
  ];
}

export function parquetBuffer(schema: SchemaElement[], columnData: ColumnSource[], rowGroupSize: number): Uint8Array {
  return new Uint8Array(
    parquetWriteBuffer({
      schema,
      columnData,
      rowGroupSize,
      kvMetadata: [{ key: 'created_by_tool', value: 'reflection-lens scripts/fixture-writers.ts' }],
    }),
  );
}

/** An incremental Parquet writer (one row group per `write`), for files too large to hold. */
export function parquetStream(
  schema: SchemaElement[],
  writer: Writer,
): { write(columns: ColumnSource[], rows: number): void; finish(): void } {
  const w = new ParquetWriter({ writer, schema });
  return {
    write: (columnData, rows) => {
      void w.write({ columnData, rowGroupSize: rows });
    },
    finish: () => w.finish(),
  };
}

const LOCAL = 0x04034b50,
  CENTRAL = 0x02014b50,
  EOCD = 0x06054b50;

/** A ZIP archive (deflate, UTF-8 names, no ZIP64) with the entries in order. */
export function zipBuffer(entries: { name: string; data: Buffer | string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
    const packed = deflateRawSync(bytes);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(bytes) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(bytes.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(bytes.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** Where an entry's compressed bytes start in a zipBuffer archive (to corrupt them on purpose). */
export function zipEntryDataOffset(zip: Buffer, name: string): number {
  let p = 0;
  while (p + 30 <= zip.length && zip.readUInt32LE(p) === LOCAL) {
    const nameLen = zip.readUInt16LE(p + 26);
    const extra = zip.readUInt16LE(p + 28);
    const size = zip.readUInt32LE(p + 18);
    if (zip.toString('utf8', p + 30, p + 30 + nameLen) === name) return p + 30 + nameLen + extra;
    p += 30 + nameLen + extra + size;
  }
  throw new Error(`no entry ${name}`);
}
