import type { AsOfQuery } from './dto/as-of.query.js';
import { Injectable } from '@nestjs/common';
import { ApiError } from '../core/http/api-error.js';
import { parseIsoDate } from '../core/http/params.js';
import { isMonthEnd, latestOnOrBefore, todayInTokyo } from '../core/domain/dates.js';
import { FAMILIES, type FigureFamily } from './figure-families.js';
import { FiguresRepository, type JobRunInfo } from './figures.repository.js';
import type { FigureMeta } from './dto/figures.responses.js';
import { figuresErrors } from './figures.errors.js';

export type { FigureMeta };

export interface ResolvedAsOf {
  as_of: string;
  run: JobRunInfo;
}

/**
 * The one owner of as-of dates and figure metadata: resolves a requested or default as-of per figure
 * family (rules in figure-families.ts) and builds `meta`, so every endpoint answers alike.
 */
@Injectable()
export class FiguresService {
  constructor(private readonly repository: FiguresRepository) {}

  async run(family: FigureFamily): Promise<JobRunInfo> {
    const rule = FAMILIES[family];
    const run = await this.repository.latestRun(rule.job);
    if (!run) throw figuresErrors.notComputedYet({ ja: rule.labelJa, en: rule.labelEn }, rule.job);
    return run;
  }

  /** The computed as-of dates of a family, oldest first. */
  async dates(family: FigureFamily, knownRun?: JobRunInfo): Promise<string[]> {
    const rule = FAMILIES[family];
    if (rule.datesTable) return this.repository.dates(rule.datesTable);
    const run = knownRun ?? (await this.repository.latestRun(rule.job));
    return run ? [run.as_of] : [];
  }

  /** The latest computed date of a family not after `date` (the `on_or_before` rule), or null when none is. */
  async latestNotAfter(family: FigureFamily, date: string): Promise<string | null> {
    return latestOnOrBefore(await this.dates(family), date);
  }

  /** The default as-of of a family, or undefined when nothing is computed yet. */
  async defaultAsOf(family: FigureFamily, run?: JobRunInfo): Promise<string | undefined> {
    const rule = FAMILIES[family];
    if (rule.default === 'run-date') return (run ?? (await this.repository.latestRun(rule.job)))?.as_of;
    const today = todayInTokyo();
    return (await this.dates(family)).filter((d) => isMonthEnd(d) && d <= today).at(-1);
  }

  /**
   * A requested date must be computed (404 listing those that are), or with `on_or_before` the latest
   * computed date not after it (a page's 基準日 for a family computed on other dates); without one, the
   * family's default.
   */
  async resolve(family: FigureFamily, requested?: string | AsOfQuery): Promise<ResolvedAsOf> {
    const query: AsOfQuery = typeof requested === 'object' ? requested : { as_of: requested };
    const run = await this.run(family);
    if (query.as_of !== undefined && query.as_of !== '') {
      const date = parseIsoDate(query.as_of, 'as_of');
      const dates = await this.dates(family, run);
      const found = query.as_of_rule === 'on_or_before' ? latestOnOrBefore(dates, date) : dates.find((d) => d === date);
      if (!found) throw this.noDataFor(family, date, dates);
      return { as_of: found, run };
    }
    const date = await this.defaultAsOf(family, run);
    if (!date) throw figuresErrors.notComputedYet({ ja: FAMILIES[family].labelJa, en: FAMILIES[family].labelEn });
    return { as_of: date, run };
  }

  private noDataFor(family: FigureFamily, date: string, dates: string[]): ApiError {
    const rule = FAMILIES[family];
    return figuresErrors.noDataForDate(date, { ja: rule.labelJa, en: rule.labelEn }, dates);
  }

  /** Every family's source and when it was last computed (the definitions page). */
  async sources() {
    const families = Object.keys(FAMILIES) as FigureFamily[];
    return Promise.all(
      families.map(async (family) => {
        const rule = FAMILIES[family];
        const run = await this.repository.latestRun(rule.job);
        return {
          family,
          label_ja: rule.labelJa,
          source: run ? this.meta(family, run.as_of, run).source : rule.sourceJa,
          demo: run?.demo ?? false,
          computed_at: run?.computed_at ?? null,
          run_as_of: run?.as_of ?? null,
        };
      }),
    );
  }

  /** `meta` of a figure: as-of, source (the imports, or デモデータ), demo flag and the job run, plus extras. */
  meta(family: FigureFamily, asOf: string, run: JobRunInfo, extra: Record<string, unknown> = {}): FigureMeta {
    const rule = FAMILIES[family];
    return {
      as_of: asOf,
      source: run.demo ? rule.demoSourceJa : `${rule.sourceJa}（取込ID ${run.source_import_ids.join(', ') || 'なし'}）`,
      demo: run.demo,
      job_run_id: run.job_run_id,
      computed_at: run.computed_at,
      source_import_ids: run.source_import_ids,
      ...extra,
    };
  }
}
