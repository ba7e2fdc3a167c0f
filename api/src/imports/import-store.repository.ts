import { holdLocks, LOCK_NAMESPACE } from '../core/database/advisory-locks.js';
import type { EntityManager } from 'typeorm';
import type { WriteCounts } from './import-kind.js';
import { MunicipalityDirectory } from './municipality-directory.js';

export interface UpsertColumn {
  name: string;
  /** PostgreSQL type of the array element, e.g. 'char(10)', 'date', 'text'. */
  type: string;
  /** An empty value in the file keeps the stored one (a list without telephone numbers does not erase them). */
  keepWhenEmpty?: boolean;
}

/** A row of subsidy_programs as the grant checks use it. */
export interface SubsidyProgram {
  code: string;
  category: string;
  name: string;
  device_category: string | null;
  cap_yen: number;
  addon_cap_yen: number | null;
  max_rate: number;
  max_per_prefecture: number | null;
  max_total_per_prefecture_yen: number | null;
}

/** An account as a bulk upload compares against. */
export interface ExistingAccount {
  username: string;
  role: string;
  prefecture_code: string | null;
  municipality_code: string | null;
}

const UPSERT_BATCH = 5000;
const LOOKUP_BATCH = 50_000;

/**
 * What the import kinds read and write, inside the import's transaction: the only place their SQL
 * lives, so a kind is rules over typed look-ups (ImportsRepository.store(manager) makes one).
 */
export class ImportStore {
  constructor(private readonly manager: EntityManager) {}

  /** Usage months (YYYY-MM) held against other imports until the returned release (see usage-parquet-store). */
  lockUsageMonths(months: string[]): Promise<() => Promise<void>> {
    return holdLocks(
      this.manager,
      LOCK_NAMESPACE.usageMonth,
      months.map((m) => Number(m.replace('-', ''))),
    );
  }

  /** Every registered municipality, designated-city ward and prefecture, for resolving what files write. */
  async municipalityDirectory(): Promise<MunicipalityDirectory> {
    const municipalities: { code: string; prefecture_code: string; name: string }[] = await this.manager.query(
      `SELECT code, prefecture_code, name FROM municipalities WHERE valid_to IS NULL`,
    );
    const wards: { code: string; name: string; municipality_code: string }[] = await this.manager.query(
      `SELECT code, name, municipality_code FROM municipality_wards`,
    );
    const prefectures: { code: string; name: string }[] = await this.manager.query(`SELECT code, name FROM prefectures`);
    return new MunicipalityDirectory(
      new Map(municipalities.map((m) => [m.code, { prefectureCode: m.prefecture_code, name: m.name }])),
      new Map(wards.map((w) => [w.code, { municipalityCode: w.municipality_code, name: w.name }])),
      new Map(prefectures.map((p) => [p.code, p.name])),
    );
  }

  /** Municipality code → prefecture code, for every registered municipality. */
  async municipalityPrefectures(): Promise<Map<string, string>> {
    const rows: { code: string; prefecture_code: string }[] = await this.manager.query(`SELECT code, prefecture_code FROM municipalities`);
    return new Map(rows.map((m) => [m.code, m.prefecture_code]));
  }

  /** Every service type: its name and whether it counts toward adoption. */
  async serviceTypes(): Promise<Map<string, { name: string; counts: boolean }>> {
    const rows: { code: string; name: string; counts: boolean }[] = await this.manager.query(
      `SELECT code, name, counts_toward_adoption AS counts FROM service_types`,
    );
    return new Map(rows.map((s) => [s.code, { name: s.name, counts: s.counts }]));
  }

  /** The registered offices of some municipalities, to match rows of a list that gives no office number. */
  async officesIn(
    municipalities: string[],
  ): Promise<{ office_number: string; name: string; phone: string | null; municipality_code: string }[]> {
    return this.manager.query(
      `SELECT office_number, name, phone, municipality_code FROM care_offices WHERE municipality_code = ANY($1::char(6)[])`,
      [[...new Set(municipalities)]],
    );
  }

  async serviceTypeCodes(): Promise<Set<string>> {
    const rows: { code: string }[] = await this.manager.query(`SELECT code FROM service_types`);
    return new Set(rows.map((s) => s.code));
  }

  /** Office number → its municipality, for those of `numbers` that are registered. */
  async officeMunicipalities(numbers: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const unique = [...new Set(numbers)];
    for (let i = 0; i < unique.length; i += LOOKUP_BATCH) {
      const rows: { office_number: string; municipality_code: string }[] = await this.manager.query(
        `SELECT office_number, municipality_code FROM care_offices WHERE office_number = ANY($1::char(10)[])`,
        [unique.slice(i, i + LOOKUP_BATCH)],
      );
      for (const r of rows) found.set(r.office_number, r.municipality_code);
    }
    return found;
  }

