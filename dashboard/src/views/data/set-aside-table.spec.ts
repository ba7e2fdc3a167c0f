import type { SetAsideRow } from '$api/imports/dto/imports.responses.js';
import { tableCsv } from '../../lib/export/csv.js';
import { setAsideTable } from './set-aside-table.js';

describe('the rows an import set aside, as a file for the publisher', () => {
  const rows: SetAsideRow[] = [
    {
      file: 'jigyosho_110.csv',
      row: 4,
      column: '都道府県コード又は市町村コード',
      value: '079999',
      reason_ja: '市区町村コード 079999 は登録されていません',
      reason_en: 'municipality code 079999 is not registered',
      values: { 都道府県コード又は市町村コード: '079999', 事業所名: '不明市の事業所', 事業所番号: '0770300013' },
    },
    {
      file: 'jigyosho_150.csv',
      row: 2,
      column: '市区町村',
      value: '072036',
      reason_ja: '同じ事業所の他のサービスは須賀川市にあります。どの市区町村の事業所か判断できません',
      reason_en: 'the office’s other counted services lie in 072079',
      values: { 事業所番号: '0770300016', 事業所名: '須賀川D, 郡山', 市区町村: '郡山市' },
    },
  ];

  it('lists where, why in both languages, and every value by the headers the files used, codes as text', () => {
    const table = setAsideTable(rows);
    expect(table.headers).toEqual(['ファイル', '行', '列', '理由', 'Reason', '都道府県コード又は市町村コード', '事業所名', '事業所番号', '市区町村']);
    expect(table.rows[1].map((c) => c.value)).toEqual([
      'jigyosho_150.csv',
      2,
      '市区町村',
      rows[1].reason_ja,
      rows[1].reason_en,
      null,
      '須賀川D, 郡山',
      '0770300016',
      '郡山市',
    ]);
    const csv = tableCsv(table, { title: '除外した行', source: 'jigyosho_110.csv, jigyosho_150.csv' });
    expect(csv.startsWith('\ufeff除外した行')).toBe(true);
    // Office numbers and codes keep their leading zeros in Excel; a comma in a name stays in its cell.
    expect(csv).toContain('jigyosho_110.csv,4,都道府県コード又は市町村コード,市区町村コード 079999 は登録されていません,municipality code 079999 is not registered,="079999",不明市の事業所,="0770300013",');
    expect(csv).toContain('"須賀川D, 郡山",="0770300016",郡山市\r\n');
  });
});
