// Slips a Chinese author makes (issue 11, item 6): a misspelt keyword gives one error with its fix
// and the rest of the file is read as if it were spelt right — no cascade of "never used", "has no
// weight", "unknown name"; `≥` is named for what it is; a syntax error that skips text silences the
// "never used" warnings that the skipped text would have answered. Messages exist in both locales.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { CODES, localizeDiagnostic } from '../../dsl/diagnostics.js';
import { ZH_TITLES } from '../../dsl/code-titles-zh.js';
import { render } from '../../dsl/i18n/index.js';
import { parseText, TAX } from './helpers.js';

const slip = (find: string, replace: string) => {
  if (!TAX.includes(find)) throw new Error(`not found: ${find}`);
  return TAX.replace(find, replace);
};

const summary = (text: string) => analyze(text).diagnostics.map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`);

describe('a misspelt keyword', () => {
  it('is the reference scheme clean to start with', () => {
    expect(analyze(TAX).diagnostics).toEqual([]);
  });

  it('`全重 10%` for `权重 10%` is one error with the fix, and nothing else', () => {
    const text = slip('类别 个性 权重 60%', '类别 个性 全重 60%');
    const [d, ...rest] = analyze(text).diagnostics;
    expect(rest).toEqual([]); // before: KH-C010 (140%), KH-C040 投诉数 never used, "unexpected 负面清单 after the end"
    expect(d).toMatchObject({ code: 'KH-P001', severity: 'error', message: '`全重` is not a keyword; did you mean `权重`? (read as `权重` here)' });
    expect(text.slice(d.span.start, d.span.end)).toBe('全重');
    expect(d.fix!.edits).toEqual([{ span: d.span, text: '权重' }]);
    const zh = localizeDiagnostic(d, 'zh');
    expect(zh.message).toBe('“全重”不是关键字；是否想写“权重”？（此处已按“权重”读取）');
    expect(zh.fix!.title).toBe('改为“权重”');
  });

  it('in an indicator, `全重` gives no "has no weight", "unknown name" or "never used"', () => {
    expect(summary(slip('指标 出勤 权重 100%', '指标 出勤 全重 100%'))).toEqual(['KH-P001 全重']);
  });

  it('`inptu {` and `输人 {` for the input block: one error each, and the inputs are known', () => {
    expect(summary(slip('  输入 {', '  inptu {'))).toEqual(['KH-P001 inptu']);
    expect(analyze(slip('  输入 {', '  inptu {')).diagnostics[0].fix!.edits[0].text).toBe('input');
    expect(summary(slip('  输入 {', '  输人 {'))).toEqual(['KH-P001 输人']);
  });

  it('two slips in one file are both read as meant', () => {
    expect(summary(slip('  输入 {', '  输人 {').replace('类别 个性 权重', '类别 个性 全重'))).toEqual(['KH-P001 输人', 'KH-P001 全重']);
  });

  it('is not assumed where the keyword would not be accepted either (`inp` is one edit from `in`)', () => {
    const r = parseText('scheme s {\n input { x: number }\n indicator a inp 100% = x\n}\n');
    expect(r.diagnostics[0].message).toBe('expected `=` but found `inp`');
    expect(r.diagnostics.some((d) => /not a keyword/.test(d.message))).toBe(false);
  });

  it('leaves a real name that resembles a keyword alone', () => {
    // `权限` is one edit from `权重`, and a name here: the file has no slip to fix.
    const text = slip('迟到次数: 整数 >= 0 = 0', '迟到次数: 整数 >= 0 = 0\n    权限: 整数 = 0').replace('100 - 迟到次数 * 5', '100 - 迟到次数 * 5 - 权限');
    expect(analyze(text).diagnostics).toEqual([]);
  });

  it('still reports a genuinely unused input beside a misspelt keyword (the tree is whole)', () => {
    const text = slip('类别 个性 权重 60%', '类别 个性 全重 60%').replace('投诉数: 整数 >= 0 = 0', '投诉数: 整数 >= 0 = 0\n    备用: 整数 = 0');
    expect(summary(text)).toEqual(['KH-C040 备用', 'KH-P001 全重']);
  });
});

describe('a syntax error that skips text', () => {
  it('does not call the inputs the skipped text used "never used"', () => {
    // `=>` where `当` is meant: the parser skips the rest of the item, which used 投诉数.
    const text = slip('事项 投诉 当 投诉数 > 0', '事项 投诉 => 投诉数 > 0');
    const codes = analyze(text).diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c.startsWith('KH-P')).length).toBeGreaterThan(0);
    expect(codes).not.toContain('KH-C040'); // before: "input 投诉数 is declared but never used"
  });
});

describe('`≥`, `≤`, `≠`', () => {
  it('are called mathematical symbols, not full-width characters, and `>=` is offered', () => {
    for (const [sym, op] of [['≥', '>='], ['≤', '<='], ['≠', '!=']]) {
      const text = slip('优秀 当 总分 >= 90', `优秀 当 总分 ${sym} 90`);
      const [d, ...rest] = analyze(text).diagnostics;
      expect(rest).toEqual([]);
      expect(d.code).toBe('KH-P005');
      expect(d.message).toBe(`\`${sym}\` is a mathematical symbol, not an operator of the language; use \`${op}\``);
      expect(localizeDiagnostic(d, 'zh').message).toBe(`“${sym}”是数学符号，不是本语言的运算符；请改用“${op}”`);
      expect(d.fix!.edits[0].text).toBe(op);
      expect(render(d.fix!.titleMsg!, 'zh')).toBe(`替换为“${op}”`);
    }
  });

  it('share a code whose title does not call them full-width characters', () => {
    expect(CODES['KH-P005'][1]).toMatch(/math symbol/);
    expect(ZH_TITLES['KH-P005']).toMatch(/数学符号/);
  });
});

