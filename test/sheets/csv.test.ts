// sheets/csv.ts and sheets/text.ts: CSV as Excel writes it on Chinese Windows (GB18030, or UTF-8 with a
// byte-order mark, or UTF-16 "Unicode text" with tabs), quoted cells, rows numbered as a spreadsheet
// numbers them; and CSV written so Excel opens it (a byte-order mark, quotes where needed).

import { describe, expect, it } from 'vitest';
import { detectSeparator, parseCsv, writeCsv } from '../../sheets/csv.js';
import { decodeText } from '../../sheets/text.js';

const cells = (text: string) => parseCsv(text).map((r) => r.cells);

describe('decodeText', () => {
  it('reads GBK bytes (Excel on Chinese Windows) as GB18030, and UTF-8 with or without a byte-order mark', () => {
    // 编号,姓名 in GBK
    const gbk = Uint8Array.from([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb]);
    expect(decodeText(gbk)).toEqual({ text: '编号,姓名', encoding: 'gb18030' });
    const utf8 = new TextEncoder().encode('编号,姓名');
    expect(decodeText(utf8)).toEqual({ text: '编号,姓名', encoding: 'utf-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8])).text).toBe('编号,姓名');
  });

  it('reads UTF-16 with a byte-order mark ("Unicode text")', () => {
    const le = Buffer.from('\ufeff编号\t姓名', 'utf16le');
    expect(decodeText(le)).toEqual({ text: '编号\t姓名', encoding: 'utf-16le' });
  });
});

describe('parseCsv', () => {
  it('reads quoted cells with separators, quotes and line breaks, CRLF or LF, and numbers rows as Excel does', () => {
    const rows = parseCsv('编号,备注\r\nA1,"一科，二科, 三科"\r\nA2,"说 ""好""\n第二行"\nA3,\n');
    expect(rows).toEqual([
      { row: 1, cells: ['编号', '备注'] },
      { row: 2, cells: ['A1', '一科，二科, 三科'] },
      { row: 3, cells: ['A2', '说 "好"\n第二行'] },
      { row: 4, cells: ['A3', ''] },
    ]);
  });

  it('finds the separator in the header line: a full-width comma only when there is no other', () => {
    expect(detectSeparator('编号,科室\nA1,综合科，办公室')).toBe(',');
    expect(cells('编号,科室\nA1,综合科，办公室')).toEqual([['编号', '科室'], ['A1', '综合科，办公室']]);
    expect(detectSeparator('编号\t科室\nA1\t一科')).toBe('\t');
    expect(cells('编号，科室\nA1，一科')).toEqual([['编号', '科室'], ['A1', '一科']]);
  });

  it('drops a byte-order mark and keeps blank lines as (blank) rows', () => {
    expect(parseCsv('\ufeff编号\n\nA1')).toEqual([{ row: 1, cells: ['编号'] }, { row: 2, cells: [''] }, { row: 3, cells: ['A1'] }]);
  });
});

describe('writeCsv', () => {
  it('starts with a byte-order mark, quotes cells that need it, and reads back the same', () => {
    const rows = [['编号', '备注'], ['A1', '一,二'], ['A2', '说 "好"'], ['A3', '两\n行'], ['A4', ' 前空格']];
    const text = writeCsv(rows);
    expect(text.startsWith('\ufeff编号,备注\r\n')).toBe(true);
    expect(text).toContain('"一,二"');
    expect(cells(text)).toEqual(rows);
  });
});
