import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_TYPES } from '../domain/service-types.js';

/**
 * Real files: an office holds several services, each with its own validity (office_services); the open
 * data's full service-type list; designated-city wards (the open data writes ward codes); previews of an
 * upload kept until they are committed.
 */
export class RealData1764000800000 implements MigrationInterface {
  name = 'RealData1764000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE municipality_wards (
        code char(6) NOT NULL,
        name text NOT NULL,
        municipality_code char(6) NOT NULL,
        CONSTRAINT pk_municipality_wards PRIMARY KEY (code),
        CONSTRAINT fk_municipality_wards_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code)
      )`);
    for (const t of SERVICE_TYPES) {
      // Names follow the open data; whether a type counts toward adoption stays as configured.
      await q.query(
        `INSERT INTO service_types (code, name, counts_toward_adoption, note) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
        [
          t.code,
          t.name,
          t.counts,
          /^3[36]\d$/.test(t.code) && t.code !== '330' ? '名称は公表ファイルで確認（ファイル名のコードを正とする）' : null,
        ],
      );
    }
    await q.query(`
      CREATE TABLE office_services (
        office_number char(10) NOT NULL,
        service_type_code char(3) NOT NULL,
        designated_on date NOT NULL,
        abolished_on date,
        dated_by text NOT NULL DEFAULT 'file',
        import_id int,
        CONSTRAINT pk_office_services PRIMARY KEY (office_number, service_type_code),
        CONSTRAINT fk_office_services_office FOREIGN KEY (office_number) REFERENCES care_offices (office_number) ON DELETE CASCADE,
        CONSTRAINT fk_office_services_type FOREIGN KEY (service_type_code) REFERENCES service_types (code),
        CONSTRAINT fk_office_services_import FOREIGN KEY (import_id) REFERENCES imports (id),
        CONSTRAINT ck_office_services_dates CHECK (abolished_on IS NULL OR abolished_on >= designated_on),
        CONSTRAINT ck_office_services_dated_by CHECK (dated_by IN ('file', 'snapshot'))
      )`);
    await q.query(`INSERT INTO office_services (office_number, service_type_code, designated_on, abolished_on, import_id)
      SELECT office_number, service_type_code, designated_on, abolished_on, import_id FROM care_offices`);
    await q.query(`CREATE INDEX ix_office_services_type ON office_services (service_type_code)`);
    await q.query(`ALTER TABLE care_offices DROP CONSTRAINT ck_care_offices_dates, DROP CONSTRAINT fk_care_offices_service_type,
      DROP COLUMN service_type_code, DROP COLUMN designated_on, DROP COLUMN abolished_on`);
    // 総合事業 offices carry a capital letter in the third place (04A0700017).
    await q.query(`ALTER TABLE care_offices DROP CONSTRAINT ck_care_offices_number`);
    await q.query(`ALTER TABLE care_offices ADD CONSTRAINT ck_care_offices_number CHECK (office_number ~ '^[0-9]{2}[0-9A-Z][0-9]{7}$')`);
    await q.query(`
      CREATE TABLE import_previews (
        id text NOT NULL,
        kind text NOT NULL,
        parameters jsonb NOT NULL,
        files jsonb NOT NULL,
        data_version int NOT NULL,
        report jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        committed_import_id int,
        CONSTRAINT pk_import_previews PRIMARY KEY (id),
        CONSTRAINT fk_import_previews_import FOREIGN KEY (committed_import_id) REFERENCES imports (id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_previews`);
    await q.query(`ALTER TABLE care_offices DROP CONSTRAINT ck_care_offices_number`);
    await q.query(
      `ALTER TABLE care_offices ADD COLUMN service_type_code char(3), ADD COLUMN designated_on date, ADD COLUMN abolished_on date`,
    );
    await q.query(`UPDATE care_offices o SET service_type_code = s.service_type_code, designated_on = s.designated_on, abolished_on = s.abolished_on
      FROM (SELECT DISTINCT ON (office_number) * FROM office_services ORDER BY office_number, service_type_code) s WHERE s.office_number = o.office_number`);
    await q.query(
      `DELETE FROM cpdl_licenses WHERE office_number IN (SELECT office_number FROM care_offices WHERE service_type_code IS NULL)`,
    );
    await q.query(`DELETE FROM care_offices WHERE service_type_code IS NULL`);
    await q.query(`ALTER TABLE care_offices ALTER COLUMN service_type_code SET NOT NULL, ALTER COLUMN designated_on SET NOT NULL,
      ADD CONSTRAINT fk_care_offices_service_type FOREIGN KEY (service_type_code) REFERENCES service_types (code),
      ADD CONSTRAINT ck_care_offices_dates CHECK (abolished_on IS NULL OR abolished_on >= designated_on),
      ADD CONSTRAINT ck_care_offices_number CHECK (office_number ~ '^[0-9]{10}$')`);
    await q.query(`DROP TABLE office_services`);
    await q.query(`DROP TABLE municipality_wards`);
  }
}
