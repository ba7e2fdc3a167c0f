/**
 * One import measured in a process of its own, so its peak memory is not mixed with the benchmark's:
 * `node --expose-gc … import-child.ts <database url> <data dir> <rows>` prints {rows, ms, baselineRss, peakRss}.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../api/src/core/database/data-source-options.js';
import { runImport } from '../../api/src/imports/import-pipeline.js';
import { ImportsRepository } from '../../api/src/imports/imports.repository.js';
import { cpdlUsageImport } from '../../api/src/imports/kinds/cpdl-usage.import.js';

const [url, dataDir, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
const offices: { office_number: string }[] = await ds.query(`SELECT office_number FROM care_offices ORDER BY office_number`);
// As many past months as the rows need (≈260,000 offices each), ending 2026-08.
const monthsNeeded = Math.ceil(rows / offices.length) + 1;
const months = Array.from({ length: monthsNeeded }, (_, i) => {
  const d = new Date(Date.UTC(2026, 7 - (monthsNeeded - 1 - i), 1));
  return d.toISOString().slice(0, 7);
});
const lines = ['事業所番号,年月,送信件数,受信件数'];
for (let i = 0; lines.length <= rows; i++)
  lines.push(`${offices[i % offices.length].office_number},${months[Math.floor(i / offices.length)]},${i % 37},${i % 23}`);
const file = join(dataDir, `usage-${rows}.csv`);
writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'cp932'));
const bytes = statSync(file).size;
lines.length = 0;
offices.length = 0;
global.gc?.();
const baselineRss = process.memoryUsage().rss;
const baselineHeap = process.memoryUsage().heapUsed;
let peakRss = baselineRss;
const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
const start = performance.now();
const report = await runImport(new ImportsRepository(ds), cpdlUsageImport, {
  files: [{ fileName: `usage-${rows}.csv`, path: file }],
  uploadedBy: 'bench',
  dataDir,
});
const ms = performance.now() - start;
clearInterval(timer);
// What the import still holds once garbage is collected (rows kept would show here; V8 collects lazily, so the peak above is mostly garbage).
global.gc?.();
const heapHeld = Math.max(0, process.memoryUsage().heapUsed - baselineHeap);
rmSync(file, { force: true });
await ds.destroy();
if (report.status === 'rejected') throw new Error(JSON.stringify(report.errors.slice(0, 3)));
console.log(JSON.stringify({ rows, bytes, ms, baselineRss, peakRss, heapHeld }));
