import { number } from './format.js';

/** What an area still needs for the target: 「あと 8 事業所」, 「達成済み」, or `none` when it has no counted offices. */
export function officesNeededText(m: { target_offices: number; offices_needed: number }, none = '—'): string {
  if (m.target_offices === 0) return none;
  return m.offices_needed > 0 ? `あと ${number(m.offices_needed)} 事業所` : '達成済み';
}
