import ExcelJS from 'exceljs';
import { tableCsv } from './csv.js';
import { contextRows, exportFileName, typeCell, type ExportContext, type TableData } from './table-data.js';
import { buildWorkbook, textWidth } from './xlsx.js';

const table: TableData = {
  headers: ['コード', '市区町村', '事業所', '申請率'],
  kinds: ['code', 'text', 'number', 'rate'],
  rows: [
    [typeCell('072010', 'code'), typeCell('福島市'), typeCell('1,234'), typeCell('29.9%')],
    [typeCell('072079', 'code'), typeCell('須賀川市'), typeCell('134'), typeCell('31.3%')],
  ],
};
const context: ExportContext = {
  title: '市区町村一覧',
  area: '福島県',
  asOf: '2025-03-31',
  filters: { 目標: '目標未達' },
  source: 'デモデータ（合成）',
  demo: true,
};

describe('typeCell', () => {
  it('keeps codes as text, reads numbers with separators and rates as ratios', () => {
    expect(typeCell('072010')).toEqual({ kind: 'code', value: '072010' });
    expect(typeCell('72010', 'code')).toEqual({ kind: 'code', value: '72010' });
    expect(typeCell('1,234')).toEqual({ kind: 'number', value: 1234 });
    expect(typeCell('29.9%')).toEqual({ kind: 'rate', value: 0.299 });
    expect(typeCell('—')).toEqual({ kind: 'text', value: null });
    expect(typeCell('あと3')).toEqual({ kind: 'text', value: 'あと3' });
  });
});

describe('export context', () => {
  it('writes title rows and a file name carrying area, filters and date', () => {
    expect(contextRows(context)).toEqual([
      ['市区町村一覧　福島県'],
      ['基準日: 2025-03-31'],
      ['絞り込み: 目標=目標未達'],
      ['出典: デモデータ（合成）'],
      ['デモデータ（合成）です。公表値以外は実際の数値ではありません。'],
    ]);
    expect(exportFileName(context, 'xlsx')).toBe('市区町村一覧_福島県_目標=目標未達_2025-03-31.xlsx');
    expect(exportFileName({ title: '市区町村一覧', area: '福島県', asOf: '2025-03-31' }, 'csv')).toBe('市区町村一覧_福島県_2025-03-31.csv');
  });
});

describe('CSV export', () => {
  it('has a BOM, the title rows, the header, codes Excel keeps as text and rates as displayed', () => {
    const csv = tableCsv(table, context);
    expect(csv.startsWith('\ufeff市区町村一覧　福島県\r\n基準日: 2025-03-31\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    const header = lines.indexOf('コード,市区町村,事業所,申請率');
    expect(header).toBe(6);
    expect(lines[header + 1]).toBe('="072010",福島市,1234,29.9%');
    expect(lines[header + 2]).toBe('="072079",須賀川市,134,31.3%');
  });
});

describe('xlsx export', () => {
  it('reads back with title rows, a frozen header with autofilter, codes as text and rates as percentages', async () => {
    const buffer = await buildWorkbook(ExcelJS, table, context, '市区町村一覧').xlsx.writeBuffer();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as ArrayBuffer);
    const sheet = book.getWorksheet('市区町村一覧')!;
    expect(sheet.getCell('A1').value).toBe('市区町村一覧　福島県');
    expect(sheet.getCell('A2').value).toBe('基準日: 2025-03-31');
    expect(sheet.getCell('A5').value).toBe('デモデータ（合成）です。公表値以外は実際の数値ではありません。');
    expect(sheet.getRow(7).values).toEqual([undefined, 'コード', '市区町村', '事業所', '申請率']);
    expect(sheet.getCell('A8').value).toBe('072010');
    expect(sheet.getCell('A8').numFmt).toBe('@');
    expect(sheet.getCell('C8').value).toBe(1234);
    expect(sheet.getCell('D8').value).toBe(0.299);
    expect(sheet.getCell('D8').numFmt).toBe('0.0%');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 7 });
    expect(sheet.autoFilter).toEqual('A7:D7');
    expect(sheet.getColumn(2).width).toBe(Math.max(8, textWidth('須賀川市') + 2));
    expect(sheet.rowCount).toBe(9);
  });
});

describe('dates and signed paces in exports', () => {
  it('reads a date as written on the page as a date, and a pace given as a number as a number', async () => {
    expect(typeCell('2025年3月31日')).toEqual({ kind: 'date', value: '2025-03-31' });
    expect(typeCell('2026-02-28')).toEqual({ kind: 'date', value: '2026-02-28' });
    expect(typeCell('2025年2月30日')).toEqual({ kind: 'text', value: '2025年2月30日' });
    expect(typeCell('-0.30', 'number')).toEqual({ kind: 'number', value: -0.3 });
    const paced: TableData = {
      headers: ['コード', '直近6か月のペース（ポイント/月）', '到達の見込み'],
      kinds: ['code', 'number', 'text'],
      rows: [[typeCell('072079', 'code'), typeCell('0.82', 'number'), typeCell('2026-02-28')]],
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await buildWorkbook(ExcelJS, paced, context).xlsx.writeBuffer());
    const sheet = book.worksheets[0];
    const header = sheet.getSheetValues().findIndex((r) => Array.isArray(r) && r[1] === 'コード');
    const row = sheet.getRow(header + 1);
    expect(row.getCell(2).value).toBe(0.82);
    expect(row.getCell(3).value).toEqual(new Date('2026-02-28T00:00:00Z'));
    expect(row.getCell(3).numFmt).toBe('yyyy/mm/dd');
    expect(tableCsv(paced, context)).toContain('="072079",0.82,2026-02-28\r\n');
  });
});
