import { Dictionary, FixedSizeBinary, Int16, Int32, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { intColumn, textColumn } from './arrow-columns.js';

/** The fast readers must give exactly what apache-arrow's own toArray() gives, through an IPC round trip. */
describe('reading Arrow columns', () => {
  const names = ['須賀川市ケアセンター', null, 'ｹｱ 𠮷野家 🙂', '', 'ABC-123', '髙橋訪問介護'];
  const codes = ['072079', '072079', null, '131016', '072079', '131016'];
  const counts = [0, 12, 3, 0, 7, 2147483647];
  const numbers = ['0770000001', '27A7100321', '1300000003', '0770000004', '0770000005', '1300000006'];
  const table = tableFromIPC(
    tableToIPC(
      new Table({
        name: vectorFromArray(names, new Utf8()),
        code: vectorFromArray(codes, new Dictionary(new Utf8(), new Int16())),
        count: vectorFromArray(counts, new Int32()),
        number: vectorFromArray(
          numbers.map((n) => new TextEncoder().encode(n)),
          new FixedSizeBinary(10),
        ),
      }),
      'stream',
    ),
  );

  it('decodes plain and dictionary text columns with nulls and any Unicode, as toArray does', () => {
    expect(textColumn(table.getChild('name')!)).toEqual(names);
    expect(textColumn(table.getChild('code')!)).toEqual(codes);
    expect(textColumn(table.getChild('code')!)).toEqual([...table.getChild('code')!.toArray()]);
  });

  it('decodes fixed-width ASCII (office numbers, a letter in the third place too)', () => {
    expect(textColumn(table.getChild('number')!)).toEqual(numbers);
  });

  it('reads an integer column', () => {
    expect([...intColumn(table.getChild('count')!)]).toEqual(counts);
  });

  it('reads tables of several record batches', () => {
    const two = new Table({ name: vectorFromArray(['あ', 'い'], new Utf8()) }).concat(
      new Table({ name: vectorFromArray([null, 'う'], new Utf8()) }),
    );
    const back = tableFromIPC(tableToIPC(two, 'stream'));
    expect(back.batches.length).toBe(2);
    expect(textColumn(back.getChild('name')!)).toEqual(['あ', 'い', null, 'う']);
  });
});
