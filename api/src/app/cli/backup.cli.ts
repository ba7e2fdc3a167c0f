/**
 * `npm run backup [-- <archive path>]` writes one archive (database snapshot, usage Parquet files, manifest)
 * under DATA_DIR/backups/ or to the path given. Runs beside a running server (a consistent snapshot).
 */
import { BackupService } from '../../backup/backup.service.js';
import { runCli } from './cli-context.js';

await runCli(async (app) => {
  const target = process.argv[2];
  const { path, manifest } = await app.get(BackupService).backup(target);
  const rows = manifest.tables.reduce((s, t) => s + t.rows, 0);
  console.log(
    `backup written: ${path} (${manifest.tables.length} tables, ${rows.toLocaleString('en')} rows, ${manifest.usage_files.length} usage files; PostgreSQL ${manifest.database.server_version})`,
  );
  return 0;
});
