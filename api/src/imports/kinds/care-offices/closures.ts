import type { ClosureReport, ClosureScope } from '../../import-kind.js';
import type { CareOfficeContext, SnapshotMode } from './care-office-rows.js';

/** A list that closes more than this share of what a prefecture × service type holds looks partial. */
export const PARTIAL_SHARE = 0.2;
/** …as does one that closes more than it adds, beyond this share of all it covers (a month's churn is below it). */
export const CHURN_SHARE = 0.01;
/** Closed services listed by name in a report (all are counted). */
const LISTED = 1000;

interface SnapshotResult {
  closed: { office_number: string; name: string; municipality_code: string; service_type_code: string }[];
  held: { prefecture_code: string; service_type_code: string; held: number }[];
}

/**
 * What a snapshot closes, per prefecture × service type and by name, and whether the list looks like part of
 * what it covers: a scope losing more than a fifth of its open services, or more closed than added overall.
 */
export function closureReport(result: SnapshotResult, added: number, mode: SnapshotMode, ctx: CareOfficeContext): ClosureReport {
  if (mode === 'additions-only') {
    return {
      mode,
      count: 0,
      services: [],
      scopes: [],
      partial: false,
      message_ja: '追加と変更のみ取り込みます。一覧にない事業所は廃止扱いにしません',
      message_en: 'additions and changes only: offices missing from the list are not closed',
    };
  }
  const scopes = scopesOf(result, ctx);
  const heldTotal = result.held.reduce((s, h) => s + h.held, 0);
  const count = result.closed.length;
  const partial = scopes.some((s) => s.partial) || (count > added && count > heldTotal * CHURN_SHARE);
  const shown = (partial ? scopes.filter((s) => s.partial) : scopes).filter((s) => s.closing > 0).slice(0, 3);
  const rest = scopes.filter((s) => s.closing > 0).length - shown.length;
  const named = shown.map((s) => `${s.prefecture_name}の${s.service_name} ${s.closing.toLocaleString('ja-JP')} 事業所`).join('、');
  const namedEn = shown.map((s) => `${s.closing} ${s.service_type_code} services in ${s.prefecture_code}`).join(', ');
  return {
    mode,
    count,
    services: result.closed
      .map((c) => ({
        ...c,
        municipality_name: ctx.directory.name(c.municipality_code),
        service_name: ctx.serviceTypes.get(c.service_type_code)?.name ?? c.service_type_code,
      }))
      .sort((a, b) => a.municipality_code.localeCompare(b.municipality_code) || a.office_number.localeCompare(b.office_number))
      .slice(0, LISTED),
    scopes,
    partial,
    message_ja:
      count === 0
        ? 'この一覧で廃止扱いになる事業所はありません'
        : `この一覧にない${named}${rest > 0 ? ` ほか${rest}区分` : ''}（計 ${count.toLocaleString('ja-JP')} 件）を廃止扱いにします`,
    message_en:
      count === 0
        ? 'this list closes no office'
        : `closes ${namedEn}${rest > 0 ? ` and ${rest} more` : ''} (${count} in all) missing from the list`,
  };
}

function scopesOf(result: SnapshotResult, ctx: CareOfficeContext): ClosureScope[] {
  const closing = new Map<string, number>();
  for (const c of result.closed) {
    const key = `${c.municipality_code.slice(0, 2)}:${c.service_type_code}`;
    closing.set(key, (closing.get(key) ?? 0) + 1);
  }
  return result.held
    .map((h) => {
      const n = closing.get(`${h.prefecture_code}:${h.service_type_code}`) ?? 0;
      return {
        prefecture_code: h.prefecture_code,
        prefecture_name: ctx.directory.prefectureName(h.prefecture_code),
        service_type_code: h.service_type_code,
        service_name: ctx.serviceTypes.get(h.service_type_code)?.name ?? h.service_type_code,
        held: h.held,
        closing: n,
        partial: n > 0 && n > h.held * PARTIAL_SHARE,
      };
    })
    .sort((a, b) => b.closing - a.closing || a.prefecture_code.localeCompare(b.prefecture_code));
}
