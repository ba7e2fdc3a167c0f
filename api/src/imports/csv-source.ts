import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import Encoding from 'encoding-japanese';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { ImportFileError } from './import-errors.js';

export type DetectedEncoding = 'UTF-8' | 'UTF-8 (BOM)' | 'Shift_JIS';

/** Limits that keep one hostile file from stalling the server: checked as the bytes stream past. */
export const MAX_LINE_CHARS = 100_000;
export const MAX_COLUMNS = 200;
const SAMPLE_BYTES = 1024 * 1024;

/**
 * Detects the encoding from the file's first megabyte (cut at its last line break so no character is
 * split): UTF-8, UTF-8 with BOM, or Shift_JIS (CP932, as Excel on Windows saves it). A later byte that
 * does not fit is still caught by the strict decoder.
 */
export async function detectEncoding(path: string): Promise<DetectedEncoding> {
  const handle = await open(path, 'r');
  let sample: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (sample.length === 0) throw new ImportFileError('ファイルが空です', 'the file is empty');
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'UTF-8 (BOM)';
  const lastBreak = sample.lastIndexOf(0x0a);
  const detected = Encoding.detect(lastBreak > 0 && sample.length === SAMPLE_BYTES ? sample.subarray(0, lastBreak) : sample);
  if (detected === 'UTF8' || detected === 'ASCII') return 'UTF-8';
  if (detected === 'SJIS') return 'Shift_JIS';
  throw new ImportFileError(
    `文字コードを判別できません（${detected || '不明'}）。UTF-8 または Shift_JIS で保存してください`,
    `cannot read the file's encoding (${detected || 'unknown'}); save it as UTF-8 or Shift_JIS`,
  );
}

/** Strict UTF-8 decoding as a stream (a byte sequence that is not UTF-8 fails the file). */
class Utf8Decoder extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  constructor() {
    super({ decodeStrings: true, readableObjectMode: false });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      done(null, this.decoder.decode(chunk, { stream: true }));
    } catch {
      done(new ImportFileError('UTF-8 として読めないバイト列があります', 'the file contains bytes that are not valid UTF-8'));
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new ImportFileError('UTF-8 として読めないバイト列があります（ファイル末尾）', 'the file ends inside a UTF-8 character'));
    }
  }
}

/** Refuses a line longer than MAX_LINE_CHARS as soon as it is seen, before the CSV parser buffers it. */
class LineLengthGuard extends Transform {
  private run = 0;
  private line = 1;
  override _transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback): void {
    const text = chunk.toString();
    let start = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      if (this.run + (i - start) > MAX_LINE_CHARS) return done(this.tooLong());
      this.run = 0;
      this.line++;
      start = i + 1;
    }
    this.run += text.length - start;
    if (this.run > MAX_LINE_CHARS) return done(this.tooLong());
    done(null, text);
  }
  private tooLong(): ImportFileError {
    return new ImportFileError(
      `${this.line}行目が長すぎます（上限 ${MAX_LINE_CHARS.toLocaleString('ja-JP')} 文字）。CSV ファイルか確認してください`,
      `line ${this.line} is longer than ${MAX_LINE_CHARS} characters; is this a CSV file?`,
    );
  }
}

export interface CsvFields {
  /** Row as numbered in the file's records: the header is row 1. */
  row: number;
  fields: string[];
  /** Malformed quotes reported by the parser for this record. */
  quoteError?: string;
}

/**
 * Streams the file's records to `onRecord` (decoded, length-checked, parsed by papaparse), so neither
 * the file nor its rows need to be held whole. `onRecord` may return 'stop' to end early.
 */
export function streamCsvRecords(path: string, encoding: DetectedEncoding, onRecord: (record: CsvFields) => void | 'stop'): Promise<void> {
  return new Promise((resolve, reject) => {
    const file = createReadStream(path, { start: encoding === 'UTF-8 (BOM)' ? 3 : 0, highWaterMark: 256 * 1024 });
    const decoder = encoding === 'Shift_JIS' ? iconv.decodeStream('cp932') : new Utf8Decoder();
    const guard = new LineLengthGuard();
    let failed: unknown;
    const fail = (error: unknown) => {
      failed ??= error;
      file.destroy();
      reject(failed);
    };
    for (const stream of [file, decoder, guard] as NodeJS.EventEmitter[]) stream.on('error', fail);
    let row = 0;
    Papa.parse<string[]>(file.pipe(decoder).pipe(guard) as unknown as File, {
      header: false,
      skipEmptyLines: false,
      step: (result, parser) => {
        if (failed) return parser.abort();
        row++;
        const fields = result.data;
        if (row === 1 && fields.length > MAX_COLUMNS) {
          fail(
            new ImportFileError(
              `見出しの列が多すぎます（${fields.length}列、上限${MAX_COLUMNS}列）`,
              `the header has too many columns (${fields.length}; at most ${MAX_COLUMNS})`,
            ),
          );
          return parser.abort();
        }
        const quote = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
        if (onRecord({ row, fields, quoteError: quote?.code }) === 'stop') {
          parser.abort();
          file.destroy();
        }
      },
      complete: () => (failed ? reject(failed) : resolve()),
      error: (error: Error) => fail(error),
    });
  });
}
