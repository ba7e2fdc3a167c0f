import type { MigrationInterface, QueryRunner } from 'typeorm';

const SOURCE = '令和6年度補正予算 介護テクノロジー導入・協働化等支援事業（社会保障審議会 介護保険部会 資料）';

/** Programmes, caps and rates from the seed's last slide; readings of ambiguous points are in `note`. */
const PROGRAMS: [
  string,
  string,
  string,
  string | null,
  number,
  number | null,
  number,
  number | null,
  number | null,
  string | null,
  string,
][] = [
  // code, category, name, device category, cap, add-on cap, max rate, max per prefecture, max total per prefecture, condition deadline, note
  [
    'tech_transfer_bath',
    'technology',
    '介護テクノロジー導入支援（移乗支援・入浴支援）',
    '移乗支援・入浴支援',
    1000000,
    null,
    0.8,
    null,
    null,
    '2026-03-31',
    '1機器あたり100万円。補助率は業務改善支援(3)と併せて実施で4/5、単独では3/4（上限として4/5で検証）',
  ],
  [
    'tech_software',
    'technology',
    '介護テクノロジー導入支援（介護ソフト）',
    '介護ソフト',
    2500000,
    2550000,
    0.8,
    null,
    null,
    '2026-03-31',
    '250万円（利用者数で変動するライセンス契約は職員数に応じ100〜250万円：上限250万円で検証）。ケアプランデータ連携システムで5事業所以上と連携する場合5万円加算（255万円）',
  ],
  [
    'tech_other',
    'technology',
    '介護テクノロジー導入支援（その他の機器）',
    'その他機器',
    300000,
    null,
    0.8,
    null,
    null,
    '2026-03-31',
    '1機器あたり30万円',
  ],
  [
    'tech_terminal',
    'technology',
    '介護テクノロジー導入支援（情報端末）',
    '情報端末',
    100000,
    null,
    0.8,
    null,
    null,
    '2026-03-31',
    '情報端末の上限10万円',
  ],
  [
    'package',
    'package',
    '介護テクノロジーのパッケージ型導入支援',
    null,
    10000000,
    null,
    0.8,
    null,
    null,
    '2026-03-31',
    '400万円以上1,000万円以下で都道府県が設定する額：上限1,000万円で検証',
  ],
  [
    'business_improvement',
    'business_improvement',
    '導入支援と一体的に行う業務改善支援',
    null,
    450000,
    480000,
    0.8,
    null,
    null,
    null,
    '45万円。（3）を併せて実施する場合48万円：機器区分「加算あり」で48万円まで',
  ],
  [
    'model_region',
    'model_region',
    '面的支援によるモデル施設の育成・モデル地域づくり事業',
    null,
    20000000,
    null,
    1.0,
    3,
    null,
    null,
    '1モデルあたり2,000万円、1都道府県あたり上限3モデル。都道府県実施で10/10と読む',
  ],
  [
    'cpdl_model_region',
    'cpdl_model_region',
    'ケアプランデータ連携システムの活用促進モデル地域づくり事業',
    null,
    8500000,
    null,
    1.0,
    null,
    60000000,
    null,
    '1モデルあたり850万円、モデル数の上限なし。「1都道府県あたり上限6,000万円」はこの事業の都道府県合計と読む。10/10',
  ],
  [
    'collaboration_group',
    'collaboration',
    '協働化・大規模化等による職場環境改善（事業者グループ）',
    '事業者グループ',
    12000000,
    null,
    0.75,
    null,
    null,
    null,
    '1事業者グループあたり1,200万円。補助率の記載がないため3/4と読む',
  ],
  [
    'collaboration_corporation',
    'collaboration',
    '協働化・大規模化等による職場環境改善（法人）',
    '法人',
    1200000,
    null,
    0.75,
    null,
    null,
    null,
    'グループを構成する1法人ごと120万円',
  ],
  [
    'collaboration_homevisit',
    'collaboration',
    '協働化・大規模化等による職場環境改善（法人・訪問介護）',
    '法人（訪問介護）',
    1500000,
    null,
    0.75,
    null,
    null,
    null,
    '訪問介護の場合150万円',
  ],
];

