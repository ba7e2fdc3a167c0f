import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Summaries of the monthly exchange logs; the logs themselves are Parquet files under DATA_DIR/cpdl_usage. */
export class Usage1764000500000 implements MigrationInterface {
  name = 'Usage1764000500000';

  async up(q: QueryRunner): Promise<void> {
    for (const grain of ['municipality', 'prefecture', 'national']) {
      const key =
        grain === 'municipality'
          ? 'municipality_code char(6) NOT NULL, prefecture_code char(2) NOT NULL,'
          : grain === 'prefecture'
            ? 'prefecture_code char(2) NOT NULL,'
            : '';
      const pk = grain === 'municipality' ? 'as_of, municipality_code' : grain === 'prefecture' ? 'as_of, prefecture_code' : 'as_of';
      await q.query(`
        CREATE TABLE usage_${grain} (
          as_of date NOT NULL,
          ${key}
          licensed_offices int NOT NULL,
          active_offices int NOT NULL,
          exchanges bigint NOT NULL,
          exchanges_per_active double precision,
          active_share double precision,
          job_run_id int NOT NULL,
          CONSTRAINT pk_usage_${grain} PRIMARY KEY (${pk}),
          CONSTRAINT fk_usage_${grain}_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id)
        )`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const grain of ['national', 'prefecture', 'municipality']) await q.query(`DROP TABLE usage_${grain}`);
  }
}
