import { toAsciiDigits } from '../../core/domain/municipality-code.js';
import { duplicateKeyErrors } from '../csv-table.js';
import * as p from '../field-parsers.js';
import type { ImportNotes } from '../import-notes.js';
import type { MunicipalityDirectory } from '../municipality-directory.js';
import { FieldError, ImportFileError, type RowError } from '../import-errors.js';
import { RowRuleError, type ImportKind, type ParsedRow } from '../import-kind.js';

export type PlannedPeriod = 'FY2025' | 'FY2026' | 'FY2027' | 'FY2028_OR_LATER' | 'UNDECIDED';

export interface SurveyResponseRow {
  round: string;
  municipality_code: string;
  answered: boolean;
  fy2025_migration: 'possible' | 'difficult' | null;
  planned_period: PlannedPeriod | null;
}

interface Context {
  directory: MunicipalityDirectory;
  notes: ImportNotes;
  round: string;
  name: string;
  conductedOn: string;
}

const ANSWERED: Record<string, boolean> = {
  回答あり: true,
  あり: true,
  answered: true,
  yes: true,
  未回答: false,
  なし: false,
  unanswered: false,
  no: false,
};
const FY2025: Record<string, 'possible' | 'difficult'> = {
  可能: 'possible',
  移行可能: 'possible',
  possible: 'possible',
  困難: 'difficult',
  移行困難: 'difficult',
  difficult: 'difficult',
};
export const PERIOD_LABELS: Record<string, PlannedPeriod> = {
  令和7年度: 'FY2025',
  令和7年度中: 'FY2025',
  fy2025: 'FY2025',
  令和8年度: 'FY2026',
  令和8年度中: 'FY2026',
  fy2026: 'FY2026',
  令和9年度: 'FY2027',
  令和9年度中: 'FY2027',
  fy2027: 'FY2027',
  令和10年度以降: 'FY2028_OR_LATER',
  fy2028_or_later: 'FY2028_OR_LATER',
  '調整中・未定': 'UNDECIDED',
  調整中: 'UNDECIDED',
  未定: 'UNDECIDED',
  undecided: 'UNDECIDED',
};

const blankOr =
  <T>(parse: (v: string) => T) =>
  (v: string) =>
    v.trim() === '' ? null : parse(v);

/** One survey round per file; re-importing a round replaces that round's answers, earlier rounds stay. */
export const standardizationSurveyImport: ImportKind<SurveyResponseRow, Context> = {
  kind: 'standardization-survey',
  undoable: true,
  labelJa: '標準化アンケート（1回分）',
  parameters: ['round', 'name', 'conducted_on'],
  columns: [
    {
      key: 'municipality_code',
      header: '市区町村コード',
      aliases: ['municipality_code'],
      parse: p.required,
    },
    { key: 'answered', header: '回答', aliases: ['answered'], parse: (v) => p.oneOf(v, ANSWERED, { ja: '回答', en: 'answer status' }) },
    {
      key: 'fy2025_migration',
      header: '令和7年度末までの移行',
      aliases: ['fy2025_migration'],
      parse: blankOr((v) => p.oneOf(v, FY2025, { ja: '令和7年度末までの移行', en: 'FY2025 migration answer' })),
    },
    {
      key: 'planned_period',
      header: '移行予定時期',
      aliases: ['planned_period'],
      parse: blankOr((v) => p.oneOf(v, PERIOD_LABELS, { ja: '移行予定時期', en: 'planned period' })),
    },
  ],

  async prepare(store, parameters, env): Promise<Context> {
    const round = toAsciiDigits(parameters.round ?? '');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(round))
      throw new ImportFileError('round は YYYY-MM 形式で指定してください（例: 2025-02）', 'round must be YYYY-MM (e.g. 2025-02)');
    let conductedOn: string;
    try {
      conductedOn = p.dateBetween(
        '2020-04-01',
        { daysFromToday: 0 },
        { ja: '実施日', en: 'the survey date' },
      )(parameters.conducted_on ?? '');
    } catch (error) {
      if (error instanceof FieldError) throw new ImportFileError(`conducted_on: ${error.reasonJa}`, `conducted_on: ${error.reasonEn}`);
      throw error;
    }
    return {
      directory: await store.municipalityDirectory(),
      notes: env.notes,
      round,
      name: (parameters.name ?? '').slice(0, 200),
      conductedOn,
    };
  },

  toRow(cells, ctx) {
    const answered = Boolean(cells.answered);
    const row = {
      round: ctx.round,
      municipality_code: ctx.directory.resolve(String(cells.municipality_code), '市区町村コード', ctx.notes),
      answered,
      fy2025_migration: cells.fy2025_migration as SurveyResponseRow['fy2025_migration'],
      planned_period: cells.planned_period as PlannedPeriod | null,
    };
    if (!answered && (row.fy2025_migration || row.planned_period)) {
      throw new RowRuleError('回答', '未回答の団体に回答内容があります', 'an unanswered row carries answers');
    }
    if (answered && !row.fy2025_migration)
      throw new RowRuleError('令和7年度末までの移行', '回答ありの団体は「可能」か「困難」が必要です', 'answered rows need 可能 or 困難');
    if (answered && !row.planned_period)
      throw new RowRuleError('移行予定時期', '回答ありの団体は移行予定時期が必要です', 'answered rows need a planned period');
    return row;
  },

  async checkRows(rows: ParsedRow<SurveyResponseRow>[]): Promise<RowError[]> {
    return duplicateKeyErrors(rows, (r) => r.municipality_code, '市区町村コード', '市区町村コード', 'municipality code');
  },

  async write(store, rows, importId, ctx) {
    await store.saveSurveyRound({ round: ctx.round, name: ctx.name || `${ctx.round} 調査`, conductedOn: ctx.conductedOn }, importId);
    const removed = await store.removeSurveyResponsesExcept(
      ctx.round,
      rows.map((r) => r.municipality_code),
    );
    const counts = await store.upsert(
      'survey_responses',
      ['round', 'municipality_code'],
      [
        { name: 'round', type: 'text' },
        { name: 'municipality_code', type: 'char(6)' },
        { name: 'answered', type: 'boolean' },
        { name: 'fy2025_migration', type: 'text' },
        { name: 'planned_period', type: 'text' },
      ],
      rows,
      importId,
    );
    return { ...counts, updated: counts.updated + removed };
  },
};
