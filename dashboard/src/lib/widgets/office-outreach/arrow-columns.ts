/**
 * Reads Arrow columns into plain arrays in one pass per buffer. apache-arrow's own `toArray()` decodes
 * every string separately (a dictionary column decodes its value again for each row), which made
 * decoding slower than JSON.parse; here a dictionary is decoded once and indexed, and a text column's
 * UTF-8 buffer is decoded with one TextDecoder call and cut at its offsets (converted from bytes to
 * UTF-16 positions as the bytes are walked). No runtime dependency on apache-arrow: only its types.
 */
import type { Vector } from 'apache-arrow';

interface ColumnChunk {
  type: { byteWidth?: number };
  length: number;
  offset: number;
  nullCount: number;
  nullBitmap?: Uint8Array;
  values: ArrayLike<number>;
  valueOffsets?: Int32Array;
  dictionary?: Vector;
}

const decoder = new TextDecoder();

function isValid(chunk: ColumnChunk, i: number): boolean {
  if (!chunk.nullCount || !chunk.nullBitmap || chunk.nullBitmap.length === 0) return true;
  const bit = chunk.offset + i;
  return (chunk.nullBitmap[bit >> 3] & (1 << (bit & 7))) !== 0;
}

/** A UTF-8 string column's values; `out` is filled from `start`. */
function utf8Chunk(chunk: ColumnChunk, out: (string | null)[], start: number): void {
  const bytes = chunk.values as Uint8Array;
  const offsets = chunk.valueOffsets!;
  const first = offsets[chunk.offset];
  const text = decoder.decode(bytes.subarray(first, offsets[chunk.offset + chunk.length]));
  // UTF-16 position = bytes so far − continuation bytes (10xxxxxx) + one more per 4-byte sequence (a surrogate pair).
  let byte = first;
  let units = 0;
  let from = 0;
  for (let i = 0; i < chunk.length; i++) {
    const end = offsets[chunk.offset + i + 1];
    for (; byte < end; byte++) {
      const b = bytes[byte];
      if (b < 0x80 || b >= 0xc0) units += b >= 0xf0 ? 2 : 1;
    }
    out[start + i] = isValid(chunk, i) ? text.slice(from, units) : null;
    from = units;
  }
}

/** Fixed-width ASCII (FixedSizeBinary, e.g. office numbers): one decode, then equal slices. */
function fixedChunk(chunk: ColumnChunk, width: number, out: (string | null)[], start: number): void {
  const bytes = chunk.values as Uint8Array;
  const text = decoder.decode(bytes.subarray(chunk.offset * width, (chunk.offset + chunk.length) * width));
  for (let i = 0; i < chunk.length; i++) out[start + i] = isValid(chunk, i) ? text.slice(i * width, (i + 1) * width) : null;
}

/** A text column (plain, dictionary-encoded, or fixed-width ASCII) as an array of strings and nulls. */
export function textColumn(vector: Vector): (string | null)[] {
  const out = new Array<string | null>(vector.length);
  let start = 0;
  for (const chunk of vector.data as unknown as ColumnChunk[]) {
    if (chunk.dictionary) {
      const dictionary = textColumn(chunk.dictionary);
      const indices = chunk.values;
      for (let i = 0; i < chunk.length; i++) out[start + i] = isValid(chunk, i) ? dictionary[indices[chunk.offset + i]] : null;
    } else if (chunk.type.byteWidth) fixedChunk(chunk, chunk.type.byteWidth, out, start);
    else utf8Chunk(chunk, out, start);
    start += chunk.length;
  }
  return out;
}

/** An integer column as a typed array (nulls read as 0). */
export function intColumn(vector: Vector): Int32Array {
  return Int32Array.from(vector.toArray() as ArrayLike<number>);
}
