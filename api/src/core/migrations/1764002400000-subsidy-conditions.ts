import type { MigrationInterface, QueryRunner } from 'typeorm';

const R6_SOURCE = '令和6年度補正予算 介護テクノロジー導入・協働化等支援事業（社会保障審議会 介護保険部会 資料）';
const VOL_1454 = '介護保険最新情報 Vol.1454（2025-12-25）令和7年度補正予算「介護分野の職員の賃上げ・職場環境改善支援事業」';

/**
 * Programmes' linkage conditions as data: a condition (join the care-plan data linkage system by a deadline;
 * for some services only; a written pledge may count until then) binds the grants of every programme linked
 * to it. The R6 technology programmes' single deadline becomes the condition `cpdl_start_fy2025`; the 令和7年度補正
 * wage programme is added with its condition for 居宅介護支援. Grants record a pledge date (連携誓約日).
 */
export class SubsidyConditions1764002400000 implements MigrationInterface {
  name = 'SubsidyConditions1764002400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subsidy_conditions (
        code text NOT NULL,
        kind text NOT NULL,
        label text NOT NULL,
        deadline date NOT NULL,
        service_type_codes text[],
        pledge_counts boolean NOT NULL DEFAULT false,
        note text,
        source text NOT NULL,
        CONSTRAINT pk_subsidy_conditions PRIMARY KEY (code),
        CONSTRAINT ck_subsidy_conditions_kind CHECK (kind IN ('join_by_deadline'))
      )`);
    await q.query(`
      CREATE TABLE subsidy_program_conditions (
        program_code text NOT NULL,
        condition_code text NOT NULL,
        CONSTRAINT pk_subsidy_program_conditions PRIMARY KEY (program_code, condition_code),
        CONSTRAINT fk_subsidy_program_conditions_program FOREIGN KEY (program_code) REFERENCES subsidy_programs (code),
        CONSTRAINT fk_subsidy_program_conditions_condition FOREIGN KEY (condition_code) REFERENCES subsidy_conditions (code)
      )`);
    // The deadline each programme carried becomes a condition shared by the programmes with that deadline.
    await q.query(
      `
      INSERT INTO subsidy_conditions (code, kind, label, deadline, note, source)
      SELECT CASE WHEN condition_deadline = '2026-03-31' THEN 'cpdl_start_fy2025' ELSE 'cpdl_join_' || to_char(condition_deadline, 'YYYYMMDD') END,
             'join_by_deadline', 'ケアプランデータ連携システムの利用開始（期限までにライセンスを申請）', condition_deadline,
             'ライセンスの申請日が期限以前なら満たす', $1
      FROM subsidy_programs WHERE condition_deadline IS NOT NULL GROUP BY condition_deadline`,
      [R6_SOURCE],
    );
    await q.query(`
      INSERT INTO subsidy_program_conditions (program_code, condition_code)
      SELECT p.code, c.code FROM subsidy_programs p JOIN subsidy_conditions c ON c.deadline = p.condition_deadline`);
    await q.query(`ALTER TABLE subsidy_programs DROP COLUMN condition_deadline`);

    await q.query(
      `INSERT INTO subsidy_programs (code, fiscal_year, category, name, device_category, cap_yen, addon_cap_yen, max_rate,
         max_per_prefecture, max_total_per_prefecture_yen, note, source)
       VALUES ('wage_r7_supplementary', 2025, 'wage_improvement', '介護分野の職員の賃上げ・職場環境改善支援事業（令和7年度補正）', NULL,
         100000000, NULL, 1, NULL, NULL,
         '補助額は職員数等に応じて定まる（交付要綱で確認）。取込では上限額を検証しない（1億円は形式上の上限）。居宅介護支援はケアプランデータ連携システムへの参加が要件（参加の誓約でも可）',
         $1)`,
      [VOL_1454],
    );
    await q.query(
      `INSERT INTO subsidy_conditions (code, kind, label, deadline, service_type_codes, pledge_counts, note, source)
       VALUES ('r7_wage_cpdl_join', 'join_by_deadline', '居宅介護支援: ケアプランデータ連携システムへの参加（誓約書でも可）', '2027-03-31',
         ARRAY['430'], true,
         '期限までは参加の誓約（連携誓約日）でも満たす。期限までにライセンスの申請がなければ未達。期限（2027-03-31）は交付要綱で要確認', $1)`,
      [VOL_1454],
    );
    await q.query(
      `INSERT INTO subsidy_program_conditions (program_code, condition_code) VALUES ('wage_r7_supplementary', 'r7_wage_cpdl_join')`,
    );

    await q.query(`ALTER TABLE subsidy_grants ADD COLUMN pledged_on date`);
    // The compliance list becomes one row per office and condition; the subsidies job refills it (its SQL changed).
    await q.query(`DELETE FROM subsidy_compliance`);
    await q.query(`ALTER TABLE subsidy_compliance DROP CONSTRAINT pk_subsidy_compliance`);
    await q.query(`ALTER TABLE subsidy_compliance ADD COLUMN condition_code text NOT NULL, ADD COLUMN pledged_on date`);
    await q.query(`ALTER TABLE subsidy_compliance ADD CONSTRAINT pk_subsidy_compliance PRIMARY KEY (office_number, condition_code)`);
    await q.query(`ALTER TABLE office_outreach DROP CONSTRAINT ck_office_outreach_subsidy`);
    await q.query(
      `ALTER TABLE office_outreach ADD CONSTRAINT ck_office_outreach_subsidy CHECK (subsidy_status IN ('none', 'met', 'pledged', 'pending', 'overdue'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM office_outreach WHERE subsidy_status = 'pledged'`);
    await q.query(`ALTER TABLE office_outreach DROP CONSTRAINT ck_office_outreach_subsidy`);
    await q.query(
      `ALTER TABLE office_outreach ADD CONSTRAINT ck_office_outreach_subsidy CHECK (subsidy_status IN ('none', 'met', 'pending', 'overdue'))`,
    );
    await q.query(`DELETE FROM subsidy_compliance`);
    await q.query(`ALTER TABLE subsidy_compliance DROP CONSTRAINT pk_subsidy_compliance`);
    await q.query(`ALTER TABLE subsidy_compliance DROP COLUMN condition_code, DROP COLUMN pledged_on`);
    await q.query(`ALTER TABLE subsidy_compliance ADD CONSTRAINT pk_subsidy_compliance PRIMARY KEY (office_number)`);
    await q.query(`ALTER TABLE subsidy_grants DROP COLUMN pledged_on`);
    await q.query(`DELETE FROM subsidy_grants WHERE program_code = 'wage_r7_supplementary'`);
    await q.query(`ALTER TABLE subsidy_programs ADD COLUMN condition_deadline date`);
    await q.query(`
      UPDATE subsidy_programs p SET condition_deadline = c.deadline
      FROM subsidy_program_conditions pc JOIN subsidy_conditions c ON c.code = pc.condition_code
      WHERE pc.program_code = p.code AND c.service_type_codes IS NULL`);
    await q.query(`DROP TABLE subsidy_program_conditions`);
    await q.query(`DROP TABLE subsidy_conditions`);
    await q.query(`DELETE FROM subsidy_summary WHERE program_code = 'wage_r7_supplementary'`);
    await q.query(`DELETE FROM subsidy_programs WHERE code = 'wage_r7_supplementary'`);
  }
}
