/**
 * Fetches an office list as an Arrow IPC stream and keeps it column by column (no row objects): a
 * prefecture's 25,000 offices filter and sort over indices. apache-arrow is loaded with the first list.
 */
import { apiUrl, request, responseError } from '../../api.js';
import { ARROW_STREAM } from '$api/core/domain/media-types.js';
import type { OfficeListMeta } from '$api/offices/dto/offices.responses.js';
import type { OfficeColumns } from './office-list.js';
import { intColumn, textColumn } from './arrow-columns.js';

export interface LoadedOffices {
  columns: OfficeColumns;
  meta: OfficeListMeta;
  bytes: number;
}

export async function fetchOffices(area: { prefecture?: string; municipality?: string }, signal?: AbortSignal): Promise<LoadedOffices> {
  const res = await request(apiUrl('/api/v1/offices', area), { headers: { accept: ARROW_STREAM }, signal });
  if (!res.ok) throw await responseError(res);
  const [{ tableFromIPC }, buffer] = await Promise.all([import('apache-arrow'), res.arrayBuffer()]);
  const table = tableFromIPC(new Uint8Array(buffer));
  const column = <T>(name: string) => textColumn(table.getChild(name)!) as T;
  const meta = JSON.parse(table.schema.metadata.get('meta') ?? '{}') as OfficeListMeta;
  return {
    meta,
    bytes: buffer.byteLength,
    columns: {
      length: table.numRows,
      office_number: column('office_number'),
      office_name: column('office_name'),
      phone: column('phone'),
      address: column('address'),
      municipality_code: column('municipality_code'),
      municipality_name: column('municipality_name'),
      service_type_codes: column('service_type_codes'),
      licence_status: column('licence_status'),
      applied_on: column('applied_on'),
      starts_on: column('starts_on'),
      ends_on: column('ends_on'),
      exchanges_3m: intColumn(table.getChild('exchanges_3m')!),
      last_exchange_month: column('last_exchange_month'),
      subsidy_deadline: column('subsidy_deadline'),
      subsidy_status: column('subsidy_status'),
    },
  };
}
