import { officeNameKey } from '../../../core/domain/japanese-names.js';
import type { SetAsideRow } from '../../import-errors.js';
import type { ParsedRow } from '../../import-kind.js';
import type { ImportStore } from '../../import-store.repository.js';
import type { CareOfficeContext, CareOfficeRow } from './care-office-rows.js';

type Row = ParsedRow<CareOfficeRow>;
type KnownOffice = { office_number: string; name: string; phone: string | null; municipality_code: string };

/**
 * The rows of published lists, settled across the whole upload before anything is written (the app's own
 * dated layout is left to the all-or-nothing checks):
 * 1. a row without 事業所番号 is matched to a known office of its municipality by telephone, else by name;
 * 2. a row repeated exactly is one row (a warning); an office and service repeated with other content is set aside;
 * 3. an office's counted services lie in one municipality: one at another is set aside (all of them when
 *    no municipality holds most); a non-counted service elsewhere goes in without moving the office.
 * The offices of every row set aside are remembered, so a snapshot leaves them as they are.
 */
export async function settlePublishedRows(
  rows: Row[],
  setAsideWhileReading: SetAsideRow[],
  ctx: CareOfficeContext,
  store: ImportStore,
): Promise<{ rows: Row[]; setAside: SetAsideRow[] }> {
  const aside: SetAsideRow[] = [];
  const published = rows.filter((r) => r.value.snapshot);
  const numbered = await matchUnnumbered(published, ctx, store, aside);
  const distinct = dropRepeats(numbered, ctx, aside);
  const placed = placeOffices(distinct, ctx, aside);
  for (const r of [...setAsideWhileReading, ...aside]) {
    const office = (r.values['事業所番号'] ?? '').trim().normalize('NFKC').toUpperCase();
    if (office) ctx.setAsideOffices.add(office);
  }
  return { rows: [...rows.filter((r) => !r.value.snapshot), ...placed], setAside: aside };
}

/** A settled row set aside, with its values as read. */
function setAside(r: Row, ctx: CareOfficeContext, column: string, reasonJa: string, reasonEn: string): SetAsideRow {
  const v = r.value;
  return {
    row: r.row,
    file: r.file,
    column,
    value: column === '事業所番号' ? v.office_number : column === 'サービス' ? v.service_type_code : v.municipality_code,
    reason_ja: reasonJa,
    reason_en: reasonEn,
    values: {
      事業所番号: v.office_number,
      事業所名: v.name,
      市区町村コード: v.municipality_code,
      市区町村: ctx.directory.name(v.municipality_code),
      サービス種類コード: v.service_type_code,
      サービス: ctx.serviceTypes.get(v.service_type_code)?.name ?? '',
      電話番号: v.phone ?? '',
    },
  };
}

const warnAt = (ctx: CareOfficeContext, r: Row, column: string, value: string, ja: string, en: string) => {
  ctx.notes.at = { row: r.row, file: r.file };
  ctx.notes.warn(column, value, ja, en);
};

const digitsOf = (phone: string | null) => (phone ?? '').replace(/\D/g, '');

/** Rows without 事業所番号: a unique known office of the same municipality with the same telephone number, else the same name. */
async function matchUnnumbered(rows: Row[], ctx: CareOfficeContext, store: ImportStore, aside: SetAsideRow[]): Promise<Row[]> {
  const unnumbered = rows.filter((r) => !r.value.office_number);
  if (unnumbered.length === 0) return rows;
  const known = await store.officesIn(unnumbered.map((r) => r.value.municipality_code));
  const byPhone = groupBy(known, (o) => (digitsOf(o.phone) ? `${o.municipality_code}:${digitsOf(o.phone)}` : ''));
  const byName = groupBy(known, (o) => `${o.municipality_code}:${officeNameKey(o.name)}`);
  const reported = new Set<string>();
  const settled: Row[] = [];
  for (const r of rows) {
    if (r.value.office_number) {
      settled.push(r);
      continue;
    }
    const { municipality_code: m, phone, name } = r.value;
    const phoneMatches = digitsOf(phone) ? (byPhone.get(`${m}:${digitsOf(phone)}`) ?? []) : [];
    const nameMatches = byName.get(`${m}:${officeNameKey(name)}`) ?? [];
    // Several offices share a number (a corporation's main line): the name decides among them.
    const candidates = phoneMatches.length > 1 ? phoneMatches.filter((o) => nameMatches.includes(o)) : phoneMatches;
    const match: { office: KnownOffice; by: 'phone' | 'name' } | undefined =
      candidates.length === 1
        ? { office: candidates[0], by: 'phone' }
        : phoneMatches.length === 0 && nameMatches.length === 1
          ? { office: nameMatches[0], by: 'name' }
          : undefined;
    if (!match) {
      const several = Math.max(phoneMatches.length, nameMatches.length) > 1;
      aside.push(
        setAside(
          r,
          ctx,
          '事業所番号',
          `事業所番号がなく、既存の事業所と照合できません（${several ? '同じ電話番号または名称の事業所が複数あります' : '同じ電話番号・名称の事業所がありません'}）`,
          `no office number, and no single known office matches (${several ? 'several offices share its telephone number or name' : 'no office has its telephone number or name'})`,
        ),
      );
      continue;
    }
    const { office, by } = match;
    if (!reported.has(`${office.office_number}:${name}`)) {
      reported.add(`${office.office_number}:${name}`);
      warnAt(
        ctx,
        r,
        '事業所番号',
        name,
        `事業所番号がないため、${by === 'phone' ? '電話番号' : '名称'}で既存の事業所 ${office.office_number}（${office.name}）に照合しました`,
        `no office number: matched by ${by === 'phone' ? 'telephone number' : 'name'} to the known office ${office.office_number} (${office.name})`,
      );
    }
    settled.push({ ...r, value: { ...r.value, office_number: office.office_number } });
  }
  return settled;
}

