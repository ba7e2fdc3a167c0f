import { Injectable } from '@nestjs/common';
import { parseIsoDate } from '../core/http/params.js';
import { isMonthEnd } from '../core/domain/dates.js';
import { SummaryCache } from '../core/http/summary-cache.js';
import { ROUNDING_RULE_JA } from '../core/domain/rates.js';
import { PROJECTION_METHOD_JA, PROJECTION_MONTHS, projectTarget, projectionWindow } from '../core/domain/projection.js';
import type { AreaProjection, ComparedMunicipality, RateSeriesRow, TrendPoint } from './dto/adoption.responses.js';
import { CLASS_LABELS_JA } from '../core/domain/municipality-class.js';
import { AdoptionRepository } from './adoption.repository.js';
import Papa from 'papaparse';
import { ADOPTION_EXPORT_COLUMNS, type AdoptionExportRow } from './dto/adoption-export.js';
import type { MunicipalityClass } from '../core/domain/municipality-class.js';
import { FiguresService, type ResolvedAsOf } from '../figures/figures.service.js';
import type { AdoptionMunicipalitiesQuery } from './dto/adoption-queries.js';
import { adoptionErrors } from './adoption.errors.js';
import { SIZE_BAND_NAMES } from '../core/domain/size-bands.js';

export const RATE_NOTE = {
  target_offices:
    '対象事業所 = 連携の対象となるサービス（居宅介護支援・介護予防支援と居宅サービス等）を1つ以上持つ事業所。複数のサービスを持つ事業所も1事業所として数える / offices holding at least one counted service, each counted once',
  application_rate: '申請率 = 申請済み事業所数 / 対象事業所数（申請日が基準日以前） / applied offices ÷ target offices',
  usage_rate: '利用率 = 基準日にライセンスが有効な事業所数 / 対象事業所数 / offices with a licence in force ÷ target offices',
  rounding: `${ROUNDING_RULE_JA} / rates are unrounded ratios; shown half-up to one decimal of a percent, except that a rate below the target that would round up to it is rounded down (29.95% → 29.9%)`,
  offices_needed: '目標到達に必要な追加申請数 = 最小の n（(申請数 + n) / 事業所数 ≥ 目標）',
};

@Injectable()
export class AdoptionService {
  constructor(
    private readonly repository: AdoptionRepository,
    private readonly figures: FiguresService,
    private readonly cache: SummaryCache,
  ) {}

  /** An admin removes an ad-hoc as-of date (month ends are recomputed by every run, so they stay). */
  async removeDate(asOf: string): Promise<{ as_of: string; rows_removed: number }> {
    const date = parseIsoDate(asOf, 'as_of');
    if (!(await this.figures.dates('adoption')).includes(date)) throw adoptionErrors.noFiguresOn(date);
    if (isMonthEnd(date)) {
      throw adoptionErrors.monthEndKept(date);
    }
    const removed = await this.repository.removeDate(date);
    this.cache.clear();
    return { as_of: date, rows_removed: removed };
  }

  private async resolve(asOf?: string) {
    return this.figures.resolve('adoption', asOf);
  }

  private meta(resolved: ResolvedAsOf, extra: Record<string, unknown> = {}) {
    return this.figures.meta('adoption', resolved.as_of, resolved.run, { definitions: RATE_NOTE, ...extra });
  }

  async national(asOf?: string) {
    const resolved = await this.resolve(asOf);
    return { data: await this.repository.national(resolved.as_of), meta: this.meta(resolved) };
  }

  async prefectures(asOf?: string) {
    const resolved = await this.resolve(asOf);
    const data = await this.repository.prefectures(resolved.as_of);
    return { data, meta: this.meta(resolved, { count: data.length }) };
  }

  async classes(asOf?: string) {
    const resolved = await this.resolve(asOf);
    const data = (await this.repository.classes(resolved.as_of)).map((r) => ({ ...r, class_label: CLASS_LABELS_JA[r.class] }));
    return { data, meta: this.meta(resolved, { count: data.length }) };
  }

  async municipalities(query: AdoptionMunicipalitiesQuery) {
    const resolved = await this.resolve(query.as_of);
    const date = resolved.as_of;
    const limit = query.limit ?? 2000;
    const offset = query.offset ?? 0;
    const { total, rows } = await this.repository.municipalities({
      asOf: date,
      prefecture: query.prefecture,
      class: query.class,
      meetsTarget: query.meets_target === undefined ? undefined : query.meets_target === 'true',
      sort: query.sort ?? 'code',
      limit,
      offset,
    });
    const data = rows.map((r) => ({ ...r, class_label: CLASS_LABELS_JA[r.class] }));
    return { data, meta: this.meta(resolved, { count: data.length, total, limit, offset }) };
  }

  async municipality(code: string, asOf?: string) {
    const resolved = await this.resolve(asOf);
    const date = resolved.as_of;
    const row = await this.repository.municipality(date, code);
    if (!row) throw adoptionErrors.noMunicipality(code);
    const [prefecture, cls, size] = await Promise.all(
      (['prefecture_code', 'class', 'size_band'] as const).map((c) => this.repository.peerGroup(date, code, c)),
    );
    const trend = (await this.repository.trend({ municipality: code })).filter((t) => t.as_of <= date);
    return {
      data: {
        ...row,
        class_label: CLASS_LABELS_JA[row.class],
        peers: { prefecture, class: cls, size_band: size },
        trend,
        projection: this.projectSeries(trend, date),
      },
      meta: this.meta(resolved, {
        peer_definition: `同じ都道府県 / 同じ区分 / 同じ規模帯（対象事業所数 ${SIZE_BAND_NAMES}）。percentile = 比較対象のうち申請率が低い団体の割合`,
        projection_method_ja: PROJECTION_METHOD_JA,
      }),
    };
  }

