import type { EventKind } from '../../core/domain/policy-events.js';

/** Whose charts show an event: everyone's, a prefecture's (and its municipalities'), or one municipality's. */
export type EventScope = 'national' | 'prefecture' | 'municipality';

/** An event on the time-series charts, as `GET /api/v1/events` returns it (declared once; the dashboard imports it). */
export interface PolicyEvent {
  /** null: derived from a setting (the 適合基準日), not recorded. */
  id: number | null;
  occurred_on: string;
  title: string;
  kind: EventKind;
  source: string | null;
  source_url: string | null;
  scope: EventScope;
  prefecture_code: string | null;
  municipality_code: string | null;
  created_by: string;
  /** The caller may delete it (it is in the caller's own scope). */
  deletable: boolean;
}
