// Text that XML 1.0 cannot hold never reaches an .xlsx part (issue 13, hostile finding): exceljs drops
// the C0 controls but wrote U+FFFE/U+FFFF into sharedStrings.xml as they are (Excel: "found unreadable
// content"). Both writers (in memory and streamed) drop them, a lone surrogate becomes U+FFFD, and a C0
// control becomes its visible control picture (xlsx-controls.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { writeXlsx, xmlText } from '../../sheets/xlsx.js';
import { writeXlsxFile } from '../../sheets/node/xlsx-stream.js';
import type { WorkbookData } from '../../sheets/workbook.js';
import { tempDirs } from '../temp-dirs.js';

const tempXmlDir = tempDirs('kaohe-xml-');
const BOOK: WorkbookData = {
  sheets: [{ name: 's', columns: [{ header: '编号\uFFFE' }], rows: [['a\uFFFE'], ['b\uFFFF'], ['c\uD800'], ['d\uDC00e'], ['x\u0001y'], ['好😀']] }],
};

/** Every XML part's text, read strictly as UTF-8. */
async function parts(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => n.endsWith('.xml'));
  const texts = await Promise.all(names.map(async (n) => new TextDecoder('utf-8', { fatal: true }).decode(await zip.file(n)!.async('uint8array'))));
  return texts.join('\n');
}

/** Characters outside XML 1.0's Char production (controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;

describe('xlsx text', () => {
  it('xmlText drops U+FFFE/U+FFFF and replaces lone surrogates, keeping pairs', () => {
    expect(xmlText('a\uFFFEb\uFFFF')).toBe('ab');
    expect(xmlText('\uD800x\uDC00')).toBe('\uFFFDx\uFFFD');
    expect(xmlText('好😀')).toBe('好😀');
  });

  it.each(['memory', 'stream'])('writes only XML characters (%s writer)', async (how) => {
    let bytes: Uint8Array;
    if (how === 'memory') bytes = await writeXlsx(BOOK);
    else {
      const file = join(tempXmlDir(), 'out.xlsx');
      await writeXlsxFile(file, BOOK);
      bytes = readFileSync(file);
    }
    const xml = await parts(bytes);
    expect(xml.match(NOT_XML)).toBeNull();
    for (const t of ['编号', '>a<', '>b<', 'c\uFFFD', 'd\uFFFDe', '>x\u2401y<', '好😀']) expect(xml).toContain(t);
  });
});

describe('formula-like text', () => {
  it.each(['memory', 'stream'])('is formatted as text, so editing it in Excel keeps it text (%s writer)', async (how) => {
    const ExcelJS = (await import('exceljs')).default;
    const book: WorkbookData = { sheets: [{ name: 's', columns: [{ header: '名称' }, { header: '数' }], rows: [["=cmd|' /C calc'!A0", 1], ['张三', 2], ['@SUM(A1)', 3]] }] };
    let bytes: Uint8Array;
    if (how === 'memory') bytes = await writeXlsx(book);
    else {
      const file = join(tempXmlDir(), 'out.xlsx');
      await writeXlsxFile(file, book);
      bytes = readFileSync(file);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').value).toBe("=cmd|' /C calc'!A0");
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(ws.getCell('A4').numFmt).toBe('@');
    expect(ws.getCell('A3').numFmt ?? 'General').not.toBe('@');
  });
});
