import { Dictionary, Int32, RecordBatch, Schema, Table, Utf8, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import { OFFICE_COLUMNS, type OfficeListMeta, type OfficeRow } from './dto/offices.responses.js';

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

function columnType(column: keyof OfficeRow): DataType {
  if (column === 'exchanges_3m') return new Int32();
  return DICTIONARY_COLUMNS.has(column) ? new Dictionary(new Utf8(), new Int32()) : new Utf8();
}

/** The office list as one Arrow IPC stream: the rows column by column, the JSON's `meta` in the schema metadata. */
export function officesToArrowIpc(rows: OfficeRow[], meta: OfficeListMeta): Uint8Array {
  const vectors = Object.fromEntries(
    OFFICE_COLUMNS.map((column) => [
      column,
      vectorFromArray(
        rows.map((r) => r[column]),
        columnType(column),
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
