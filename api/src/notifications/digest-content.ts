import { formatRate } from '../core/domain/rates.js';
import { dateJa } from '../core/domain/dates.js';
import { REASON_LABELS_JA, type AtRiskReasonCode } from '../core/domain/at-risk-rules.js';
import type { AreaAdoption, ListedMunicipality, PrefectureRate } from './area-figures.repository.js';
import type { Area } from './recipient-area.js';
import type { MessageContent, MessageSection } from './message-format.js';

/** What a digest reports for an area on a date; kept with the message, so the next digest says what changed since. */
export interface DigestFigures {
  area_name: string;
  adoption: (AreaAdoption & { as_of: string; source: string }) | null;
  /** Municipalities of the area meeting the target (a prefecture's or municipality's digest). */
  meeting_target: ListedMunicipality[];
  at_risk: { as_of: string; source: string; municipalities: ListedMunicipality[] } | null;
  /** The nation's digest: every prefecture's rate. */
  prefectures: PrefectureRate[];
  /** Events of the area (and the nation's) since the digest before: the same events the charts mark. */
  events: { occurred_on: string; title: string; source: string | null }[];
}

const MAX_NAMES = 20;

/** 「A、B、C ほか3件」: at most MAX_NAMES names. */
export function nameList(municipalities: { name: string }[]): string {
  const names = municipalities.slice(0, MAX_NAMES).map((m) => m.name);
  const rest = municipalities.length - names.length;
  return names.join('、') + (rest > 0 ? ` ほか${rest}件` : '');
}

/** +0.5ポイント / -1.2ポイント / ±0.0ポイント, from two rates. */
export function pointChange(now: number | null, before: number | null | undefined): string {
  if (now === null || before === null || before === undefined) return '';
  const points = Math.round((now - before) * 1000) / 10;
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
  return `${sign}${Math.abs(points).toFixed(1)}ポイント`;
}

export const reasonsText = (detail: string | null) =>
  (detail ?? '')
    .split(',')
    .filter(Boolean)
    .map((code) => REASON_LABELS_JA[code as AtRiskReasonCode] ?? code)
    .join('・');

const count = (n: number) => n.toLocaleString('ja-JP');

/** Those in `now` not in `before`, by code. */
export function added(now: ListedMunicipality[], before: ListedMunicipality[] | undefined): ListedMunicipality[] {
  if (!before) return [];
  const seen = new Set(before.map((m) => m.code));
  return now.filter((m) => !seen.has(m.code));
}

function adoptionSection(area: Area, now: DigestFigures, before: DigestFigures | null): MessageSection | null {
  const a = now.adoption;
  if (!a) return null;
  const b = before?.adoption;
  const change = b
    ? `（前回 ${dateJa(b.as_of)} の ${formatRate(b.application_rate, b.target_rate)} から ${pointChange(a.application_rate, b.application_rate)}）`
    : '';
  const lines = [
    `${now.area_name}: ${formatRate(a.application_rate, a.target_rate)}${change}`,
    `申請済み ${count(a.applied_offices)} / 対象 ${count(a.target_offices)} 事業所（目標 ${formatRate(a.target_rate)}）`,
  ];
  if (a.municipalities !== null && a.municipalities_meeting_target !== null) {
    const was = b?.municipalities_meeting_target;
    lines.push(
      `目標を達成した市区町村: ${count(a.municipalities_meeting_target)} / ${count(a.municipalities)}${was !== undefined && was !== null ? `（前回 ${count(was)}）` : ''}`,
    );
  }
  if (area.level === 'municipality')
    lines.push(a.offices_needed > 0 ? `目標まで あと ${count(a.offices_needed)} 事業所の申請` : '目標を達成しています');
  if (area.level === 'prefecture' && before) {
    const reached = added(now.meeting_target, before.meeting_target);
    const fell = added(before.meeting_target, now.meeting_target);
    if (reached.length) lines.push(`新たに目標を達成: ${nameList(reached)}`);
    if (fell.length) lines.push(`目標を下回った: ${nameList(fell)}`);
  }
  return { heading: 'ケアプランデータ連携システム 申請率', lines, basis: `基準日 ${a.as_of} / 出典: ${a.source}` };
}

function prefecturesSection(now: DigestFigures, before: DigestFigures | null): MessageSection | null {
  if (!now.prefectures.length || !now.adoption) return null;
  const previous = new Map(before?.prefectures.map((p) => [p.code, p.application_rate]) ?? []);
  const rises = now.prefectures
    .map((p) => ({
      ...p,
      rise: p.application_rate !== null && previous.has(p.code) ? p.application_rate - (previous.get(p.code) ?? 0) : null,
    }))
    .filter((p) => p.rise !== null && p.rise > 0)
    .sort((x, y) => (y.rise ?? 0) - (x.rise ?? 0))
    .slice(0, 5);
  const lowest = [...now.prefectures].sort((x, y) => (x.application_rate ?? 0) - (y.application_rate ?? 0)).slice(0, 5);
  const lines = [
    ...(before && !rises.length ? ['前回から申請率が上がった都道府県はありません'] : []),
    ...rises.map(
      (p) => `上昇: ${p.name} ${formatRate(p.application_rate, p.target_rate)}（${pointChange(p.application_rate, previous.get(p.code))}）`,
    ),
    `申請率の低い都道府県: ${lowest.map((p) => `${p.name} ${formatRate(p.application_rate, p.target_rate)}`).join('、')}`,
  ];
  return { heading: '都道府県', lines, basis: `基準日 ${now.adoption.as_of} / 出典: ${now.adoption.source}` };
}

function atRiskSection(area: Area, now: DigestFigures, before: DigestFigures | null): MessageSection | null {
  const r = now.at_risk;
  if (!r) return null;
  const lines: string[] = [];
  if (area.level === 'municipality') {
    const own = r.municipalities[0];
    lines.push(own ? `遅延リスクに該当しています（${reasonsText(own.detail)}）` : '遅延リスクに該当していません');
  } else {
    const was = before?.at_risk?.municipalities.length;
    lines.push(`遅延リスクのある市区町村: ${count(r.municipalities.length)}${was !== undefined ? `（前回 ${count(was)}）` : ''}`);
    const entered = added(r.municipalities, before?.at_risk?.municipalities);
    const left = before?.at_risk ? added(before.at_risk.municipalities, r.municipalities) : [];
    if (entered.length) lines.push(`新たに該当: ${nameList(entered)}`);
    if (left.length) lines.push(`該当しなくなった: ${nameList(left)}`);
  }
  return { heading: '介護保険事務システムの標準化', lines, basis: `基準日 ${r.as_of} / 出典: ${r.source}` };
}

function eventsSection(now: DigestFigures): MessageSection | null {
  if (!now.events.length) return null;
  return {
    heading: '期間中の出来事（グラフに表示）',
    lines: now.events.map((e) => `${e.occurred_on} ${e.title}${e.source ? `（${e.source}）` : ''}`),
  };
}

/** A digest: the area's figures, each with its 基準日 and source, and what changed since `before`. */
export function digestContent(area: Area, title: string, now: DigestFigures, before: DigestFigures | null, link: string): MessageContent {
  const sections = [
    adoptionSection(area, now, before),
    prefecturesSection(now, before),
    atRiskSection(area, now, before),
    eventsSection(now),
  ].filter((s): s is MessageSection => s !== null);
  return {
    subject: `【介護DX】${now.area_name} ${title}`,
    intro: `${now.area_name}の${title}です。${before ? '前回からの変化を添えています。' : ''}`,
    sections,
    link,
  };
}
