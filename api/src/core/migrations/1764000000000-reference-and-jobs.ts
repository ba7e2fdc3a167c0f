import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferenceAndJobs1764000000000 implements MigrationInterface {
  name = 'ReferenceAndJobs1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE prefectures (
        code char(2) NOT NULL,
        name text NOT NULL,
        kana text NOT NULL,
        region text NOT NULL,
        CONSTRAINT pk_prefectures PRIMARY KEY (code),
        CONSTRAINT ck_prefectures_code CHECK (code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$')
      )`);
    await q.query(`
      CREATE TABLE municipalities (
        code char(6) NOT NULL,
        prefecture_code char(2) NOT NULL,
        name text NOT NULL,
        kana text NOT NULL,
        class text NOT NULL,
        valid_from date,
        valid_to date,
        CONSTRAINT pk_municipalities PRIMARY KEY (code),
        CONSTRAINT fk_municipalities_prefecture FOREIGN KEY (prefecture_code) REFERENCES prefectures (code),
        CONSTRAINT ck_municipalities_code CHECK (code ~ '^[0-9]{6}$' AND left(code, 2) = prefecture_code),
        CONSTRAINT ck_municipalities_class CHECK (class IN ('designated_city','special_ward','core_city','city','town','village')),
        CONSTRAINT ck_municipalities_validity CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
      )`);
    await q.query(`CREATE INDEX ix_municipalities_prefecture ON municipalities (prefecture_code)`);
    await q.query(`
      CREATE TABLE job_runs (
        id serial NOT NULL,
        job_name text NOT NULL,
        as_of date,
        trigger text NOT NULL,
        status text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        row_counts jsonb,
        error text,
        CONSTRAINT pk_job_runs PRIMARY KEY (id),
        CONSTRAINT ck_job_runs_status CHECK (status IN ('running','succeeded','failed'))
      )`);
    await q.query(`CREATE INDEX ix_job_runs_name_started ON job_runs (job_name, started_at DESC)`);
    await q.query(`
      CREATE TABLE reference_summary (
        prefecture_code char(2) NOT NULL,
        class text NOT NULL,
        municipalities int NOT NULL,
        job_run_id int NOT NULL,
        CONSTRAINT pk_reference_summary PRIMARY KEY (prefecture_code, class),
        CONSTRAINT fk_reference_summary_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reference_summary`);
    await q.query(`DROP TABLE job_runs`);
    await q.query(`DROP TABLE municipalities`);
    await q.query(`DROP TABLE prefectures`);
  }
}
