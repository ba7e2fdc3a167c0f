import type { MigrationInterface, QueryRunner } from 'typeorm';

/** [code, official name and kana (総務省, 2024-01-01), the name and kana seeded before]. */
const RENAMED: [string, [string, string], [string, string]][] = [
  ['133817', ['三宅村', 'ミヤケムラ'], ['三宅島三宅村', 'ミヤケジマミヤケムラ']],
  ['134015', ['八丈町', 'ハチジョウマチ'], ['八丈島八丈町', 'ハチジョウジマハチジョウマチ']],
  ['394050', ['梼原町', 'ユスハラチョウ'], ['檮原町', 'ユスハラチョウ']],
  ['403440', ['須恵町', 'スエマチ'], ['須惠町', 'スエマチ']],
];

/** Four names as the 総務省 list writes them, in databases seeded before (reference-data.ts seeds them so now). */
export class OfficialMunicipalityNames1764001500000 implements MigrationInterface {
  name = 'OfficialMunicipalityNames1764001500000';

  async up(q: QueryRunner): Promise<void> {
    for (const [code, [name, kana]] of RENAMED)
      await q.query(`UPDATE municipalities SET name = $2, kana = $3 WHERE code = $1`, [code, name, kana]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [code, , [name, kana]] of RENAMED)
      await q.query(`UPDATE municipalities SET name = $2, kana = $3 WHERE code = $1`, [code, name, kana]);
  }
}
