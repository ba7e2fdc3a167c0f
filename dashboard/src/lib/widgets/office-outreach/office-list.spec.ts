import type { MunicipalityNeed, OfficeRow } from '$api/offices/dto/offices.responses.js';
import { columnsFromRows, enoughToReachTarget, filterOffices, officeExportTable, sortOffices } from './office-list.js';

const office = (n: string, municipality: string, patch: Partial<OfficeRow> = {}): OfficeRow => ({
  office_number: n,
  office_name: `事業所${n}`,
  phone: null,
  address: null,
  municipality_code: municipality,
  municipality_name: municipality === '072079' ? '須賀川市' : '福島市',
  service_type_codes: '110',
  licence_status: 'not_applied',
  applied_on: null,
  starts_on: null,
  ends_on: null,
  exchanges_3m: 0,
  last_exchange_month: null,
  subsidy_deadline: null,
  subsidy_status: 'none',
  ...patch,
});
const need = (code: string, offices_needed: number): MunicipalityNeed => ({
  code,
  name: code,
  target_offices: 10,
  applied_offices: 3 - offices_needed,
  application_rate: null,
  target_rate: 0.3,
  offices_needed,
});

/**
 * 須賀川市 needs 2 more: of its unapplied offices, o4 (subsidy overdue) and o2 (subsidy pending) come before
 * o3 (a care-plan sender, 430) and o1. 福島市 needs 3 but has 2 unapplied: both marked, and it is short.
 */
const c = columnsFromRows([
  office('0700000001', '072079'),
  office('0700000002', '072079', { subsidy_status: 'pending', subsidy_deadline: '2026-12-31' }),
  office('0700000003', '072079', { service_type_codes: '110,430' }),
  office('0700000004', '072079', { subsidy_status: 'overdue', subsidy_deadline: '2026-03-31' }),
  office('0700000005', '072079', { licence_status: 'in_force', applied_on: '2025-01-01', starts_on: '2025-02-01', exchanges_3m: 12 }),
  office('0700000006', '072010'),
  office('0700000007', '072010', { office_name: 'ケアセンターＡ' }),
]);

describe('outreach list', () => {
  const enough = enoughToReachTarget(c, [need('072079', 2), need('072010', 3)]);

  it('marks, per municipality, the unapplied offices in call order that are enough to reach the target', () => {
    const marked = [...enough.marked].map((m, i) => (m ? c.office_number[i] : null)).filter(Boolean);
    expect(marked).toEqual(['0700000002', '0700000004', '0700000006', '0700000007']);
    expect(enough).toMatchObject({ enough: 4, below: ['072079', '072010'], short: ['072010'] });
  });

  it('filters by municipality, service, status, subsidy at risk, no exchange, enough-only and a search', () => {
    const numbers = (f: Parameters<typeof filterOffices>[1]) => filterOffices(c, f, enough.marked).map((i) => c.office_number[i].slice(-1));
    expect(numbers({ municipality: '072079', status: 'not_applied' })).toEqual(['1', '2', '3', '4']);
    expect(numbers({ service: '430' })).toEqual(['3']);
    expect(numbers({ subsidyAtRisk: true })).toEqual(['2', '4']);
    expect(numbers({ noExchange: true }).includes('5')).toBe(false);
    expect(numbers({ enoughOnly: true, municipality: '072079' })).toEqual(['2', '4']);
    expect(numbers({ q: 'ｹｱｾﾝﾀｰa' })).toEqual(['7']); // half-width kana and case fold
  });

  it('sorts in call order (enough first, then unapplied by priority) and by any column both ways', () => {
    const all = filterOffices(c, {}, enough.marked);
    const order = (key: Parameters<typeof sortOffices>[2], desc = false) =>
      sortOffices(c, [...all], key, desc, enough.marked).map((i) => c.office_number[i].slice(-1));
    expect(order('priority')).toEqual(['4', '2', '6', '7', '3', '1', '5']);
    expect(order('exchanges_3m', true)[0]).toBe('5');
    expect(order('municipality')).toEqual(['6', '7', '1', '2', '3', '4', '5']);
    expect(order('office_number', true)).toEqual(['7', '6', '5', '4', '3', '2', '1']);
    // Dates: empty last ascending, first descending; ties stay in office-number order both ways.
    expect(order('subsidy_deadline')).toEqual(['4', '2', '1', '3', '5', '6', '7']);
    expect(order('subsidy_deadline', true)).toEqual(['1', '3', '5', '6', '7', '2', '4']);
    expect(order('office_name')).toEqual(['7', '1', '2', '3', '4', '5', '6']);
  });

  it('exports every filtered row in the order shown, codes as text and counts as numbers', () => {
    const names = new Map([
      ['110', '訪問介護'],
      ['430', '居宅介護支援'],
    ]);
    const t = officeExportTable(c, [3, 2], enough.marked, names);
    expect(t.headers.slice(0, 5)).toEqual(['30%に足りる', '事業所番号', '事業所名', '電話番号', '住所']);
    expect(t.rows.map((r) => [r[0].value, r[1], r[7].value, r[12], r[15].value])).toEqual([
      ['○', { kind: 'code', value: '0700000004' }, '訪問介護', { kind: 'number', value: 0 }, '期限超過・要件未達'],
      [null, { kind: 'code', value: '0700000003' }, '訪問介護・居宅介護支援', { kind: 'number', value: 0 }, null],
    ]);
  });
});
