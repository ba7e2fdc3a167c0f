import { duplicateKeyErrors } from '../csv-table.js';
import * as p from '../field-parsers.js';
import type { ImportNotes } from '../import-notes.js';
import type { MunicipalityDirectory } from '../municipality-directory.js';
import { todayInTokyo } from '../../core/domain/dates.js';
import type { RowError } from '../import-errors.js';
import { RowRuleError, type ImportKind, type ParsedRow } from '../import-kind.js';
import { STEP_NAMES, type Step } from '../../core/domain/standardization-steps.js';

export interface MilestoneRow {
  municipality_code: string;
  step: Step;
  planned_on: string | null;
  completed_on: string | null;
  vendor: string | null;
}

interface Context {
  directory: MunicipalityDirectory;
  notes: ImportNotes;
  today: string;
}

export const standardizationMilestonesImport: ImportKind<MilestoneRow, Context> = {
  kind: 'standardization-milestones',
  undoable: true,
  labelJa: '標準化の段階別予定・実績',
  columns: [
    {
      key: 'municipality_code',
      header: '市区町村コード',
      aliases: ['municipality_code'],
      parse: p.required,
    },
    // ①②③ prefixes are optional: NFKC turns ① into 1, which is stripped with the separators.
    {
      key: 'step',
      header: '段階',
      aliases: ['step'],
      parse: (v) => p.oneOf(v.normalize('NFKC').replace(/^[\s\d.:：、]+/, ''), STEP_NAMES, { ja: '段階', en: 'step' }),
    },
    {
      key: 'planned_on',
      header: '予定日',
      aliases: ['planned_on'],
      parse: p.optionalDateBetween('2020-04-01', '2035-03-31', { ja: '予定日', en: 'the planned date' }),
    },
    {
      key: 'completed_on',
      header: '完了日',
      aliases: ['completed_on'],
      optional: true,
      parse: p.optionalDateBetween('2020-04-01', '2100-12-31', { ja: '完了日', en: 'the completion date' }),
    },
    { key: 'vendor', header: '事業者名', aliases: ['vendor'], optional: true, parse: (v) => p.optionalText(v, 100) },
  ],

  async prepare(store, _parameters, env): Promise<Context> {
    return { directory: await store.municipalityDirectory(), notes: env.notes, today: todayInTokyo() };
  },

  toRow(cells, ctx) {
    const row = {
      ...(cells as unknown as MilestoneRow),
      municipality_code: ctx.directory.resolve(String(cells.municipality_code), '市区町村コード', ctx.notes),
    };
    if (row.completed_on && row.completed_on > ctx.today) {
      throw new RowRuleError(
        '完了日',
        `完了日が取込日（${ctx.today}）より後です`,
        `completion date is after the upload date (${ctx.today})`,
      );
    }
    if (!row.planned_on && !row.completed_on)
      throw new RowRuleError('予定日', '予定日か完了日のどちらかが必要です', 'a planned or a completion date is needed');
    return row;
  },

  async checkRows(rows: ParsedRow<MilestoneRow>[]): Promise<RowError[]> {
    return duplicateKeyErrors(rows, (r) => `${r.municipality_code}:${r.step}`, '段階', '市区町村・段階', 'municipality and step');
  },

  write(store, rows, importId) {
    return store.upsert(
      'standardization_milestones',
      ['municipality_code', 'step'],
      [
        { name: 'municipality_code', type: 'char(6)' },
        { name: 'step', type: 'text' },
        { name: 'planned_on', type: 'date' },
        { name: 'completed_on', type: 'date' },
        { name: 'vendor', type: 'text' },
      ],
      rows,
      importId,
    );
  },
};
