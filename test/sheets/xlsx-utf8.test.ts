// Regression for the streaming .xlsx reader's UTF-8 decoding (once sheets/node/exceljs-utf8.ts, now sheets/node/xlsx-parts.ts entryText): exceljs's streaming reader decoded each inflated chunk
// of an .xlsx part on its own, so a Chinese character whose three UTF-8 bytes straddled two chunks
// came back as U+FFFD (赵���明; exceljs#2084). A roster of 3,000 people with long Chinese names and
// units — far more text than one chunk — must read back exactly as it was written, streamed.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRosterFile } from '../../sheets/node/files.js';
import { writeXlsxFile } from '../../sheets/node/xlsx-stream.js';
import { contract } from './fixtures.js';
import { tempDirs } from '../temp-dirs.js';

const tempUtf8Dir = tempDirs('kaohe-utf8-');
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜欧阳司马上官诸葛';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英晓东';
const UNITS = ['市政务服务中心综合受理窗口', '区市场监督管理局登记注册科', '县人力资源和社会保障局社保经办窗口', '街道便民服务中心不动产登记窗口'];

/** Person i: a 3–6 character name and a unit made unique by its 第 n 分队 suffix (no shared string repeats). */
function person(i: number): [string, string, string] {
  const s = SURNAMES.length;
  const name = SURNAMES[i % s] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length] + (i % 3 === 0 ? '欧阳慧' : '').slice(0, i % 4);
  return [`G${String(i + 1).padStart(5, '0')}`, name, `${UNITS[i % UNITS.length]}第${i + 1}分队（${name}所在组）`];
}

describe('streamed .xlsx rosters keep every Chinese character', () => {
  it('reads 3,000 people with long Chinese names and units back identical', async () => {
    const people = Array.from({ length: 3000 }, (_, i) => person(i));
    const path = join(tempUtf8Dir(), '名单.xlsx');
    await writeXlsxFile(path, {
      sheets: [{
        name: '名单',
        columns: ['编号', '姓名', '岗位', '单位', '结案数', '考评分.上级', '票.赞成', '任务'].map((header) => ({ header })),
        rows: people.map(([id, name, unit]) => [id, name, '受理', unit, 1, 90, 1, '[]']),
      }],
    });
    const roster = await readRosterFile(path, contract.fields);
    expect(roster.problems).toEqual([]);
    const read = roster.subjects.map((s) => [s.id, s.display?.姓名, s.input.单位]);
    expect(read.filter((r) => r.some((x) => String(x).includes('\ufffd')))).toEqual([]);
    expect(read).toEqual(people);
  });
});
