import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The office-level outreach list (written by the `offices` job): one row per counted office open on the run date. */
export class OfficeOutreach1764001200000 implements MigrationInterface {
  name = 'OfficeOutreach1764001200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE office_outreach (
        office_number char(10) NOT NULL,
        office_name text NOT NULL,
        municipality_code char(6) NOT NULL,
        prefecture_code char(2) NOT NULL,
        service_type_codes text NOT NULL,
        licence_status text NOT NULL,
        applied_on date,
        starts_on date,
        ends_on date,
        exchanges_3m bigint NOT NULL,
        last_exchange_month char(7),
        subsidy_deadline date,
        subsidy_status text NOT NULL,
        as_of date NOT NULL,
        usage_from char(7),
        usage_to char(7),
        job_run_id int NOT NULL,
        CONSTRAINT pk_office_outreach PRIMARY KEY (office_number),
        CONSTRAINT fk_office_outreach_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id),
        CONSTRAINT ck_office_outreach_licence CHECK (licence_status IN ('not_applied', 'applied', 'in_force', 'ended')),
        CONSTRAINT ck_office_outreach_subsidy CHECK (subsidy_status IN ('none', 'met', 'pending', 'overdue'))
      )`);
    await q.query(`CREATE INDEX ix_office_outreach_municipality ON office_outreach (municipality_code)`);
    await q.query(`CREATE INDEX ix_office_outreach_prefecture ON office_outreach (prefecture_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE office_outreach`);
  }
}
