/** Imports: a large usage file through the import path, and a national refresh of the office lists. */
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mb, record, seconds } from './measures.js';

export async function importSection(url: string, dataDir: string) {
  for (const rows of [1_000_000, 5_000_000]) {
    const out = execFileSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        '@swc-node/register/esm-register',
        join(import.meta.dirname, 'import-child.ts'),
        url,
        dataDir,
        String(rows),
      ],
      {
        env: { ...process.env, NODE_OPTIONS: '' },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
      rows: number;
      bytes: number;
      ms: number;
      baselineRss: number;
      peakRss: number;
      heapHeld: number;
    };
    record(
      'import',
      `cpdl-usage ${rows.toLocaleString('en')} rows Shift_JIS (${mb(r.bytes)})`,
      `${Math.round(rows / (r.ms / 1000)).toLocaleString('en')} rows/s in ${seconds(r.ms)}`,
      '≥ 150,000 rows/s',
    );
    record('import', '  peak memory above the process baseline (own process)', mb(r.peakRss - r.baselineRss), '≤ 150 MB');
    record('import', '  JavaScript heap still held after the import, once garbage is collected', mb(r.heapHeld));
  }
}

/** The 35 MHLW open-data files of a national refresh, generated from the demo offices: preview, then commit. */
export async function refreshSection(url: string, dataDir: string) {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', '@swc-node/register/esm-register', join(import.meta.dirname, 'refresh-child.ts'), url, dataDir],
    { env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  type Step = { ms: number; aboveBaseline: number; inserted: number; closed: number; setAside: number };
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as { files: number; rows: number; bytes: number; preview: Step; commit: Step };
  const label = `national refresh: ${r.files} MHLW open-data files, ${r.rows.toLocaleString('en')} rows (${mb(r.bytes)})`;
  for (const [step, x] of [
    ['preview', r.preview],
    ['commit', r.commit],
  ] as const) {
    record(
      'import',
      `${label}, ${step} (added ${x.inserted.toLocaleString('en')}, closed ${x.closed.toLocaleString('en')}, set aside ${x.setAside})`,
      `${Math.round(r.rows / (x.ms / 1000)).toLocaleString('en')} rows/s in ${seconds(x.ms)}`,
      '< 60 s',
    );
    record('import', `  peak memory above the process baseline (${step})`, mb(x.aboveBaseline), '≤ 300 MB');
  }
}
