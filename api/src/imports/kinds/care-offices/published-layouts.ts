import * as p from '../../field-parsers.js';
import { RowRuleError, type ImportLayout, type RowSource } from '../../import-kind.js';
import {
  checkOfficePrefecture,
  column,
  optional,
  optionalOfficeNumber,
  publishedAddress,
  publishedPhone,
  serviceOfListRow,
  snapshotDateOf,
  snapshotRows,
  text,
  type CareOfficeContext,
  type CareOfficeRow,
} from './care-office-rows.js';

/** MHLW 介護サービス情報公表システム open data: jigyosho_{code}.csv, the location as a (ward) code. */
export const mhlwOpenData: ImportLayout<CareOfficeRow, CareOfficeContext> = {
  id: 'mhlw-open-data',
  labelJa: '介護サービス情報公表システム オープンデータ（厚生労働省）',
  signature: ['都道府県コード又は市町村コード', 'サービスの種類', '事業所番号', '事業所名'],
  columns: [
    column('location_code', '都道府県コード又は市町村コード', p.required),
    column('prefecture_name', '都道府県名', optional, { optional: true }),
    column('municipality_name', '市区町村名', optional, { optional: true }),
    column('name', '事業所名', text),
    column('service_name', 'サービスの種類', optional),
    column('address', '住所', optional, { optional: true }),
    column('building', '方書（ビル名等）', optional, { optional: true }),
    column('office_number', '事業所番号', p.officeNumber),
    column('phone', '電話番号', optional, { optional: true }),
  ],
  toRow(cells, ctx, source) {
    const municipality = ctx.directory.resolve(String(cells.location_code), '都道府県コード又は市町村コード', ctx.notes, {
      prefectureName: String(cells.prefecture_name) || undefined,
      name: String(cells.municipality_name) || undefined,
    });
    return listedRows(cells, municipality, ctx, source, 'サービスの種類');
  },
};

/**
 * 推奨データセット「介護サービス事業所一覧」, the older layout (22 columns): the first column is the publisher's
 * code — or, as some prefectures publish it, its name — and the location comes from the names.
 */
export const recommendedDataset: ImportLayout<CareOfficeRow, CareOfficeContext> = {
  id: 'recommended-dataset',
  labelJa: '推奨データセット「介護サービス事業所一覧」（デジタル庁）',
  signature: ['都道府県コード又は市区町村コード', '介護サービス事業所名称', '実施サービス', '事業所番号'],
  columns: [
    column('publisher_code', '都道府県コード又は市区町村コード', optional),
    column('prefecture_name', '都道府県名', optional),
    column('municipality_name', '市区町村名', optional),
    column('address', '住所', optional, { optional: true }),
    column('name', '介護サービス事業所名称', text),
    column('service_name', '実施サービス', optional),
    column('office_number', '事業所番号', p.officeNumber),
    column('phone', '電話番号', optional, { optional: true }),
  ],
  toRow(cells, ctx, source) {
    // Older lists put the prefecture's name in the first column (山口県) instead of a code.
    const prefectureName = String(cells.prefecture_name) || String(cells.publisher_code);
    const municipality = locateByName(ctx, {
      prefecture: prefectureName,
      municipality: String(cells.municipality_name),
      address: String(cells.address ?? ''),
      columns: { municipality: '市区町村名', address: '住所' },
    });
    return listedRows(cells, municipality, ctx, source, '実施サービス');
  },
};

/**
 * 推奨データセット「介護サービス事業所一覧」, the current layout (36 columns, 所在地_ split into parts): the
 * location from 所在地_全国地方公共団体コード, else 所在地_都道府県 + 所在地_市区町村 (or the joined address);
 * 事業所番号 is often empty — such rows are matched to known offices when the upload is settled.
 */
export const recommendedDatasetCurrent: ImportLayout<CareOfficeRow, CareOfficeContext> = {
  id: 'recommended-dataset-current',
  labelJa: '推奨データセット「介護サービス事業所一覧」（デジタル庁、現行の形式）',
  signature: ['全国地方公共団体コード', '介護サービス事業所名称', '実施サービス', '所在地_都道府県'],
  columns: [
    column('publisher_code', '全国地方公共団体コード', optional),
    column('name', '介護サービス事業所名称', text),
    column('service_name', '実施サービス', optional),
    column('location_code', '所在地_全国地方公共団体コード', optional, { optional: true }),
    column('address', '所在地_連結表記', optional, { optional: true }),
    column('prefecture_name', '所在地_都道府県', optional),
    column('municipality_name', '所在地_市区町村', optional, { optional: true }),
    column('phone', '電話番号', optional, { optional: true }),
    column('office_number', '事業所番号', optionalOfficeNumber, { optional: true }),
  ],
  toRow(cells, ctx, source) {
    const code = String(cells.location_code);
    const prefectureName = String(cells.prefecture_name) || prefectureOfPublisher(String(cells.publisher_code));
    const municipality = code
      ? ctx.directory.resolve(code, '所在地_全国地方公共団体コード', ctx.notes, {
          prefectureName: prefectureName || undefined,
          name: String(cells.municipality_name) || undefined,
        })
      : locateByName(ctx, {
          prefecture: prefectureName,
          municipality: String(cells.municipality_name),
          address: String(cells.address ?? ''),
          columns: { municipality: '所在地_市区町村', address: '所在地_連結表記' },
        });
    return listedRows(cells, municipality, ctx, source, '実施サービス');
  },
};

/** A line of a published list, located: its office, checked against the place, once per service it names. */
function listedRows(
  cells: Record<string, unknown>,
  municipality: string,
  ctx: CareOfficeContext,
  source: RowSource,
  serviceColumn: string,
): CareOfficeRow[] {
  const base = {
    office_number: String(cells.office_number),
    name: String(cells.name),
    phone: publishedPhone(String(cells.phone ?? ''), ctx),
    address: publishedAddress(String(cells.address ?? ''), String(cells.building ?? '')),
    municipality_code: municipality,
  };
  checkOfficePrefecture(base, ctx);
  return snapshotRows(base, serviceOfListRow(ctx, source, String(cells.service_name), serviceColumn), snapshotDateOf(ctx, source));
}

/** The prefecture code at the start of a publisher's 全国地方公共団体コード (072079 → 07), or ''. */
const prefectureOfPublisher = (code: string) => (/^\d{6}$/.test(code.trim()) ? code.trim().slice(0, 2) : '');

/**
 * A municipality from a prefecture and a municipality's name, or — when the name is empty, as older lists
 * leave it — from the start of the address (岩国市川西3－5－40).
 */
function locateByName(
  ctx: CareOfficeContext,
  row: { prefecture: string; municipality: string; address: string; columns: { municipality: string; address: string } },
): string {
  const prefecture = ctx.directory.prefectureCode(row.prefecture);
  const municipality = !prefecture
    ? undefined
    : row.municipality
      ? ctx.directory.findByName(prefecture, row.municipality)
      : ctx.directory.findByAddress(prefecture, row.address, row.prefecture);
  if (prefecture && municipality) return municipality;
  const written = row.municipality || row.address;
  throw new RowRuleError(
    row.municipality || !row.address ? row.columns.municipality : row.columns.address,
    `所在地（${row.prefecture} ${written}）の市区町村が見つかりません`,
    `no municipality named ${written} in ${row.prefecture}`,
  );
}