export class Subsidies1764000300000 implements MigrationInterface {
  name = 'Subsidies1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subsidy_programs (
        code text NOT NULL,
        fiscal_year int NOT NULL,
        category text NOT NULL,
        name text NOT NULL,
        device_category text,
        cap_yen bigint NOT NULL,
        addon_cap_yen bigint,
        max_rate numeric(5,4) NOT NULL,
        max_per_prefecture int,
        max_total_per_prefecture_yen bigint,
        condition_deadline date,
        note text NOT NULL,
        source text NOT NULL,
        CONSTRAINT pk_subsidy_programs PRIMARY KEY (code),
        CONSTRAINT ck_subsidy_programs_rate CHECK (max_rate > 0 AND max_rate <= 1),
        CONSTRAINT ck_subsidy_programs_addon CHECK (addon_cap_yen IS NULL OR addon_cap_yen > cap_yen)
      )`);
    for (const p of PROGRAMS) {
      await q.query(
        `INSERT INTO subsidy_programs (code, fiscal_year, category, name, device_category, cap_yen, addon_cap_yen, max_rate,
           max_per_prefecture, max_total_per_prefecture_yen, condition_deadline, note, source)
         VALUES ($1, 2024, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [...p, SOURCE],
      );
    }
    await q.query(`
      CREATE TABLE subsidy_grants (
        grant_key char(40) NOT NULL,
        fiscal_year int NOT NULL,
        prefecture_code char(2) NOT NULL,
        municipality_code char(6),
        office_number char(10),
        program_code text NOT NULL,
        eligible_cost bigint NOT NULL,
        amount bigint NOT NULL,
        decided_on date NOT NULL,
        linked_offices int,
        import_id int NOT NULL,
        CONSTRAINT pk_subsidy_grants PRIMARY KEY (grant_key),
        CONSTRAINT fk_subsidy_grants_program FOREIGN KEY (program_code) REFERENCES subsidy_programs (code),
        CONSTRAINT fk_subsidy_grants_prefecture FOREIGN KEY (prefecture_code) REFERENCES prefectures (code),
        CONSTRAINT fk_subsidy_grants_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code),
        CONSTRAINT fk_subsidy_grants_office FOREIGN KEY (office_number) REFERENCES care_offices (office_number),
        CONSTRAINT fk_subsidy_grants_import FOREIGN KEY (import_id) REFERENCES imports (id),
        CONSTRAINT ck_subsidy_grants_amount CHECK (amount > 0 AND amount <= eligible_cost)
      )`);
    await q.query(`CREATE INDEX ix_subsidy_grants_prefecture ON subsidy_grants (prefecture_code, fiscal_year)`);
    await q.query(`CREATE INDEX ix_subsidy_grants_office ON subsidy_grants (office_number)`);
    await q.query(`
      CREATE TABLE subsidy_summary (
        fiscal_year int NOT NULL,
        prefecture_code char(2) NOT NULL,
        program_code text NOT NULL,
        grants int NOT NULL,
        offices int NOT NULL,
        amount bigint NOT NULL,
        share_of_national double precision,
        job_run_id int NOT NULL,
        CONSTRAINT pk_subsidy_summary PRIMARY KEY (fiscal_year, prefecture_code, program_code),
        CONSTRAINT fk_subsidy_summary_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id)
      )`);
    await q.query(`
      CREATE TABLE subsidy_compliance (
        office_number char(10) NOT NULL,
        office_name text NOT NULL,
        municipality_code char(6) NOT NULL,
        prefecture_code char(2) NOT NULL,
        service_type_code char(3) NOT NULL,
        programs text NOT NULL,
        amount bigint NOT NULL,
        deadline date NOT NULL,
        status text NOT NULL,
        job_run_id int NOT NULL,
        CONSTRAINT pk_subsidy_compliance PRIMARY KEY (office_number),
        CONSTRAINT fk_subsidy_compliance_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id)
      )`);
    await q.query(`
      CREATE TABLE subsidy_effect (
        as_of date NOT NULL,
        baseline date NOT NULL,
        group_kind text NOT NULL,
        group_key text NOT NULL,
        municipalities int NOT NULL,
        target_offices_before int NOT NULL,
        applied_before int NOT NULL,
        rate_before double precision,
        target_offices_after int NOT NULL,
        applied_after int NOT NULL,
        rate_after double precision,
        change double precision,
        job_run_id int NOT NULL,
        CONSTRAINT pk_subsidy_effect PRIMARY KEY (as_of, group_kind, group_key),
        CONSTRAINT fk_subsidy_effect_run FOREIGN KEY (job_run_id) REFERENCES job_runs (id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['subsidy_effect', 'subsidy_compliance', 'subsidy_summary', 'subsidy_grants', 'subsidy_programs'])
      await q.query(`DROP TABLE ${t}`);
  }
}
