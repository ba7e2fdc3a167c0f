/**
 * The outreach list in the browser (pure, tested): the offices of an area held column by column as the
 * Arrow stream delivers them, filtered, sorted and searched over row indices without copying rows, and
 * which unapplied offices are "enough" to lift each municipality to the target. Rows arrive in office-number
 * order, so a row's index is its office-number rank: every tie-break is an integer comparison, and the
 * keys a sort or search needs (call priority, name order, normalised names) are computed once per list.
 */
import type { LicenceStatus, MunicipalityNeed, OfficeRow, SubsidyStatus } from '$api/offices/dto/offices.responses.js';
import type { ExportCell, TableData } from '../../export/table-data.js';

export interface OfficeColumns {
  length: number;
  office_number: string[];
  office_name: string[];
  phone: (string | null)[];
  address: (string | null)[];
  municipality_code: string[];
  municipality_name: string[];
  service_type_codes: string[];
  licence_status: LicenceStatus[];
  applied_on: (string | null)[];
  starts_on: (string | null)[];
  ends_on: (string | null)[];
  exchanges_3m: ArrayLike<number>;
  last_exchange_month: (string | null)[];
  subsidy_deadline: (string | null)[];
  subsidy_status: SubsidyStatus[];
}

/** Any column source: rows from JSON (tests), or an Arrow table's `getChild(name).toArray()`. */
export function columnsFromRows(rows: OfficeRow[]): OfficeColumns {
  const pick = <K extends keyof OfficeRow>(k: K) => rows.map((r) => r[k]);
  return {
    length: rows.length,
    office_number: pick('office_number'),
    office_name: pick('office_name'),
    phone: pick('phone'),
    address: pick('address'),
    municipality_code: pick('municipality_code'),
    municipality_name: pick('municipality_name'),
    service_type_codes: pick('service_type_codes'),
    licence_status: pick('licence_status'),
    applied_on: pick('applied_on'),
    starts_on: pick('starts_on'),
    ends_on: pick('ends_on'),
    exchanges_3m: pick('exchanges_3m'),
    last_exchange_month: pick('last_exchange_month'),
    subsidy_deadline: pick('subsidy_deadline'),
    subsidy_status: pick('subsidy_status'),
  };
}

export function rowAt(c: OfficeColumns, i: number): OfficeRow {
  return {
    office_number: c.office_number[i],
    office_name: c.office_name[i],
    phone: c.phone[i],
    address: c.address[i],
    municipality_code: c.municipality_code[i],
    municipality_name: c.municipality_name[i],
    service_type_codes: c.service_type_codes[i],
    licence_status: c.licence_status[i],
    applied_on: c.applied_on[i],
    starts_on: c.starts_on[i],
    ends_on: c.ends_on[i],
    exchanges_3m: c.exchanges_3m[i],
    last_exchange_month: c.last_exchange_month[i],
    subsidy_deadline: c.subsidy_deadline[i],
    subsidy_status: c.subsidy_status[i],
  };
}

/** Offices that send care plans: when they join, the offices they work with have someone to exchange with. */
const PLAN_SENDERS = ['430', '460'];

/**
 * Whom to call first among the offices that have not applied: those that took a subsidy with the linkage
 * condition and missed its deadline, then those still before it, then care-plan senders, then the rest;
 * by office number within each. Lower is earlier.
 */
export function callPriority(c: OfficeColumns, i: number): number {
  if (c.subsidy_status[i] === 'overdue') return 0;
  if (c.subsidy_status[i] === 'pending') return 1;
  return PLAN_SENDERS.some((code) => c.service_type_codes[i].includes(code)) ? 2 : 3;
}

export const CALL_PRIORITY_RULE = '補助金の連携要件の期限超過 → 期限前 → 居宅介護支援・介護予防支援 → その他（各事業所番号順）';

/**
 * For each municipality, its unapplied offices in call order, the first `offices_needed` of them marked:
 * the ones whose applications alone would lift it to the target. A municipality with fewer unapplied
 * offices than it needs cannot reach the target this way (`short`).
 */
