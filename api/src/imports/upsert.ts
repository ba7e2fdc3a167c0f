import type { EntityManager } from 'typeorm';
import type { WriteCounts } from './import-kind.js';

export interface UpsertColumn {
  name: string;
  /** PostgreSQL type of the array element, e.g. 'char(10)', 'date', 'text'. */
  type: string;
}

const BATCH = 5000;

/**
 * INSERT … ON CONFLICT DO UPDATE only where something differs, so a re-upload of the same rows
 * changes nothing; import_id moves only with a real change. Counts inserted / updated / unchanged.
 */
export async function upsertRows(
  manager: EntityManager,
  table: string,
  key: string[],
  columns: UpsertColumn[],
  rows: Record<string, unknown>[],
  importId: number,
): Promise<WriteCounts> {
  const all = [...columns, { name: 'import_id', type: 'int' }];
  const names = all.map((c) => c.name).join(', ');
  const unnest = all.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const valueColumns = columns.filter((c) => !key.includes(c.name)).map((c) => c.name);
  const set = [...valueColumns, 'import_id'].map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  const changed = valueColumns.map((c) => `${table}.${c} IS DISTINCT FROM EXCLUDED.${c}`).join(' OR ');
  let inserted = 0;
  let updated = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const params = all.map((c) => batch.map((r) => (c.name === 'import_id' ? importId : r[c.name])));
    const result: { inserted: boolean }[] = await manager.query(
      `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${unnest})
       ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set} WHERE ${changed}
       RETURNING (xmax = 0) AS inserted`,
      params,
    );
    inserted += result.filter((r) => r.inserted).length;
    updated += result.filter((r) => !r.inserted).length;
  }
  return { inserted, updated, unchanged: rows.length - inserted - updated };
}
