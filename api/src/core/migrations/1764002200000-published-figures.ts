import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Figures others publish (the ministry's slides, WAMNET), recorded by national staff with their source and
 * shown beside the tracked series on the national trend. Seeded with the two national usage rates known.
 */
export class PublishedFigures1764002200000 implements MigrationInterface {
  name = 'PublishedFigures1764002200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE published_figures (
        id serial NOT NULL,
        measure text NOT NULL,
        value numeric NOT NULL,
        as_of date NOT NULL,
        source text NOT NULL,
        source_url text,
        note text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_published_figures PRIMARY KEY (id),
        CONSTRAINT ck_published_figures_measure CHECK (measure IN ('application_rate', 'usage_rate')),
        CONSTRAINT ck_published_figures_rate CHECK (value >= 0 AND value <= 1),
        CONSTRAINT ck_published_figures_url CHECK (source_url IS NULL OR source_url ~ '^https?://'),
        CONSTRAINT uq_published_figures UNIQUE (measure, as_of, source)
      )`);
    await q.query(`
      INSERT INTO published_figures (measure, value, as_of, source, note, created_by) VALUES
        ('usage_rate', 0.072, '2025-05-31', '厚生労働省資料（ケアプランデータ連携システム）', '全国の利用率 7.2%（2025年5月末）', 'seed'),
        ('usage_rate', 0.076, '2026-01-31', 'WAMNET', '利用事業所 19,283（約7.6%、2026年1月）', 'seed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE published_figures`);
  }
}
