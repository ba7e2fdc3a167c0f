/** `npm run import -- <kind> <file> [name=value …]`: the same all-or-nothing import as the upload endpoint, then the dependent jobs. */
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { ImportsService } from '../imports/imports.service.js';
import { IMPORT_KINDS } from '../imports/kinds/index.js';
import { runCli } from './cli-context.js';

await runCli(async (app) => {
  const [kindName, file, ...rest] = process.argv.slice(2);
  if (!kindName || !file || !IMPORT_KINDS.some((k) => k.kind === kindName)) {
    console.error(`usage: npm run import -- <${IMPORT_KINDS.map((k) => k.kind).join('|')}> <file.csv> [name=value …]`);
    return 2;
  }
  const parameters = Object.fromEntries(rest.map((kv) => kv.split('=', 2) as [string, string]));
  const report = await app
    .get(ImportsService)
    .upload(kindName, { fileName: basename(file), path: file, uploadedBy: `cli:${userInfo().username}`, parameters });
  console.log(`${report.status}: ${report.message_ja}\n${report.message_en}`);
  for (const e of report.errors) console.log(`  ${e.row}行目 ${e.column}: ${e.reason_ja} / row ${e.row} ${e.column}: ${e.reason_en}`);
  for (const job of report.jobs) console.log(`${job.name}: run ${job.runId} ${job.status}`);
  return report.status === 'rejected' ? 1 : 0;
});
