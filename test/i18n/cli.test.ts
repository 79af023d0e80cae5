// The command line in the reader's language (issue 11, items 4 and 6): `--lang zh|en` on the commands
// that print messages, else LC_ALL / LC_MESSAGES / LANG, else English; diagnostics (text and
// --json), usage and the command's own errors follow it, while severities, codes and the line format
// stay as tools read them. And the slips of item 6 as `kaohe check` shows them: one line each.

import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { run as check } from '../../cli/commands/check.js';
import { run as exportCmd } from '../../cli/commands/export.js';
import { run as test } from '../../cli/commands/test.js';
import { cliLocale } from '../../cli/io.js';
import { memoryIO } from '../memory-io.js';
import { TAX } from '../parser/helpers.js';

const io = (files: Record<string, string>, env: Record<string, string | undefined> = {}) => Object.assign(memoryIO(files), { env });
const TYPO = TAX.replace('类别 个性 权重 60%', '类别 个性 全重 60%');
const GE = TAX.replace('总分 >= 90', '总分 ≥ 90');
const WITH_EXAMPLES = TAX.replace(/\}\n$/, `  示例 张三 {
    已知 { 迟到次数: 0, 办结率: 0.9, 投诉数: 0 }
    预期 总分 == 94
  }
  示例 李四 {
    已知 { 迟到次数: 2, 办结率: 1, 投诉数: 0 }
    预期 总分 == 95
  }
}
`);

