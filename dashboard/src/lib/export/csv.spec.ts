import { neutraliseFormula, toCsv } from './csv.js';

describe('CSV export', () => {
  it('starts with a BOM and uses CRLF', () => {
    const csv = toCsv(['コード', '名称'], [['072079', '須賀川市']]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\ufeffコード,名称\r\n072079,須賀川市\r\n');
  });

  it('quotes commas, quotes and newlines', () => {
    expect(toCsv(['a'], [['x,"y"\nz']])).toBe('\ufeffa\r\n"x,""y""\nz"\r\n');
  });

  it('neutralises formula injection but leaves numbers alone', () => {
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutraliseFormula('+81')).toBe("'+81");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('-1')).toBe("'-1");
    expect(toCsv(['n'], [[-1]])).toBe('\ufeffn\r\n-1\r\n');
    expect(neutraliseFormula('須賀川市')).toBe('須賀川市');
  });

  it('neutralises the full-width forms too', () => {
    for (const start of ['＝', '＋', '－', '＠']) expect(neutraliseFormula(`${start}HYPERLINK("x")`)).toBe(`'${start}HYPERLINK("x")`);
  });
});
