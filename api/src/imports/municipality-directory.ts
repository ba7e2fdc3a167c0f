import { codeReadings, InvalidCodeError, toAsciiDigits, type CodeReading } from '../core/domain/municipality-code.js';
import { RowRuleError } from './import-kind.js';
import { foldPlaceName } from '../core/domain/japanese-names.js';
import type { ImportNotes } from './import-notes.js';

export interface DirectoryMunicipality {
  prefectureCode: string;
  name: string;
}

export interface DirectoryWard {
  municipalityCode: string;
  name: string;
}

/** What a row says about where it is, besides the code: its prefecture or its municipality's name. */
export interface LocationHint {
  prefectureCode?: string;
  prefectureName?: string;
  name?: string;
}

/** A code that reads as two registered municipalities; the row waits for the user's choice. */
export class AmbiguousCodeError extends RowRuleError {}

/**
 * Names compared without width, spaces, variant forms (龍ヶ崎市 = 龍ケ崎市, 檮原町 = 梼原町, 八丈島八丈町 =
 * 八丈町) or a district (郡) prefix: 三方郡美浜町 → 美浜町.
 */
export function nameKey(name: string): string {
  return foldPlaceName(name).replace(/^.+?郡(?=.+[町村]$)/, '');
}

/**
 * Every registered municipality and designated-city ward, to resolve what a file writes — a code of 4, 5 or
 * 6 digits (leading zeros lost by Excel), a ward code, or a name with its prefecture — to one municipality,
 * and never silently to another: a code must agree with the row's name or prefecture when it has one, and a
 * code that reads as two municipalities needs the user's choice.
 */
export class MunicipalityDirectory {
  private readonly byPrefectureAndName = new Map<string, string[]>();
  private readonly prefectureByName = new Map<string, string>();
  /** Per prefecture, every municipality and ward name (folded) with its municipality, longest first. */
  private readonly namesByPrefecture = new Map<string, { key: string; code: string }[]>();

  constructor(
    private readonly municipalities: Map<string, DirectoryMunicipality>,
    private readonly wards: Map<string, DirectoryWard>,
    private readonly prefectures: Map<string, string>,
  ) {
    for (const [code, name] of prefectures) this.prefectureByName.set(nameKey(name), code);
    const add = (prefecture: string, name: string, code: string) => {
      const key = `${prefecture}:${nameKey(name)}`;
      this.byPrefectureAndName.set(key, [...new Set([...(this.byPrefectureAndName.get(key) ?? []), code])]);
      const names = this.namesByPrefecture.get(prefecture) ?? [];
      names.push({ key: nameKey(name), code });
      this.namesByPrefecture.set(prefecture, names);
    };
    for (const [code, m] of municipalities) add(m.prefectureCode, m.name, code);
    for (const [, w] of wards) add(w.municipalityCode.slice(0, 2), w.name, w.municipalityCode);
    for (const names of this.namesByPrefecture.values()) names.sort((a, b) => b.key.length - a.key.length);
  }

  has(code: string): boolean {
    return this.municipalities.has(code);
  }

  name(code: string): string {
    return this.municipalities.get(code)?.name ?? code;
  }

  prefectureName(code: string): string {
    return this.prefectures.get(code) ?? code;
  }

  prefectureOf(code: string): string | undefined {
    return this.municipalities.get(code)?.prefectureCode;
  }

  /** A prefecture written as a code (07, 7) or a name (福島県, 福島). */
  prefectureCode(value: string): string | undefined {
    const digits = toAsciiDigits(value);
    if (/^\d{1,2}$/.test(digits) && Number(digits) >= 1 && Number(digits) <= 47) return digits.padStart(2, '0');
    const key = nameKey(value);
    return (
      this.prefectureByName.get(key) ??
      this.prefectureByName.get(`${key}県`) ??
      this.prefectureByName.get(`${key}都`) ??
      this.prefectureByName.get(`${key}府`)
    );
  }

  /** The municipality a name means within a prefecture (a ward name means its city); undefined when none or several. */
  findByName(prefectureCode: string, name: string): string | undefined {
    const found = this.byPrefectureAndName.get(`${prefectureCode}:${nameKey(name)}`) ?? [];
    return found.length === 1 ? found[0] : undefined;
  }

