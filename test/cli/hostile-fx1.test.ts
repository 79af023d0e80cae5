// `kaohe eval` on hostile rosters (issue 16, hostile tester H's findings, fixed by FX1): each case
// failed before its fix. F13 an .xlsx formula without a computed value was read as empty (a default
// applied silently); F5 one bad byte made a UTF-8 .csv decode as GBK (garbled names, a BOM read as
// 锘); F1/F2 a .jsonl id that is not text crashed (TypeError) or "repeated" itself; F15 extra fields
// were dropped and an unclosed quote reported as a missing value; F8 a header's ESC sequences reached
// the terminal raw; F6 an --out directory was found only after evaluating (KH-E099); F4 blank lines
// were each kept as a row by the streamed CSV reader.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { streamCsvRows } from '../../sheets/node/csv-stream.js';
import { loadExcel } from '../../sheets/xlsx.js';
import { memoryIO } from '../memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-fx1-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scheme = (x: string) => `scheme ascii "ascii scheme" {
  version "1"
  precision 2
  cohort by unit
  input {
    unit: text
    x: ${x}
  }
  group g weight 100% {
    indicator i weight 100% = linear x { 0 => 0, 100 => 100 }
  }
  grades {
    A when score >= 90 quota 20%
    B otherwise
  }
}
`;
writeFileSync(join(dir, 'a.kaohe'), scheme('number >= 0'));
writeFileSync(join(dir, 'a2.kaohe'), scheme('number >= 0 = 0'));

async function evalIn(args: string[]) {
  const io = memoryIO({}, { disk: true, cwd: dir });
  const code = await evalCmd([join(dir, args[0]), ...args.slice(1)], io);
  return { code, io, errors: io.stdout.startsWith('{') ? (JSON.parse(io.stdout) as { errors?: { row?: number; message: string }[] }).errors : undefined };
}

const file = (name: string, bytes: string | Buffer) => { writeFileSync(join(dir, name), bytes); return name; };

describe('hostile rosters (FX1)', () => {
  it('F13: an .xlsx formula without a computed value is refused at its cell (zh, en), not read as empty', async () => {
    const Excel = await loadExcel();
    const book = new Excel.Workbook();
    const ws = book.addWorksheet('roster');
    ws.addRow(['id', 'unit', 'x']);
    ws.addRow(['P1', 'u', { formula: 'SUM(40,55)' }]);
    ws.addRow(['P2', 'u', { formula: 'SUM(40,10)', result: 50 }]);
    await book.xlsx.writeFile(join(dir, 'nocache.xlsx'));
    for (const [lang, text] of [['en', 'row 2, column “x”: a formula without a computed value: open and save the file in Excel'], ['zh', '第 2 行 “x” 列：公式没有计算结果：请用 “Excel” 打开并保存该文件']]) {
      const r = await evalIn(['a2.kaohe', 'nocache.xlsx', '--lang', lang, '--out', 'nc.jsonl']);
      expect(r.code).toBe(1);
      expect(r.errors!.map((e) => e.message)).toEqual([text]);
    }
  });

  it('F5: a UTF-8 .csv with one bad byte (with or without a BOM) is an error at its row; GBK still reads', async () => {
    const utf8 = Buffer.from('id,姓名,unit,x\nP1,张三,科室一,95\nP2,李四', 'utf8');
    const bad = Buffer.concat([utf8, Buffer.from([0xff]), Buffer.from(',科室一,50\n', 'utf8')]);
    file('bad.csv', bad);
    file('badbom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,unit,x\nP1,u,95\nP2,u\xff', 'latin1'), Buffer.from(',50\n')]));
    const r = await evalIn(['a.kaohe', 'bad.csv', '--out', 'bad.jsonl']);
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([{ code: 'KH-E008', row: 3, message: `row 3: byte ${utf8.length + 1} (from the file’s start) is not valid UTF-8, though the rest of the file is UTF-8: save the file again as “CSV UTF-8”` }]);
    const zh = await evalIn(['a.kaohe', 'badbom.csv', '--lang', 'zh']);
    expect(zh.code).toBe(1);
    expect(zh.errors!.map((e) => e.message)).toEqual(['第 3 行：第 26 字节（从文件开头算起）不是有效的 “UTF-8” 编码，而文件其余部分是 “UTF-8”：请重新另存为 “CSV UTF-8”']);
    // A genuine GBK file (GB18030 bytes of the same roster) is still read as GBK.
    const gbk = new TextDecoder('utf-8').decode(utf8) + ',科室一,50\n';
    const { execFileSync } = await import('node:child_process');
    file('gbk.csv', execFileSync('iconv', ['-f', 'utf-8', '-t', 'gb18030'], { input: gbk }));
    const ok = await evalIn(['a.kaohe', 'gbk.csv']);
    expect(ok.code).toBe(0);
    expect(ok.io.stdout).toContain('"cohort": "科室一"');
    expect(ok.io.stdout).toContain('"姓名": "张三"');
  });

  it('F1/F2: a .jsonl id that is a number, list or object is "a subject needs a text id" at its line', async () => {
    const line = (id: unknown) => JSON.stringify({ id, input: { unit: 'u', x: 5 } });
    for (const id of [{ a: 1 }, 7, ['a'], { id: 'x.y', args: {} }]) {
      file('ids.jsonl', `${line('P1')}\n${line(id)}\n`);
      for (const out of [[], ['--out', 'ids.csv'], ['--out', 'ids.out.jsonl']]) {
        const r = await evalIn(['a.kaohe', 'ids.jsonl', ...out]);
        expect(r.code).toBe(1);
        expect(r.io.stderr).toMatch(/^kaohe eval: problems in the roster: 1; no results were written/); // U8-4
        // `column` beside `path`: one shape for every roster format (U7-8)
        expect(r.errors).toEqual([{ code: 'KH-E008', row: 2, path: 'id', column: 'id', message: 'line 2, `id`: a subject needs a text id' }]);
      }
    }
    expect((await evalIn(['a.kaohe', 'ids.jsonl', '--lang', 'zh'])).errors![0].message).toBe('第 2 行 “id”：人员编号应为文本');
  });

  it('F15: more fields than the header, and a quote never closed, are errors at their rows', async () => {
    file('extra.csv', 'id,unit,x\nP1,u,5\nP2,u"x,6\nP3,u,7,8,9\n');
    const r = await evalIn(['a.kaohe', 'extra.csv']);
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([{ code: 'KH-E008', row: 4, message: 'row 4: 2 values beyond the header’s last column (a stray comma in a cell?): put quotes around a cell that holds a separator' }]);
    file('unclosed.csv', 'id,unit,x\nP1,u,5\nP2,"u,6\nP3,u,7\n');
    const u = await evalIn(['a.kaohe', 'unclosed.csv', '--lang', 'zh', '--out', 'u.xlsx']);
    expect(u.code).toBe(1);
    expect(u.errors).toEqual([{ code: 'KH-E008', row: 3, message: '第 3 行：引号没有闭合（文件其余部分都被读进了此行的单元格）' }]);
  });

  it('F8: control characters of a .csv header are shown escaped on the terminal', async () => {
    file('esc.csv', 'id,\x1b[2J\x1b]0;PWNED\x07evil,unit,x\nP1,a,u,5\n');
    const r = await evalIn(['a.kaohe', 'esc.csv', '--out', 'esc.jsonl']);
    expect(r.code).toBe(0);
    expect(r.io.stderr).not.toMatch(/[\u001b\u0007]/);
    expect(r.io.stderr).toContain('\\u001b[2J\\u001b]0;PWNED\\u0007evil');
  });

  it('F6: an --out that is a directory is refused before evaluating, exit 2, one line (every output kind)', async () => {
    file('r.jsonl', `${JSON.stringify({ id: 'P1', input: { unit: 'u', x: 5 } })}\n`);
    for (const ext of ['json', 'jsonl', 'csv', 'xlsx']) {
      mkdirSync(join(dir, `d.${ext}`));
      for (const input of ['r.jsonl', 'extra.csv']) {
        const r = await evalIn(['a.kaohe', input, '--out', `d.${ext}`, '--lang', 'en']);
        expect(r.code).toBe(2);
        expect(r.io.stdout).toBe(''); // nothing evaluated: extra.csv's row problem is not reached either
        expect(r.io.stderr).toBe(`kaohe eval: cannot write d.${ext}: it is a directory\n`);
      }
    }
  });

  it('F4: blank .csv lines are skipped by the streamed reader, never handed on as rows', async () => {
    file('blank.csv', `id,unit,x\n${'\n'.repeat(100_000)}P1,u,5\n,,\n\r\n`);
    const rows = [];
    for await (const r of streamCsvRows(join(dir, 'blank.csv'))) rows.push(r);
    expect(rows).toEqual([{ row: 1, cells: ['id', 'unit', 'x'] }, { row: 100_002, cells: ['P1', 'u', '5'] }]);
  });
});
