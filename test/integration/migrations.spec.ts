import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../api/src/core/database/data-source-options.js';
import { MIGRATIONS } from '../../api/src/core/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const tables = async (ds: DataSource) =>
  (
    (await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)) as {
      table_name: string;
    }[]
  ).map((r) => r.table_name);

describe('migrations on a fresh PostgreSQL database', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('run up, then all the way down, then up again', async () => {
    const applied = await ds.runMigrations();
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await tables(ds)).toEqual(expect.arrayContaining(['prefectures', 'municipalities', 'job_runs', 'reference_summary']));
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
    expect(await tables(ds)).toEqual(['typeorm_migrations']);
    expect(await ds.runMigrations()).toHaveLength(MIGRATIONS.length);
  });

  it('refuses a municipality code whose prefecture does not match', async () => {
    await ds.query(`INSERT INTO prefectures VALUES ('01','北海道','ホッカイドウ','北海道') ON CONFLICT DO NOTHING`);
    await expect(
      ds.query(`INSERT INTO municipalities (code, prefecture_code, name, kana, class) VALUES ('452025','01','x','x','city')`),
    ).rejects.toThrow(/ck_municipalities_code/);
  });
});
