import { LTC_INSURANCE_START } from '../../core/dates.js';
import { parseJapaneseDate, JapaneseDateError } from '../../core/japanese-dates.js';
import { serviceCodeOfFileName, serviceCodeOfName, SERVICE_TYPES } from '../../core/service-types.js';
import * as p from '../field-parsers.js';
import { FieldError, ImportFileError, type RowError } from '../import-errors.js';
import type { ImportStore } from '../import-store.repository.js';
import {
  RowRuleError,
  type ColumnSpec,
  type ImportKind,
  type ImportLayout,
  type MunicipalityCounts,
  type ParsedRow,
  type RowSource,
} from '../import-kind.js';
import type { ImportNotes } from '../import-notes.js';
import { MunicipalityDirectory } from '../municipality-directory.js';

/**
 * Care offices and the services they hold, in three layouts: the app's own (one row per office and service,
 * with its dates), the MHLW 介護サービス情報公表システム open data (one file per service type, ward codes, no
 * dates) and the Digital Agency's recommended dataset 介護サービス事業所一覧 (location by name, no dates). A
 * file without dates is a snapshot of its service types in its prefectures on a date the user gives
 * (`snapshot_date`) or the file states in a title row: new services start then, missing ones close then.
 */
export interface CareOfficeRow {
  office_number: string;
  name: string;
  /** As the file writes it; null when the file has none (a stored number is then kept). */
  phone: string | null;
  municipality_code: string;
  service_type_code: string;
  /** For a snapshot row: the snapshot date (the service is known to exist then). */
  designated_on: string;
  abolished_on: string | null;
  /** From a published list with no dates: present on the snapshot date. */
  snapshot: boolean;
}

interface Context {
  directory: MunicipalityDirectory;
  serviceTypes: Set<string>;
  notes: ImportNotes;
  /** `snapshot_date` as given (和暦 accepted), else undefined. */
  snapshotDate?: string;
  /** `service_type` as given: the service of every row of a published list. */
  serviceType?: string;
  /** The date each file's title states (e.g. 令和6年10月1日現在), by file name. */
  statedDates: Map<string, string>;
}

const snapshotDateOf = (ctx: Context, source: RowSource): string => {
  const date = ctx.snapshotDate ?? stated(ctx, source);
  if (!date) {
    throw new ImportFileError(
      `この形式（${source.layout === 'mhlw-open-data' ? '介護サービス情報公表システムのオープンデータ' : '推奨データセット'}）には日付がありません。基準日（snapshot_date、例: 2025-10-01 または 令和7年10月1日）を指定してください`,
      `this layout has no dates: give the date the list is as of (snapshot_date, e.g. 2025-10-01)`,
    );
  }
  return date;
};

/** A date stated in the file's title rows ("令和6年10月1日現在"), read once per file. */
function stated(ctx: Context, source: RowSource): string | undefined {
  if (!ctx.statedDates.has(source.file.fileName)) {
    const m =
      /((?:令和|平成|R|H)\s*(?:元|\d{1,2})\s*[年.]\s*\d{1,2}\s*[月.]\s*\d{1,2}\s*日?|\d{4}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}\s*日?)\s*(?:現在|時点)/.exec(
        source.file.title.normalize('NFKC'),
      );
    let date = '';
    try {
      date = m ? parseJapaneseDate(m[1]) : '';
    } catch (error) {
      if (!(error instanceof JapaneseDateError)) throw error;
    }
    ctx.statedDates.set(source.file.fileName, date);
  }
  return ctx.statedDates.get(source.file.fileName) || undefined;
}

function knownService(code: string, ctx: Context, column: string): string {
  if (!ctx.serviceTypes.has(code))
    throw new RowRuleError(column, `未登録のサービス種類コードです（${code}）`, `unknown service type code ${code}`);
  return code;
}

/** The service of a row of a published list: the `service_type` parameter, the open-data file name, or the service's name. */
function serviceOfListRow(ctx: Context, source: RowSource, written: string, column: string): string[] {
  if (ctx.serviceType) return [knownService(ctx.serviceType, ctx, column)];
  const fromFile = serviceCodeOfFileName(source.file.fileName);
  const names = written
    .split(/[、,，]/)
    .map((n) => n.trim())
    .filter(Boolean);
  const byName = names.map((n) => serviceCodeOfName(n));
  if (fromFile) {
    if (byName.length === 1 && byName[0] && byName[0] !== fromFile) {
      ctx.notes.warn(
        column,
        written,
        `ファイル名のサービス（${fromFile}）と列の名称が異なります。ファイル名のコードを使います`,
        `the service named differs from the file name's (${fromFile}); the file name's code is used`,
      );
    }
    return [knownService(fromFile, ctx, column)];
  }
  const unknown = names.filter((_, i) => !byName[i]);
  if (names.length === 0 || unknown.length) {
    throw new RowRuleError(
      column,
      `サービスの種類を特定できません（${unknown.join('、') || '空欄'}）。ファイル名を jigyosho_110.csv のようにするか、service_type（例: 110）を指定してください`,
      `cannot tell the service type (${unknown.join(', ') || 'empty'}); name the file like jigyosho_110.csv or give service_type (e.g. 110)`,
    );
  }
  return [...new Set(byName as string[])].map((code) => knownService(code, ctx, column));
}

