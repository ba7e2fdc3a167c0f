import { createHash } from 'node:crypto';
import { duplicateKeyErrors } from '../csv-table.js';
import * as p from '../field-parsers.js';
import type { ImportNotes } from '../import-notes.js';
import type { MunicipalityDirectory } from '../municipality-directory.js';
import type { ImportStore, SubsidyProgram } from '../import-store.repository.js';
import { todayInTokyo } from '../../core/domain/dates.js';
import type { RowError } from '../import-errors.js';
import { RowRuleError, type ImportKind, type ParsedRow } from '../import-kind.js';

export type { SubsidyProgram };

export interface GrantRow {
  grant_key: string;
  fiscal_year: number;
  prefecture_code: string;
  municipality_code: string | null;
  office_number: string | null;
  program_code: string;
  eligible_cost: number;
  amount: number;
  decided_on: string;
  linked_offices: number | null;
  /** The office's written pledge to join the linkage system (counts where a programme's condition lets it). */
  pledged_on: string | null;
}

interface Context {
  programs: SubsidyProgram[];
  directory: MunicipalityDirectory;
  notes: ImportNotes;
  today: string;
}

const CATEGORIES: Record<string, string> = {
  テクノロジー導入支援: 'technology',
  介護テクノロジー導入支援: 'technology',
  technology: 'technology',
  パッケージ型導入支援: 'package',
  package: 'package',
  業務改善支援: 'business_improvement',
  一体的に行う業務改善支援: 'business_improvement',
  business_improvement: 'business_improvement',
  モデル地域づくり: 'model_region',
  生産性向上モデル地域: 'model_region',
  model_region: 'model_region',
  ケアプランデータ連携モデル地域: 'cpdl_model_region',
  cpdl_model_region: 'cpdl_model_region',
  '賃上げ・職場環境改善支援': 'wage_improvement',
  介護分野の職員の賃上げ・職場環境改善支援事業: 'wage_improvement',
  wage_improvement: 'wage_improvement',
  処遇改善加算: 'treatment_improvement',
  介護職員等処遇改善加算: 'treatment_improvement',
  treatment_improvement: 'treatment_improvement',
  '協働化・大規模化': 'collaboration',
  協働化: 'collaboration',
  collaboration: 'collaboration',
};
const ADDON_LABEL = '加算あり';
export const ADDON_MIN_LINKED_OFFICES = 5;

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/** 2025, 2025年度, 令和7年度, R7 → 2025 (FY2019–FY2035). */
export const fiscalYear = (value: string) => p.fiscalYear(value);

function resolveProgram(ctx: Context, category: string, device: string | null): SubsidyProgram {
  const inCategory = ctx.programs.filter((pr) => pr.category === category || pr.code === category);
  const found =
    inCategory.length === 1 && !inCategory[0].device_category ? inCategory[0] : inCategory.find((pr) => pr.device_category === device);
  if (!found) {
    const accepted = inCategory
      .map((pr) => pr.device_category)
      .filter(Boolean)
      .join(' / ');
    throw new RowRuleError(
      '機器区分',
      `機器区分が事業区分に合いません（${accepted || '空欄'}）`,
      `device category does not fit the programme (accepted: ${accepted || 'empty'})`,
    );
  }
  return found;
}

/** Cap, add-on and rate rules of one grant against its programme (caps and rates are data). */
export function checkAgainstProgram(program: SubsidyProgram, row: Omit<GrantRow, 'pledged_on'>, addonClaimed: boolean): void {
  if (row.amount > row.eligible_cost)
    throw new RowRuleError('補助金額', '補助金額が補助対象経費を超えています', 'the grant exceeds the eligible cost');
  const maxByRate = Math.floor(row.eligible_cost * program.max_rate);
  if (row.amount > maxByRate) {
    throw new RowRuleError(
      '補助金額',
      `補助率の上限 ${program.max_rate} を超えています（上限 ${yen(maxByRate)}、${program.name}）`,
      `above the programme's subsidy rate ${program.max_rate} (at most ${maxByRate} yen, ${program.code})`,
    );
  }
  if (row.amount <= program.cap_yen) return;
  const addon = program.addon_cap_yen;
  if (addon && row.amount <= addon) {
    if (program.code === 'tech_software' && (row.linked_offices ?? 0) < ADDON_MIN_LINKED_OFFICES) {
      throw new RowRuleError(
        '連携事業所数',
        `5万円加算には連携事業所数${ADDON_MIN_LINKED_OFFICES}以上が必要です（${row.linked_offices ?? 0}）`,
        `the +50,000 yen add-on needs ${ADDON_MIN_LINKED_OFFICES} or more linked offices (got ${row.linked_offices ?? 0})`,
      );
    }
    if (program.code !== 'tech_software' && !addonClaimed) {
      throw new RowRuleError(
        '補助金額',
        `上限額 ${yen(program.cap_yen)}（加算は機器区分「${ADDON_LABEL}」）を超えています`,
        `above the cap of ${program.cap_yen} yen (the add-on needs 機器区分 ${ADDON_LABEL})`,
      );
    }
    return;
  }
  throw new RowRuleError(
    '補助金額',
    `上限額 ${yen(addon ?? program.cap_yen)} を超えています（${program.name}）`,
    `above the cap of ${addon ?? program.cap_yen} yen for ${program.code}`,
  );
}

