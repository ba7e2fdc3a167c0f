import type { ImportStore } from '../import-store.repository.js';
import * as p from '../field-parsers.js';
import { CPDL_START, todayInTokyo } from '../../core/domain/dates.js';
import { duplicateKeyErrors } from '../csv-table.js';
import type { RowError } from '../import-errors.js';
import { RowRuleError, type ImportKind, type ParsedRow } from '../import-kind.js';

export interface CpdlLicenseRow {
  office_number: string;
  applied_on: string;
  starts_on: string;
  ends_on: string | null;
}

interface Context {
  today: string;
}

export const cpdlLicensesImport: ImportKind<CpdlLicenseRow, Context> = {
  kind: 'cpdl-licenses',
  undoable: true,
  labelJa: 'ケアプランデータ連携システム ライセンス',
  columns: [
    { key: 'office_number', header: '事業所番号', aliases: ['office_number', 'office number'], parse: p.officeNumber },
    {
      key: 'applied_on',
      header: '申請日',
      aliases: ['applied_on', 'application_date'],
      parse: p.dateBetween(CPDL_START, '2100-12-31', { ja: '申請日', en: 'the application date' }),
    },
    {
      key: 'starts_on',
      header: '利用開始日',
      aliases: ['starts_on', 'start_date'],
      parse: p.dateBetween(CPDL_START, { daysFromToday: 366 }, { ja: '利用開始日', en: 'the start date' }),
    },
    {
      key: 'ends_on',
      header: '利用終了日',
      aliases: ['ends_on', 'end_date'],
      optional: true,
      parse: p.optionalDateBetween(CPDL_START, '2100-12-31', { ja: '利用終了日', en: 'the end date' }),
    },
  ],

  async prepare(): Promise<Context> {
    return { today: todayInTokyo() };
  },

  toRow(cells, ctx) {
    const row = cells as unknown as CpdlLicenseRow;
    if (row.applied_on > ctx.today)
      throw new RowRuleError(
        '申請日',
        `申請日が未来の日付です（本日 ${ctx.today}）`,
        `application date is in the future (today is ${ctx.today})`,
      );
    if (row.starts_on < row.applied_on)
      throw new RowRuleError('利用開始日', '利用開始日が申請日より前です', 'start date is before the application date');
    if (row.ends_on && row.ends_on < row.starts_on)
      throw new RowRuleError('利用終了日', '利用終了日が利用開始日より前です', 'end date is before the start date');
    return row;
  },

  async checkRows(rows: ParsedRow<CpdlLicenseRow>[], _ctx, store: ImportStore): Promise<RowError[]> {
    const errors = duplicateKeyErrors(rows, (r) => r.office_number, '事業所番号', '事業所番号', 'office number');
    const known = await store.officeMunicipalities(rows.map((r) => r.value.office_number));
    for (const { row, value } of rows) {
      if (!known.has(value.office_number)) {
        errors.push({
          row,
          column: '事業所番号',
          value: value.office_number,
          reason_ja: '事業所が登録されていません（先に介護事業所を取り込んでください）',
          reason_en: 'unknown office (import it as a care office first)',
        });
      }
    }
    return errors;
  },

  write(store, rows, importId) {
    return store.upsert(
      'cpdl_licenses',
      ['office_number'],
      [
        { name: 'office_number', type: 'char(10)' },
        { name: 'applied_on', type: 'date' },
        { name: 'starts_on', type: 'date' },
        { name: 'ends_on', type: 'date' },
      ],
      rows,
      importId,
    );
  },
};