describe('syntax messages in Chinese', () => {
  it('name tokens as the author writes them, with Chinese quotes', () => {
    const d = analyze('方案 S {\n  指标 甲 权重 100% 1\n}\n').diagnostics.find((x) => x.code === 'KH-P001')!;
    expect(d.message).toBe('expected `=` but found `1`');
    expect(localizeDiagnostic(d, 'zh').message).toBe('此处应为“=”，实际是“1”');
    const end = analyze('方案 S {\n  指标 甲 权重 100% =').diagnostics.find((x) => x.code === 'KH-P001')!;
    expect(localizeDiagnostic(end, 'zh').message).toMatch(/^此处应为.*，实际是文件末尾$/);
  });

  it('have no stray punctuation and no English words outside quotes across slips', () => {
    const texts = [
      slip('类别 个性 权重 60%', '类别 个性 全重 60%'), slip('事项 投诉 当', '事项 投诉 =>'), slip('  输入 {', '  输入 {{'),
      slip('100 - 迟到次数', '100 － 迟到次数'), slip('"税务局季度考核"', '"税务局季度考核'), slip('办结率 * 100', '办结率 * 1a0'),
      slip('办结率 * 100', '办结率 。 100'), slip('办结率 * 100', '办结率 @ 100'), '', '方案 S {\n  指标甲 权重 100% = 1\n}\n',
    ];
    let seen = 0;
    for (const t of texts) {
      for (const d of analyze(t).diagnostics.filter((x) => x.code.startsWith('KH-P'))) {
        seen++;
        const zh = localizeDiagnostic(d, 'zh').message;
        expect(zh, d.message).not.toMatch(/。：|：。|，。|([，。：；、])\1/);
        expect(zh.replace(/“[^”]*”/g, '').replace(/`[^`]*`/g, ''), d.message).not.toMatch(/[A-Za-z]{2,}/);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(10);
  });
});
