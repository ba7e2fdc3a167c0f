import { checkDigit, codeReadings, parseMunicipalityCode, parsePrefectureCode, InvalidCodeError } from './municipality-code.js';

describe('municipality code parser', () => {
  it('computes the check digit with weights 6,5,4,3,2', () => {
    // 都城市 45202: 4*6+5*5+2*4+0*3+2*2 = 61; 61 mod 11 = 6; 11-6 = 5
    expect(checkDigit('45202')).toBe(5);
    expect(checkDigit('14100')).toBe(3);
    expect(checkDigit('13104')).toBe(1);
  });

  it('accepts 5 or 6 digits and returns 6', () => {
    expect(parseMunicipalityCode('45202')).toBe('452025');
    expect(parseMunicipalityCode('452025')).toBe('452025');
    expect(parseMunicipalityCode(' ４５２０２ ')).toBe('452025');
    expect(parseMunicipalityCode('４５２０２５')).toBe('452025');
  });

  it('gives 1 when the remainder is 0 (11 mod 10)', () => {
    // 13104 新宿区: 6+15+4+0+8 = 33; 33 mod 11 = 0 → (11-0) mod 10 = 1
    expect(parseMunicipalityCode('13104')).toBe('131041');
    // 01100 札幌市: 0+5+4+0+0 = 9 → 11-9 = 2
    expect(parseMunicipalityCode('01100')).toBe('011002');
    // 07207 須賀川市: 0+35+8+0+14 = 57; 57 mod 11 = 2; 11-2 = 9
    expect(parseMunicipalityCode('07207')).toBe('072079');
  });

  it('rejects a wrong check digit naming the expected code', () => {
    expect(() => parseMunicipalityCode('452026')).toThrow(InvalidCodeError);
    expect(() => parseMunicipalityCode('452026')).toThrow(/check digit.*expected 452025/);
    expect(() => parseMunicipalityCode('452026')).toThrow(/検査数字/);
  });

  it('rejects malformed input', () => {
    for (const bad of ['', '4520', '4520251', 'abcde', '99999', '00000', '45-202']) {
      expect(() => parseMunicipalityCode(bad)).toThrow(InvalidCodeError);
    }
  });

  it('parses prefecture codes', () => {
    expect(parsePrefectureCode('7')).toBe('07');
    expect(parsePrefectureCode('０７')).toBe('07');
    expect(() => parsePrefectureCode('48')).toThrow(/01-47/);
    expect(() => parsePrefectureCode('x')).toThrow(InvalidCodeError);
  });
});

describe('codeReadings', () => {
  it('reads a 5-digit code both as written and as a 6-digit code whose leading zero was lost', () => {
    expect(codeReadings('12203')).toEqual([
      { code: '122033', reading: 'as-written' },
      { code: '012203', reading: 'leading-zero-restored' },
    ]);
  });

  it('keeps only the readings that are codes at all', () => {
    // 072079 with its zero lost is 72079: as written, 72 is no prefecture.
    expect(codeReadings('72079')).toEqual([{ code: '072079', reading: 'leading-zero-restored' }]);
    // 07207 as written is 須賀川市; 007207 is no code.
    expect(codeReadings('07207')).toEqual([{ code: '072079', reading: 'as-written' }]);
    expect(codeReadings('1100')).toEqual([{ code: '011002', reading: 'leading-zero-restored' }]);
    expect(codeReadings('072079')).toEqual([{ code: '072079', reading: 'as-written' }]);
  });

  it('refuses what no reading can make a code of', () => {
    expect(() => codeReadings('99999')).toThrow(InvalidCodeError);
    expect(() => codeReadings('123')).toThrow(InvalidCodeError);
    expect(() => codeReadings('072070')).toThrow(/expected 072079/);
  });
});
