// The empty rows of a streamed worksheet's XML are cut before exceljs parses them (sheets/node/
// xlsx-empty-rows.ts): every form of an empty row goes, every row with a value stays byte for byte,
// the result does not depend on where the text is cut into chunks, text from a CDATA section on is
// left alone, white space inside a row cannot make the expression backtrack for long, and a long run
// of text is passed on as it comes, not carried.

import { describe, expect, it } from 'vitest';
import { dropEmptyRows } from '../../sheets/node/xlsx-empty-rows.js';

async function run(chunks: string[]): Promise<string> {
  let out = '';
  for await (const c of dropEmptyRows((async function* () { yield* chunks; })())) out += c;
  return out;
}

const KEPT = [
  '<row r="1" spans="1:3"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="B1" t="s"><v>0</v></c></row>',
  '<row r="5"><c r="C5" s="1"/><c r="D5"><v>7</v></c></row>', // an empty cell beside a value
  '<row r="6"><c r="A6"><f>A5+1</f></c></row>', // a formula without a cached value (refused later, not here)
  '<row r="9"><c r="A9" t="inlineStr"><is><t>&lt;row r="1"/&gt;</t></is></c></row>',
];
const EMPTY = [
  '<row r="2"/>',
  '<row r="3" spans="1:3" ht="15"></row>',
  '<row r="4"><c r="C4"/><c r="D4" s="2"/>\n  <c r="E4" s="3"></c></row>',
  '<row r="7" customFormat="1" s="4">  </row>',
];
const ORDER = [KEPT[0], EMPTY[0], EMPTY[1], EMPTY[2], KEPT[1], KEPT[2], EMPTY[3], KEPT[3]];
const sheet = (rows: string[]) => `<?xml version="1.0" encoding="UTF-8"?><worksheet><cols><col min="1" max="2"/></cols><sheetData>${
  rows.join('')}</sheetData><rowBreaks count="0"/></worksheet>`;
const SHEET = sheet(ORDER), WANT = sheet(ORDER.filter((r) => !EMPTY.includes(r)));
/** The text less the empty rows still in it. */
const strip = (text: string) => EMPTY.reduce((t, row) => t.replace(row, ''), text);

describe('empty rows cut from streamed worksheet XML', () => {
  it('removes every form of empty row and keeps every row with a value as it was', async () => {
    expect(await run([SHEET])).toBe(WANT);
    expect(WANT).not.toBe(SHEET);
  });

  it('gives the sheet less some of its empty rows (one split between chunks stays), wherever the text is cut', async () => {
    for (let i = 0; i <= SHEET.length; i += 3) {
      const j = Math.min(SHEET.length, i + 41);
      expect(strip(await run([SHEET.slice(0, i), SHEET.slice(i, j), SHEET.slice(j)]))).toBe(WANT);
    }
    expect(strip(await run([...SHEET]))).toBe(WANT); // one character at a time
  });

  it('leaves the text alone from a CDATA section on (where `<row …/>` may be data)', async () => {
    const cdata = '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<row r="2"/>]]></t></is></c></row><row r="3"/>';
    const before = '<row r="0"/><row r="00"><c r="A00"><v>1</v></c></row>'; // the empty row before it is cut
    expect(await run([`<sheetData>${before}`, cdata, '</sheetData>'])).toBe(`<sheetData>${before.slice(12)}${cdata}</sheetData>`);
  });

  it('passes on text after a whole tag at once, holding back only an unfinished tag (a long run carried was quadratic)', async () => {
    const chunks = ['<sheetData><row r="1"><c r="A1"><v>1</v></c></row>', ' '.repeat(1000), ' '.repeat(1000), '</sheet', 'Data>'];
    const out: string[] = [];
    for await (const c of dropEmptyRows((async function* () { yield* chunks; })())) out.push(c);
    expect(out).toEqual([chunks[0], chunks[1], chunks[2], '</sheetData>']);
  });

  it('does not backtrack for long on a row of white space that is not empty', async () => {
    const row = `<row r="1">${' '.repeat(200_000)}<c r="A1"><v>1</v></c></row>`;
    const t0 = performance.now();
    expect(await run([row.repeat(5)])).toBe(row.repeat(5));
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
