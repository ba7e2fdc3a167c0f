import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What an archive holds and how to check it: written as manifest.json beside the data. */
export interface BackupManifest {
  format: 'kaigo-dx-backup';
  format_version: 1;
  created_at: string;
  app_version: string;
  database: { kind: string; server_version: string; migrations: string[] };
  tables: { table: string; rows: number; columns: string[]; sha256: string }[];
  usage_files: { path: string; bytes: number; sha256: string }[];
}

export const ARCHIVE_PREFIX = 'kaigo-backup-';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file under a directory, as paths relative to it (sorted). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

export const fileSize = (path: string) => statSync(path).size;

/** The header line of a CSV as the dump wrote it: the column names. */
export function csvHeader(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

/** Archive file name for a moment: kaigo-backup-20261126T031500Z.tar.gz. */
export const archiveName = (at: Date) =>
  `${ARCHIVE_PREFIX}${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.tar.gz`;
