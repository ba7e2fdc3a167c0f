import { UsageStage, type StagedUsage, type UsageRow } from '../../../../jobs/engine/usage-parquet-store.js';
import * as p from '../field-parsers.js';
import { thisMonthInTokyo } from '../../core/domain/dates.js';
import { RowRuleError, type ImportKind } from '../import-kind.js';

interface Context {
  thisMonth: string;
  /** Files run to millions of rows: they are staged on disk as they pass, never held in memory. */
  stage: UsageStage;
  staged?: StagedUsage;
}

/** Monthly exchange counts per office, stored as Parquet per month (see jobs/engine/usage-parquet-store.ts). */
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
    return { thisMonth: thisMonthInTokyo(), stage: await UsageStage.open(env.dataDir) };
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

  stage: (ctx) => ({
    add: ({ row, file, value }) => ctx.stage.add(row, file, value),
    // Duplicate office and month, unknown offices: in SQL over the staged rows.
    check: (store, limit) => ctx.stage.check(async (numbers) => new Set((await store.officeMunicipalities(numbers)).keys()), limit),
    close: () => ctx.stage.close(),
  }),

  async write(store, _rows, _importId, ctx) {
    ctx.staged = await ctx.stage.write((months) => store.lockUsageMonths(months));
    return ctx.staged.counts;
  },

  // A month's exchanges count only toward that month's figures.
  changesFrom: (ctx) => ctx.stage.changesFrom(),

  afterCommit: (ctx) => ctx.staged?.commit(),
  afterRollback: (ctx) => ctx.staged?.discard(),
};
