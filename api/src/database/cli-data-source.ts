import { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { resolveDatabase } from './resolve-database.js';
import { seedReferenceData } from '../reference/reference-seed.js';

/** For command-line tools: the configured database (joining a running server's embedded one), migrated and with reference data. */
export async function openCliDataSource(): Promise<{ config: AppConfig; ds: DataSource; close(): Promise<void> }> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const database = await resolveDatabase(config, (line) => console.error(line));
  const ds = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
  await ds.runMigrations();
  await seedReferenceData(ds);
  return {
    config,
    ds,
    async close() {
      await ds.destroy();
      await database.stop();
    },
  };
}