export const subsidyGrantsImport: ImportKind<GrantRow, Context> = {
  kind: 'subsidy-grants',
  undoable: true,
  labelJa: '補助金交付決定',
  columns: [
    { key: 'fiscal_year', header: '年度', aliases: ['fiscal_year'], parse: fiscalYear },
    { key: 'prefecture_code', header: '都道府県コード', aliases: ['prefecture_code'], parse: p.prefectureCode },
    {
      key: 'municipality_code',
      header: '市区町村コード',
      aliases: ['municipality_code'],
      parse: (v) => (v.trim() ? v.trim() : null),
    },
    { key: 'office_number', header: '事業所番号', aliases: ['office_number'], parse: (v) => (v.trim() ? p.officeNumber(v) : null) },
    {
      key: 'category',
      header: '事業区分',
      aliases: ['program', 'category'],
      parse: (v) => p.oneOf(v, CATEGORIES, { ja: '事業区分', en: 'programme' }),
    },
    { key: 'device', header: '機器区分', aliases: ['device_category'], parse: (v) => p.optionalText(v, 50) },
    { key: 'eligible_cost', header: '補助対象経費', aliases: ['eligible_cost'], parse: (v) => p.count(v, 10_000_000_000) },
    { key: 'amount', header: '補助金額', aliases: ['amount'], parse: (v) => p.count(v, 1_000_000_000) },
    {
      key: 'decided_on',
      header: '交付決定日',
      aliases: ['decided_on'],
      parse: p.dateBetween('2020-04-01', '2100-12-31', { ja: '交付決定日', en: 'the decision date' }),
    },
    {
      key: 'linked_offices',
      header: '連携事業所数',
      aliases: ['linked_offices'],
      optional: true,
      parse: (v) => (v.trim() ? p.count(v, 100_000) : null),
    },
    {
      key: 'pledged_on',
      header: '連携誓約日',
      aliases: ['誓約日', 'pledged_on'],
      optional: true,
      parse: (v) => (v.trim() ? p.dateBetween('2020-04-01', '2100-12-31', { ja: '連携誓約日', en: 'the pledge date' })(v) : null),
    },
  ],

  async prepare(store, _parameters, env): Promise<Context> {
    return {
      programs: await store.subsidyPrograms(),
      directory: await store.municipalityDirectory(),
      notes: env.notes,
      today: todayInTokyo(),
    };
  },

  toRow(cells, ctx) {
    const device = cells.device as string | null;
    const program = resolveProgram(ctx, cells.category as string, device === ADDON_LABEL ? null : device);
    const row: Omit<GrantRow, 'pledged_on'> = {
      grant_key: '',
      fiscal_year: cells.fiscal_year as number,
      prefecture_code: cells.prefecture_code as string,
      municipality_code: cells.municipality_code as string | null,
      office_number: cells.office_number as string | null,
      program_code: program.code,
      eligible_cost: cells.eligible_cost as number,
      amount: cells.amount as number,
      decided_on: cells.decided_on as string,
      linked_offices: cells.linked_offices as number | null,
    };
    if (row.amount === 0) throw new RowRuleError('補助金額', '補助金額が0円です', 'the grant amount is zero');
    if (row.decided_on > ctx.today)
      throw new RowRuleError('交付決定日', '交付決定日が未来の日付です', 'the decision date is in the future');
    // The prefecture column settles a code that a lost leading zero made ambiguous, and must agree with it.
    if (row.municipality_code)
      row.municipality_code = ctx.directory.resolve(row.municipality_code, '市区町村コード', ctx.notes, {
        prefectureCode: row.prefecture_code,
      });
    if (row.office_number && row.office_number.slice(0, 2) !== row.prefecture_code) {
      throw new RowRuleError(
        '事業所番号',
        '事業所番号の先頭2桁が都道府県コードと一致しません',
        "the office number's prefecture digits do not match",
      );
    }
    checkAgainstProgram(program, row, device === ADDON_LABEL);
    // The key is the decision itself (not the pledge): a later file that adds the pledge date updates the same grant.
    row.grant_key = createHash('sha1').update(JSON.stringify(row)).digest('hex');
    const pledgedOn = cells.pledged_on as string | null;
    if (pledgedOn && pledgedOn > ctx.today)
      throw new RowRuleError('連携誓約日', '連携誓約日が未来の日付です', 'the pledge date is in the future');
    if (pledgedOn && !row.office_number)
      throw new RowRuleError('連携誓約日', '連携誓約日は事業所ごとの交付決定にのみ書けます', 'a pledge date needs an office number');
    return { ...row, pledged_on: pledgedOn };
  },

  async checkRows(rows: ParsedRow<GrantRow>[], ctx, store): Promise<RowError[]> {
    const errors = duplicateKeyErrors(rows, (r) => r.grant_key, '事業区分', '同一内容の行', 'identical row');
    const known = await store.officeMunicipalities(rows.map((r) => r.value.office_number).filter((o): o is string => o !== null));
    for (const { row, value } of rows) {
      if (!value.office_number) continue;
      const municipality = known.get(value.office_number);
      if (!municipality)
        errors.push({
          row,
          column: '事業所番号',
          value: value.office_number,
          reason_ja: '事業所が登録されていません',
          reason_en: 'unknown office',
        });
      else if (value.municipality_code && municipality !== value.municipality_code) {
        errors.push({
          row,
          column: '市区町村コード',
          value: value.municipality_code,
          reason_ja: `事業所の所在市区町村（${municipality}）と一致しません`,
          reason_en: `not the office's municipality (${municipality})`,
        });
      }
    }
    errors.push(...(await checkPrefectureLimits(rows, ctx, store)));
    return errors;
  },

  write(store, rows, importId) {
    return store.upsert(
      'subsidy_grants',
      ['grant_key'],
      [
        { name: 'grant_key', type: 'char(40)' },
        { name: 'fiscal_year', type: 'int' },
        { name: 'prefecture_code', type: 'char(2)' },
        { name: 'municipality_code', type: 'char(6)' },
        { name: 'office_number', type: 'char(10)' },
        { name: 'program_code', type: 'text' },
        { name: 'eligible_cost', type: 'bigint' },
        { name: 'amount', type: 'bigint' },
        { name: 'decided_on', type: 'date' },
        { name: 'linked_offices', type: 'int' },
        // A file without the column keeps a pledge recorded before.
        { name: 'pledged_on', type: 'date', keepWhenEmpty: true },
      ],
      rows,
      importId,
    );
  },
};

