import { parseJapaneseDate, JapaneseDateError } from '../../../core/domain/japanese-dates.js';
import { serviceCodeOfFileName, serviceCodeOfLabel } from '../../../core/domain/service-types.js';
import * as p from '../../field-parsers.js';
import { ImportFileError } from '../../import-errors.js';
import { RowRuleError, type ColumnSpec, type RowSource } from '../../import-kind.js';
import type { ImportNotes } from '../../import-notes.js';
import type { MunicipalityDirectory } from '../../municipality-directory.js';

/** One office × service as the import writes it, from any layout. */
export interface CareOfficeRow {
  /** Empty for a row of a list that gives none (matched to a known office by telephone or name, or set aside). */
  office_number: string;
  name: string;
  /** As the file writes it; null when the file has none (a stored number is then kept). */
  phone: string | null;
  /** 住所 as the list writes it (with 方書 when given apart); null when none (a stored address is then kept). */
  address: string | null;
  municipality_code: string;
  service_type_code: string;
  /** For a snapshot row: the snapshot date (the service is known to exist then). */
  designated_on: string;
  abolished_on: string | null;
  /** From a published list with no dates: present on the snapshot date. */
  snapshot: boolean;
}

/** snapshot: a published list closes what it no longer holds; additions-only: a partial list closes nothing. */
export type SnapshotMode = 'snapshot' | 'additions-only';

export interface CareOfficeContext {
  directory: MunicipalityDirectory;
  /** Every service type: its name and whether it counts toward adoption. */
  serviceTypes: Map<string, { name: string; counts: boolean }>;
  notes: ImportNotes;
  /** `snapshot_date` as given (和暦 accepted), else undefined. */
  snapshotDate?: string;
  /** `service_type` as given: the service of every row of a published list. */
  serviceType?: string;
  snapshotMode: SnapshotMode;
  /** The date each file's title states (e.g. 令和6年10月1日現在), by file name. */
  statedDates: Map<string, string>;
  /** Offices named by rows set aside: a snapshot leaves them as they are. */
  setAsideOffices: Set<string>;
}

export const column = (
  key: string,
  header: string,
  parse: ColumnSpec<CareOfficeContext>['parse'],
  extra: Partial<ColumnSpec<CareOfficeContext>> = {},
): ColumnSpec<CareOfficeContext> => ({ key, header, aliases: [], parse, ...extra });

export const text = (v: string) => p.text(v, 200);
export const optional = (v: string) => v.trim();
/** The app's own 住所 column: as written, empty is none. */
export const optionalAddress = (v: string) => publishedAddress(v);
/** An office number where a list may leave it empty. */
export const optionalOfficeNumber = (v: string) => (v.trim() === '' ? '' : p.officeNumber(v));

/** The date a published list is as of: `snapshot_date`, else the date its title states. */
export function snapshotDateOf(ctx: CareOfficeContext, source: RowSource): string {
  const date = ctx.snapshotDate ?? stated(ctx, source);
  if (!date) {
    throw new ImportFileError(
      `この形式（${source.layout === 'mhlw-open-data' ? '介護サービス情報公表システムのオープンデータ' : '推奨データセット'}）には日付がありません。基準日（snapshot_date、例: 2025-10-01 または 令和7年10月1日）を指定してください`,
      `this layout has no dates: give the date the list is as of (snapshot_date, e.g. 2025-10-01)`,
    );
  }
  return date;
}

/** A date stated in the file's title rows ("令和6年10月1日現在"), read once per file. */
function stated(ctx: CareOfficeContext, source: RowSource): string | undefined {
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

export function knownService(code: string, ctx: CareOfficeContext, column: string): string {
  if (!ctx.serviceTypes.has(code))
    throw new RowRuleError(column, `未登録のサービス種類コードです（${code}）`, `unknown service type code ${code}`);
  return code;
}

/** The service of a row of a published list: the `service_type` parameter, the open-data file name, or the label. */
export function serviceOfListRow(ctx: CareOfficeContext, source: RowSource, written: string, column: string): string[] {
  if (ctx.serviceType) return [knownService(ctx.serviceType, ctx, column)];
  const fromFile = serviceCodeOfFileName(source.file.fileName);
  const labels = written
    .split(/[、,，]/)
    .map((n) => n.trim())
    .filter(Boolean);
  const byLabel = labels.map((n) => serviceCodeOfLabel(n));
  if (fromFile) {
    if (byLabel.length === 1 && byLabel[0] && byLabel[0] !== fromFile) {
      ctx.notes.warn(
        column,
        written,
        `ファイル名のサービス（${fromFile}）と列の名称が異なります。ファイル名のコードを使います`,
        `the service named differs from the file name's (${fromFile}); the file name's code is used`,
      );
    }
    return [knownService(fromFile, ctx, column)];
  }
  const unknown = labels.filter((_, i) => !byLabel[i]);
  if (labels.length === 0 || unknown.length) {
    throw new RowRuleError(
      column,
      `サービスの種類を特定できません（${unknown.join('、') || '空欄'}）。ファイル名を jigyosho_110.csv のようにするか、service_type（例: 110）を指定してください`,
      `cannot tell the service type (${unknown.join(', ') || 'empty'}); name the file like jigyosho_110.csv or give service_type (e.g. 110)`,
    );
  }
  return [...new Set(byLabel as string[])].map((code) => knownService(code, ctx, column));
}

export function checkOfficePrefecture(row: { office_number: string; municipality_code: string }, ctx: CareOfficeContext): void {
  if (row.office_number && row.office_number.slice(0, 2) !== ctx.directory.prefectureOf(row.municipality_code)) {
    throw new RowRuleError(
      '事業所番号',
      `事業所番号の先頭2桁が所在市区町村（${ctx.directory.name(row.municipality_code)}）の都道府県と一致しません`,
      `the office number's prefecture digits do not match the municipality's prefecture (${row.municipality_code})`,
    );
  }
}

/**
 * A published list's telephone number: every dash form and full-width digit normalised; a value that is
 * still no number is a warning and the office goes in without it — never a reason to refuse the list.
 */
export function publishedPhone(value: string, ctx: CareOfficeContext): string | null {
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

/** An address as a list writes it: 住所, then 方書（ビル名等） when given apart and not already in it; null when empty. */
export function publishedAddress(address: string, building = ''): string | null {
  const main = address.trim();
  const extra = building.trim();
  const joined = extra && !main.includes(extra) ? `${main} ${extra}`.trim() : main;
  return joined === '' ? null : joined.slice(0, 300);
}

/** The rows (one per service) of one line of a published list, as of its snapshot date. */
export function snapshotRows(
  base: Pick<CareOfficeRow, 'office_number' | 'name' | 'phone' | 'address' | 'municipality_code'>,
  services: string[],
  date: string,
): CareOfficeRow[] {
  return services.map((code) => ({ ...base, service_type_code: code, designated_on: date, abolished_on: null, snapshot: true }));
}
