import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import * as tar from 'tar';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DATABASE_KIND, type DatabaseKind } from '../core/config/database-kind.js';
import { usageDir } from '../../../jobs/engine/usage-parquet-store.js';
import { ARCHIVE_PREFIX, archiveName, csvHeader, fileSize, filesUnder, sha256File, type BackupManifest } from './backup-archive.js';
import { BackupRepository } from './backup.repository.js';

export const backupsDir = (dataDir: string) => join(dataDir, 'backups');

export class RestoreRefused extends Error {}

async function firstLine(path: string): Promise<string> {
  const lines = createInterface({ input: createReadStream(path, 'utf8') });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/**
 * One archive (tar.gz) holds a consistent copy of the database (every table as CSV from one snapshot), the
 * usage Parquet files and a manifest with versions, row counts and checksums. A restore checks every
 * checksum, refuses a target that holds data unless forced, and loads all tables in one transaction.
 */
@Injectable()
export class BackupService {
  private readonly logger = new Logger(BackupService.name);

  constructor(
    private readonly repository: BackupRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_KIND) private readonly databaseKind: DatabaseKind,
  ) {}

  async backup(target?: string): Promise<{ path: string; manifest: BackupManifest }> {
    const out = resolve(target ?? join(backupsDir(this.config.dataDir), archiveName(new Date())));
    await mkdir(dirname(out), { recursive: true, mode: 0o700 });
    const staging = await mkdtemp(join(dirname(out), '.staging-'));
    // The archive holds password and session hashes: readable by its owner only, and whole or absent.
    const partial = `${out}.partial-${process.pid}`;
    try {
      await mkdir(join(staging, 'database'));
      const dump = await this.repository.dump((table) => join(staging, 'database', `${table}.csv`));
      const tables = [];
      for (const t of dump.tables)
        tables.push({ table: t.table, rows: t.rows, columns: csvHeader(await firstLine(t.file)), sha256: await sha256File(t.file) });
      const usage = usageDir(this.config.dataDir);
      const usageFiles = [];
      for (const path of filesUnder(usage)) {
        await mkdir(dirname(join(staging, 'usage', path)), { recursive: true });
        await copyFile(join(usage, path), join(staging, 'usage', path));
        usageFiles.push({ path, bytes: fileSize(join(usage, path)), sha256: await sha256File(join(usage, path)) });
      }
      const manifest: BackupManifest = {
        format: 'kaigo-dx-backup',
        format_version: 1,
        created_at: new Date().toISOString(),
        app_version: await this.appVersion(),
        database: { kind: this.databaseKind, server_version: dump.serverVersion, migrations: dump.migrations },
        tables,
        usage_files: usageFiles,
      };
      await writeFile(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
      const entries = ['manifest.json', 'database', ...(usageFiles.length ? ['usage'] : [])];
      await writeFile(partial, '', { mode: 0o600, flag: 'wx' });
      await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, entries);
      await chmod(partial, 0o600);
      await rename(partial, out);
      return { path: out, manifest };
    } finally {
      await rm(staging, { recursive: true, force: true });
      await rm(partial, { force: true });
    }
  }

  /** Keeps the newest `keep` archives of the nightly backups; answers the ones removed. */
  async prune(keep: number): Promise<string[]> {
    const dir = backupsDir(this.config.dataDir);
    const archives = (await readdir(dir).catch(() => [] as string[]))
      .filter((f) => f.startsWith(ARCHIVE_PREFIX) && f.endsWith('.tar.gz'))
      .sort();
    const removed = archives.slice(0, Math.max(0, archives.length - keep));
    for (const f of removed) await rm(join(dir, f), { force: true });
    return removed;
  }

  async restore(archive: string, options: { force?: boolean } = {}): Promise<{ manifest: BackupManifest; loaded: Record<string, number> }> {
    const work = await mkdtemp(join(dirname(resolve(archive)), '.restore-'));
    try {
      await tar.extract({ file: archive, cwd: work, strict: true }).catch((error: Error) => {
        throw new RestoreRefused(
          `${archive} cannot be read as a backup archive (${error.message}); it is truncated or damaged — copy it again or use another backup`,
        );
      });
      const manifest = await readFile(join(work, 'manifest.json'), 'utf8')
        .then((text) => JSON.parse(text) as BackupManifest)
        .catch(() => {
          throw new RestoreRefused(`${archive} holds no readable manifest.json: it is not a whole backup of this product`);
        });
      if (manifest.format !== 'kaigo-dx-backup' || manifest.format_version !== 1)
        throw new RestoreRefused(`${archive} is not a backup of this product`);
      await this.checkArchive(work, manifest);
      await this.checkTarget(manifest, options.force === true);
      const files = new Map(manifest.tables.map((t) => [t.table, { file: join(work, 'database', `${t.table}.csv`), columns: t.columns }]));
      const loaded = await this.repository.load(files);
      for (const t of manifest.tables) {
        if (t.table !== 'typeorm_migrations' && loaded[t.table] !== t.rows)
          throw new Error(`restored ${loaded[t.table]} rows of ${t.table}, the archive has ${t.rows}`);
      }
      await this.restoreUsage(work, manifest);
      return { manifest, loaded };
    } finally {
      // A failed extraction may still be writing its last entries: retry until the directory is gone.
      await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => undefined);
    }
  }

  private async checkArchive(work: string, manifest: BackupManifest): Promise<void> {
    for (const t of manifest.tables) {
      if ((await sha256File(join(work, 'database', `${t.table}.csv`))) !== t.sha256)
        throw new RestoreRefused(`the archive's ${t.table}.csv is damaged (checksum)`);
    }
    for (const f of manifest.usage_files) {
      if ((await sha256File(join(work, 'usage', f.path))) !== f.sha256)
        throw new RestoreRefused(`the archive's usage file ${f.path} is damaged (checksum)`);
    }
  }

  private async checkTarget(manifest: BackupManifest, force: boolean): Promise<void> {
    const ours = await this.repository.migrations();
    const unknown = manifest.database.migrations.filter((m) => !ours.includes(m));
    if (unknown.length)
      throw new RestoreRefused(`the archive comes from a newer version (migrations ${unknown.join(', ')} are unknown here); upgrade first`);
    if (force) return;
    const held = await this.repository.contents();
    const usage = filesUnder(usageDir(this.config.dataDir)).length;
    if (held.imports || held.users || held.job_runs || usage) {
      throw new RestoreRefused(
        `the target is not empty (${held.imports} imports, ${held.users} accounts, ${held.job_runs} job runs, ${usage} usage files); restore into an empty DATA_DIR or database, or pass --force to replace it`,
      );
    }
  }

  private async restoreUsage(work: string, manifest: BackupManifest): Promise<void> {
    const usage = usageDir(this.config.dataDir);
    await rm(usage, { recursive: true, force: true });
    for (const f of manifest.usage_files) {
      await mkdir(dirname(join(usage, f.path)), { recursive: true });
      await copyFile(join(work, 'usage', f.path), join(usage, f.path));
    }
  }

  private async appVersion(): Promise<string> {
    try {
      const pkg = JSON.parse(await readFile(join(import.meta.dirname ?? '.', '..', '..', '..', 'package.json'), 'utf8')) as {
        version: string;
      };
      return pkg.version;
    } catch {
      return 'unknown';
    }
  }

  log(message: string) {
    this.logger.log(message);
  }
}
