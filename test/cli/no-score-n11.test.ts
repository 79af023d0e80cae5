// `kaohe eval` of a roster whose 季度结果 cell has a record without a score (V11b MED-5): the sheet
// advice allows `"得分":null`; annual-review averages the scores, so the row fails — now naming the
// record and that the scheme computes with its score, not "“季度结果.得分”应得出数值，实为 null".

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';

const tempDir = tempDirs('kaohe-noscore-n11-');
const scheme = join(process.cwd(), 'schemes', 'annual-review.kaohe');

describe('kaohe eval: a result record without a score', () => {
  it('names the row, the record and the scheme\'s use of the score', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), '编号,单位,季度结果,往年,年度测评分\nA14,办公室,"[{""考核期"":""2026-Q1"",""得分"":90,""考核等次"":""好""}]",[],90\nA15,办公室,"[{""考核期"":""2026-Q1"",""得分"":null,""考核等次"":""好""}]",[],90\n');
    const io = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([scheme, 'a.csv', '--period', '2026', '--lang', 'zh'], io)).toBe(1);
    const out = io.stdout + io.stderr;
    expect(out).toContain('方案要用“季度结果.得分”计算，而“季度结果”第 1 条没有得分（为 “null”）：请填写这一条的得分，或删去这一条');
    expect(out).not.toContain('应得出数值');
  });
});
