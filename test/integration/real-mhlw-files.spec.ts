import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { queryRows } from '../support/table-counts.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** 出典：厚生労働省「介護サービス情報公表システム」オープンデータ (test/fixtures/real/PROVENANCE.md). */
const DIR = join(process.cwd(), 'test', 'fixtures', 'real', 'mhlw');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.csv'))
  .sort();
const rowsOf = (file: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(DIR, file), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
    .data;

/**
 * The real MHLW open-data files as published (byte-exact copies, 13 of the 35 service types): one refresh
 * in one upload goes in whole — telephone numbers with U+2212 and full-width digits, names that differ from
 * the master by ヶ/ケ or an island prefix — and every row lands under the municipality it names.
 */
describe('the real MHLW open-data files, as published', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('postgresql');
  }, 120_000);
  afterAll(() => t.close());

  it('imports the 13 files as one refresh: every row under the municipality it names, telephone numbers normalised', async () => {
    let upload = t.http.post('/api/v1/imports/care-offices').field('snapshot_date', '2025-12-01');
    for (const file of FILES) upload = upload.attach('file', readFileSync(join(DIR, file)), file);
    const res = await upload;
    const rows = FILES.flatMap((file) => rowsOf(file).map((row) => ({ file, row })));
    expect([res.status, res.body.error_count ?? 0, res.body.errors?.slice(0, 3) ?? []]).toEqual([201, 0, []]);
    expect(res.body.rows).toBe(rows.length);
    // Nothing set aside: every variant of a telephone number or a municipality's name is read as what it is.
    expect([res.body.set_aside_count, res.body.set_aside]).toEqual([0, []]);
    // Warnings only for what is worth saying (columns not used; a service name that differs from the file's
    // code): none about a telephone number or a municipality's name.
    const warned = new Set((res.body.warnings as { column: string }[]).map((w) => w.column));
    expect([...warned].filter((c) => !['', 'サービスの種類'].includes(c))).toEqual([]);

    const wards = new Map(
      (
        await queryRows<{ code: string; municipality_code: string }>(
          t.databaseUrl,
          `SELECT code, municipality_code FROM municipality_wards`,
        )
      ).map((w) => [w.code, w.municipality_code]),
    );
    const stored = new Map(
      (
        await queryRows<{ office_number: string; municipality_code: string; phone: string | null; address: string | null }>(
          t.databaseUrl,
          `SELECT office_number, municipality_code, phone, address FROM care_offices`,
        )
      ).map((o) => [o.office_number, o]),
    );
    const misplaced = rows.filter(({ row }) => {
      const named = row['都道府県コード又は市町村コード'];
      return stored.get(row['事業所番号'])?.municipality_code !== (wards.get(named) ?? named);
    });
    expect(misplaced.map(({ file, row }) => `${file} ${row['事業所番号']} ${row['市区町村名']}`)).toEqual([]);
    const phones = [...stored.values()].map((o) => o.phone).filter((p): p is string => p !== null);
    expect(phones.length).toBeGreaterThan(rows.length * 0.9);
    // ASCII digits, hyphens and brackets only ((0982)50-1007 is how many offices write theirs).
    expect(phones.filter((p) => !/^\(?[0-9]+\)?(-?[0-9]+|\([0-9]+\))*(-[0-9]+)*$/.test(p) || /[^0-9()-]/.test(p))).toEqual([]);
    // Written in the file as 03−6767−4202 (U+2212) and ０２９－８３６－６５５７ (full-width).
    expect(phones).toEqual(expect.arrayContaining(['03-6767-4202', '029-836-6557']));
    // The address as the file writes it (住所, and 方書 when it adds something), for the call list.
    const withAddress = rows.filter(({ row }) => row['住所']?.trim());
    expect(withAddress.length).toBeGreaterThan(rows.length * 0.9);
    // An office written on several lines (one per service) keeps the address of one of them.
    const addressesOf = new Map<string, string[]>();
    for (const { row } of withAddress)
      addressesOf.set(row['事業所番号'], [...(addressesOf.get(row['事業所番号']) ?? []), row['住所'].trim()]);
    expect(
      [...addressesOf]
        .filter(([office, written]) => !written.some((a) => stored.get(office)?.address?.startsWith(a)))
        .map(([office]) => office),
    ).toEqual([]);
    expect(stored.get('0170210231')?.address).toContain('札幌市北区麻生町６丁目６番９号');
  }, 120_000);
});
