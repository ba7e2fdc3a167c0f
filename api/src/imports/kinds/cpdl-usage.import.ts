import { stageUsage, type StagedUsage, type UsageRow } from '../../database/usage-parquet-store.js';
import { duplicateKeyErrors } from '../csv-table.js';
import * as p from '../field-parsers.js';
import { thisMonthInTokyo } from '../../core/dates.js';
import type { RowError } from '../import-errors.js';
import { RowRuleError, type ImportKind, type ParsedRow } from '../import-kind.js';

interface Context {
  dataDir: string;
  thisMonth: string;
  staged?: StagedUsage;
}

/** Monthly exchange counts per office, stored as Parquet per month (see usage-store.ts). */
export const cpdlUsageImport: ImportKind<UsageRow, Context> = {
  kind: 'cpdl-usage',
  labelJa: 'ケアプランデータ連携 月次利用実績',
  columns: [
    { key: 'office_number', header: '事業所番号', aliases: ['office_number'], parse: p.officeNumber },
    { key: 'month', header: '年月', aliases: ['month'], parse: p.month },
    { key: 'sent', header: '送信件数', aliases: ['sent'], parse: (v) => p.count(v, 10_000_000) },
    { key: 'received', header: '受信件数', aliases: ['received'], parse: (v) => p.count(v, 10_000_000) },
  ],

  async prepare(_store, _parameters, env): Promise<Context> {
    return { dataDir: env.dataDir, thisMonth: thisMonthInTokyo() };
  },

  toRow(cells, ctx) {
    const row = cells as unknown as UsageRow;
    if (row.month > ctx.thisMonth)
      throw new RowRuleError(
        '年月',
        `未来の年月です（今月は ${ctx.thisMonth}）`,
        `the month is in the future (this month is ${ctx.thisMonth})`,
      );
    return row;
  },

  async checkRows(rows: ParsedRow<UsageRow>[], _ctx, store): Promise<RowError[]> {
    const errors = duplicateKeyErrors(rows, (r) => `${r.office_number}:${r.month}`, '事業所番号', '事業所番号・年月', 'office and month');
    const known = await store.officeMunicipalities(rows.map((r) => r.value.office_number));
    for (const { row, value } of rows) {
      if (!known.has(value.office_number))
        errors.push({
          row,
          column: '事業所番号',
          value: value.office_number,
          reason_ja: '事業所が登録されていません',
          reason_en: 'unknown office',
        });
    }
    return errors;
  },

  async write(_manager, rows, _importId, ctx) {
    ctx.staged = await stageUsage(ctx.dataDir, rows);
    return ctx.staged.counts;
  },

  // A month's exchanges count only toward that month's figures.
  changesFrom: (rows) => (rows.length ? `${rows.reduce((min, r) => (r.month < min ? r.month : min), rows[0].month)}-01` : null),

  afterCommit: (ctx) => ctx.staged?.commit(),
  afterRollback: (ctx) => ctx.staged?.discard(),

  jobs: ['usage', 'offices'],
};
