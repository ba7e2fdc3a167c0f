import type { DataSource } from 'typeorm';
import { buildMunicipalities, buildPrefectures } from './reference-data.js';

/** Inserts the 47 prefectures and 1,741 municipalities that are missing; existing rows are kept. */
export async function seedReferenceData(dataSource: DataSource): Promise<{ prefectures: number; municipalities: number }> {
  const prefectures = buildPrefectures();
  const municipalities = buildMunicipalities();
  await dataSource.transaction(async (m) => {
    await m.query(
      `INSERT INTO prefectures (code, name, kana, region)
       SELECT * FROM unnest($1::char(2)[], $2::text[], $3::text[], $4::text[]) ON CONFLICT (code) DO NOTHING`,
      [prefectures.map((p) => p.code), prefectures.map((p) => p.name), prefectures.map((p) => p.kana), prefectures.map((p) => p.region)],
    );
    await m.query(
      `INSERT INTO municipalities (code, prefecture_code, name, kana, class)
       SELECT * FROM unnest($1::char(6)[], $2::char(2)[], $3::text[], $4::text[], $5::text[]) ON CONFLICT (code) DO NOTHING`,
      [
        municipalities.map((r) => r.code),
        municipalities.map((r) => r.prefectureCode),
        municipalities.map((r) => r.name),
        municipalities.map((r) => r.kana),
        municipalities.map((r) => r.class),
      ],
    );
  });
  return { prefectures: prefectures.length, municipalities: municipalities.length };
}