export function enoughToReachTarget(c: OfficeColumns, needs: MunicipalityNeed[]) {
  const marked = new Uint8Array(c.length);
  const unapplied = new Map<string, number[]>();
  for (let i = 0; i < c.length; i++) {
    if (c.licence_status[i] !== 'not_applied') continue;
    const list = unapplied.get(c.municipality_code[i]) ?? [];
    list.push(i);
    unapplied.set(c.municipality_code[i], list);
  }
  let enough = 0;
  const short: string[] = [];
  const below: string[] = [];
  for (const need of needs) {
    if (need.offices_needed <= 0) continue;
    below.push(need.code);
    const list = (unapplied.get(need.code) ?? []).sort((a, b) => callPriority(c, a) - callPriority(c, b) || a - b);
    if (list.length < need.offices_needed) short.push(need.code);
    for (const i of list.slice(0, need.offices_needed)) marked[i] = 1;
    enough += Math.min(list.length, need.offices_needed);
  }
  return { marked, enough, below, short };
}

export interface OfficeFilter {
  municipality?: string;
  service?: string;
  status?: LicenceStatus | '';
  subsidyAtRisk?: boolean;
  noExchange?: boolean;
  enoughOnly?: boolean;
  q?: string;
}

const normalise = (s: string) => s.normalize('NFKC').toLowerCase();

/** Keys computed once per list (lazily: the normalised names only when a search is typed). */
const searchKeys = new WeakMap<OfficeColumns, string[]>();
function normalisedNames(c: OfficeColumns): string[] {
  let names = searchKeys.get(c);
  if (!names) searchKeys.set(c, (names = c.office_name.map(normalise)));
  return names;
}

/** Row indices that pass the filter, in list order. */
export function filterOffices(c: OfficeColumns, f: OfficeFilter, marked?: Uint8Array): number[] {
  const q = f.q ? normalise(f.q.trim()) : '';
  const names = q ? normalisedNames(c) : undefined;
  // A service filter is decided once per distinct combination of services (a dictionary column: few of them).
  const servicesMatch = new Map<string, boolean>();
  const hasService = (codes: string) => {
    let hit = servicesMatch.get(codes);
    if (hit === undefined) servicesMatch.set(codes, (hit = codes.split(',').includes(f.service!)));
    return hit;
  };
  const out: number[] = [];
  for (let i = 0; i < c.length; i++) {
    if (f.municipality && c.municipality_code[i] !== f.municipality) continue;
    if (f.status && c.licence_status[i] !== f.status) continue;
    if (f.service && !hasService(c.service_type_codes[i])) continue;
    if (f.subsidyAtRisk && c.subsidy_status[i] !== 'overdue' && c.subsidy_status[i] !== 'pending') continue;
    if (f.noExchange && c.exchanges_3m[i] > 0) continue;
    if (f.enoughOnly && !marked?.[i]) continue;
    if (names && !names[i].includes(q) && !c.office_number[i].includes(q) && !c.municipality_name[i].includes(q)) continue;
    out.push(i);
  }
  return out;
}

export type OfficeSortKey =
  'priority' | 'office_number' | 'office_name' | 'municipality' | 'exchanges_3m' | 'applied_on' | 'subsidy_deadline';

const collator = new Intl.Collator('ja');

/**
 * Sorting is by an integer rank per row, computed once per column (and per list), so every sort is one
 * native numeric sort of (rank, row) pairs instead of a comparator called n·log n times.
 */
const ranks = new WeakMap<object, Float64Array>();
function cachedRank(owner: object, build: () => Float64Array): Float64Array {
  let rank = ranks.get(owner);
  if (!rank) ranks.set(owner, (rank = build()));
  return rank;
}

/** Text in code-point order (codes, ISO dates), empty last. */
function textRank(values: (string | null)[]): Float64Array {
  return cachedRank(values, () => {
    const distinct = [...new Set(values)].filter((v): v is string => v !== null).sort();
    const place = new Map(distinct.map((v, i) => [v, i]));
    return Float64Array.from(values, (v) => (v === null ? distinct.length : place.get(v)!));
  });
}

/** Japanese name order (the collator), computed on the first sort by name. */
function nameRank(c: OfficeColumns): Float64Array {
  return cachedRank(c.office_name, () => {
    const order = Array.from({ length: c.length }, (_, i) => i).sort(
      (a, b) => collator.compare(c.office_name[a], c.office_name[b]) || a - b,
    );
    const rank = new Float64Array(c.length);
    order.forEach((row, place) => (rank[row] = place));
    return rank;
  });
}

