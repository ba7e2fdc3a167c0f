/** Which tracked series a published figure stands beside. */
export type PublishedMeasure = 'application_rate' | 'usage_rate';

/** A figure someone else published, as `GET /api/v1/published-figures` returns it (the dashboard imports it). */
export interface PublishedFigure {
  id: number;
  measure: PublishedMeasure;
  /** A rate, 0–1. */
  value: number;
  as_of: string;
  source: string;
  source_url: string | null;
  /** What the publisher says in its own words (e.g. the count of offices behind the rate). */
  note: string | null;
  created_by: string;
}
