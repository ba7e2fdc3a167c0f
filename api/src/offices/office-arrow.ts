import {
  Dictionary,
  FixedSizeBinary,
  Int16,
  Int32,
  Int8,
  RecordBatch,
  Schema,
  Table,
  Utf8,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { OFFICE_COLUMNS, type OfficeListMeta, type OfficeRow } from './dto/offices.responses.js';

const ascii = new TextEncoder();

/** Columns with few distinct values travel dictionary-encoded (a code per row instead of the text). */
const DICTIONARY_COLUMNS = new Set<keyof OfficeRow>([
  'municipality_code',
  'municipality_name',
  'service_type_codes',
  'licence_status',
  'applied_on',
  'starts_on',
  'ends_on',
  'last_exchange_month',
  'subsidy_deadline',
  'subsidy_status',
]);

/** The narrowest index that holds every distinct value (one byte per row for a status, two for a date). */
function indexType(values: unknown[]) {
  const distinct = new Set(values).size;
  return distinct <= 127 ? new Int8() : distinct <= 32_767 ? new Int16() : new Int32();
}

/** A column's vector: counts as Int32; office numbers, always 10 ASCII characters, as fixed-width bytes (no
 * offsets: half the size gzipped); repeated values as dictionaries; other text as Utf8. */
function columnVector(column: keyof OfficeRow, values: unknown[]) {
  if (column === 'exchanges_3m') return vectorFromArray(values as number[], new Int32());
  if (column === 'office_number')
    return vectorFromArray(
      (values as string[]).map((v) => ascii.encode(v)),
      new FixedSizeBinary(10),
    );
  return vectorFromArray(
    values as (string | null)[],
    DICTIONARY_COLUMNS.has(column) ? new Dictionary(new Utf8(), indexType(values)) : new Utf8(),
  );
}

/** The office list as one Arrow IPC stream: the rows column by column, the JSON's `meta` in the schema metadata. */
export function officesToArrowIpc(rows: OfficeRow[], meta: OfficeListMeta): Uint8Array {
  const vectors = Object.fromEntries(
    OFFICE_COLUMNS.map((column) => [
      column,
      columnVector(
        column,
        rows.map((r) => r[column]),
      ),
    ]),
  );
  const table = new Table(vectors);
  const schema = new Schema(table.schema.fields, new Map([['meta', JSON.stringify(meta)]]));
  return tableToIPC(
    new Table(
      schema,
      table.batches.map((batch) => new RecordBatch(schema, batch.data)),
    ),
    'stream',
  );
}
