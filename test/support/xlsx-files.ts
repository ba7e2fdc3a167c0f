import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import archiver from 'archiver';
import ExcelJS from 'exceljs';

/** An office list as xlsx with `rows` data rows, written as a stream (a million rows in seconds). */
export async function writeLargeOfficesXlsx(path: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = workbook.addWorksheet('事業所');
  sheet.addRow(['事業所番号', '事業所名', 'サービス種類コード', '所在市区町村コード', '指定年月日', '廃止年月日']).commit();
  for (let i = 0; i < rows; i++)
    sheet.addRow([`07${String(10_000_000 + i).slice(-8)}`, `テスト事業所${i}`, '430', '072079', '2020-04-01', '']).commit();
  await sheet.commit();
  await workbook.commit();
}

/** A zip bomb dressed as an xlsx: a worksheet entry of `megabytes` of zeros that deflates to about a thousandth. */
export async function writeXlsxBomb(path: string, megabytes: number): Promise<void> {
  const zip = archiver('zip', { zlib: { level: 9 } });
  const out = createWriteStream(path);
  zip.pipe(out);
  const chunk = Buffer.alloc(1024 * 1024);
  let left = megabytes;
  const zeros = new Readable({
    read() {
      this.push(left-- > 0 ? chunk : null);
    },
  });
  zip.append('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>', {
    name: '[Content_Types].xml',
  });
  zip.append(zeros, { name: 'xl/worksheets/sheet1.xml' });
  await zip.finalize();
  await finished(out);
}
