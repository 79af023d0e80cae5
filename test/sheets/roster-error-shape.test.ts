// One shape for a roster's errors, whatever its format (issue 16, user trial U7-8): a .jsonl line's
// problem had `path` and a .csv row's `column` for the same mistake; now both carry both keys (the
// old ones kept), and a JSON line's expected words no longer give the spreadsheet's hint “用 “、” 分隔”
// (in a JSON line a list is a JSON array).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';

const dir = tempDirs('kaohe-error-shape-')();

const SCHEME = `scheme 形状 {
  input {
    岗位: text
    季度分: list of number in [0, 100] min 4
  }
  indicator 总 weight 100% = avg(季度分)
  grades {
    优秀 when score >= 90
    合格 otherwise
  }
}
`;

type Problem = { code: string; row: number; column?: string; path?: string; message: string };

async function errorsOf(file: string, text: string, lang: 'zh' | 'en'): Promise<Problem[]> {
  writeFileSync(join(dir, file), text);
  const io = memoryIO({}, { disk: true, cwd: dir });
  expect(await evalCmd([join(dir, 's.kaohe'), join(dir, file), '--lang', lang], io)).toBe(1);
  return (JSON.parse(io.stdout) as { errors: Problem[] }).errors;
}

describe('a roster’s errors have one shape', () => {
  it('gives row, column and path for the same problem in .jsonl and .csv; no “、” hint in a JSON line', async () => {
    writeFileSync(join(dir, 's.kaohe'), SCHEME);
    for (const lang of ['zh', 'en'] as const) {
      const lines = await errorsOf('r.jsonl', `${JSON.stringify({ id: 'a', input: { 岗位: '科员', 季度分: [90, 80] } })}\n`, lang);
      const sheet = await errorsOf('r.csv', '编号,岗位,季度分\na,科员,"90、80"\n', lang);
      expect(lines).toHaveLength(1);
      expect(sheet).toHaveLength(1);
      const keys = (p: Problem) => Object.keys(p).filter((k) => k !== 'message').sort();
      expect(keys(lines[0])).toEqual(keys(sheet[0]));
      expect(lines[0]).toMatchObject({ code: sheet[0].code, row: 1, column: '季度分', path: '季度分' });
      expect(sheet[0]).toMatchObject({ row: 2, column: '季度分', path: '季度分' });
      expect(sheet[0].message).toMatch(lang === 'zh' ? /用 “、” 分隔/ : /separated by “、”/);
      expect(lines[0].message).not.toMatch(/、”/);
    }
  }, 60_000);

  it('gives a JSON line’s own problems (an id that is no text) a column too', async () => {
    const lines = await errorsOf('id.jsonl', `${JSON.stringify({ id: 7, input: { 岗位: '科员', 季度分: [90, 80, 70, 60] } })}\n`, 'en');
    expect(lines[0]).toMatchObject({ row: 1, path: 'id', column: 'id' });
  }, 60_000);
});
