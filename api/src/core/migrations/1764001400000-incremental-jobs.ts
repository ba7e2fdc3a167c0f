import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incremental jobs: every change to the data a job reads is logged in `data_changes` with the earliest date
 * it can alter (null: any date). A run records the last change it saw, its mode (full, incremental from a
 * date, or skipped) and a hash of the small reference inputs whose change forces a full recompute.
 */
export class IncrementalJobs1764001400000 implements MigrationInterface {
  name = 'IncrementalJobs1764001400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports ADD COLUMN changes_from date`);
    await q.query(`
      CREATE TABLE data_changes (
        id bigserial NOT NULL,
        kind text NOT NULL,
        import_id int,
        reason text NOT NULL,
        changes_from date,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_data_changes PRIMARY KEY (id),
        CONSTRAINT fk_data_changes_import FOREIGN KEY (import_id) REFERENCES imports (id),
        CONSTRAINT ck_data_changes_reason CHECK (reason IN ('import', 'undo', 'demo'))
      )`);
    await q.query(`
      ALTER TABLE job_runs
        ADD COLUMN mode text,
        ADD COLUMN recompute_from date,
        ADD COLUMN changes_seen bigint,
        ADD COLUMN basis_hash text,
        ADD CONSTRAINT ck_job_runs_mode CHECK (mode IN ('full', 'incremental', 'skipped'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE job_runs DROP CONSTRAINT ck_job_runs_mode, DROP COLUMN basis_hash, DROP COLUMN changes_seen, DROP COLUMN recompute_from, DROP COLUMN mode`,
    );
    await q.query(`DROP TABLE data_changes`);
    await q.query(`ALTER TABLE imports DROP COLUMN changes_from`);
  }
}