  /**
   * Municipalities the user chose, side by side on one date with their month-end series (as public
   * dashboards compare any areas). Rates only: their offices stay behind each municipality's own scope.
   */
  async comparison(codes: string[], asOf?: string) {
    const resolved = await this.resolve(asOf);
    const rows = await this.repository.municipalitiesByCode(resolved.as_of, codes);
    const missing = codes.filter((code) => !rows.some((r) => r.code === code));
    if (missing.length > 0) {
      throw adoptionErrors.noneOfThese(resolved.as_of, missing);
    }
    const rates = await this.repository.monthEndRates(codes, resolved.as_of);
    const data: ComparedMunicipality[] = rows.map((row) => ({
      ...row,
      class_label: CLASS_LABELS_JA[row.class],
      trend: rates.filter((r) => r.code === row.code).map(({ as_of, application_rate }) => ({ as_of, application_rate })),
    }));
    return { data, meta: this.meta(resolved, { count: data.length }) };
  }

  /** The monthly series up to the as-of date (default: the latest month end). */
  async trend(filter: { prefecture?: string; municipality?: string }, asOf?: string) {
    const resolved = await this.resolve(asOf);
    const data = (await this.repository.trend(filter)).filter((r) => r.as_of <= resolved.as_of);
    if (data.length === 0) throw adoptionErrors.noTrend();
    return {
      data,
      meta: this.meta(resolved, {
        from: data[0].as_of,
        to: resolved.as_of,
        scope: filter,
        projection: this.projectSeries(data, resolved.as_of),
        projection_method_ja: PROJECTION_METHOD_JA,
      }),
    };
  }

  /** The projection of a monthly series ending at the as-of date. */
  private projectSeries(series: TrendPoint[], asOf: string) {
    const last = series.at(-1);
    const points = last?.as_of === asOf ? series.map((p) => ({ as_of: p.as_of, rate: p.application_rate })) : [];
    return projectTarget(points, last?.target_rate ?? 0.3);
  }

  /** Each area's projection to the target at its pace over the last 6 months (core/projection.ts), on the as-of date. */
  async projections(query: {
    as_of?: string;
    level?: 'national' | 'prefecture' | 'municipality';
    prefecture?: string;
    municipality?: string;
    by_fiscal_year_end?: 'true' | 'false';
    limit?: number;
  }) {
    const resolved = await this.resolve(query.as_of);
    const level = query.level ?? 'prefecture';
    const window = projectionWindow(resolved.as_of);
    const rows = await this.repository.rateSeries(level, window, { prefecture: query.prefecture, municipality: query.municipality });
    const byArea = new Map<string, RateSeriesRow[]>();
    for (const r of rows) byArea.set(r.code, [...(byArea.get(r.code) ?? []), r]);
    let data: AreaProjection[] = [...byArea.values()].map((series) => {
      const { as_of: _asOf, ...latest } = series.at(-1)!;
      const points = series.map((p) => ({ as_of: p.as_of, rate: p.application_rate }));
      // The window must end at the as-of date: an area without a figure then cannot be projected.
      const complete = series.at(-1)!.as_of === resolved.as_of ? points : [];
      return { ...latest, level, projection: projectTarget(complete, latest.target_rate) };
    });
    if (query.by_fiscal_year_end) data = data.filter((a) => String(a.projection.by_fiscal_year_end) === query.by_fiscal_year_end);
    const count = data.length;
    if (query.limit !== undefined) data = [...data].sort((a, b) => (b.offices_needed ?? 0) - (a.offices_needed ?? 0)).slice(0, query.limit);
    return {
      data,
      meta: this.meta(resolved, {
        count,
        window: { from: window[0], to: window.at(-1) },
        method_ja: PROJECTION_METHOD_JA,
        method_en: `least-squares slope of the application rate over the last ${PROJECTION_MONTHS} months (7 month ends), continued from the latest rate`,
      }),
    };
  }

  async dates() {
    return { data: await this.figures.dates('adoption'), meta: { latest_month_end: (await this.figures.defaultAsOf('adoption')) ?? null } };
  }

  /**
   * The bulk download: every municipality on every month end (of one prefecture, or all), as CSV that Excel on
   * Windows opens (UTF-8 with BOM, CRLF); rates as ratios, 目標達成 as 1/0, an empty cell where there is no value.
   */
  async exportCsv(prefecture?: string): Promise<string> {
    const rows = await this.repository.monthEndRows(prefecture);
    return csv(
      ADOPTION_EXPORT_COLUMNS.map((c) => c.header),
      rows.map((r) => ADOPTION_EXPORT_COLUMNS.map((c) => exportValue(r, c.key))),
    );
  }

  /** What each column of the bulk download means. */
  exportDictionary(): string {
    return csv(
      ['列', '意味'],
      ADOPTION_EXPORT_COLUMNS.map((c) => [c.header, c.meaning]),
    );
  }
}

const csv = (fields: string[], data: unknown[][]) => `\uFEFF${Papa.unparse({ fields, data }, { newline: '\r\n' })}\r\n`;

function exportValue(row: AdoptionExportRow, key: keyof AdoptionExportRow): string | number {
  const value = row[key];
  if (value === null || value === undefined) return '';
  if (key === 'class') return CLASS_LABELS_JA[value as MunicipalityClass] ?? String(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
