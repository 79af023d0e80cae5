// A .jsonl roster's problems are at lines, in one word (U8 trial, LOW): `line N` (zh `第 N 行`) for a
// whole line — not JSON, no id, a repeated id — as for a key of it; a repeated id names the first
// line as a line. A sheet's stay at rows (a .csv with the same repeated id). Through `kaohe eval`.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';
import { SMALL_SCHEME as SMALL } from './fixtures.js';

const dir = tempDirs('kaohe-jsonl-line-words-')();

async function problems(file: string, lang: 'zh' | 'en'): Promise<{ code: string; row?: number; message: string }[]> {
  const io = memoryIO({}, { disk: true, cwd: dir });
  expect(await evalCmd([join(dir, 's.kaohe'), join(dir, file), '--lang', lang], io)).toBe(1);
  return (JSON.parse(io.stdout) as { errors: { code: string; row?: number; message: string }[] }).errors;
}

describe('a .jsonl roster’s problems', () => {
  it('say `line N` (第 N 行) for a whole line and for a key, never `row`', async () => {
    writeFileSync(join(dir, 's.kaohe'), SMALL);
    const ok = (id: string) => JSON.stringify({ id, input: { 岗位: '科员', 得分: 90 } });
    writeFileSync(join(dir, 'r.jsonl'), [ok('a'), ok('a'), 'nope', JSON.stringify({ input: { 岗位: '科员', 得分: 90 } }),
      JSON.stringify({ id: 'c', input: { 岗位: '科员', 得分: 900 } })].join('\n') + '\n');
    const en = await problems('r.jsonl', 'en');
    expect(en.map((p) => p.row)).toEqual([2, 3, 4, 5]);
    for (const p of en) expect(p.message, p.message).toMatch(new RegExp(`^line ${p.row}[:,]`));
    expect(en.map((p) => p.message).join('\n')).not.toMatch(/\brow\b/);
    expect(en[0].message).toMatch(/line 1$/); // the repeated id's first line
    const zh = await problems('r.jsonl', 'zh');
    for (const p of zh) expect(p.message, p.message).toMatch(new RegExp(`^第 ${p.row} 行`));
  }, 60_000);

  it('a sheet’s stay at rows', async () => {
    writeFileSync(join(dir, 'r.csv'), 'id,岗位,得分\na,科员,90\na,科员,90\n');
    const en = await problems('r.csv', 'en');
    expect(en.map((p) => p.row)).toEqual([3]);
    expect(en[0].message).toMatch(/^row 3, .*row 2$/);
  }, 60_000);
});
