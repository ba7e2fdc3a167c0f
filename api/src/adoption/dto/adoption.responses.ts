import type { Projection } from '../../core/domain/projection.js';
import type { MunicipalityClass } from '../../core/domain/municipality-class.js';

/**
 * Response shapes of /api/v1/adoption, declared once: the repository returns them and the dashboard
 * imports them (type-only) so both sides change together.
 */
export interface AdoptionMeasures {
  target_offices: number;
  applied_offices: number;
  in_force_offices: number;
  /** applied ÷ target, unrounded; null when there are no target offices. */
  application_rate: number | null;
  usage_rate: number | null;
  target_rate: number;
  meets_target: boolean | null;
  offices_needed: number;
}

export interface NationalAdoption extends AdoptionMeasures {
  as_of: string;
  municipalities: number;
  municipalities_meeting_target: number;
}

export interface PrefectureAdoption extends AdoptionMeasures {
  prefecture_code: string;
  prefecture_name: string;
  region: string;
  municipalities: number;
  municipalities_meeting_target: number;
  rank: number;
}

export interface ClassAdoption extends AdoptionMeasures {
  class: MunicipalityClass;
  class_label?: string;
  municipalities: number;
  municipalities_meeting_target: number;
}

export interface MunicipalityAdoption extends AdoptionMeasures {
  code: string;
  name: string;
  kana: string;
  prefecture_code: string;
  prefecture_name: string;
  class: MunicipalityClass;
  class_label?: string;
  size_band: string;
  rank_in_prefecture: number;
  percentile_in_class: number | null;
}

/** One chosen municipality beside others (`/adoption/comparison`): its figures on the as-of date and its month-end series. */
export interface ComparedMunicipality extends MunicipalityAdoption {
  trend: { as_of: string; application_rate: number | null }[];
}

export interface PeerGroup {
  municipalities: number;
  target_offices: number;
  applied_offices: number;
  application_rate: number | null;
  median_rate: number | null;
  municipalities_meeting_target: number;
  lower: number;
  rank: number;
  value: string;
  /** Share of the other members with a lower rate; null when it has no peers. */
  percentile: number | null;
  /** Members per 5-point band of the application rate: [0–5%), [5–10%), …, [45–50%), 50% and over (11 bands). */
  distribution: number[];
}

export interface TrendPoint extends AdoptionMeasures {
  as_of: string;
}

export interface MunicipalityAdoptionDetail extends MunicipalityAdoption {
  peers: { prefecture: PeerGroup; class: PeerGroup; size_band: PeerGroup };
  trend: TrendPoint[];
  projection: Projection;
}

/** One area's application rate on one month end of the projection window. */
export interface RateSeriesRow {
  code: string;
  name: string;
  prefecture_code: string | null;
  prefecture_name: string | null;
  as_of: string;
  application_rate: number | null;
  target_rate: number;
  target_offices: number;
  applied_offices: number;
  offices_needed: number | null;
}

/** An area with its projection to the target at the recent pace (core/projection.ts). */
export interface AreaProjection extends Omit<RateSeriesRow, 'as_of'> {
  level: 'national' | 'prefecture' | 'municipality';
  projection: Projection;
}
