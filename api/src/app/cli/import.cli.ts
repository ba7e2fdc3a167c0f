/**
 * `npm run import -- <kind> <file> [more files …] [name=value …]`: the same all-or-nothing import as the upload
 * endpoint, then the dependent jobs. Confirmations go as parameters too (accept_set_aside=true, accept_closures=true).
 */
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { ImportsService } from '../../imports/imports.service.js';
import { IMPORT_KINDS } from '../../imports/kinds/index.js';
import { runCli } from './cli-context.js';

const isParameter = (arg: string) => /^[a-z_]+=/.test(arg);

await runCli(async (app) => {
  const [kindName, ...rest] = process.argv.slice(2);
  const paths = rest.filter((a) => !isParameter(a));
  if (!kindName || paths.length === 0 || !IMPORT_KINDS.some((k) => k.kind === kindName)) {
    console.error(
      `usage: npm run import -- <${IMPORT_KINDS.map((k) => k.kind).join('|')}> <file.csv|file.xlsx> [more files …] [name=value …]`,
    );
    return 2;
  }
  const parameters = Object.fromEntries(
    rest.filter(isParameter).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  const { report, refresh } = await app.get(ImportsService).upload(kindName, {
    files: paths.map((path) => ({ fileName: basename(path), path })),
    uploadedBy: `cli:${userInfo().username}`,
    parameters,
  });
  console.log(`${report.status}: ${report.message_ja}\n${report.message_en}`);
  for (const e of report.errors)
    console.log(`  ${e.file ? `${e.file} ` : ''}${e.row}行目 ${e.column}: ${e.reason_ja} / row ${e.row} ${e.column}: ${e.reason_en}`);
  for (const r of report.set_aside)
    console.log(`  除外 ${r.file ? `${r.file} ` : ''}${r.row}行目 ${r.column}: ${r.reason_ja} / set aside row ${r.row}: ${r.reason_en}`);
  if (report.closures?.count) console.log(`  ${report.closures.message_ja}`);
  for (const w of report.warnings) console.log(`  注意 ${w.file ? `${w.file} ` : ''}${w.row}行目 ${w.column}: ${w.reason_ja}`);
  // A CLI waits for the figures: it prints what the jobs did.
  for (const job of await refresh.finished) console.log(`${job.name}: run ${job.runId} ${job.status}`);
  return report.status === 'rejected' || report.status === 'not_accepted' ? 1 : 0;
});
