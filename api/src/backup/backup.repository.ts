import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';

/** Tables that a restore leaves as the target's migrations made them. */
const NOT_RESTORED = new Set(['typeorm_migrations']);

export interface DumpedTable {
  table: string;
  file: string;
  rows: number;
}

/**
 * The database side of backup and restore: every table of the app copied out as CSV (with header) inside
 * one REPEATABLE READ READ ONLY transaction — a consistent snapshot while the server keeps running — and
 * copied back in dependency order in one transaction. Plain COPY, so an archive moves between the
 * embedded server and an external PostgreSQL of another major version.
 */
@Injectable()
export class BackupRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const [client, release] = (await this.db.driver.obtainMasterConnection()) as [pg.PoolClient, () => void];
    try {
      return await work(client);
    } finally {
      release();
    }
  }

  /** The app's tables, parents before children (foreign keys), so a load in this order never dangles. */
  private async tablesInOrder(client: pg.PoolClient): Promise<string[]> {
    const tables = (
      await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
      )
    ).rows.map((r) => r.name);
    const edges = (
      await client.query<{ child: string; parent: string }>(
        `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
         JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema() AND c.conrelid <> c.confrelid`,
      )
    ).rows;
    const ordered: string[] = [];
    const visit = (table: string, path: Set<string>) => {
      if (ordered.includes(table) || path.has(table)) return;
      path.add(table);
      for (const e of edges) if (e.child === table) visit(e.parent, path);
      ordered.push(table);
    };
    for (const t of tables) visit(t, new Set());
    return ordered;
  }

  /** Copies every table to `dir/<table>.csv` from one snapshot; answers the tables, rows and the server's version. */
  async dump(fileOf: (table: string) => string): Promise<{ tables: DumpedTable[]; serverVersion: string; migrations: string[] }> {
    return this.withClient(async (client) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const tables: DumpedTable[] = [];
        for (const table of await this.tablesInOrder(client)) {
          const file = fileOf(table);
          await pipeline(client.query(copyTo(`COPY "${table}" TO STDOUT WITH (FORMAT csv, HEADER true)`)), createWriteStream(file));
          const [{ n }] = (await client.query(`SELECT count(*)::bigint AS n FROM "${table}"`)).rows;
          tables.push({ table, file, rows: Number(n) });
        }
        const serverVersion = (await client.query(`SHOW server_version`)).rows[0].server_version as string;
        const migrations = (await client.query<{ name: string }>(`SELECT name FROM typeorm_migrations ORDER BY id`)).rows.map(
          (r) => r.name,
        );
        await client.query('COMMIT');
        return { tables, serverVersion, migrations };
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    });
  }

  /** What the target already holds: a restore refuses a database with imports, accounts or job runs unless forced. */
  async contents(): Promise<{ imports: number; users: number; job_runs: number }> {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*) FROM imports)::int AS imports, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM job_runs)::int AS job_runs`,
    );
    return row;
  }

  async migrations(): Promise<string[]> {
    const rows: { name: string }[] = await this.db.query(`SELECT name FROM typeorm_migrations ORDER BY id`);
    return rows.map((r) => r.name);
  }

  /**
   * Replaces every table's rows with the archive's, in one transaction (all or nothing): empties them,
   * loads parents before children by the columns each CSV names, and moves every sequence past its rows.
   */
  async load(files: Map<string, { file: string; columns: string[] }>): Promise<Record<string, number>> {
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      try {
        const order = (await this.tablesInOrder(client)).filter((t) => !NOT_RESTORED.has(t));
        await client.query(`TRUNCATE ${order.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
        const loaded: Record<string, number> = {};
        for (const table of order) {
          const source = files.get(table);
          if (!source) continue;
          const columns = source.columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
          await pipeline(
            createReadStream(source.file),
            client.query(copyFrom(`COPY "${table}" (${columns}) FROM STDIN WITH (FORMAT csv, HEADER true)`)),
          );
          loaded[table] = Number((await client.query(`SELECT count(*)::bigint AS n FROM "${table}"`)).rows[0].n);
        }
        await client.query(`
          DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
                     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
                       AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL
            LOOP
              EXECUTE format('SELECT setval(%L, coalesce((SELECT max(%I) FROM %I), 0) + 1, false)', r.seq, r.col, r.tbl);
            END LOOP;
          END $$`);
        await client.query('COMMIT');
        return loaded;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    });
  }
}
