import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ImportFileError } from './import-errors.js';

/**
 * An xlsx is a zip of XML that ExcelJS reads whole, at many times the XML's size in memory: what it would
 * unpack to is checked from the zip's directory (and the sheet's declared dimension) before any parsing,
 * so a huge sheet or a zip bomb is refused in milliseconds with memory untouched.
 */
export const XLSX_LIMITS = {
  /** Everything the workbook unpacks to. About 100,000 rows of an office list, read in about 200 MB; larger lists go as CSV. */
  uncompressedBytes: 32 * 1024 * 1024,
  /** Rows a worksheet may declare. */
  rows: 200_000,
  /** Beyond this compression ratio an entry is a zip bomb, not a spreadsheet (real sheets: 5–20). */
  ratio: 200,
};

const tooLarge = (ja: string, en: string) =>
  new ImportFileError(`${ja}。大きな一覧は CSV で保存してアップロードしてください`, `${en}; save large lists as CSV and upload that`);

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

function entries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const found: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      found.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(found));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** The first bytes of an entry (where a sheet declares `<dimension ref="A1:X100"/>`). */
function head(zip: ZipFile, entry: Entry, bytes = 4096): Promise<string> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      let text = '';
      stream.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.length >= bytes) stream.destroy();
      });
      stream.once('close', () => resolve(text));
      stream.once('end', () => resolve(text));
      stream.once('error', (e: Error) => (text ? resolve(text) : reject(e)));
    }),
  );
}

/** The last row a sheet declares, from its dimension (`A1:AJ56443` → 56443); undefined when it declares none. */
export function declaredRows(xmlHead: string): number | undefined {
  const ref = /<(?:\w+:)?dimension\s+ref="[A-Z]*\d*:?[A-Z]*(\d+)"/.exec(xmlHead);
  return ref ? Number(ref[1]) : undefined;
}

/** Throws ImportFileError when the workbook would unpack past the limits; unreadable zips are left to the reader. */
export async function checkXlsxLimits(path: string, limits = XLSX_LIMITS): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch {
    return;
  }
  try {
    const list = await entries(zip);
    const total = list.reduce((sum, e) => sum + e.uncompressedSize, 0);
    const bomb = list.find((e) => e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > limits.ratio * Math.max(e.compressedSize, 1));
    if (bomb)
      throw new ImportFileError(
        `xlsx の中身（${bomb.fileName}）の圧縮率が異常です（${Math.round(bomb.uncompressedSize / Math.max(bomb.compressedSize, 1))} 倍）。表計算ソフトで保存し直してください`,
        `an entry of the xlsx (${bomb.fileName}) expands ${Math.round(bomb.uncompressedSize / Math.max(bomb.compressedSize, 1))} times: not a spreadsheet as saved by Excel`,
      );
    if (total > limits.uncompressedBytes)
      throw tooLarge(
        `xlsx ファイルの展開後の大きさが上限を超えています（${Math.round(total / 1024 / 1024)}MB、上限 ${Math.round(limits.uncompressedBytes / 1024 / 1024)}MB）`,
        `the xlsx unpacks to ${Math.round(total / 1024 / 1024)} MB (at most ${Math.round(limits.uncompressedBytes / 1024 / 1024)} MB)`,
      );
    for (const sheet of list.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.fileName))) {
      const rows = declaredRows(await head(zip, sheet));
      if (rows !== undefined && rows > limits.rows)
        throw tooLarge(
          `シートの行数が多すぎます（${rows.toLocaleString('ja-JP')} 行、上限 ${limits.rows.toLocaleString('ja-JP')} 行）`,
          `a sheet has ${rows} rows (at most ${limits.rows})`,
        );
    }
  } finally {
    zip.close();
  }
}
