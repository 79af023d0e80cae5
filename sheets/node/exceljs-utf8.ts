// exceljs 4.4.0 decodes each chunk of a streamed .xlsx part on its own (utils/parse-sax.js calls
// TextDecoder.decode without `stream: true`), so a character whose UTF-8 bytes are split between
// two inflated chunks becomes U+FFFD — silently: 16 of 10,000 Chinese names in bench/rosters.ts
// came back as 赵���明 (exceljs#2084, open). Its parser passes text through untouched, so we hand
// it text: each zip entry gets `setEncoding('utf8')` (a StringDecoder carries a split character
// into the next chunk), and a worksheet's chunks — which may come from a temporary file — are
// decoded the same way. The in-memory reader (xlsx.ts, the browser's) decodes whole parts and is
// not affected. A worksheet's text then has its empty rows left out (xlsx-empty-rows.ts).

import { StringDecoder } from 'node:string_decoder';
import type { Excel } from '../xlsx.js';
import { dropEmptyRows } from './xlsx-empty-rows.js';

type Entry = { setEncoding?(e: BufferEncoding): unknown };
type Proto = Record<string, (this: unknown, ...args: unknown[]) => unknown>;

/** The chunks of one stream as text, split characters kept whole. */
export async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const text = typeof c === 'string' ? c : decoder.write(c);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

const patched = new WeakSet<object>();

/** Makes exceljs's streaming WorkbookReader decode every part as one UTF-8 stream. Idempotent. */
export function decodeStreamedPartsWhole(excel: Excel): void {
  const proto = (excel.stream.xlsx.WorkbookReader as unknown as { prototype: Proto }).prototype;
  if (patched.has(proto)) return;
  patched.add(proto);
  for (const name of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles']) {
    const original = proto[name];
    if (typeof original !== 'function') throw new Error(`exceljs WorkbookReader.${name} is missing: check sheets/node/exceljs-utf8.ts`);
    proto[name] = function (this: unknown, entry: unknown, ...rest: unknown[]) {
      (entry as Entry).setEncoding?.('utf8');
      return original.call(this, entry, ...rest);
    };
  }
  for (const name of ['_parseWorksheet', '_parseHyperlinks']) {
    const original = proto[name];
    if (typeof original !== 'function') throw new Error(`exceljs WorkbookReader.${name} is missing: check sheets/node/exceljs-utf8.ts`);
    proto[name] = function (this: unknown, chunks: unknown, ...rest: unknown[]) {
      const text = utf8Chunks(chunks as AsyncIterable<Buffer | string>);
      return original.call(this, name === '_parseWorksheet' ? dropEmptyRows(text) : text, ...rest);
    };
  }
}
