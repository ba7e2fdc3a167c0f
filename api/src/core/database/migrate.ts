import { DataSource, type DataSourceOptions } from 'typeorm';

/** One key for "migrating this database" (pg_advisory_lock(bigint)). */
const MIGRATION_LOCK = 72_604_243;

/**
 * Opens the application's DataSource and brings the schema up to date under an advisory lock: instances
 * starting together on a new or upgraded database migrate one after the other (the second finds nothing
 * left to do) instead of racing to create the same tables.
 */
export async function openMigrated(options: DataSourceOptions): Promise<DataSource> {
  const ds = await new DataSource({ ...options, migrationsRun: false }).initialize();
  try {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await ds.runMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.release();
    }
    return ds;
  } catch (error) {
    await ds.destroy().catch(() => undefined);
    throw error;
  }
}
