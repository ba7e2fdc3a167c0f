/** Filtering and sorting of the prefecture page's municipality table (pure, tested). */
import type { MunicipalityAdoption } from '$api/adoption/dto/adoption.responses.js';

/** A municipality of the adoption response, with what the prefecture page adds to it. */
export type MunicipalityRow = Pick<
  MunicipalityAdoption,
  | 'code'
  | 'name'
  | 'kana'
  | 'class'
  | 'size_band'
  | 'target_offices'
  | 'applied_offices'
  | 'in_force_offices'
  | 'application_rate'
  | 'usage_rate'
  | 'meets_target'
  | 'offices_needed'
  | 'target_rate'
> & { class_label?: string; rank_in_prefecture: number | null; subsidised?: boolean; at_risk?: boolean };

export interface TableFilter {
  target?: 'below' | 'meets';
  class?: string;
  size?: string;
  subsidy?: 'used' | 'unused';
  risk?: boolean;
  q?: string;
  sort?: string;
}

const toKatakana = (s: string) => s.normalize('NFKC').replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

export function filterRows(rows: MunicipalityRow[], f: TableFilter): MunicipalityRow[] {
  const q = f.q ? toKatakana(f.q.trim()) : '';
  return rows.filter(
    (r) =>
      (f.target !== 'below' || r.meets_target === false) &&
      (f.target !== 'meets' || r.meets_target === true) &&
      (!f.class || r.class === f.class) &&
      (!f.size || r.size_band === f.size) &&
      (f.subsidy !== 'used' || r.subsidised === true) &&
      (f.subsidy !== 'unused' || !r.subsidised) &&
      (!f.risk || r.at_risk === true) &&
      (!q || r.name.includes(q) || r.kana.includes(q)),
  );
}

const KEYS: Record<string, (r: MunicipalityRow) => number | string> = {
  code: (r) => r.code,
  name: (r) => r.kana,
  rate: (r) => r.application_rate ?? -1,
  offices: (r) => r.target_offices,
  needed: (r) => r.offices_needed,
};

/** sort = key or -key. */
export function sortRows(rows: MunicipalityRow[], sort = 'code'): MunicipalityRow[] {
  const desc = sort.startsWith('-');
  const key = KEYS[sort.replace(/^-/, '')] ?? KEYS.code;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = x < y ? -1 : x > y ? 1 : a.code.localeCompare(b.code);
    return desc ? -c : c;
  });
}

const TARGET_LABELS: Record<string, string> = { below: '目標未達', meets: '目標達成' };
const SUBSIDY_LABELS: Record<string, string> = { used: '利用あり', unused: '利用なし' };

/** The filters in force as label → value, for exports and titles (only those set). */
export function filterLabels(f: TableFilter, classes: [string, string][]): Record<string, string> {
  const entries: [string, string][] = [
    ['目標', TARGET_LABELS[f.target ?? ''] ?? ''],
    ['区分', classes.find(([k]) => k === f.class)?.[1] ?? ''],
    ['規模', f.size ?? ''],
    ['補助金', SUBSIDY_LABELS[f.subsidy ?? ''] ?? ''],
    ['遅延リスク', f.risk ? 'あり' : ''],
    ['名称', f.q ?? ''],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v));
}
