/** `npm run import -- <kind> <file> [name=value …]`: the same all-or-nothing import as the upload endpoint. */
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { findJob } from '../jobs/job-definitions.js';
import { runJob } from '../jobs/job-runner.js';
import { openCliDataSource } from '../database/cli-data-source.js';
import { runImport } from './import-pipeline.js';
import { findImportKind, IMPORT_KINDS } from './kinds/index.js';

async function main(): Promise<number> {
  const [kindName, file, ...rest] = process.argv.slice(2);
  const kind = findImportKind(kindName ?? '');
  if (!kind || !file) {
    console.error(`usage: npm run import -- <${IMPORT_KINDS.map((k) => k.kind).join('|')}> <file.csv> [name=value …]`);
    return 2;
  }
  const parameters = Object.fromEntries(rest.map((kv) => kv.split('=', 2) as [string, string]));
  const { config, ds, close } = await openCliDataSource();
  try {
    const report = await runImport(ds, kind, { fileName: basename(file), path: file, uploadedBy: `cli:${userInfo().username}`, parameters, dataDir: config.dataDir });
    console.log(`${report.status}: ${report.message_ja}\n${report.message_en}`);
    for (const e of report.errors) console.log(`  ${e.row}行目 ${e.column}: ${e.reason_ja} / row ${e.row} ${e.column}: ${e.reason_en}`);
    if (report.status === 'succeeded' && report.inserted + report.updated > 0) {
      for (const name of kind.jobs) {
        const job = findJob(name);
        if (job) console.log(`${name}: ${(await runJob(ds, job, { dataDir: config.dataDir, trigger: 'import' })).status}`);
      }
    }
    return report.status === 'rejected' ? 1 : 0;
  } finally {
    await close();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
