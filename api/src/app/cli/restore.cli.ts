/**
 * `npm run restore -- <archive> [--force]` restores an archive into the configured database (DATABASE_URL,
 * or the embedded server in DATA_DIR) and DATA_DIR's usage files. Refuses a target that holds imports,
 * accounts or job runs unless --force (which replaces them). Stop the server first.
 */
import { existsSync } from 'node:fs';
import { BackupService, RestoreRefused } from '../../backup/backup.service.js';
import { runCli } from './cli-context.js';

await runCli(async (app) => {
  const args = process.argv.slice(2);
  const archive = args.find((a) => !a.startsWith('--'));
  if (!archive || !existsSync(archive)) {
    console.error('usage: npm run restore -- <archive.tar.gz> [--force]');
    return 2;
  }
  try {
    const { manifest, loaded } = await app.get(BackupService).restore(archive, { force: args.includes('--force') });
    const rows = Object.values(loaded).reduce((s, n) => s + n, 0);
    console.log(
      `restored ${archive}: ${Object.keys(loaded).length} tables, ${rows.toLocaleString('en')} rows, ${manifest.usage_files.length} usage files (backup of ${manifest.created_at})`,
    );
    return 0;
  } catch (error) {
    if (error instanceof RestoreRefused) {
      console.error(`restore refused: ${error.message}`);
      return 3;
    }
    throw error;
  }
});
