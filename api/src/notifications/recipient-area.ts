import type { Role } from '../auth/user.js';

/** The area a user is told about: national staff the nation, a prefecture account its prefecture, a municipality itself. */
export type Area = { level: 'national'; code: null } | { level: 'prefecture'; code: string } | { level: 'municipality'; code: string };

export function areaOf(user: { role: Role; prefecture_code: string | null; municipality_code: string | null }): Area {
  if (user.role === 'municipality' && user.municipality_code) return { level: 'municipality', code: user.municipality_code };
  if (user.role === 'prefecture' && user.prefecture_code) return { level: 'prefecture', code: user.prefecture_code };
  return { level: 'national', code: null };
}

/** Whether something in a municipality lies in the area: nothing outside it goes into a message to its user. */
export function covers(area: Area, place: { municipality_code: string; prefecture_code: string }): boolean {
  if (area.level === 'municipality') return place.municipality_code === area.code;
  if (area.level === 'prefecture') return place.prefecture_code === area.code;
  return true;
}

/** The dashboard page of the area. */
export function areaPath(area: Area): string {
  if (area.level === 'municipality') return `/municipalities/${area.code}`;
  if (area.level === 'prefecture') return `/prefectures/${area.code}`;
  return '/';
}
