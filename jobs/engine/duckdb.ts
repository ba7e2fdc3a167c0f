import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * An in-process DuckDB for one job run. Extension downloads are impossible here (offline) and a
 * failed INSTALL leaves ~/.duckdb behind, so autoinstall is off and the directory is ours.
 */
export async function openDuckDb(
  dataDir: string,
  /** A database file (and a memory limit) for data that must not grow the process: DuckDB spills to disk beyond it. */
  onDisk?: { file: string; memoryLimit: string },
): Promise<{ connection: DuckDBConnection; close(): void }> {
  const extensionDir = join(dataDir, 'duckdb', 'extensions');
  mkdirSync(extensionDir, { recursive: true });
  const instance = await DuckDBInstance.create(onDisk?.file ?? ':memory:', {
    autoinstall_known_extensions: 'false',
    extension_directory: extensionDir,
    threads: '2',
    ...(onDisk ? { memory_limit: onDisk.memoryLimit, preserve_insertion_order: 'false' } : {}),
  });
  const connection = await instance.connect();
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** DuckDB string literal: paths and values we interpolate are quoted, never concatenated raw. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