/** An office and service listed twice: the same content is one row (a warning), other content is set aside whole. */
function dropRepeats(rows: Row[], ctx: CareOfficeContext, aside: SetAsideRow[]): Row[] {
  const groups = groupBy(rows, (r) => `${r.value.office_number}:${r.value.service_type_code}`);
  const kept: Row[] = [];
  for (const group of groups.values()) {
    const [first, ...repeats] = group;
    const same = (r: Row) => contentKey(r.value) === contentKey(first.value);
    if (repeats.every(same)) {
      kept.push(first);
      for (const r of repeats)
        warnAt(
          ctx,
          r,
          '事業所番号',
          r.value.office_number,
          `${where(first)}と同じ行です。1行として取り込みます`,
          `repeats ${whereEn(first)} exactly; imported once`,
        );
      continue;
    }
    for (const r of group)
      aside.push(
        setAside(
          r,
          ctx,
          '事業所番号',
          `同じ事業所番号・サービスの行が内容を変えて重複しています（${group
            .filter((o) => o !== r)
            .map(where)
            .join('、')}）。どれが正しいか判断できません`,
          `the same office and service is listed with other content (${group
            .filter((o) => o !== r)
            .map(whereEn)
            .join(', ')}); which is right cannot be told`,
        ),
      );
  }
  return kept;
}

/**
 * Where each office is: the municipality of its counted services (they must agree, or most of them); a
 * non-counted service listed elsewhere (a 特定福祉用具販売 shop) goes in under the office without moving it.
 */
function placeOffices(rows: Row[], ctx: CareOfficeContext, aside: SetAsideRow[]): Row[] {
  const placed: Row[] = [];
  for (const group of groupBy(rows, (r) => r.value.office_number).values()) {
    const counted = group.filter((r) => ctx.serviceTypes.get(r.value.service_type_code)?.counts);
    // Without a counted service the office stays where its first row puts it; counted ones must agree.
    const home = counted.length ? mostCommon(counted.map((r) => r.value.municipality_code)) : group[0].value.municipality_code;
    for (const r of group) {
      const m = r.value.municipality_code;
      if (home !== undefined && m === home) placed.push(r);
      else if (home === undefined || counted.includes(r)) {
        const others = [...new Set(counted.filter((o) => o.value.municipality_code !== m).map((o) => o.value.municipality_code))];
        aside.push(
          setAside(
            r,
            ctx,
            '市区町村',
            `同じ事業所の他のサービスは${others.map((c) => ctx.directory.name(c)).join('・')}にあります。どの市区町村の事業所か判断できません`,
            `the office's other counted services lie in ${others.join(', ')}; its municipality cannot be told`,
          ),
        );
      } else {
        warnAt(
          ctx,
          r,
          '市区町村',
          ctx.directory.name(m),
          `この事業所の他のサービスは${ctx.directory.name(home)}にあります。事業所の所在地は${ctx.directory.name(home)}のまま、このサービスを取り込みます`,
          `the office's other services lie in ${home}: this service goes in without moving the office`,
        );
        placed.push({ ...r, value: { ...r.value, municipality_code: home } });
      }
    }
  }
  return placed;
}

const contentKey = (v: CareOfficeRow) => `${v.name}\u0000${v.phone ?? ''}\u0000${v.municipality_code}`;
const where = (r: Row) => `${r.file ? `${r.file} ` : ''}${r.row}行目`;
const whereEn = (r: Row) => `${r.file ? `${r.file} ` : ''}row ${r.row}`;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The value most of them have, or undefined when two tie for most. */
function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return sorted.length > 1 && sorted[0][1] === sorted[1][1] ? undefined : sorted[0]?.[0];
}
