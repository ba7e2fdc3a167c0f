import type { ImportStore } from '../import-store.repository.js';
import * as p from '../field-parsers.js';
import { LTC_INSURANCE_START } from '../../core/dates.js';
import { duplicateKeyErrors } from '../csv-table.js';
import { FieldError, type RowError } from '../import-errors.js';
import { RowRuleError, type ImportKind, type ParsedRow } from '../import-kind.js';

export interface CareOfficeRow {
  office_number: string;
  name: string;
  service_type_code: string;
  municipality_code: string;
  designated_on: string;
  abolished_on: string | null;
}

interface Context {
  municipalities: Map<string, string>; // code → prefecture code
  serviceTypes: Set<string>;
}

export const careOfficesImport: ImportKind<CareOfficeRow, Context> = {
  kind: 'care-offices',
  labelJa: '介護事業所',
  columns: [
    { key: 'office_number', header: '事業所番号', aliases: ['office_number', 'office number'], parse: p.officeNumber },
    { key: 'name', header: '事業所名', aliases: ['name', 'office_name'], parse: (v) => p.text(v, 200) },
    {
      key: 'service_type_code',
      header: 'サービス種類コード',
      aliases: ['service_type_code', 'service_type'],
      parse: (v, ctx) => {
        const code = p.serviceTypeCode(v);
        if (!ctx.serviceTypes.has(code))
          throw new FieldError(`未登録のサービス種類コードです（${code}）`, `unknown service type code ${code}`);
        return code;
      },
    },
    {
      key: 'municipality_code',
      header: '所在市区町村コード',
      aliases: ['municipality_code', 'municipality'],
      parse: (v, ctx) => p.knownMunicipality(v, ctx.municipalities),
    },
    {
      key: 'designated_on',
      header: '指定年月日',
      aliases: ['designated_on', 'designation_date'],
      parse: p.dateBetween(LTC_INSURANCE_START, { daysFromToday: 0 }, { ja: '指定年月日', en: 'the designation date' }),
    },
    {
      key: 'abolished_on',
      header: '廃止年月日',
      aliases: ['abolished_on', 'abolition_date'],
      optional: true,
      parse: p.optionalDateBetween(LTC_INSURANCE_START, { daysFromToday: 366 }, { ja: '廃止年月日', en: 'the abolition date' }),
    },
  ],

  async prepare(store: ImportStore): Promise<Context> {
    return { municipalities: await store.municipalityPrefectures(), serviceTypes: await store.serviceTypeCodes() };
  },

  toRow(cells, ctx) {
    const row = cells as unknown as CareOfficeRow;
    if (row.abolished_on && row.abolished_on < row.designated_on) {
      throw new RowRuleError('廃止年月日', '廃止年月日が指定年月日より前です', 'abolition date is before the designation date');
    }
    if (row.office_number.slice(0, 2) !== ctx.municipalities.get(row.municipality_code)) {
      throw new RowRuleError(
        '事業所番号',
        '事業所番号の先頭2桁が所在市区町村の都道府県と一致しません',
        "the office number's prefecture digits do not match the municipality's prefecture",
      );
    }
    return row;
  },

  async checkRows(rows: ParsedRow<CareOfficeRow>[]): Promise<RowError[]> {
    return duplicateKeyErrors(rows, (r) => r.office_number, '事業所番号', '事業所番号', 'office number');
  },

  write(store, rows, importId) {
    return store.upsert(
      'care_offices',
      ['office_number'],
      [
        { name: 'office_number', type: 'char(10)' },
        { name: 'name', type: 'text' },
        { name: 'service_type_code', type: 'char(3)' },
        { name: 'municipality_code', type: 'char(6)' },
        { name: 'designated_on', type: 'date' },
        { name: 'abolished_on', type: 'date' },
      ],
      rows,
      importId,
    );
  },

  jobs: ['adoption', 'subsidies'],
};
