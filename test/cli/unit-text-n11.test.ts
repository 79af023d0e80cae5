// `kaohe eval` and a unit nobody can tell from another (V11b HIGH-1): a .csv cell `办公室`+U+200B and a
// .jsonl unit `办公室 ` were cohorts of their own with their own 好 quota, nothing on stderr. Now the
// streamed roster and the .csv fail with KH-E061 at the row, as the library and the API do.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';

const tempDir = tempDirs('kaohe-unit-n11-');
const scheme = join(process.cwd(), 'schemes', 'quarterly-review.kaohe');
const person = (id: string, unit: string) => ({ id, input: { 单位: unit, 实绩得分: 95, 测评票: [95] } });

describe('kaohe eval: a unit with an invisible character', () => {
  it('refuses it in a .jsonl roster (the stream), at its row', async () => {
    const dir = tempDir();
    const people = [person('X1', '办公室'), person('X2', '办公室 '), person('X3', '办公室\u200b'), person('X4', '办公室')];
    writeFileSync(join(dir, 'r.jsonl'), people.map((p) => `${JSON.stringify(p)}\n`).join(''));
    const io = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([scheme, 'r.jsonl', '--period', '2026-Q1', '--lang', 'zh'], io)).toBe(1);
    const { errors } = JSON.parse(io.stdout) as { errors: { code: string; message: string }[] };
    expect(errors.map((e) => e.code)).toEqual(['KH-E061', 'KH-E061']);
    expect(errors[0]!.message).toContain('单位“办公室 ”首尾有空格（U+0020）');
    expect(errors[1]!.message).toContain('含看不见的字符（U+200B');
  });

  it('refuses it in a .csv roster', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'u.csv'), '编号,单位,实绩得分,测评票\nX1,办公室,95,95\nX3,"办公室\u200b",95,95\nX4,办公室,95,95\n');
    const io = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([scheme, 'u.csv', '--period', '2026-Q1', '--lang', 'zh'], io)).toBe(1);
    expect(io.stdout + io.stderr).toContain('KH-E061');
    expect(io.stdout + io.stderr).toContain('含看不见的字符（U+200B');
  });
});
