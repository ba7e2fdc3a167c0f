import type { AreaProjection, NationalAdoption, PrefectureAdoption, TrendPoint } from '$api/adoption/dto/adoption.responses.js';
import type { Projection } from '$api/core/domain/projection.js';
import type { PolicyEvent } from '$api/events/dto/events.responses.js';
import type { PublishedFigure } from '$api/published/dto/published-figures.responses.js';
import type { AtRiskMunicipality, KeyDate, SurveyBreakdownRow, SurveyRound } from '$api/standardization/dto/standardization.responses.js';
import type { UsageFigures } from '$api/usage/dto/usage.responses.js';
import type { Figures, Meta } from '../../lib/api.js';
import { Resource } from '../../lib/resource.svelte.js';

export type SurveyGroup = SurveyBreakdownRow & { label: string };
export interface Schedule {
  key_dates: (KeyDate & { days_remaining: number })[];
  steps: { step: string; label_ja: string; share: number; completed: number }[];
}

/** How many late municipalities the page opens with (those farthest from the target; the whole list is about 30 KB). */
export const LATE_SHOWN_FIRST = 20;

/** What the national page shows, as its inputs ask (read through getters, so an effect follows only what it reads). */
export interface NationalInputs {
  asOf: string | undefined;
  selected: string | undefined;
  nationwide: boolean;
}

/**
 * The national page's figures and when each is (re)loaded. The adoption figures come first: the 基準日 the API
 * resolves for them is the date every other figure asks for (or its latest date not after it). Constructed
 * while the page's component is created, so its effects live and end with the page.
 */
export class NationalFigures {
  readonly national = new Resource<Figures<NationalAdoption>>();
  readonly prefectures = new Resource<Figures<PrefectureAdoption[]>>();
  readonly dates = new Resource<{ data: string[] }>();
  readonly trend = new Resource<Figures<TrendPoint[], Meta & { projection: Projection }>>();
  readonly rounds = new Resource<{ data: SurveyRound[] }>();
  readonly survey = new Resource<Figures<{ national: SurveyGroup; groups: SurveyGroup[] }>>();
  readonly schedule = new Resource<Figures<Schedule, Meta & { progress_as_of: string | null }>>();
  readonly subsidy = new Resource<Figures<{ grants: number; amount: number; offices: number }>>();
  readonly usage = new Resource<Figures<UsageFigures>>();
  /** The tile shows how many: the list itself (about 11 KB) stays on the at-risk page. */
  readonly atRisk = new Resource<Figures<AtRiskMunicipality[], Meta & { count: number }>>();
  readonly projections = new Resource<Figures<AreaProjection[]>>();
  readonly lateMunicipalities = new Resource<Figures<AreaProjection[], Meta & { count: number }>>();
  readonly events = new Resource<{ data: PolicyEvent[] }>();
  readonly published = new Resource<{ data: PublishedFigure[] }>();

  /** 「すべて表示」 asked for the whole late-municipality list. */
  showAllLate = $state(false);
  /** Bumped when an event or a published figure is recorded on the page, to read its list again. */
  eventsVersion = $state(0);
  publishedVersion = $state(0);

  /** The page's 基準日 as the API resolved it. */
  readonly asOf = $derived(this.national.value?.meta.as_of);
  readonly latestRound = $derived(this.rounds.value?.data.at(-1));

  constructor(inputs: NationalInputs) {
    $effect(() => this.national.get('/api/v1/adoption/national', { as_of: inputs.asOf }));
    $effect(() => this.prefectures.get('/api/v1/adoption/prefectures', { as_of: inputs.asOf }));
    $effect(() => this.dates.get('/api/v1/adoption/dates'));
    $effect(() => this.rounds.get('/api/v1/standardization/surveys'));
    $effect(() => {
      if (this.latestRound) return this.survey.get(`/api/v1/standardization/survey/${this.latestRound.round}`, { group: 'class' });
    });
    $effect(() => {
      void this.eventsVersion;
      return this.events.get('/api/v1/events', { prefecture: inputs.selected });
    });
    $effect(() => {
      void this.publishedVersion;
      return this.published.get('/api/v1/published-figures');
    });
    this.onDate(inputs);
  }

  /** The figures that follow the page's 基準日 once the adoption figures have resolved it. */
  private onDate(inputs: NationalInputs): void {
    const onOrBefore = () => ({ as_of: this.asOf, as_of_rule: 'on_or_before' });
    $effect(() => {
      if (this.asOf) return this.trend.get('/api/v1/adoption/trend', { prefecture: inputs.selected, as_of: this.asOf });
    });
    $effect(() => {
      if (this.asOf) return this.schedule.get('/api/v1/schedule', { as_of: this.asOf });
    });
    $effect(() => {
      if (this.asOf) return this.usage.get('/api/v1/usage', onOrBefore());
    });
    $effect(() => {
      if (this.asOf) return this.subsidy.get('/api/v1/subsidies/totals', { as_of: this.asOf });
    });
    $effect(() => {
      if (this.asOf && inputs.nationwide) return this.atRisk.get('/api/v1/standardization/at-risk', { ...onOrBefore(), limit: 0 });
    });
    $effect(() => {
      if (this.asOf) return this.projections.get('/api/v1/adoption/projections', { as_of: this.asOf, level: 'prefecture' });
    });
    $effect(() => {
      if (this.asOf && inputs.nationwide)
        return this.lateMunicipalities.get('/api/v1/adoption/projections', {
          as_of: this.asOf,
          level: 'municipality',
          by_fiscal_year_end: 'false',
          limit: this.showAllLate ? undefined : LATE_SHOWN_FIRST,
        });
    });
  }
}
