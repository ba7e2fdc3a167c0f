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

/** Every table whose contents an upload, a setting or a job could change (imports and audit grow by design). */
export const CONTENT_TABLES = [
  'care_offices',
  'cpdl_licenses',
  'survey_rounds',
  'survey_responses',
  'standardization_milestones',
  'subsidy_grants',
  'settings',
  'adoption_municipality',
  'adoption_prefecture',
  'adoption_class',
  'adoption_national',
  'subsidy_summary',
  'subsidy_compliance',
  'survey_breakdown',
  'standardization_progress',
  'standardization_at_risk',
  'usage_national',
  'job_runs',
];

/**
 * A hash of each table's full contents (every column of every row), so a test shows that nothing
 * changed — an UPDATE that keeps the row count would pass a count check, not this one.
 */
export async function tableDigests(url: string, tables = CONTENT_TABLES): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const digests: Record<string, string> = {};
    for (const t of tables) {
      // An order-independent sum of 64-bit row hashes: no sort, so it stays cheap on the large summaries.
      const { rows } = await client.query(
        `SELECT count(*) AS n, coalesce(sum(hashtextextended(r::text, 0)::numeric), 0)::text AS h FROM ${t} r`,
      );
      digests[t] = `${rows[0].n}:${rows[0].h}`;
    }
    return digests;
  } finally {
    await client.end();
  }
}
