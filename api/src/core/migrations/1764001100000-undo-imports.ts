import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The data tables an import writes, each with its key: their changes are recorded so an import can be undone. */
export const TRACKED_TABLES: ReadonlyArray<{ table: string; key: string[] }> = [
  { table: 'care_offices', key: ['office_number'] },
  { table: 'office_services', key: ['office_number', 'service_type_code'] },
  { table: 'cpdl_licenses', key: ['office_number'] },
  { table: 'subsidy_grants', key: ['grant_key'] },
  { table: 'survey_rounds', key: ['round'] },
  { table: 'survey_responses', key: ['round', 'municipality_code'] },
  { table: 'standardization_milestones', key: ['municipality_code', 'step'] },
];

/**
 * Undoing an import: statement-level triggers (transition tables, so a 100,000-row upsert costs one insert
 * per statement) record every row an import inserts, updates or deletes, with the row as it was, while
 * the transaction carries `kaigo.import_id`. Writes outside an import (the demo load, an undo, a restore)
 * set nothing and are not recorded.
 */
export class UndoImports1764001100000 implements MigrationInterface {
  name = 'UndoImports1764001100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports DROP CONSTRAINT ck_imports_status`);
    await q.query(
      `ALTER TABLE imports ADD CONSTRAINT ck_imports_status CHECK (status IN ('succeeded','rejected','duplicate','failed','undone'))`,
    );
    await q.query(`ALTER TABLE imports ADD COLUMN undone_at timestamptz, ADD COLUMN undone_by text, ADD COLUMN undo_reason text`);
    await q.query(`
      CREATE TABLE import_changes (
        id bigserial NOT NULL,
        import_id int NOT NULL,
        table_name text NOT NULL,
        row_key jsonb NOT NULL,
        operation char(1) NOT NULL,
        before jsonb,
        CONSTRAINT pk_import_changes PRIMARY KEY (id),
        CONSTRAINT fk_import_changes_import FOREIGN KEY (import_id) REFERENCES imports (id),
        CONSTRAINT ck_import_changes_operation CHECK (operation IN ('I', 'U', 'D')),
        CONSTRAINT ck_import_changes_before CHECK ((operation = 'I') = (before IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_import_changes_import ON import_changes (import_id, id)`);
    await q.query(`CREATE INDEX ix_import_changes_key ON import_changes (table_name, row_key)`);
    await q.query(`
      CREATE FUNCTION record_import_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        current_import text := current_setting('kaigo.import_id', true);
      BEGIN
        IF current_import IS NULL OR current_import = '' THEN RETURN NULL; END IF;
        IF TG_OP = 'INSERT' THEN
          INSERT INTO import_changes (import_id, table_name, row_key, operation, before)
          SELECT current_import::int, TG_TABLE_NAME, (SELECT jsonb_object_agg(k, to_jsonb(n) -> k) FROM unnest(TG_ARGV) k), 'I', NULL
          FROM new_rows n;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO import_changes (import_id, table_name, row_key, operation, before)
          SELECT current_import::int, TG_TABLE_NAME, (SELECT jsonb_object_agg(k, to_jsonb(o) -> k) FROM unnest(TG_ARGV) k), 'U', to_jsonb(o)
          FROM old_rows o;
        ELSE
          INSERT INTO import_changes (import_id, table_name, row_key, operation, before)
          SELECT current_import::int, TG_TABLE_NAME, (SELECT jsonb_object_agg(k, to_jsonb(o) -> k) FROM unnest(TG_ARGV) k), 'D', to_jsonb(o)
          FROM old_rows o;
        END IF;
        RETURN NULL;
      END $$`);
    for (const { table, key } of TRACKED_TABLES) {
      const args = key.map((k) => `'${k}'`).join(', ');
      await q.query(`CREATE TRIGGER trg_${table}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION record_import_changes(${args})`);
      await q.query(`CREATE TRIGGER trg_${table}_updated AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION record_import_changes(${args})`);
      await q.query(`CREATE TRIGGER trg_${table}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION record_import_changes(${args})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of TRACKED_TABLES) {
      for (const op of ['inserted', 'updated', 'deleted']) await q.query(`DROP TRIGGER trg_${table}_${op} ON ${table}`);
    }
    await q.query(`DROP FUNCTION record_import_changes()`);
    await q.query(`DROP TABLE import_changes`);
    await q.query(`UPDATE imports SET status = 'succeeded' WHERE status = 'undone'`);
    await q.query(`ALTER TABLE imports DROP COLUMN undone_at, DROP COLUMN undone_by, DROP COLUMN undo_reason`);
    await q.query(`ALTER TABLE imports DROP CONSTRAINT ck_imports_status`);
    await q.query(`ALTER TABLE imports ADD CONSTRAINT ck_imports_status CHECK (status IN ('succeeded','rejected','duplicate','failed'))`);
  }
}
