import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The care-plan data linkage system's licence fee as a dated schedule (setting cpdl_licence_fee_yen, per office
 * and year): 21,000 yen until the free year from 2025-06-01, then free through FY2026 as announced; what
 * follows is not decided, so no row covers it. The definitions page and the outreach lists read it.
 */
export class LicenceFee1764002500000 implements MigrationInterface {
  name = 'LicenceFee1764002500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO settings (key, value, valid_from, valid_to, source, note) VALUES
      ('cpdl_licence_fee_yen', '21000', '2023-04-01', '2025-06-01', 'ケアプランデータ連携システム 利用料（1事業所あたり年21,000円）',
       '1ライセンス（1事業所番号）あたり年額'),
      ('cpdl_licence_fee_yen', '0', '2025-06-01', '2027-04-01',
       'ライセンス料の1年間無料（2025-06-01〜）・介護保険最新情報 Vol.1405（2025-07-22: 令和8年度も無料継続の方針）',
       '2025年6月1日から無料。令和8年度（2027年3月末まで）も無料の方針。以降は未定')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM settings WHERE key = 'cpdl_licence_fee_yen'`);
  }
}
