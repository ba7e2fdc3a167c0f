import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Standardization1764000200000 implements MigrationInterface {
  name = 'Standardization1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO settings (key, value, valid_from, source, note) VALUES
      ('law_in_force_date', '2026-04-01', '2025-01-01', '社会保障審議会 介護保険部会 第118回 資料2（2025-03-17）', '改正介護保険法の施行日（R8.4.1）'),
      ('conformance_date', '2028-04-01', '2025-01-01', '社会保障審議会 介護保険部会 第119回（2025-04-21）',
       '適合基準日: 2026-04-01〜2028-04-01 の間で設定予定（未確定。確定までは 2028-04-01 を仮置き）'),
      ('full_operation_date', '2028-04-01', '2025-01-01', '社会保障審議会 介護保険部会 第119回（2025-04-21）', '介護情報基盤の本格運用開始（R10.4.1）。全市町村が活用開始')`);
    await q.query(`
      CREATE TABLE survey_rounds (
        round text NOT NULL,
        name text NOT NULL,
        conducted_on date NOT NULL,
        import_id int NOT NULL,
        CONSTRAINT pk_survey_rounds PRIMARY KEY (round),
        CONSTRAINT fk_survey_rounds_import FOREIGN KEY (import_id) REFERENCES imports (id),
        CONSTRAINT ck_survey_rounds_round CHECK (round ~ '^[0-9]{4}-[0-9]{2}$')
      )`);
    await q.query(`
      CREATE TABLE survey_responses (
        round text NOT NULL,
        municipality_code char(6) NOT NULL,
        answered boolean NOT NULL,
        fy2025_migration text,
        planned_period text,
        import_id int NOT NULL,
        CONSTRAINT pk_survey_responses PRIMARY KEY (round, municipality_code),
        CONSTRAINT fk_survey_responses_round FOREIGN KEY (round) REFERENCES survey_rounds (round),
        CONSTRAINT fk_survey_responses_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code),
        CONSTRAINT fk_survey_responses_import FOREIGN KEY (import_id) REFERENCES imports (id),
        CONSTRAINT ck_survey_responses_fy2025 CHECK (fy2025_migration IN ('possible','difficult')),
        CONSTRAINT ck_survey_responses_period CHECK (planned_period IN ('FY2025','FY2026','FY2027','FY2028_OR_LATER','UNDECIDED')),
        CONSTRAINT ck_survey_responses_answered CHECK (answered OR (fy2025_migration IS NULL AND planned_period IS NULL))
      )`);
    await q.query(`
      CREATE TABLE standardization_milestones (
        municipality_code char(6) NOT NULL,
        step text NOT NULL,
        planned_on date,
        completed_on date,
        vendor text,
        import_id int NOT NULL,
        CONSTRAINT pk_standardization_milestones PRIMARY KEY (municipality_code, step),
        CONSTRAINT fk_standardization_milestones_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code),
        CONSTRAINT fk_standardization_milestones_import FOREIGN KEY (import_id) REFERENCES imports (id),
        CONSTRAINT ck_standardization_milestones_step CHECK (step IN ('migration','modification','data_migration','transmission_start','sharing_start'))
      )`);
    await q.query(`
      CREATE TABLE survey_breakdown (
        round text NOT NULL,
        group_kind text NOT NULL,
        group_key text NOT NULL,
        asked int NOT NULL,
        answered int NOT NULL,
        response_rate double precision,
        possible int NOT NULL,
        difficult int NOT NULL,
        difficult_share double precision,
        gave_period int NOT NULL,
        undecided int NOT NULL,
        fy2025 int NOT NULL,
        fy2026 int NOT NULL,
        fy2027 int NOT NULL,
        fy2028_or_later int NOT NULL,
        cumulative_by_fy2025 double precision,
        cumulative_by_fy2026 double precision,
        cumulative_by_fy2027 double precision,
        share_fy2028_or_later double precision,
        job_run_id int NOT NULL,
        CONSTRAINT pk_survey_breakdown PRIMARY KEY (round, group_kind, group_key),
        CONSTRAINT fk_survey_breakdown_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id)
      )`);
    await q.query(`
      CREATE TABLE standardization_progress (
        as_of date NOT NULL,
        municipality_code char(6) NOT NULL,
        prefecture_code char(2) NOT NULL,
        vendor text,
        current_step text,
        steps_completed int NOT NULL,
        migration_planned date, migration_completed date,
        modification_planned date, modification_completed date,
        data_migration_planned date, data_migration_completed date,
        transmission_start_planned date, transmission_start_completed date,
        sharing_start_planned date, sharing_start_completed date,
        days_late int NOT NULL,
        job_run_id int NOT NULL,
        CONSTRAINT pk_standardization_progress PRIMARY KEY (as_of, municipality_code),
        CONSTRAINT fk_standardization_progress_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id)
      )`);
    await q.query(`CREATE INDEX ix_standardization_progress_prefecture ON standardization_progress (as_of, prefecture_code)`);
    await q.query(`
      CREATE TABLE standardization_funnel (
        as_of date NOT NULL,
        group_kind text NOT NULL,
        group_key text NOT NULL,
        municipalities int NOT NULL,
        migration_done int NOT NULL,
        modification_done int NOT NULL,
        transmission_start_done int NOT NULL,
        data_migration_done int NOT NULL,
        sharing_start_done int NOT NULL,
        job_run_id int NOT NULL,
        CONSTRAINT pk_standardization_funnel PRIMARY KEY (as_of, group_kind, group_key),
        CONSTRAINT fk_standardization_funnel_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id)
      )`);
    await q.query(`
      CREATE TABLE standardization_at_risk (
        as_of date NOT NULL,
        municipality_code char(6) NOT NULL,
        prefecture_code char(2) NOT NULL,
        vendor text,
        reason text NOT NULL,
        detail_ja text NOT NULL,
        detail_en text NOT NULL,
        job_run_id int NOT NULL,
        CONSTRAINT pk_standardization_at_risk PRIMARY KEY (as_of, municipality_code, reason),
        CONSTRAINT fk_standardization_at_risk_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'standardization_at_risk',
      'standardization_funnel',
      'standardization_progress',
      'survey_breakdown',
      'standardization_milestones',
      'survey_responses',
      'survey_rounds',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DELETE FROM settings WHERE key IN ('law_in_force_date', 'conformance_date', 'full_operation_date')`);
  }
}
