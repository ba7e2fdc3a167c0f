import pg from 'pg';

/**
 * The run's PostgreSQL server: the embedded one started by global-setup, or the server TEST_POSTGRES_URL
 * names (CI also runs the integration tier against the machine's PostgreSQL 15 this way). Tests create
 * their own database on it and drop it afterwards.
 */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of another database on the same server. */
export function databaseUrl(name: string, adminUrl = ADMIN_URL): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export const newDatabaseName = (prefix = 'kaigo_test') => `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

/** A database made by `create` (empty by default), dropped by drop(). */
export async function createTestDatabase(
  prefix = 'kaigo_test',
  adminUrl = ADMIN_URL,
  create?: (name: string) => Promise<void>,
): Promise<TestDatabase> {
  const name = newDatabaseName(prefix);
  if (create) await create(name);
  else {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  return {
    url: databaseUrl(name, adminUrl),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
