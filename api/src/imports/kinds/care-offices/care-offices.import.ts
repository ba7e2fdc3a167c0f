import { LTC_INSURANCE_START } from '../../../core/domain/dates.js';
import { serviceCodeOfName, SERVICE_TYPES } from '../../../core/domain/service-types.js';
import * as p from '../../field-parsers.js';
import { FieldError, ImportFileError, type RowError } from '../../import-errors.js';
import type { ImportStore } from '../../import-store.repository.js';
import { RowRuleError, type ImportKind, type MunicipalityCounts, type ParsedRow } from '../../import-kind.js';
import {
  checkOfficePrefecture,
  column,
  optionalAddress,
  text,
  type CareOfficeContext,
  type CareOfficeRow,
  type SnapshotMode,
} from './care-office-rows.js';
import { closureReport } from './closures.js';
import { mhlwOpenData, recommendedDataset, recommendedDatasetCurrent } from './published-layouts.js';
import { settlePublishedRows } from './settle-published-rows.js';

export type { CareOfficeRow };

/**
 * Care offices and the services they hold, in four layouts: the app's own (one row per office and service,
 * with its dates), the MHLW 介護サービス情報公表システム open data (one file per service type, ward codes, no
 * dates) and the Digital Agency's recommended dataset 介護サービス事業所一覧 in its older and current layouts
 * (location by name or code, no dates, often no office number). A file without dates is a snapshot of its
 * service types in its prefectures on a date the user gives (`snapshot_date`) or the file states in a title
 * row: new services start then, missing ones close then — unless `snapshot_mode=additions-only`, for a
 * partial list. Rows of published lists that cannot be attributed safely are set aside (see settle).
 */
type Context = CareOfficeContext;

const SNAPSHOT_MODES: SnapshotMode[] = ['snapshot', 'additions-only'];

const counts = (): MunicipalityCounts => ({ inserted: 0, updated: 0, closed: 0, unchanged: 0 });

export const careOfficesImport: ImportKind<CareOfficeRow, Context> = {
  kind: 'care-offices',
  undoable: true,
  labelJa: '介護事業所',
  optionalParameters: ['snapshot_date', 'service_type', 'snapshot_mode', 'code_choice'],
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
    column('address', '住所', optionalAddress, { aliases: ['address', '所在地'], optional: true }),
  ],
  layouts: [mhlwOpenData, recommendedDataset, recommendedDatasetCurrent],

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
    const snapshotMode = (parameters.snapshot_mode || 'snapshot') as SnapshotMode;
    if (!SNAPSHOT_MODES.includes(snapshotMode)) {
      throw new ImportFileError(
        'snapshot_mode は snapshot（一覧にない事業所を廃止扱い）または additions-only（追加と変更のみ）で指定してください',
        'snapshot_mode must be snapshot (close what the list leaves out) or additions-only',
      );
    }
    const serviceTypes = await store.serviceTypes();
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
      snapshotMode,
      statedDates: new Map(),
      setAsideOffices: new Set(),
    };
  },

  toRow(cells, ctx) {
    const row: CareOfficeRow = {
      office_number: cells.office_number as string,
      name: cells.name as string,
      phone: cells.phone as string | null,
      address: cells.address as string | null,
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

  settle: settlePublishedRows,

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

  async write(store, rows, importId, ctx) {
    const byMunicipality: Record<string, MunicipalityCounts> = {};
    const at = (code: string) => (byMunicipality[code] ??= counts());
    const municipalityOf = new Map(rows.map((r) => [r.office_number, r.municipality_code]));
    // One row per office: its first row's name and place, and the first telephone number and address any of its rows gives.
    const byOffice = new Map<
      string,
      { office_number: string; name: string; phone: string | null; address: string | null; municipality_code: string }
    >();
    for (const r of rows) {
      const seen = byOffice.get(r.office_number);
      if (!seen)
        byOffice.set(r.office_number, {
          office_number: r.office_number,
          name: r.name,
          phone: r.phone,
          address: r.address,
          municipality_code: r.municipality_code,
        });
      else {
        seen.phone ??= r.phone;
        seen.address ??= r.address;
      }
    }
    const firstOfOffice = [...byOffice.values()];
    const offices = await store.upsertReturning(
      'care_offices',
      ['office_number'],
      [
        { name: 'office_number', type: 'char(10)' },
        { name: 'name', type: 'text' },
        { name: 'phone', type: 'text', keepWhenEmpty: true },
        { name: 'address', type: 'text', keepWhenEmpty: true },
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
    let closures;
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
          keep: [...ctx.setAsideOffices],
          close: ctx.snapshotMode === 'snapshot',
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
      closures = closureReport(result, newOnes.size, ctx.snapshotMode, ctx);
    }
    return { inserted, updated, closed, unchanged: rows.length - inserted - updated, byMunicipality, closures };
  },
};

/** A service type code of the app layout (3 digits, registered). */
function knownServiceCode(value: string, ctx: Context): string {
  const code = p.serviceTypeCode(value);
  if (!ctx.serviceTypes.has(code)) throw new FieldError(`未登録のサービス種類コードです（${code}）`, `unknown service type code ${code}`);
  return code;
}

/** The service types the open data publishes (for the README and the data page). */
export const OPEN_DATA_SERVICE_TYPES = SERVICE_TYPES;
