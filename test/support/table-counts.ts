import pg from 'pg';

export const DATA_TABLES = ['care_offices', 'cpdl_licenses', 'adoption_municipality', 'adoption_national'];

/** Row counts of the data tables, to show an import or a failed job changed nothing. */
export async function tableCounts(url: string, tables = DATA_TABLES): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

export async function queryRows<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
