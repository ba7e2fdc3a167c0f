import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Adoption1764000100000 implements MigrationInterface {
  name = 'Adoption1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id serial NOT NULL,
        kind text NOT NULL,
        file_name text NOT NULL,
        sha256 char(64) NOT NULL,
        encoding text,
        rows int NOT NULL DEFAULT 0,
        inserted int NOT NULL DEFAULT 0,
        updated int NOT NULL DEFAULT 0,
        unchanged int NOT NULL DEFAULT 0,
        status text NOT NULL,
        errors jsonb,
        duplicate_of int,
        is_demo boolean NOT NULL DEFAULT false,
        parameters jsonb,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_imports PRIMARY KEY (id),
        CONSTRAINT ck_imports_status CHECK (status IN ('succeeded','rejected','duplicate')),
        CONSTRAINT fk_imports_duplicate_of FOREIGN KEY (duplicate_of) REFERENCES imports (id)
      )`);
    await q.query(`CREATE INDEX ix_imports_kind_sha ON imports (kind, sha256)`);
    await q.query(`
      CREATE TABLE settings (
        key text NOT NULL,
        value text NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        source text NOT NULL,
        note text,
        CONSTRAINT pk_settings PRIMARY KEY (key, valid_from),
        CONSTRAINT ck_settings_validity CHECK (valid_to IS NULL OR valid_to > valid_from)
      )`);
    await q.query(`
      INSERT INTO settings (key, value, valid_from, source, note) VALUES
      ('cpdl_target_rate', '0.30', '2023-04-01', '社会保障審議会 介護保険部会 資料（ケアプランデータ連携システムの導入目標 30%）',
       'share of target offices per municipality that have applied')`);
    await q.query(`
      CREATE TABLE service_types (
        code char(3) NOT NULL,
        name text NOT NULL,
        counts_toward_adoption boolean NOT NULL,
        note text,
        CONSTRAINT pk_service_types PRIMARY KEY (code),
        CONSTRAINT ck_service_types_code CHECK (code ~ '^[0-9A-Z]{3}$')
      )`);
    await q.query(`
      INSERT INTO service_types (code, name, counts_toward_adoption, note) VALUES
      ('430','居宅介護支援',true,'care management: sends care plans'),
      ('460','介護予防支援（地域包括支援センター）',true,'care management for support-level users'),
      ('110','訪問介護',true,'receives care plans'),
      ('120','訪問入浴介護',true,'receives care plans'),
      ('130','訪問看護',true,'receives care plans'),
      ('140','訪問リハビリテーション',true,'receives care plans'),
      ('150','通所介護',true,'receives care plans'),
      ('160','通所リハビリテーション',true,'receives care plans'),
      ('170','福祉用具貸与',true,'receives care plans'),
      ('210','短期入所生活介護',true,'receives care plans'),
      ('220','短期入所療養介護',true,'receives care plans'),
      ('710','夜間対応型訪問介護',true,'receives care plans'),
      ('720','認知症対応型通所介護',true,'receives care plans'),
      ('730','小規模多機能型居宅介護',true,'receives care plans'),
      ('760','定期巡回・随時対応型訪問介護看護',true,'receives care plans'),
      ('770','看護小規模多機能型居宅介護',true,'receives care plans'),
      ('780','地域密着型通所介護',true,'receives care plans'),
      ('320','認知症対応型共同生活介護',false,'residential: no home-care plan exchange'),
      ('330','特定施設入居者生活介護',false,'residential'),
      ('510','介護福祉施設サービス',false,'facility'),
      ('520','介護保健施設サービス',false,'facility'),
      ('540','地域密着型介護老人福祉施設',false,'facility')`);
    await q.query(`
      CREATE TABLE care_offices (
        office_number char(10) NOT NULL,
        name text NOT NULL,
        service_type_code char(3) NOT NULL,
        municipality_code char(6) NOT NULL,
        designated_on date NOT NULL,
        abolished_on date,
        import_id int NOT NULL,
        CONSTRAINT pk_care_offices PRIMARY KEY (office_number),
        CONSTRAINT fk_care_offices_service_type FOREIGN KEY (service_type_code) REFERENCES service_types (code),
        CONSTRAINT fk_care_offices_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code),
        CONSTRAINT fk_care_offices_import FOREIGN KEY (import_id) REFERENCES imports (id),
        CONSTRAINT ck_care_offices_number CHECK (office_number ~ '^[0-9]{10}$'),
        CONSTRAINT ck_care_offices_dates CHECK (abolished_on IS NULL OR abolished_on >= designated_on)
      )`);
    await q.query(`CREATE INDEX ix_care_offices_municipality ON care_offices (municipality_code)`);
    await q.query(`
      CREATE TABLE cpdl_licenses (
        office_number char(10) NOT NULL,
        applied_on date NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        import_id int NOT NULL,
        CONSTRAINT pk_cpdl_licenses PRIMARY KEY (office_number),
        CONSTRAINT fk_cpdl_licenses_office FOREIGN KEY (office_number) REFERENCES care_offices (office_number),
        CONSTRAINT fk_cpdl_licenses_import FOREIGN KEY (import_id) REFERENCES imports (id),
        CONSTRAINT ck_cpdl_licenses_dates CHECK (starts_on >= applied_on AND (ends_on IS NULL OR ends_on >= starts_on))
      )`);
    await q.query(`ALTER TABLE job_runs ADD COLUMN source_import_ids int[]`);
    for (const grain of ['municipality', 'prefecture', 'class', 'national']) {
      const key =
        grain === 'municipality'
          ? 'municipality_code char(6) NOT NULL, prefecture_code char(2) NOT NULL, class text NOT NULL,'
          : grain === 'prefecture'
            ? 'prefecture_code char(2) NOT NULL,'
            : grain === 'class'
              ? 'class text NOT NULL,'
              : '';
      const extra =
        grain === 'municipality'
          ? `size_band text, rank_in_prefecture int, percentile_in_class double precision, offices_needed int NOT NULL,`
          : `municipalities int NOT NULL, municipalities_meeting_target int NOT NULL, offices_needed int NOT NULL,`;
      const pk =
        grain === 'municipality'
          ? 'as_of, municipality_code'
          : grain === 'prefecture'
            ? 'as_of, prefecture_code'
            : grain === 'class'
              ? 'as_of, class'
              : 'as_of';
      await q.query(`
        CREATE TABLE adoption_${grain} (
          as_of date NOT NULL,
          ${key}
          target_offices int NOT NULL,
          applied_offices int NOT NULL,
          in_force_offices int NOT NULL,
          application_rate double precision,
          usage_rate double precision,
          target_rate double precision NOT NULL,
          meets_target boolean,
          ${extra}
          job_run_id int NOT NULL,
          CONSTRAINT pk_adoption_${grain} PRIMARY KEY (${pk}),
          CONSTRAINT fk_adoption_${grain}_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id)
        )`);
    }
    await q.query(`CREATE INDEX ix_adoption_municipality_code ON adoption_municipality (municipality_code, as_of)`);
    await q.query(`CREATE INDEX ix_adoption_municipality_prefecture ON adoption_municipality (as_of, prefecture_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const grain of ['national', 'class', 'prefecture', 'municipality']) await q.query(`DROP TABLE adoption_${grain}`);
    await q.query(`ALTER TABLE job_runs DROP COLUMN source_import_ids`);
    await q.query(`DROP TABLE cpdl_licenses`);
    await q.query(`DROP TABLE care_offices`);
    await q.query(`DROP TABLE service_types`);
    await q.query(`DROP TABLE settings`);
    await q.query(`DROP TABLE imports`);
  }
}