  async subsidyPrograms(): Promise<SubsidyProgram[]> {
    const rows: SubsidyProgram[] = await this.manager.query(`SELECT * FROM subsidy_programs`);
    return rows.map((r) => ({
      ...r,
      max_rate: Number(r.max_rate),
      cap_yen: Number(r.cap_yen),
      addon_cap_yen: r.addon_cap_yen && Number(r.addon_cap_yen),
    }));
  }

  /** Grants already stored for a programme per fiscal year and prefecture, leaving out the given keys (those being re-imported). */
  async grantTallies(
    programCode: string,
    exceptKeys: string[],
  ): Promise<{ fiscal_year: number; prefecture_code: string; n: number; total: number }[]> {
    return this.manager.query(
      `SELECT fiscal_year, prefecture_code, count(*)::int AS n, sum(amount)::float8 AS total FROM subsidy_grants
       WHERE program_code = $1 AND NOT (grant_key = ANY($2::char(40)[])) GROUP BY 1, 2`,
      [programCode, exceptKeys],
    );
  }

  async saveSurveyRound(round: { round: string; name: string; conductedOn: string }, importId: number): Promise<void> {
    await this.manager.query(
      `INSERT INTO survey_rounds (round, name, conducted_on, import_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (round) DO UPDATE SET name = EXCLUDED.name, conducted_on = EXCLUDED.conducted_on, import_id = EXCLUDED.import_id
       WHERE (survey_rounds.name, survey_rounds.conducted_on) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.conducted_on)`,
      [round.round, round.name, round.conductedOn, importId],
    );
  }

  /** Removes a round's answers from municipalities the new file no longer lists; returns how many. */
  async removeSurveyResponsesExcept(round: string, municipalities: string[]): Promise<number> {
    const [{ removed }] = await this.manager.query(
      `WITH d AS (DELETE FROM survey_responses WHERE round = $1 AND NOT (municipality_code = ANY($2::char(6)[])) RETURNING 1)
       SELECT count(*)::int AS removed FROM d`,
      [round, municipalities],
    );
    return removed;
  }

  /**
   * A snapshot of services as of `date` (a published list of offices, which has no dates): a listed service
   * not yet known starts on `date` ("first seen"), a listed one that was closed opens again, and an open
   * service of the same types and prefectures that the list no longer has closes on `date`. Services of
   * other types or prefectures are never touched, nor the offices in `keep` (rows of the list set aside), nor
   * anything when `close` is false (a partial list imported as additions only). Returns the office:service
   * keys it inserted and reopened, the services it closed, and how many each scope held open before.
   */
  async snapshotServices(
    listed: { office_number: string; service_type_code: string }[],
    scope: { date: string; serviceTypes: string[]; prefectures: string[]; keep: string[]; close: boolean },
    importId: number,
  ): Promise<{
    inserted: string[];
    reopened: string[];
    closed: { office_number: string; name: string; municipality_code: string; service_type_code: string }[];
    held: { prefecture_code: string; service_type_code: string; held: number }[];
  }> {
    const offices = listed.map((l) => l.office_number);
    const types = listed.map((l) => l.service_type_code);
    const held: { prefecture_code: string; service_type_code: string; held: number }[] = await this.manager.query(
      `SELECT left(o.municipality_code, 2) AS prefecture_code, s.service_type_code, count(*)::int AS held
       FROM office_services s JOIN care_offices o USING (office_number)
       WHERE s.service_type_code = ANY($1::char(3)[]) AND left(o.municipality_code, 2) = ANY($2::char(2)[])
         AND s.designated_on <= $3::date AND (s.abolished_on IS NULL OR s.abolished_on > $3::date)
       GROUP BY 1, 2`,
      [scope.serviceTypes, scope.prefectures, scope.date],
    );
    const inserted: { key: string }[] = await this.manager.query(
      `INSERT INTO office_services (office_number, service_type_code, designated_on, dated_by, import_id)
       SELECT o, t, $3::date, 'snapshot', $4 FROM unnest($1::char(10)[], $2::char(3)[]) l(o, t)
       ON CONFLICT (office_number, service_type_code) DO NOTHING RETURNING office_number || ':' || service_type_code AS key`,
      [offices, types, scope.date, importId],
    );
    const [reopened]: [{ key: string }[], number] = await this.manager.query(
      `UPDATE office_services s SET abolished_on = NULL, import_id = $4
       FROM unnest($1::char(10)[], $2::char(3)[]) l(o, t)
       WHERE s.office_number = l.o AND s.service_type_code = l.t AND s.abolished_on IS NOT NULL AND s.abolished_on <= $3::date
       RETURNING s.office_number || ':' || s.service_type_code AS key`,
      [offices, types, scope.date, importId],
    );
    if (!scope.close) return { inserted: inserted.map((r) => r.key), reopened: reopened.map((r) => r.key), closed: [], held };
    const [closed]: [{ office_number: string; name: string; municipality_code: string; service_type_code: string }[], number] =
      await this.manager.query(
        `UPDATE office_services s SET abolished_on = $5::date, import_id = $6
         FROM care_offices o
         WHERE o.office_number = s.office_number AND s.service_type_code = ANY($3::char(3)[]) AND left(o.municipality_code, 2) = ANY($4::char(2)[])
           AND s.designated_on <= $5::date AND (s.abolished_on IS NULL OR s.abolished_on > $5::date)
           AND NOT (s.office_number = ANY($7::char(10)[]))
           AND NOT EXISTS (SELECT 1 FROM unnest($1::char(10)[], $2::char(3)[]) l(o, t) WHERE l.o = s.office_number AND l.t = s.service_type_code)
         RETURNING s.office_number, o.name, o.municipality_code, s.service_type_code`,
        [offices, types, scope.serviceTypes, scope.prefectures, scope.date, importId, scope.keep],
      );
    return { inserted: inserted.map((r) => r.key), reopened: reopened.map((r) => r.key), closed, held };
  }

