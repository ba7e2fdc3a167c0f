import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepTemporaryFiles, uploadsDir } from './temporary-files.js';

describe('sweepTemporaryFiles', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'kaigo-sweep-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("removes what a killed process left, and keeps a live process's files and the committed months", async () => {
    const live = spawn('sleep', ['30']);
    try {
      const month = join(dataDir, 'cpdl_usage', 'month=2025-05');
      mkdirSync(month, { recursive: true });
      const committed = join(month, 'data.parquet');
      const deadStaged = join(month, 'data.parquet.staged-999999-abc123');
      const liveStaged = join(month, `data.parquet.staged-${live.pid}-def456`);
      const oldName = join(month, 'data.parquet.import-12');
      for (const f of [committed, deadStaged, liveStaged, oldName]) writeFileSync(f, 'x');
      const deadUpload = uploadsDir(dataDir, 999999);
      const liveUpload = uploadsDir(dataDir, live.pid!);
      // Another machine sharing DATA_DIR: its process ids mean nothing here, so its files stay.
      const otherMachine = uploadsDir(dataDir, 999999, 'other-machine.example');
      const otherStaged = join(month, 'data.parquet.staged-999999@other-machine.example-ghi789');
      writeFileSync(otherStaged, 'x');
      for (const d of [deadUpload, liveUpload, otherMachine]) {
        mkdirSync(d, { recursive: true });
        writeFileSync(join(d, 'file'), 'x');
      }

      const removed = sweepTemporaryFiles(dataDir);

      expect(removed.sort()).toEqual([deadStaged, oldName, deadUpload].sort());
      expect([committed, liveStaged, liveUpload, otherMachine, otherStaged].every(existsSync)).toBe(true);
    } finally {
      live.kill();
    }
  });
});
