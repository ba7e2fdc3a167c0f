/** Test data built from parameters, so a test says what it needs instead of carrying a large fixture. */

const OFFICE_HEADER = '事業所番号,事業所名,サービス種類コード,所在市区町村コード,指定年月日,廃止年月日';
/** Municipalities of several prefectures with the office-number prefix each needs. */
const AREAS = ['072079', '072010', '131016', '271004', '401005'];
const SERVICES = ['430', '110', '150', '170', '780'];

/**
 * A valid care-offices CSV of `count` offices spread over a few municipalities. `variant` changes every
 * name, so uploading variant 1 then 2 updates every row.
 */
export function careOfficesCsv(count: number, variant = 1): string {
  const lines = [OFFICE_HEADER];
  for (let i = 0; i < count; i++) {
    const area = AREAS[i % AREAS.length];
    const number = `${area.slice(0, 2)}${String(10_000_000 + i).slice(-8)}`;
    lines.push(`${number},テスト事業所${i}（版${variant}）,${SERVICES[i % SERVICES.length]},${area},2020-04-01,`);
  }
  return `${lines.join('\n')}\n`;
}
