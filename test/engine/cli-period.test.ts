// `kaohe eval --period` (issue 12, item 6): the evaluation period from the command line (or a
// top-level "period" in the JSON input, the flag winning), checked against the scheme's kind, carried
// into the result; a roster cohort gets the same period, and its date cells become ISO text. A flag the
// scheme does not take is a usage error (exit 2, C10: test/cli/period-option-c10.test.ts).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';

const tempPeriodDir = tempDirs('kaohe-period-');
const SCHEME = join(import.meta.dirname, '../language/dates.kaohe');
const files = (input: unknown) => ({ [SCHEME]: readFileSync(SCHEME, 'utf8'), 'in.json': JSON.stringify(input) });
const subject = { id: 'A1', input: { 入职日: '2020-01-01', 诫勉记录: [{ 发生日: '2025-07-01', 事由: 'x' }], 迟到记录: [{ 发生日: '2026-04-01' }] } };

describe('kaohe eval --period', () => {
  it('evaluates in the period given and carries it into the result', async () => {
    const io = memoryIO(files(subject));
    expect(await evalCmd([SCHEME, 'in.json', '--period', '2026-Q2'], io)).toBe(0);
    const r = JSON.parse(io.stdout);
    // 2026-Q2: 迟到 2026-04-01 is in the quarter (95); 诫勉 2025-07-01 is within (2025-06-30, 2026-06-30] → cap 基本称职
    expect([r.period, r.score, r.grade]).toEqual(['2026-Q2', 95, '基本称职']);
    const q1 = memoryIO(files(subject));
    expect(await evalCmd([SCHEME, 'in.json', '--period=2026-Q1'], q1)).toBe(0);
    // 2026-Q1: 迟到 after the quarter (100); 诫勉 2025-07-01 within (2025-03-31, 2026-03-31] still
    expect(JSON.parse(q1.stdout)).toMatchObject({ period: '2026-Q1', score: 100, grade: '基本称职' });
  });

  it('takes "period" from the JSON input when the flag is absent; the flag wins', async () => {
    const io = memoryIO(files({ ...subject, period: '2026-Q2' }));
    expect(await evalCmd([SCHEME, 'in.json'], io)).toBe(0);
    expect(JSON.parse(io.stdout).period).toBe('2026-Q2');
    const both = memoryIO(files({ subjects: [subject], period: '2026' }));
    expect(await evalCmd([SCHEME, 'in.json', '--period', '2026-Q1'], both)).toBe(0);
    expect(JSON.parse(both.stdout).period).toBe('2026-Q1');
  });

  it('refuses a period of the wrong form (KH-E031) and a missing one (KH-E032), in the chosen language', async () => {
    // `--period` of the wrong form is the command line's mistake (C10): exit 2, said on stderr
    const flag = memoryIO(files(subject));
    expect(await evalCmd([SCHEME, 'in.json', '--period', '2026', '--lang', 'zh'], flag)).toBe(2);
    expect(flag.stdout).toBe('');
    // the command line's own words, the form to write said once (C10b)
    expect(flag.stderr).toBe('kaohe eval：选项“--period 2026”有误：不是方案“效能纪律”的考核期写法（该方案按季度考核）；应写作“--period 2026-Q1”。未进行考核\n');
    // the JSON input's "period" is the input's: KH-E031 among its errors, exit 1
    const wrong = memoryIO(files({ ...subject, period: '2026' }));
    expect(await evalCmd([SCHEME, 'in.json', '--lang', 'zh'], wrong)).toBe(1);
    const e = JSON.parse(wrong.stdout).errors;
    expect(e.map((x: { code: string; path: string }) => [x.code, x.path])).toEqual([['KH-E031', 'period']]);
    expect(e[0].message).toBe('周期“2026”不是季度周期：本方案按季度考核，周期应写作“2026-Q1”');
    const missing = memoryIO(files(subject));
    expect(await evalCmd([SCHEME, 'in.json'], missing)).toBe(1);
    expect(JSON.parse(missing.stdout).errors[0]).toMatchObject({ code: 'KH-E032', path: 'period' });
    expect(JSON.parse(missing.stdout).errors[0].message).toContain('--period 2026-Q1');
  });

  it('is a usage error without a value', async () => {
    const io = memoryIO(files(subject));
    expect(await evalCmd([SCHEME, 'in.json', '--period'], io)).toBe(2);
    expect(io.stderr).toContain('--period');
  });

  it('gives a roster one period, its date cells (2026/4/1, 2026年3月2日) read as ISO dates', async () => {
    const dir = tempPeriodDir();
    writeFileSync(join(dir, '名单.csv'), ['编号,入职日,诫勉记录,迟到记录', 'A1,2020/1/1,[],"[{""发生日"": ""2026-04-01""}]"', 'A2,2026年3月2日,[],[]'].join('\n'));
    const io = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([SCHEME, '名单.csv', '--period', '2026-Q1'], io)).toBe(0);
    const r = JSON.parse(io.stdout);
    expect(r.period).toBe('2026-Q1');
    // A2: 2026-03-02 + 1 months = 2026-04-02 > 2026-03-31 → no grade
    expect(r.results.map((x: { subject: string; score: number; grade: string | null }) => [x.subject, x.score, x.grade]))
      .toEqual([['A1', 100, '优秀'], ['A2', 100, null]]);
  });
});