function checkOfficePrefecture(row: { office_number: string; municipality_code: string }, ctx: Context): void {
  if (row.office_number.slice(0, 2) !== ctx.directory.prefectureOf(row.municipality_code)) {
    throw new RowRuleError(
      '事業所番号',
      `事業所番号の先頭2桁が所在市区町村（${ctx.directory.name(row.municipality_code)}）の都道府県と一致しません`,
      `the office number's prefecture digits do not match the municipality's prefecture (${row.municipality_code})`,
    );
  }
}

const text = (v: string) => p.text(v, 200);
const optional = (v: string) => v.trim();

/**
 * A published list's telephone number: every dash form and full-width digit normalised; a value that is
 * still no number is a warning and the office goes in without it — never a reason to refuse the list.
 */
function publishedPhone(value: string, ctx: Context): string | null {
  try {
    return p.optionalPhone(value);
  } catch {
    ctx.notes.warn(
      '電話番号',
      value,
      '電話番号として読めないため、電話番号なしで取り込みます',
      'not a telephone number: imported without one',
    );
    return null;
  }
}
const column = (
  key: string,
  header: string,
  parse: ColumnSpec<Context>['parse'],
  extra: Partial<ColumnSpec<Context>> = {},
): ColumnSpec<Context> => ({
  key,
  header,
  aliases: [],
  parse,
  ...extra,
});

/** MHLW 介護サービス情報公表システム open data: jigyosho_{code}.csv, the location as a (ward) code. */
const mhlwOpenData: ImportLayout<CareOfficeRow, Context> = {
  id: 'mhlw-open-data',
  labelJa: '介護サービス情報公表システム オープンデータ（厚生労働省）',
  signature: ['都道府県コード又は市町村コード', 'サービスの種類', '事業所番号', '事業所名'],
  columns: [
    column('location_code', '都道府県コード又は市町村コード', p.required),
    column('prefecture_name', '都道府県名', optional, { optional: true }),
    column('municipality_name', '市区町村名', optional, { optional: true }),
    column('name', '事業所名', text),
    column('service_name', 'サービスの種類', optional),
    column('office_number', '事業所番号', p.officeNumber),
    column('phone', '電話番号', optional, { optional: true }),
  ],
  toRow(cells, ctx, source) {
    const municipality = ctx.directory.resolve(String(cells.location_code), '都道府県コード又は市町村コード', ctx.notes, {
      prefectureName: (cells.prefecture_name as string) || undefined,
      name: (cells.municipality_name as string) || undefined,
    });
    const date = snapshotDateOf(ctx, source);
    const base = {
      office_number: cells.office_number as string,
      name: cells.name as string,
      phone: publishedPhone(String(cells.phone ?? ''), ctx),
      municipality_code: municipality,
    };
    checkOfficePrefecture(base, ctx);
    return serviceOfListRow(ctx, source, String(cells.service_name), 'サービスの種類').map((code) => ({
      ...base,
      service_type_code: code,
      designated_on: date,
      abolished_on: null,
      snapshot: true,
    }));
  },
};

/** 推奨データセット「介護サービス事業所一覧」: the first column is the publisher's code, the location comes from the names. */
const recommendedDataset: ImportLayout<CareOfficeRow, Context> = {
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
    const prefectureName = (cells.prefecture_name as string) || (cells.publisher_code as string);
    const municipalityName = cells.municipality_name as string;
    const address = String(cells.address ?? '');
    const prefecture = ctx.directory.prefectureCode(prefectureName);
    // Older lists leave 市区町村名 empty: the municipality is then the start of 住所 (岩国市川西3－5－40).
    const municipality = !prefecture
      ? undefined
      : municipalityName
        ? ctx.directory.findByName(prefecture, municipalityName)
        : ctx.directory.findByAddress(prefecture, address, prefectureName);
    if (!prefecture || !municipality) {
      const written = municipalityName || address;
      throw new RowRuleError(
        municipalityName || !address ? '市区町村名' : '住所',
        `所在地（${prefectureName} ${written}）の市区町村が見つかりません`,
        `no municipality named ${written} in ${prefectureName}`,
      );
    }
    const date = snapshotDateOf(ctx, source);
    const base = {
      office_number: cells.office_number as string,
      name: cells.name as string,
      phone: publishedPhone(String(cells.phone ?? ''), ctx),
      municipality_code: municipality,
    };
    checkOfficePrefecture(base, ctx);
    return serviceOfListRow(ctx, source, String(cells.service_name), '実施サービス').map((code) => ({
      ...base,
      service_type_code: code,
      designated_on: date,
      abolished_on: null,
      snapshot: true,
    }));
  },
};

