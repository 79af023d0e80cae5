// CSV read as a stream (issue 16, user trial: a CSV over 64 MiB was refused although rosters stream):
// csv.ts CsvParser fed the text in pieces of any size gives exactly the rows the former whole-text
// parser gave (kept below as the reference) — quotes, `""`, line breaks inside quotes, CRLF split
// between pieces, the separator of the header line, a byte-order mark; node/csv-stream.ts decodes a
// file's bytes piece by piece as decodeText decodes them whole (UTF-8, GB18030 decided on every
// byte, UTF-16 by its mark, characters split between 1 MiB pieces); a runaway record is bounded.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, CsvRecordTooLong, detectSeparator, MAX_RECORD_CHARS, parseCsv } from '../../sheets/csv.js';
import { streamCsvRows } from '../../sheets/node/csv-stream.js';
import type { SheetRow } from '../../sheets/table.js';
import { decodeText } from '../../sheets/text.js';

/** The whole-text parser as it was before the stream (issue 11), the reference. */
function formerParseCsv(input: string, separator = detectSeparator(input)): SheetRow[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '', quoted = false, started = false;
  const endRow = () => { cells.push(cell); rows.push({ row: rows.length + 1, cells }); cells = []; cell = ''; started = false; };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
    } else if (c === '"' && cell === '') { quoted = true; started = true; } else if (c === separator) { cells.push(cell); cell = ''; started = true; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else { cell += c; started = true; }
  }
  if (started || cell !== '' || cells.length) endRow();
  return rows;
}

/** Rows of `text` fed to CsvParser cut at `cuts`. */
function inPieces(text: string, cuts: number[]): SheetRow[] {
  const rows: SheetRow[] = [];
  const p = new CsvParser((r) => { rows.push(r); });
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) { p.push(text.slice(at, c)); at = c; }
  p.push(text.slice(at));
  p.end();
  return rows;
}

const dir = mkdtempSync(join(tmpdir(), 'kaohe-csv-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rowsOf = async (path: string) => { const out: SheetRow[] = []; for await (const r of streamCsvRows(path)) out.push(r); return out; };

describe('CsvParser in pieces', () => {
  it('gives the former parser\'s rows for any text cut anywhere', () => {
    const text = fc.array(fc.constantFrom('a', '中', ',', '，', '\t', '"', '""', '\n', '\r', '\r\n', ' ', '\ufeff'), { maxLength: 40 }).map((xs) => xs.join(''));
    fc.assert(fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (t, cuts) => {
      const want = formerParseCsv(t);
      expect(parseCsv(t)).toEqual(want);
      expect(inPieces(t, cuts.map((c) => c % (t.length + 1)))).toEqual(want);
      expect(inPieces(t, Array.from({ length: t.length }, (_, i) => i))).toEqual(want); // one character at a time
    }), { numRuns: 1500, seed: 16 });
  });

  it('bounds a record: a cell whose closing quote is missing stops at MAX_RECORD_CHARS with its row', () => {
    const p = new CsvParser(() => undefined);
    p.push('编号,备注\r\nA1,"');
    const piece = 'x'.repeat(1 << 20);
    let thrown: unknown;
    try { for (let i = 0; i <= MAX_RECORD_CHARS >> 20; i++) p.push(piece); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(CsvRecordTooLong);
    expect((thrown as CsvRecordTooLong).row).toBe(2);
  });
});

describe('streamCsvRows', () => {
  // ~3 MiB of Chinese text: 1 MiB pieces split characters (3 bytes in UTF-8, 2 in GBK/UTF-16)
  const lines = ['编号,姓名,备注', ...Array.from({ length: 40_000 }, (_, i) => `A${i},"张${'伟'.repeat(i % 7)}","第${i}行，说""好""\n续"`)];
  const text = `${lines.join('\r\n')}\r\n`;

  it('UTF-8 with and without a byte-order mark, UTF-16LE with one: the rows of the whole text', async () => {
    const want = parseCsv(text);
    const files: [string, Buffer][] = [
      ['u8.csv', Buffer.from(text, 'utf8')],
      ['u8bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
      ['u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ];
    for (const [name, bytes] of files) {
      writeFileSync(join(dir, name), bytes);
      expect(decodeText(bytes).text).toBe(text);
      expect(await rowsOf(join(dir, name)), name).toEqual(want);
    }
  }, 60_000);

  it('GB18030 decided on every byte: UTF-8-looking first megabytes, one GBK name at the end', async () => {
    const gbk = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]); // 张三 in GBK
    const bytes = Buffer.concat([Buffer.from(text.replace(/[^\x00-\x7f]/g, 'x'), 'utf8'), Buffer.from('B1,'), gbk, Buffer.from('\r\n')]);
    writeFileSync(join(dir, 'gbk.csv'), bytes);
    const { text: whole, encoding } = decodeText(bytes);
    expect(encoding).toBe('gb18030');
    const rows = await rowsOf(join(dir, 'gbk.csv'));
    expect(rows).toEqual(parseCsv(whole));
    expect(rows.at(-1)!.cells).toEqual(['B1', '张三']);
  }, 60_000);
});
