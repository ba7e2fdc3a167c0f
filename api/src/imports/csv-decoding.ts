import Encoding from 'encoding-japanese';
import iconv from 'iconv-lite';
import { ImportFileError } from './import-errors.js';

export type DetectedEncoding = 'UTF-8' | 'UTF-8 (BOM)' | 'Shift_JIS';

/** Decodes an uploaded CSV: UTF-8, UTF-8 with BOM, or Shift_JIS (CP932, as Excel on Windows saves it). */
export function decodeCsv(buffer: Buffer): { text: string; encoding: DetectedEncoding } {
  if (buffer.length === 0) throw new ImportFileError('ファイルが空です', 'the file is empty');
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: decodeUtf8(buffer.subarray(3)), encoding: 'UTF-8 (BOM)' };
  }
  const detected = Encoding.detect(buffer);
  if (detected === 'UTF8' || detected === 'ASCII') return { text: decodeUtf8(buffer), encoding: 'UTF-8' };
  if (detected === 'SJIS') return { text: iconv.decode(buffer, 'cp932'), encoding: 'Shift_JIS' };
  throw new ImportFileError(
    `文字コードを判別できません（${detected || '不明'}）。UTF-8 または Shift_JIS で保存してください`,
    `cannot read the file's encoding (${detected || 'unknown'}); save it as UTF-8 or Shift_JIS`,
  );
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError('UTF-8 として読めないバイト列があります', 'the file contains bytes that are not valid UTF-8');
  }
}
