// `kaohe check` and a scheme's examples (U5 A-4): check was silent (exit 0) while an example failed, and
// the server then refused to publish. Now check says on standard error that the examples were not run
// and how to run them; with `--examples` it runs them (a scheme without errors), and a failing one is an
// error, KH-C053, at its `expect`, in the words `kaohe test` uses. The engine is loaded only then.
// And the failing expectation's words follow the output language (U5 A-3): `总分 96.55 != 95.8` under
// zh, `score 96.55 != 95.8` under en, in `kaohe test` and in `kaohe check` alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as check } from '../../cli/commands/check.js';
import { run as testCmd } from '../../cli/commands/test.js';
import { memoryIO } from '../memory-io.js';

const scheme = (expectLine: string, given = '得分: 96.55') => `方案 示例检查 {
  输入 {
    得分: 数值 属于 [0, 100]
  }
  指标 业绩 权重 100% = 得分
  等次 {
    优秀 当 总分 >= 90
    称职 其他
  }
  示例 张三 {
    已知 { ${given} }
    ${expectLine}
  }
}
`;
const FAILING = scheme('预期 总分 == 95.8 且 评定等次 == 优秀');
const SIDES = scheme('预期 评定等次 == 称职');
const PASSING = scheme('预期 总分 == 96.55 且 评定等次 == 优秀');

async function checked(src: string, args: string[] = []) {
  const io = memoryIO({ 'a.kaohe': src });
  const exit = await check(['--examples', ...args, 'a.kaohe'], io);
  return { exit, out: io.stdout, err: io.stderr };
}

describe('kaohe check and the examples', () => {
  it('by default: the diagnostics, and one line on standard error that the examples were not run', async () => {
    for (const [lang, line] of [
      ['zh', 'a.kaohe：1 个示例未运行，可用“kaohe test a.kaohe”运行（或“kaohe check --examples”）\n'],
      ['en', 'a.kaohe: 1 example was not run: `kaohe test a.kaohe` runs them (or `kaohe check --examples`)\n'],
    ] as const) {
      const io = memoryIO({ 'a.kaohe': FAILING });
      expect(await check(['--lang', lang, 'a.kaohe'], io)).toBe(0);
      expect([io.stdout, io.stderr]).toEqual(['', line]);
    }
    const bad = memoryIO({ 'a.kaohe': FAILING.replace('= 得分\n', '= 得分 + 未知\n') }); // errors first: no notice
    expect(await check(['a.kaohe'], bad)).toBe(1);
    expect(bad.stderr).toBe('');
  });

  it('a failing expectation is an error line at the expectation, in zh words', async () => {
    const r = await checked(FAILING, ['--lang', 'zh']);
    expect(r).toEqual({
      exit: 1, err: '',
      out: 'a.kaohe:12:5: error KH-C053: 示例“张三”未通过：预期“总分 == 95.8 且 评定等次 == 优秀”：不成立：总分 96.55 != 95.8\n',
    });
  });

  it('in English: `score`, and both sides of a comparison', async () => {
    expect((await checked(FAILING, ['--lang', 'en'])).out)
      .toBe('a.kaohe:12:5: error KH-C053: example 张三 fails: expect 总分 == 95.8 且 评定等次 == 优秀: does not hold: score 96.55 != 95.8\n');
    expect((await checked(SIDES, ['--lang', 'zh'])).out)
      .toBe('a.kaohe:12:5: error KH-C053: 示例“张三”未通过：预期“评定等次 == 称职”：左边为 优秀，右边为 称职\n');
  });

  it('--json has the failure as one more diagnostic', async () => {
    const r = await checked(FAILING, ['--json']);
    expect(r.exit).toBe(1);
    expect(JSON.parse(r.out)).toEqual([{
      file: 'a.kaohe', line: 12, column: 5, endLine: 12, endColumn: 31, code: 'KH-C053', severity: 'error',
      message: 'example 张三 fails: expect 总分 == 95.8 且 评定等次 == 优秀: does not hold: score 96.55 != 95.8',
    }]);
  });

  it('an example whose evaluation fails: an error where it failed, with the engine\'s words', async () => {
    const src = scheme('预期 评定等次 == 优秀', '得分: 0').replace('权重 100% = 得分', '权重 100% = 9600 / 得分');
    const r = await checked(src, ['--lang', 'zh']);
    expect(r.exit).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines.filter((l) => !l.includes(' warning '))).toHaveLength(1);
    expect(lines.find((l) => l.includes('KH-C053'))).toMatch(/^a\.kaohe:5:3: error KH-C053: 示例“张三”未通过：示例的“已知”：除以零/);
  });

  it('passing examples: nothing printed, exit 0', async () => {
    expect(await checked(PASSING)).toEqual({ exit: 0, out: '', err: '' });
  });

  it('a scheme with errors: its errors only, the examples are not run', async () => {
    const r = await checked(FAILING.replace('指标 业绩 权重 100% = 得分', '指标 业绩 权重 100% = 得分 + 未知'));
    expect(r.exit).toBe(1);
    expect(r.out).toMatch(/KH-C001/);
    expect(r.out).not.toMatch(/KH-C053/);
  });

  it('check.ts loads the engine only with --examples (no static import of it)', () => {
    const src = readFileSync(join(import.meta.dirname, '../../cli/commands/check.ts'), 'utf8');
    expect(src).not.toMatch(/^import [^;]*from '\.\.\/\.\.\/engine\//m);
    expect(src).toMatch(/await import\('\.\/check-examples\.js'\)/);
  });
});

describe('kaohe test: a failing expectation in the output language', () => {
  for (const [lang, line] of [
    ['zh', '      a.kaohe:12：预期“总分 == 95.8 且 评定等次 == 优秀”：不成立：总分 96.55 != 95.8'],
    ['en', '      a.kaohe:12: expect 总分 == 95.8 且 评定等次 == 优秀: does not hold: score 96.55 != 95.8'],
  ] as const) {
    it(lang, async () => {
      const io = memoryIO({ 'a.kaohe': FAILING });
      expect(await testCmd(['--lang', lang, 'a.kaohe'], io)).toBe(1);
      expect(io.stdout.split('\n')).toContain(line);
    });
  }

  it('an English-keyword scheme under zh says 总分 too', async () => {
    const en = 'scheme s {\n  input { x: number }\n  indicator a weight 100% = x\n  grades { good when score >= 90  ok otherwise }\n'
      + '  example e {\n    given { x: 91 }\n    expect score == 90 and grade == good\n  }\n}\n';
    const io = memoryIO({ 'e.kaohe': en });
    expect(await testCmd(['--lang', 'zh', 'e.kaohe'], io)).toBe(1);
    expect(io.stdout).toContain('不成立：总分 91 != 90');
  });
});