/** Model projects per prefecture and fiscal year (at most 3) and programme totals per prefecture, counting what is already stored. */
async function checkPrefectureLimits(rows: ParsedRow<GrantRow>[], ctx: Context, store: ImportStore): Promise<RowError[]> {
  const errors: RowError[] = [];
  for (const program of ctx.programs.filter((pr) => pr.max_per_prefecture || pr.max_total_per_prefecture_yen)) {
    const mine = rows.filter((r) => r.value.program_code === program.code);
    if (mine.length === 0) continue;
    const stored = await store.grantTallies(
      program.code,
      mine.map((r) => r.value.grant_key),
    );
    const tally = new Map(stored.map((s) => [`${s.fiscal_year}:${s.prefecture_code}`, { n: s.n, total: s.total }]));
    for (const { row, value } of mine) {
      const key = `${value.fiscal_year}:${value.prefecture_code}`;
      const t = tally.get(key) ?? { n: 0, total: 0 };
      t.n += 1;
      t.total += value.amount;
      tally.set(key, t);
      if (program.max_per_prefecture && t.n > program.max_per_prefecture) {
        errors.push({
          row,
          column: '事業区分',
          value: program.code,
          reason_ja: `${program.name}は1都道府県あたり${program.max_per_prefecture}モデルまでです（${t.n}件目）`,
          reason_en: `at most ${program.max_per_prefecture} ${program.code} projects per prefecture and fiscal year (this is number ${t.n})`,
        });
      }
      if (program.max_total_per_prefecture_yen && t.total > program.max_total_per_prefecture_yen) {
        errors.push({
          row,
          column: '補助金額',
          value: String(value.amount),
          reason_ja: `${program.name}の都道府県合計が上限 ${yen(program.max_total_per_prefecture_yen)} を超えます`,
          reason_en: `the prefecture's total for ${program.code} exceeds ${program.max_total_per_prefecture_yen} yen`,
        });
      }
    }
  }
  return errors;
}