const counts = (): MunicipalityCounts => ({ inserted: 0, updated: 0, closed: 0, unchanged: 0 });

export const careOfficesImport: ImportKind<CareOfficeRow, Context> = {
  kind: 'care-offices',
  labelJa: '介護事業所',
  optionalParameters: ['snapshot_date', 'service_type', 'code_choice'],
  columns: [
    column('office_number', '事業所番号', p.officeNumber, { aliases: ['office_number', 'office number'] }),
    column('name', '事業所名', text, { aliases: ['name', 'office_name'] }),
    column('service_type_code', 'サービス種類コード', (v, ctx) => knownServiceCode(v, ctx), {
      aliases: ['service_type_code', 'service_type'],
    }),
    column('municipality_code', '所在市区町村コード', p.required, { aliases: ['municipality_code', 'municipality'] }),
    column(
      'designated_on',
      '指定年月日',
      p.dateBetween(LTC_INSURANCE_START, { daysFromToday: 0 }, { ja: '指定年月日', en: 'the designation date' }),
      {
        aliases: ['designated_on', 'designation_date'],
      },
    ),
    column(
      'abolished_on',
      '廃止年月日',
      p.optionalDateBetween(LTC_INSURANCE_START, { daysFromToday: 366 }, { ja: '廃止年月日', en: 'the abolition date' }),
      {
        aliases: ['abolished_on', 'abolition_date'],
        optional: true,
      },
    ),
    column('phone', '電話番号', p.optionalPhone, { aliases: ['phone', 'tel', '電話'], optional: true }),
  ],
  layouts: [mhlwOpenData, recommendedDataset],

  async prepare(store: ImportStore, parameters, env): Promise<Context> {
    let snapshotDate: string | undefined;
    if (parameters.snapshot_date) {
      try {
        snapshotDate = p.dateBetween(
          LTC_INSURANCE_START,
          { daysFromToday: 0 },
          { ja: '基準日', en: 'snapshot_date' },
        )(parameters.snapshot_date);
      } catch (error) {
        if (error instanceof FieldError) throw new ImportFileError(`snapshot_date: ${error.reasonJa}`, `snapshot_date: ${error.reasonEn}`);
        throw error;
      }
    }
    const serviceTypes = await store.serviceTypeCodes();
    const serviceType = parameters.service_type
      ? (serviceCodeOfName(parameters.service_type) ?? parameters.service_type.trim())
      : undefined;
    if (serviceType && !serviceTypes.has(serviceType)) {
      throw new ImportFileError(
        `service_type ${parameters.service_type} は登録されていません`,
        `unknown service_type ${parameters.service_type}`,
      );
    }
    return {
      directory: await store.municipalityDirectory(),
      serviceTypes,
      notes: env.notes,
      snapshotDate,
      serviceType,
      statedDates: new Map(),
    };
  },

  toRow(cells, ctx) {
    const row: CareOfficeRow = {
      office_number: cells.office_number as string,
      name: cells.name as string,
      phone: cells.phone as string | null,
      service_type_code: cells.service_type_code as string,
      municipality_code: ctx.directory.resolve(String(cells.municipality_code), '所在市区町村コード', ctx.notes),
      designated_on: cells.designated_on as string,
      abolished_on: cells.abolished_on as string | null,
      snapshot: false,
    };
    if (row.abolished_on && row.designated_on && row.abolished_on < row.designated_on) {
      throw new RowRuleError('廃止年月日', '廃止年月日が指定年月日より前です', 'abolition date is before the designation date');
    }
    checkOfficePrefecture(row, ctx);
    return row;
  },

  async checkRows(rows: ParsedRow<CareOfficeRow>[]): Promise<RowError[]> {
    const errors: RowError[] = [];
    const services = new Map<string, number>();
    const offices = new Map<string, { row: number; municipality: string; file?: string }>();
    for (const { row, value, file } of rows) {
      const key = `${value.office_number}:${value.service_type_code}`;
      const first = services.get(key);
      if (first !== undefined) {
        errors.push({
          row,
          file,
          column: '事業所番号',
          value: key,
          reason_ja: `同じ事業所番号とサービスが重複しています（${first}行目と同じ）`,
          reason_en: `duplicate office number and service (same as row ${first})`,
        });
      } else services.set(key, row);
      const office = offices.get(value.office_number);
      if (!office) offices.set(value.office_number, { row, municipality: value.municipality_code, file });
      else if (office.municipality !== value.municipality_code) {
        errors.push({
          row,
          file,
          column: '所在市区町村コード',
          value: value.municipality_code,
          reason_ja: `同じ事業所番号の所在市区町村が${office.row}行目（${office.municipality}）と違います`,
          reason_en: `the same office number lies in another municipality in row ${office.row} (${office.municipality})`,
        });
      }
    }
    if (rows.some((r) => r.value.snapshot) && rows.some((r) => !r.value.snapshot)) {
      errors.push({
        row: 0,
        column: '',
        value: '',
        reason_ja: '日付のある形式と日付のない一覧を同じアップロードに混ぜないでください',
        reason_en: 'do not mix the dated layout with undated lists in one upload',
      });
    }
    return errors;
  },

  async write(store, rows, importId) {
    const byMunicipality: Record<string, MunicipalityCounts> = {};
    const at = (code: string) => (byMunicipality[code] ??= counts());
    const municipalityOf = new Map(rows.map((r) => [r.office_number, r.municipality_code]));
    // One row per office: its first row's name and place, and the first telephone number any of its rows gives.
    const byOffice = new Map<string, { office_number: string; name: string; phone: string | null; municipality_code: string }>();
    for (const r of rows) {
      const seen = byOffice.get(r.office_number);
      if (!seen)
        byOffice.set(r.office_number, {
          office_number: r.office_number,
          name: r.name,
          phone: r.phone,
          municipality_code: r.municipality_code,
        });
      else seen.phone ??= r.phone;
    }
    const firstOfOffice = [...byOffice.values()];
    const offices = await store.upsertReturning(
      'care_offices',
      ['office_number'],
      [
        { name: 'office_number', type: 'char(10)' },
        { name: 'name', type: 'text' },
        { name: 'phone', type: 'text', keepWhenEmpty: true },
        { name: 'municipality_code', type: 'char(6)' },
      ],
      firstOfOffice,
      importId,
    );
    const changedOffices = new Set(offices.updated);
    const snapshot = rows.filter((r) => r.snapshot);
    const dated = rows.filter((r) => !r.snapshot);
    let inserted = 0;
    let updated = 0;
    let closed = 0;
    if (dated.length) {
      const services = await store.upsertReturning(
        'office_services',
        ['office_number', 'service_type_code'],
        [
          { name: 'office_number', type: 'char(10)' },
          { name: 'service_type_code', type: 'char(3)' },
          { name: 'designated_on', type: 'date' },
          { name: 'abolished_on', type: 'date' },
          { name: 'dated_by', type: 'text' },
        ],
        dated.map((r) => ({ ...r, dated_by: 'file' })),
        importId,
      );
      const newService = new Set(services.inserted);
      const changedService = new Set(services.updated);
      for (const r of dated) {
        if (newService.has(`${r.office_number}:${r.service_type_code}`)) {
          inserted++;
          at(r.municipality_code).inserted++;
        } else if (changedService.has(`${r.office_number}:${r.service_type_code}`) || changedOffices.has(r.office_number)) {
          updated++;
          at(r.municipality_code).updated++;
        } else at(r.municipality_code).unchanged++;
      }
    }
    if (snapshot.length) {
      const result = await store.snapshotServices(
        snapshot,
        {
          date: snapshot[0].designated_on,
          serviceTypes: [...new Set(snapshot.map((r) => r.service_type_code))],
          prefectures: [...new Set(snapshot.map((r) => r.municipality_code.slice(0, 2)))],
        },
        importId,
      );
      const newOnes = new Set(result.inserted);
      const reopened = new Set(result.reopened);
      for (const r of snapshot) {
        if (newOnes.has(`${r.office_number}:${r.service_type_code}`)) {
          inserted++;
          at(r.municipality_code).inserted++;
        } else if (reopened.has(`${r.office_number}:${r.service_type_code}`) || changedOffices.has(r.office_number)) {
          updated++;
          at(r.municipality_code).updated++;
        } else at(r.municipality_code).unchanged++;
      }
      for (const c of result.closed) {
        closed++;
        at(municipalityOf.get(c.office_number) ?? c.municipality_code).closed++;
      }
    }
    return { inserted, updated, closed, unchanged: rows.length - inserted - updated, byMunicipality };
  },

  jobs: ['adoption', 'subsidies', 'usage', 'offices'],
};

/** A service type code of the app layout (3 digits, registered). */
function knownServiceCode(value: string, ctx: Context): string {
  const code = p.serviceTypeCode(value);
  if (!ctx.serviceTypes.has(code)) throw new FieldError(`未登録のサービス種類コードです（${code}）`, `unknown service type code ${code}`);
  return code;
}

/** The service types the open data publishes (for the README and the data page). */
export const OPEN_DATA_SERVICE_TYPES = SERVICE_TYPES;
