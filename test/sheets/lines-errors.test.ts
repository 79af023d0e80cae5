// A .jsonl roster's errors as its reader counts (user trial U4, LOW-7): where checking stopped is
// `第 501 行`, not the engine's `subjects[500]`; a misspelt key gets "did you mean", as a misspelt
// .xlsx header does (dsl/distance.ts nearest, the one helper both use). Evaluated for real: 501
// lines with the key 得份 for 得分 make more problems than the cap.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';
import { SMALL_SCHEME as SMALL } from './fixtures.js';

const dir = tempDirs('kaohe-lines-errors-')();

describe('a .jsonl roster’s errors', () => {
  it('say the line where checking stopped and suggest the key meant', async () => {
    writeFileSync(join(dir, 's.kaohe'), SMALL);
    const lines = Array.from({ length: 600 }, (_, i) => JSON.stringify({ id: `P${i}`, input: { 岗位: '科员', 得份: 90 } }));
    writeFileSync(join(dir, 'typo.jsonl'), `${lines.join('\n')}\n`);
    for (const lang of ['zh', 'en'] as const) {
      const io = memoryIO({}, { disk: true, cwd: dir });
      const rc = await evalCmd([join(dir, 's.kaohe'), join(dir, 'typo.jsonl'), '--lang', lang], io);
      expect(io.stderr.split('\n').filter(Boolean)).toHaveLength(1); // only the line saying the problems are on stdout (U8-4)
      expect(rc).toBe(1);
      const errors = (JSON.parse(io.stdout) as { errors: { code: string; row: number; message: string }[] }).errors;
      const last = errors[errors.length - 1];
      expect(last.code).toBe('KH-E009');
      expect(last.message).not.toMatch(/subjects\[/);
      expect(last.message).toBe(lang === 'zh' ? `第 ${last.row} 行：问题过多：检查在此行停止；请先改正这些问题后再运行`
        : `line ${last.row}: too many problems: checking stopped at this line; fix these and run it again`);
      const typo = errors.find((e) => e.code === 'KH-E001')!;
      expect(typo.message).toBe(lang === 'zh' ? '第 1 行 “得份”：“得份” 不是此处可填的字段；是否指 “得分”？（可填：岗位、得分）'
        : 'line 1, `得份`: `得份` is not a field here; did you mean `得分`? (fields: 岗位, 得分)');
    }
    expect(render({ id: 'sheets.stoppedHere' }, 'en')).toMatch(/this row/);
  }, 60_000);
});
