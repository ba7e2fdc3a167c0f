import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { processTag } from '../../../jobs/engine/process-tag.js';

/** Previewed uploads wait here until they are committed (or expire). */
export const previewsDir = (dataDir: string) => join(dataDir, 'previews');
/** A preview not committed within a day is dropped at start-up. */
const PREVIEW_TTL_MS = 24 * 3_600_000;

/** Uploaded files wait here while they are imported, one folder per process (DATA_DIR/uploads/<pid>@<host>). */
export const uploadsDir = (dataDir: string, pid = process.pid, host = hostname()) => join(dataDir, 'uploads', processTag(pid, host));

/** Staged files are named `<final>.staged-<pid>@<host>-<random>` until their import commits (see jobs/engine/usage-parquet-store.ts). */
const STAGED = /\.staged-(\d+)(?:@(.+))?-[0-9a-z]+$/;
const UPLOAD = /^(\d+)(?:@(.+))?$/;
const SCRATCH = /-(\d+)(?:@(.+))?-[^-]+$/;

/** An owner as temporary names carry it; without a host (older names) it is this machine. */
interface Owner {
  pid: number;
  host?: string;
}
const ownerOf = (match: RegExpExecArray | null): Owner | undefined => (match ? { pid: Number(match[1]), host: match[2] } : undefined);

/** Another machine's process (instances sharing DATA_DIR): only that machine can tell whether it runs. */
const elsewhere = (owner: Owner) => owner.host !== undefined && owner.host !== hostname();

function alive(pid: number): boolean {
  if (pid === process.pid) return true; // its upload folder was just made, empty
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes what a process killed mid-import or mid-job left: uploads being read, a job's scratch CSV files
 * (DATA_DIR/tmp/job-<name>-<pid>-…) and staged Parquet months that were never swapped in. Files of a process still running (a CLI import beside the server) are left alone.
 */
export function sweepTemporaryFiles(dataDir: string): string[] {
  const removed: string[] = [];
  const remove = (path: string) => {
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  };
  const uploads = join(dataDir, 'uploads');
  for (const name of existsSync(uploads) ? readdirSync(uploads) : []) {
    const owner = ownerOf(UPLOAD.exec(name));
    if (!owner || (!elsewhere(owner) && !alive(owner.pid))) remove(join(uploads, name));
  }
  const scratch = join(dataDir, 'tmp');
  for (const name of existsSync(scratch) ? readdirSync(scratch) : []) {
    const owner = ownerOf(SCRATCH.exec(name));
    if (!owner || (!elsewhere(owner) && (owner.pid === process.pid || !alive(owner.pid)))) remove(join(scratch, name));
  }
  const previews = previewsDir(dataDir);
  for (const name of existsSync(previews) ? readdirSync(previews) : []) {
    if (Date.now() - statSync(join(previews, name)).mtimeMs > PREVIEW_TTL_MS) remove(join(previews, name));
  }
  const usage = join(dataDir, 'cpdl_usage');
  for (const month of existsSync(usage) ? readdirSync(usage) : []) {
    const dir = join(usage, month);
    for (const name of readdirSync(dir)) {
      const staged = ownerOf(STAGED.exec(name));
      if ((staged && !elsewhere(staged) && (staged.pid === process.pid || !alive(staged.pid))) || /\.import-\d+$/.test(name))
        remove(join(dir, name));
    }
  }
  return removed;
}
