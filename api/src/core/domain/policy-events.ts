/** Kinds of events shown on the time-series charts, with their Japanese labels (the API validates against these). */
export const EVENT_KINDS = {
  policy: '制度・方針',
  licence: 'ライセンス料',
  subsidy: '補助金',
  fee_revision: '報酬改定',
  training: '研修・説明会',
  model_region: 'モデル地域',
  other: 'その他',
} as const;

export type EventKind = keyof typeof EVENT_KINDS;
export const EVENT_KIND_NAMES = Object.keys(EVENT_KINDS) as EventKind[];
export const MAX_EVENT_TITLE = 120;

/** The area an event belongs to: none (national), a prefecture, or a municipality (with its prefecture). */
export interface EventArea {
  prefecture: string | null;
  municipality: string | null;
}

/** Who is asking: a role and its own prefecture or municipality. */
export interface EventAuthor {
  role: 'admin' | 'national' | 'prefecture' | 'municipality';
  prefectureCode: string | null;
  municipalityCode: string | null;
}

/**
 * Who may record or delete an event of an area: national staff and admins any; a prefecture account its own
 * prefecture's; a municipality account its own municipality's. (The dashboard offers the form by the same rule.)
 */
export function mayWriteEvent(user: EventAuthor, area: EventArea): boolean {
  if (user.role === 'admin' || user.role === 'national') return true;
  if (user.role === 'prefecture') return area.prefecture === user.prefectureCode && area.municipality === null;
  return area.municipality !== null && area.municipality === user.municipalityCode;
}
