import type { MigrationInterface, QueryRunner } from 'typeorm';

const FEE_REVISION_SOURCE = '令和8年度 介護報酬改定（2026年6月施行）: 訪問・通所サービスの介護職員等処遇改善加算の要件';
/** 訪問介護, 訪問入浴介護, 通所介護, 通所リハビリテーション, 夜間対応型訪問介護, 認知症対応型通所介護, 定期巡回, 地域密着型通所介護. */
const VISITING_AND_DAY_SERVICES = ['110', '120', '150', '160', '710', '720', '760', '780'];

/**
 * A second kind of linkage condition — a usage report is required (report_usage_by_deadline): met when the
 * office's exchange logs show data sent or received through the system in a month up to the deadline (the logs
 * stand in for the report, which is not in our data). The 2026 fee revision's 処遇改善加算 for visiting and
 * day services is added as a programme carrying two conditions: join, and report its use.
 */
export class UsageReportCondition1764002700000 implements MigrationInterface {
  name = 'UsageReportCondition1764002700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subsidy_conditions DROP CONSTRAINT ck_subsidy_conditions_kind`);
    await q.query(
      `ALTER TABLE subsidy_conditions ADD CONSTRAINT ck_subsidy_conditions_kind
         CHECK (kind IN ('join_by_deadline', 'report_usage_by_deadline'))`,
    );
    await q.query(
      `ALTER TABLE subsidy_conditions ADD CONSTRAINT ck_subsidy_conditions_pledge
         CHECK (kind = 'join_by_deadline' OR NOT pledge_counts)`,
    );
    await q.query(
      `INSERT INTO subsidy_programs (code, fiscal_year, category, name, device_category, cap_yen, addon_cap_yen, max_rate,
         max_per_prefecture, max_total_per_prefecture_yen, note, source)
       VALUES ('treatment_addon_r8', 2026, 'treatment_improvement', '介護職員等処遇改善加算（令和8年度改定・訪問・通所サービスの連携要件）', NULL,
         100000000, NULL, 1, NULL, NULL,
         '報酬の加算であり交付決定ではない。取込では算定した事業所を1行ずつ（金額は加算の年額見込み）。上限額は形式上のもので検証しない。訪問・通所サービスはケアプランデータ連携システムへの参加と利用実績の報告が要件',
         $1)`,
      [FEE_REVISION_SOURCE],
    );
    await q.query(
      `INSERT INTO subsidy_conditions (code, kind, label, deadline, service_type_codes, pledge_counts, note, source) VALUES
       ('r8_addon_cpdl_join', 'join_by_deadline', '訪問・通所: ケアプランデータ連携システムへの参加', '2027-03-31', $1, false,
        '期限までにライセンスの申請がなければ未達。期限（2027-03-31）と誓約の扱いは告示・通知で要確認', $2),
       ('r8_addon_cpdl_usage', 'report_usage_by_deadline', '訪問・通所: ケアプランデータ連携システムの利用実績の報告', '2027-03-31', $1, false,
        '期限までの月に連携システムでデータを送受信した実績（月次利用実績）があれば満たす。報告そのものは取り込んでいないため利用実績で代える。期限は要確認', $2)`,
      [VISITING_AND_DAY_SERVICES, FEE_REVISION_SOURCE],
    );
    await q.query(`
      INSERT INTO subsidy_program_conditions (program_code, condition_code) VALUES
        ('treatment_addon_r8', 'r8_addon_cpdl_join'), ('treatment_addon_r8', 'r8_addon_cpdl_usage')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM subsidy_compliance WHERE condition_code IN ('r8_addon_cpdl_join', 'r8_addon_cpdl_usage')`);
    await q.query(`DELETE FROM subsidy_program_conditions WHERE program_code = 'treatment_addon_r8'`);
    await q.query(`DELETE FROM subsidy_conditions WHERE code IN ('r8_addon_cpdl_join', 'r8_addon_cpdl_usage')`);
    await q.query(`DELETE FROM subsidy_summary WHERE program_code = 'treatment_addon_r8'`);
    await q.query(`DELETE FROM subsidy_grants WHERE program_code = 'treatment_addon_r8'`);
    await q.query(`DELETE FROM subsidy_programs WHERE code = 'treatment_addon_r8'`);
    await q.query(`ALTER TABLE subsidy_conditions DROP CONSTRAINT ck_subsidy_conditions_pledge`);
    await q.query(`ALTER TABLE subsidy_conditions DROP CONSTRAINT ck_subsidy_conditions_kind`);
    await q.query(`ALTER TABLE subsidy_conditions ADD CONSTRAINT ck_subsidy_conditions_kind CHECK (kind IN ('join_by_deadline'))`);
  }
}
