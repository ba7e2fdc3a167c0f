/**
 * A national refresh of the office lists measured in a process of its own (so its memory is its own):
 * `node --expose-gc … refresh-child.ts <database url> <data dir>` writes one MHLW open-data file per
 * service type from the demo offices (one row per open office × service, UTF-8 with BOM, CRLF, as MHLW
 * publishes them; one in 200 left out, as offices that closed, and 1,000 new ones), then previews and
 * commits them as one upload. Prints {files, rows, bytes, preview, commit} with each step's time and peak
 * memory above the baseline.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { todayInTokyo } from '../../api/src/core/domain/dates.js';
import { dataSourceOptions } from '../../api/src/core/database/data-source-options.js';
import { runImport } from '../../api/src/imports/import-pipeline.js';
import { ImportsRepository } from '../../api/src/imports/imports.repository.js';
import { careOfficesImport } from '../../api/src/imports/kinds/care-offices/care-offices.import.js';

const HEADER =
  '都道府県コード又は市町村コード,No,都道府県名,市区町村名,事業所名,事業所名カナ,サービスの種類,住所,方書（ビル名等）,緯度,経度,電話番号,FAX番号,法人番号,法人の名称,事業所番号,利用可能曜日,利用可能曜日特記事項,定員,URL,高齢者の方と障害者の方が同時一体的に利用できるサービス,介護保険の通常の指定基準を満たしている,障害福祉の通常の指定基準を満たしている,備考';
const CLOSED_EVERY = 200;
const NEW_OFFICES = 1_000;

interface ServiceRow {
  municipality_code: string;
  prefecture_name: string;
  municipality_name: string;
  name: string;
  service_type_code: string;
  service_name: string;
  office_number: string;
  phone: string | null;
}

const [url, dataDir] = process.argv.slice(2);
const ds = await new DataSource(dataSourceOptions(url, 2)).initialize();
const today = todayInTokyo();
const services: ServiceRow[] = await ds.query(
  `SELECT o.municipality_code, p.name AS prefecture_name, m.name AS municipality_name, o.name, s.service_type_code,
          t.name AS service_name, o.office_number, o.phone
   FROM office_services s JOIN care_offices o USING (office_number) JOIN service_types t ON t.code = s.service_type_code
   JOIN municipalities m ON m.code = o.municipality_code JOIN prefectures p ON p.code = m.prefecture_code
   WHERE s.designated_on <= $1::date AND (s.abolished_on IS NULL OR s.abolished_on > $1::date)
   ORDER BY s.service_type_code, o.office_number`,
  [today],
);
const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const line = (r: ServiceRow, no: number) =>
  [
    r.municipality_code,
    no,
    r.prefecture_name,
    r.municipality_name,
    quote(r.name),
    '',
    r.service_name,
    `${r.prefecture_name}${r.municipality_name}1-1`,
    '',
    '35.0',
    '139.0',
    r.phone ?? '',
    '',
    '',
    '',
    r.office_number,
    '月火水木金',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ].join(',');
// New offices: numbers in a series the demo does not use (third character 9), in the first municipalities listed.
const fresh = services.slice(0, NEW_OFFICES).map((r, i) => ({
  ...r,
  office_number: `${r.office_number.slice(0, 2)}9${String(i).padStart(7, '0')}`,
  name: `新規事業所${i}`,
}));
const byType = new Map<string, string[]>();
[...services.filter((_, i) => i % CLOSED_EVERY !== 0), ...fresh].forEach((r, i) => {
  const lines = byType.get(r.service_type_code) ?? [];
  lines.push(line(r, i + 1));
  byType.set(r.service_type_code, lines);
});
const files = [...byType].map(([code, lines]) => {
  const path = join(dataDir, `jigyosho_${code}.csv`);
  writeFileSync(path, `\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`);
  return { fileName: `jigyosho_${code}.csv`, path };
});
const rows = [...byType.values()].reduce((s, l) => s + l.length, 0);
const bytes = files.reduce((s, f) => s + statSync(f.path).size, 0);
services.length = 0;
byType.clear();

async function measured(dryRun: boolean) {
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  const start = performance.now();
  const report = await runImport(new ImportsRepository(ds), careOfficesImport, {
    files,
    uploadedBy: 'bench',
    dataDir,
    parameters: { snapshot_date: today },
    dryRun,
    accept: { setAside: true, closures: true },
  });
  const ms = performance.now() - start;
  clearInterval(timer);
  if (report.status === 'rejected' || report.status === 'not_accepted') throw new Error(report.message_en);
  return {
    ms,
    aboveBaseline: peakRss - baselineRss,
    inserted: report.inserted,
    closed: report.closed,
    setAside: report.set_aside_count,
  };
}

const preview = await measured(true);
const commit = await measured(false);
for (const f of files) rmSync(f.path, { force: true });
await ds.destroy();
console.log(JSON.stringify({ files: files.length, rows, bytes, preview, commit }));