describe('kaohe check --lang', () => {
  it('prints one line for a misspelt keyword, in Chinese with --lang zh', async () => {
    const t = io({ 'a.kaohe': TYPO });
    expect(await check(['--lang', 'zh', 'a.kaohe'], t)).toBe(1);
    expect(t.stdout).toBe('a.kaohe:10:9: error KH-P001: “全重”不是关键字；是否想写“权重”？（此处已按“权重”读取）\n');
  });

  it('prints English by default and for --lang en, whatever the environment says', async () => {
    const t = io({ 'a.kaohe': TYPO });
    expect(await check(['a.kaohe'], t)).toBe(1);
    expect(t.stdout).toBe('a.kaohe:10:9: error KH-P001: `全重` is not a keyword; did you mean `权重`? (read as `权重` here)\n');
    const z = io({ 'a.kaohe': TYPO }, { LANG: 'zh_CN.UTF-8' });
    expect(await check(['--lang=en', 'a.kaohe'], z)).toBe(1);
    expect(z.stdout).toContain('is not a keyword');
  });

  it('follows LC_ALL, LC_MESSAGES and LANG when there is no --lang', async () => {
    for (const env of [{ LANG: 'zh_CN.UTF-8' }, { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }, { LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN' }]) {
      const t = io({ 'g.kaohe': GE }, env);
      expect(await check(['g.kaohe'], t)).toBe(1);
      expect(t.stdout, JSON.stringify(env)).toBe('g.kaohe:17:13: error KH-P005: “≥”是数学符号，不是本语言的运算符；请改用“>=”\n');
    }
    expect(cliLocale(new Map(), { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(cliLocale(new Map([['lang', 'zh-CN']]), {})).toBe('zh');
    expect(cliLocale(new Map([['lang', 'fr']]), {})).toBeUndefined();
  });

  it('localizes the message of --json and nothing else', async () => {
    const t = io({ 'g.kaohe': GE });
    expect(await check(['--json', '--lang', 'zh', 'g.kaohe'], t)).toBe(1);
    expect(JSON.parse(t.stdout)).toEqual([{
      file: 'g.kaohe', line: 17, column: 13, endLine: 17, endColumn: 14, code: 'KH-P005', severity: 'error',
      message: '“≥”是数学符号，不是本语言的运算符；请改用“>=”',
    }]);
  });

  it('says what is wrong with its own arguments in the chosen language', async () => {
    const t = io({});
    expect(await check(['--lang', 'zh'], t)).toBe(2);
    expect(t.stderr).toBe('用法：kaohe check FILE… [--json] [--examples] [--lang zh|en]\n');
    const r = io({});
    expect(await check(['--lang', 'zh', 'missing.kaohe'], r)).toBe(2);
    expect(r.stderr).toBe('kaohe check：无法读取“missing.kaohe”：文件不存在\n');
    const o = io({ 'a.kaohe': TAX }, { LANG: 'zh_CN.UTF-8' });
    expect(await check(['--bogus', 'a.kaohe'], o)).toBe(2);
    expect(o.stderr).toMatch(/^kaohe check：未知选项“--bogus”\n用法：/);
    const b = io({ 'a.kaohe': TAX });
    expect(await check(['--lang', 'fr', 'a.kaohe'], b)).toBe(2);
    expect(b.stderr).toBe('kaohe check: --lang must be zh or en, not \'fr\'\n');
  });
});

describe('kaohe test and export --lang', () => {
  it('reports examples in Chinese', async () => {
    const t = io({ 's.kaohe': WITH_EXAMPLES });
    expect(await test(['--lang', 'zh', 's.kaohe'], t)).toBe(1);
    expect(t.stdout).toContain('  ✓ 张三（第 20 行）\n');
    expect(t.stdout).toContain('  ✗ 李四（第 24 行）\n');
    expect(t.stdout).toMatch(/s\.kaohe:26：预期“总分 == 95”：左边为 \S+，右边为 95\n/);
    expect(t.stdout).toContain('通过 1 个，失败 1 个\n');
    const e = io({ 's.kaohe': WITH_EXAMPLES });
    expect(await test(['s.kaohe'], e)).toBe(1);
    expect(e.stdout).toContain('1 passed, 1 failed\n');
  });

  it('prints a scheme\'s errors in Chinese before refusing to export it', async () => {
    const t = io({ 'g.kaohe': GE });
    expect(await exportCmd(['g.kaohe', '--lang', 'zh'], t)).toBe(2);
    expect(t.stderr).toBe('g.kaohe:17:13: error KH-P005: “≥”是数学符号，不是本语言的运算符；请改用“>=”\n');
  });
});

describe('kaohe (main) --lang', () => {
  it('lists the commands in Chinese, each with its synopsis as code', async () => {
    const t = io({});
    expect(await main(['help', '--lang', 'zh'], t)).toBe(0);
    expect(t.stdout).toMatch(/^用法：/);
    expect(t.stdout).toMatch(/ {2}check FILE… \[--json\] +列出诊断信息/);
    expect(t.stdout).not.toMatch(/report diagnostics/);
    const u = io({}, { LANG: 'zh_CN.UTF-8' });
    expect(await main(['chekc'], u)).toBe(2);
    expect(u.stderr).toMatch(/^kaohe：没有“chekc”这个命令，是否要用“check”？\n用法：/);
    const far = io({}, { LANG: 'zh_CN.UTF-8' });
    expect(await main(['xyzzy'], far)).toBe(2);
    expect(far.stderr).toMatch(/^kaohe：没有“xyzzy”这个命令\n用法：/);
  });
});

describe('kaohe eval --lang', () => {
  it('prints input errors in Chinese, without their message data', async () => {
    const { run: evalCmd } = await import('../../cli/commands/eval.js');
    const t = io({ 'a.kaohe': TAX, 'in.json': JSON.stringify({ id: 'A1', input: {} }) });
    expect(await evalCmd(['--lang', 'zh', 'a.kaohe', 'in.json'], t)).toBe(1);
    const errors = (JSON.parse(t.stdout) as { errors: Record<string, unknown>[] }).errors;
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.msg).toBeUndefined();
      expect(String(e.message)).toMatch(/[\u4e00-\u9fff]/);
      expect(String(e.message)).not.toMatch(/missing|required/);
    }
  });
});