/** Call order: the offices enough for the target, then other unapplied ones by priority, then the rest. */
function priorityRank(c: OfficeColumns, marked?: Uint8Array): Float64Array {
  return cachedRank(marked ?? c, () =>
    Float64Array.from(
      { length: c.length },
      (_, i) => (marked?.[i] ? 0 : 8) + (c.licence_status[i] === 'not_applied' ? 0 : 4) + callPriority(c, i),
    ),
  );
}

function rankFor(c: OfficeColumns, key: OfficeSortKey, marked?: Uint8Array): ArrayLike<number> | undefined {
  switch (key) {
    case 'priority':
      return priorityRank(c, marked);
    case 'office_name':
      return nameRank(c);
    case 'municipality':
      return textRank(c.municipality_code);
    case 'exchanges_3m':
      return c.exchanges_3m;
    case 'applied_on':
      return textRank(c.applied_on);
    case 'subsidy_deadline':
      return textRank(c.subsidy_deadline);
    default:
      return undefined; // office number: the row order itself
  }
}

/** Rows fit below ROWS, so rank · ROWS + row is exact in a double for any rank up to MAX_RANK. */
const ROWS = 2 ** 20;
const MAX_RANK = 2 ** 32;

/**
 * Sorts indices in place by a key, ties in office-number order (rows arrive in that order, so the row
 * index is the tie-break). Descending reverses the key, never the tie-break.
 */
export function sortOffices(c: OfficeColumns, indices: number[], key: OfficeSortKey, descending = false, marked?: Uint8Array): number[] {
  const rank = rankFor(c, key, marked);
  if (!rank) return indices.sort(descending ? (a, b) => b - a : (a, b) => a - b);
  const pairs = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) pairs[k] = (descending ? MAX_RANK - rank[indices[k]] : rank[indices[k]]) * ROWS + indices[k];
  pairs.sort();
  for (let k = 0; k < pairs.length; k++) indices[k] = pairs[k] % ROWS;
  return indices;
}

export const LICENCE_LABEL: Record<LicenceStatus, string> = {
  not_applied: '未申請',
  applied: '申請済（利用開始前）',
  in_force: '利用中',
  ended: '終了',
};

export const SUBSIDY_LABEL: Record<SubsidyStatus, string> = {
  none: '—',
  met: '要件達成',
  pledged: '誓約済（期限前）',
  // Unmet: no licence applied by the deadline, or (a usage-report condition) no exchange through the system.
  pending: '期限前・要件未達',
  overdue: '期限超過・要件未達',
};

/** Service codes as names ('110,430' → '訪問介護・居宅介護支援'). */
export function serviceNames(codes: string, names: Map<string, string>): string {
  return codes
    .split(',')
    .map((code) => names.get(code) ?? code)
    .join('・');
}

/** The call list as exported: every filtered row in the order shown, typed for CSV and xlsx. */
export function officeExportTable(c: OfficeColumns, indices: number[], marked: Uint8Array, names: Map<string, string>): TableData {
  const text = (value: string | null): ExportCell => ({ kind: 'text', value });
  const code = (value: string): ExportCell => ({ kind: 'code', value });
  const headers = [
    '30%に足りる',
    '事業所番号',
    '事業所名',
    '電話番号',
    '住所',
    '市区町村コード',
    '市区町村',
    'サービス',
    'ライセンス',
    '申請日',
    '利用開始日',
    '終了日',
    '直近3か月の送受信',
    '最終送受信月',
    '補助金の連携期限',
    '補助金の連携要件',
  ];
  const rows = indices.map((i): ExportCell[] => [
    text(marked[i] ? '○' : null),
    code(c.office_number[i]),
    text(c.office_name[i]),
    { kind: 'code', value: c.phone[i] },
    text(c.address[i]),
    code(c.municipality_code[i]),
    text(c.municipality_name[i]),
    text(serviceNames(c.service_type_codes[i], names)),
    text(LICENCE_LABEL[c.licence_status[i]]),
    text(c.applied_on[i]),
    text(c.starts_on[i]),
    text(c.ends_on[i]),
    { kind: 'number', value: c.exchanges_3m[i] },
    text(c.last_exchange_month[i]),
    text(c.subsidy_deadline[i]),
    text(c.subsidy_status[i] === 'none' ? null : SUBSIDY_LABEL[c.subsidy_status[i]]),
  ]);
  return { headers, kinds: rows[0]?.map((cell) => cell.kind) ?? headers.map(() => 'text'), rows };
}