  /**
   * The municipality an address starts with, within a prefecture (for lists whose 市区町村名 is empty):
   * the prefecture's name may lead or not, a district (郡) may precede a town or village, and the longest
   * name wins (a ward before its city). Undefined when no name, or two different places, fit.
   */
  findByAddress(prefectureCode: string, address: string, prefectureName = ''): string | undefined {
    let folded = foldPlaceName(address);
    const prefecture = foldPlaceName(prefectureName);
    if (prefecture && folded.startsWith(prefecture)) folded = folded.slice(prefecture.length);
    const withoutDistrict = folded.replace(/^[^市区町村]+?郡/, '');
    const names = this.namesByPrefecture.get(prefectureCode) ?? [];
    for (const text of [folded, withoutDistrict]) {
      const found = names.find((n) => text.startsWith(n.key));
      if (!found) continue;
      const same = names.filter((n) => n.key.length === found.key.length && text.startsWith(n.key));
      return new Set(same.map((n) => n.code)).size === 1 ? found.code : undefined;
    }
    return undefined;
  }

  private agrees(code: string, hint: LocationHint): boolean {
    const m = this.municipalities.get(code)!;
    const prefecture = hint.prefectureCode ?? (hint.prefectureName ? this.prefectureCode(hint.prefectureName) : undefined);
    if (prefecture && m.prefectureCode !== prefecture) return false;
    if (hint.name && this.findByName(m.prefectureCode, hint.name) !== code) return false;
    return true;
  }

  /** Reads a written code (throws when it cannot be a code at all, naming the column). */
  static readings(value: string, column: string): CodeReading[] {
    try {
      return codeReadings(value.trim());
    } catch (error) {
      if (error instanceof InvalidCodeError) throw new RowRuleError(column, error.messageJa, error.messageEn);
      throw error;
    }
  }

  /** The one registered municipality a written code means, in agreement with the row's hint. */
  resolve(written: string, column: string, notes: ImportNotes, hint: LocationHint = {}): string {
    const candidates = MunicipalityDirectory.readings(written, column)
      .map((r) => ({ ...r, code: this.wards.get(r.code)?.municipalityCode ?? r.code }))
      .filter((r) => this.municipalities.has(r.code));
    const label = (c: { code: string }) => `${this.name(c.code)} ${c.code}`;
    if (candidates.length === 0) {
      throw new RowRuleError(column, `市区町村コード ${written} は登録されていません`, `municipality code ${written} is not registered`);
    }
    const hinted = hint.prefectureCode || hint.prefectureName || hint.name;
    const agreeing = hinted ? candidates.filter((c) => this.agrees(c.code, hint)) : candidates;
    if (agreeing.length === 0) {
      const said = [hint.prefectureName ?? hint.prefectureCode, hint.name].filter(Boolean).join(' ');
      throw new RowRuleError(
        column,
        `市区町村コード ${written}（${candidates.map(label).join(' または ')}）と、行の都道府県・市区町村名（${said}）が一致しません`,
        `municipality code ${written} (${candidates.map(label).join(' or ')}) does not agree with the row's prefecture or name (${said})`,
      );
    }
    let chosen = agreeing[0];
    if (agreeing.length > 1) {
      const choice = notes.choice?.byValue?.[written] ?? notes.choice?.all;
      const picked = agreeing.find((c) => c.code === choice || c.reading === choice);
      if (!picked) {
        notes.addAmbiguous({
          column,
          value: written,
          candidates: agreeing.map((c) => ({ code: c.code, name: this.name(c.code), reading: c.reading })),
        });
        throw new AmbiguousCodeError(
          column,
          `市区町村コード ${written} は ${agreeing.map(label).join(' と ')} のどちらとも読めます（Excel で先頭の0が失われた可能性）。プレビューでどちらかを選んでください`,
          `municipality code ${written} reads as ${agreeing.map(label).join(' or ')} (Excel may have dropped a leading zero); choose one in the preview`,
        );
      }
      chosen = picked;
    }
    if (chosen.reading === 'leading-zero-restored') {
      notes.warn(
        column,
        written,
        `先頭の0が失われたとみなしました（${written} → ${label(chosen)}）`,
        `read as a code whose leading zero was lost (${written} → ${label(chosen)})`,
      );
    }
    return chosen.code;
  }
}
