import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events shown on every time-series chart: policy changes recorded by national staff (seeded with those since
 * the slides), and a prefecture's or municipality's own (training sessions, model-region starts). The scope is
 * the area whose charts show it: none (national), a prefecture, or a municipality.
 */
export class PolicyEvents1764002100000 implements MigrationInterface {
  name = 'PolicyEvents1764002100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policy_events (
        id serial NOT NULL,
        occurred_on date NOT NULL,
        title text NOT NULL,
        kind text NOT NULL,
        source text,
        source_url text,
        prefecture_code char(2),
        municipality_code char(6),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_policy_events PRIMARY KEY (id),
        CONSTRAINT ck_policy_events_kind CHECK (kind IN ('policy', 'licence', 'subsidy', 'fee_revision', 'training', 'model_region', 'other')),
        CONSTRAINT ck_policy_events_title CHECK (length(title) BETWEEN 1 AND 120),
        CONSTRAINT ck_policy_events_url CHECK (source_url IS NULL OR source_url ~ '^https?://'),
        CONSTRAINT ck_policy_events_scope CHECK (municipality_code IS NULL OR left(municipality_code, 2) = prefecture_code),
        CONSTRAINT fk_policy_events_prefecture FOREIGN KEY (prefecture_code) REFERENCES prefectures (code),
        CONSTRAINT fk_policy_events_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code)
      )`);
    await q.query(`CREATE INDEX ix_policy_events_scope ON policy_events (prefecture_code, municipality_code, occurred_on)`);
    // The policy changes since the slides (DESIGN.md, from public notices); created_by 'seed' marks them.
    await q.query(`
      INSERT INTO policy_events (occurred_on, title, kind, source, created_by) VALUES
        ('2025-06-01', 'ライセンス料（年21,000円）1年間無料の開始', 'licence', '厚生労働省資料（ケアプランデータ連携システム）', 'seed'),
        ('2025-07-22', '介護情報基盤への統合方針', 'policy', '介護保険最新情報 Vol.1405（2025-07-22）', 'seed'),
        ('2025-12-25', '令和7年度補正 賃上げ・職場環境改善支援事業: 居宅介護支援は連携システムへの参加（誓約可）が要件', 'subsidy', '介護保険最新情報 Vol.1454（2025-12-25）', 'seed'),
        ('2026-06-01', 'ライセンス料無料の継続（令和8年度）', 'licence', '厚生労働省資料（ケアプランデータ連携システム）', 'seed'),
        ('2026-06-01', '介護報酬改定: 訪問・通所の処遇改善加算に連携システムへの参加（利用報告）が要件', 'fee_revision', '令和8年度 介護報酬改定', 'seed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE policy_events`);
  }
}