  /**
   * INSERT … ON CONFLICT DO UPDATE only where something differs, so a re-upload of the same rows
   * changes nothing; import_id moves only with a real change. Counts inserted / updated / unchanged.
   */
  async upsert(table: string, key: string[], columns: UpsertColumn[], rows: object[], importId: number): Promise<WriteCounts> {
    const { counts } = await this.upsertReturning(table, key, columns, rows, importId);
    return counts;
  }

  /** upsert, also answering the key (its columns joined by ':') of every row it inserted and updated. */
  async upsertReturning(
    table: string,
    key: string[],
    columns: UpsertColumn[],
    rows: object[],
    importId: number,
  ): Promise<{ counts: WriteCounts; inserted: string[]; updated: string[] }> {
    const all = [...columns, { name: 'import_id', type: 'int' }];
    const names = all.map((c) => c.name).join(', ');
    const unnest = all.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
    const valueColumns = columns.filter((c) => !key.includes(c.name));
    const incoming = (c: UpsertColumn) => (c.keepWhenEmpty ? `coalesce(EXCLUDED.${c.name}, ${table}.${c.name})` : `EXCLUDED.${c.name}`);
    const set = [...valueColumns.map((c) => `${c.name} = ${incoming(c)}`), 'import_id = EXCLUDED.import_id'].join(', ');
    const changed = valueColumns.map((c) => `${table}.${c.name} IS DISTINCT FROM ${incoming(c)}`).join(' OR ');
    const insertedKeys: string[] = [];
    const updatedKeys: string[] = [];
    for (let start = 0; start < rows.length; start += UPSERT_BATCH) {
      const batch = rows.slice(start, start + UPSERT_BATCH) as Record<string, unknown>[];
      const params = all.map((c) => batch.map((r) => (c.name === 'import_id' ? importId : r[c.name])));
      const result: { inserted: boolean; key: string }[] = await this.manager.query(
        `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${unnest})
         ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set} WHERE ${changed}
         RETURNING (xmax = 0) AS inserted, concat_ws(':', ${key.join(', ')}) AS key`,
        params,
      );
      for (const r of result) (r.inserted ? insertedKeys : updatedKeys).push(r.key);
    }
    const counts = {
      inserted: insertedKeys.length,
      updated: updatedKeys.length,
      unchanged: rows.length - insertedKeys.length - updatedKeys.length,
    };
    return { counts, inserted: insertedKeys, updated: updatedKeys };
  }

  async existingAccounts(): Promise<Map<string, ExistingAccount>> {
    const rows: ExistingAccount[] = await this.manager.query(`SELECT username, role, prefecture_code, municipality_code FROM users`);
    return new Map(rows.map((r) => [r.username, r]));
  }

  /** New accounts of a bulk upload, each with the hash of its one-time password (to be changed at first sign-in). */
  async createAccounts(
    rows: {
      username: string;
      role: string;
      prefecture_code: string | null;
      municipality_code: string | null;
      display_name: string | null;
      email: string | null;
      password_hash: string;
    }[],
    importId: number,
  ): Promise<void> {
    const columns = ['username', 'role', 'prefecture_code', 'municipality_code', 'display_name', 'email', 'password_hash'] as const;
    for (let start = 0; start < rows.length; start += UPSERT_BATCH) {
      const batch = rows.slice(start, start + UPSERT_BATCH);
      await this.manager.query(
        `INSERT INTO users (username, role, prefecture_code, municipality_code, display_name, email, password_hash, must_change_password, import_id)
         SELECT u.*, true, $8 FROM unnest($1::text[], $2::text[], $3::char(2)[], $4::char(6)[], $5::text[], $6::text[], $7::text[]) u`,
        [...columns.map((c) => batch.map((r) => r[c])), importId],
      );
    }
  }
}
