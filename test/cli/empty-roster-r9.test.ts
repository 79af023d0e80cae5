// `kaohe eval` with nobody to evaluate (U8 trial, LOW): an empty .jsonl, a sheet of a header alone and
// a .json cohort of `"subjects": []` printed an empty result and exited 0. Now each is a problem said
// as the other roster problems are — `{"errors": […]}` on standard output, exit 1; a roster's also one
// line on standard error — and nothing is written.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';
import { SMALL_SCHEME as SMALL } from '../sheets/fixtures.js';

const dir = tempDirs('kaohe-empty-roster-')();

async function evalOf(input: string, lang: 'zh' | 'en', out?: string) {
  const io = memoryIO({}, { disk: true, cwd: dir });
  const code = await evalCmd([join(dir, 's.kaohe'), join(dir, input), '--lang', lang, ...(out ? ['--out', join(dir, out)] : [])], io);
  return { code, io, errors: (JSON.parse(io.stdout || '{}') as { errors?: { code: string; path?: string; message: string }[] }).errors };
}

describe('kaohe eval with nobody to evaluate', () => {
  it('a roster of nobody (.jsonl, .csv header alone) is a roster problem: exit 1, said in zh and en, nothing written', async () => {
    writeFileSync(join(dir, 's.kaohe'), SMALL);
    writeFileSync(join(dir, 'empty.jsonl'), '\n\n');
    writeFileSync(join(dir, 'header.csv'), 'id,岗位,得分\n');
    for (const [input, out] of [['empty.jsonl', undefined], ['header.csv', 'out.json'], ['empty.jsonl', 'out.xlsx']] as const) {
      for (const lang of ['en', 'zh'] as const) {
        const r = await evalOf(input, lang, out);
        expect(r.code, `${input} ${out}`).toBe(1);
        expect(r.errors?.map((e) => e.code)).toEqual(['KH-E008']);
        expect(r.errors![0].message).toMatch(lang === 'zh' ? /[\u4e00-\u9fff]/ : /^[^\u4e00-\u9fff]*$/);
        expect(r.io.stderr.split('\n').filter(Boolean)).toHaveLength(1); // "problems in the roster: 1…"
        if (out) expect(existsSync(join(dir, out))).toBe(false);
      }
    }
  }, 60_000);

  it('a .json cohort of `"subjects": []` is refused as the API refuses it (exit 1, path subjects)', async () => {
    writeFileSync(join(dir, 'none.json'), '{"subjects": []}');
    for (const lang of ['en', 'zh'] as const) {
      const r = await evalOf('none.json', lang);
      expect(r.code).toBe(1);
      expect(r.errors?.map((e) => [e.code, e.path])).toEqual([['KH-E008', 'subjects']]);
      expect(r.errors![0].message).toMatch(lang === 'zh' ? /[\u4e00-\u9fff]/ : /^[^\u4e00-\u9fff]*$/);
    }
  }, 60_000);
});
