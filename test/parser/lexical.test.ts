// Lexical rules of LANGUAGE.md §1 and §13: whole-word keywords in both languages, Unicode names,
// full-width punctuation, strings, comments, and the diagnostics for what is not allowed.

import { describe, expect, it } from 'vitest';
import { parseExpr, parseText, sexpr } from './helpers.js';

const codes = (text: string) => parseText(text).diagnostics.map((d) => d.code);

describe('keywords are matched whole', () => {
  it('`加分` is a name, `加分项` the reward keyword', () => {
    const r = parseText('scheme S { 加分项 加分 { 事项 创新 当 x > 0 => 加 1 } }');
    expect(r.diagnostics).toEqual([]);
    const d = r.scheme!.decls[0];
    expect(d.kind).toBe('Reward');
    expect(d.kind === 'Reward' && d.name.name).toBe('加分');
  });

  it('`否则` is else, not `否` + `则`; `得分率` is one name', () => {
    expect(sexpr(parseExpr('如果 得分率 > 1 则 是 否则 否'))).toBe('(if (> 得分率 1) true false)');
  });

  it('`测评组` declares a panel while `测评` is the rate form', () => {
    const r = parseText('方案 S { 测评组 P { 上级 权重 100% } 指标 I 权重 100% = 测评 评价 }');
    expect(r.diagnostics).toEqual([]);
    expect(r.scheme!.decls.map((d) => d.kind)).toEqual(['Panel', 'Indicator']);
    expect(r.keywordLang).toBe('zh');
  });

  it('multi-word English keywords may span white space and line breaks', () => {
    const r = parseText('scheme S {\n cohort\n   by 单位\n input { xs: list   of number } }');
    expect(r.diagnostics).toEqual([]);
    expect(r.scheme!.decls[0]).toMatchObject({ kind: 'Setting', key: 'cohortBy' });
  });

  it('`round` alone is the function; `round up` the quota option', () => {
    expect(sexpr(parseExpr('round(x, 2)'))).toBe('round(x 2)');
    const r = parseText('scheme S { grades { A when score > 1 quota 20% round up of all min 1  B otherwise } }');
    expect(r.diagnostics).toEqual([]);
    const g = r.scheme!.decls[0];
    expect(g.kind === 'Grades' && g.grades[0].quotas[0]).toMatchObject({ round: 'up', of: 'all', min: { text: '1' } });
  });
});

describe('names, numbers and strings', () => {
  it('accepts Unicode letters and digits in names', () => {
    expect(sexpr(parseExpr('政治素质2 + _x + Ωmega + 甲乙丙'))).toBe('(+ (+ (+ 政治素质2 _x) Ωmega) 甲乙丙)');
  });

  it('reads percentages as percent literals', () => {
    const e = parseExpr('12.5%');
    expect(e).toMatchObject({ kind: 'Number', text: '12.5', percent: true });
  });

  it('reads escapes and Chinese quotes in strings', () => {
    expect(parseExpr('"a\\"b\\\\c"')).toMatchObject({ kind: 'String', value: 'a"b\\c' });
    expect(parseExpr('“全年缺勤天数”')).toMatchObject({ kind: 'String', value: '全年缺勤天数' });
  });

  it('keeps comments for the formatter', () => {
    const r = parseText('// head\nscheme S { /* block */ let x = 1 // tail\n}');
    expect(r.comments.map((c) => [c.text, c.block])).toEqual([['// head', false], ['/* block */', true], ['// tail', false]]);
  });
});

describe('full-width punctuation', () => {
  it('accepts ：，（）【】 as their ASCII twins without a diagnostic', () => {
    const r = parseText('方案 S { 输入 { x：数值 属于 【0，1】 } 定义 y = 最小（x，1） }');
    expect(r.diagnostics).toEqual([]);
    expect(r.scheme!.decls.length).toBe(2);
  });

  it('names the ASCII character meant for other full-width characters, with a fix', () => {
    const r = parseText('scheme S { let y = 1 ＋ 2 }');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KH-P005']);
    expect(r.diagnostics[0].message).toContain('`+`');
    expect(r.diagnostics[0].fix?.edits).toEqual([{ span: { start: 21, end: 22 }, text: '+' }]);
    const d = r.scheme!.decls[0];
    expect(d.kind === 'Let' && sexpr(d.value)).toBe('(+ 1 2)'); // parsed as meant
  });

  it('reads a run of full-width digits as the number meant, with one fix for the run', () => {
    const r = parseText('scheme S { let y = １２．５％ * ２ }');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KH-P005', 'KH-P005', 'KH-P005']); // 12.5, ％, 2
    expect(r.diagnostics[0].fix?.edits).toEqual([{ span: { start: 19, end: 23 }, text: '12.5' }]);
    const d = r.scheme!.decls[0];
    expect(d.kind === 'Let' && sexpr(d.value)).toBe('(* 12.5% 2)');
  });

  it('reads ≥ ≤ ≠ × ÷ as the operators meant, each with a fix', () => {
    const r = parseText('scheme S { let y = if 1 ≥ 2 and 1 ≤ 2 and 1 ≠ 2 then 3 × 4 ÷ 2 else 0 }');
    expect(r.diagnostics.map((d) => d.fix?.edits[0].text)).toEqual(['>=', '<=', '!=', '*', '/']);
    const d = r.scheme!.decls[0];
    expect(d.kind === 'Let' && sexpr(d.value)).toBe('(if (and (and (>= 1 2) (<= 1 2)) (!= 1 2)) (/ (* 3 4) 2) 0)');
  });

  it('asks to remove a full-width semicolon', () => {
    expect(codes('scheme S { let y = 1； }')).toEqual(['KH-P005']);
  });
});

describe('diagnostics', () => {
  it('suggests the space for a Chinese keyword glued to a name', () => {
    const r = parseText('方案 S { 类别 G 权重 100% { 指标毛利 权重 100% = 1 } }');
    const d = r.diagnostics.find((x) => x.code === 'KH-P006');
    expect(d).toBeDefined();
    expect(d!.message).toContain('指标 毛利');
    expect(d!.fix?.edits[0].text).toBe(' ');
    expect(d!.range.start).toEqual({ line: 1, column: 23 });
  });

  it('reports every syntax error of a file in one pass, each with line and column', () => {
    const text = [
      'scheme S {',
      '  let a = 1 +',
      '  let b = (2',
      '  indicator c weight 10% = ',
      '  grades { A when score > 1  B otherwise }',
      '}',
    ].join('\n');
    const r = parseText(text);
    const lines = r.diagnostics.map((d) => d.range.start.line);
    expect(r.diagnostics.every((d) => d.code === 'KH-P001')).toBe(true);
    expect(new Set(lines).size).toBeGreaterThanOrEqual(3);
    expect(r.diagnostics[0].message).toMatch(/expected .* but found/);
    expect(r.scheme!.decls.some((d) => d.kind === 'Grades')).toBe(true); // recovered and went on
  });

  it('reports unterminated strings and comments, stray characters and malformed numbers', () => {
    expect(codes('scheme S { let a = "abc\n}')).toContain('KH-P002');
    expect(codes('scheme S { } /* never closed')).toContain('KH-P003');
    expect(codes('scheme S { let a = 1 $ 2 }')).toContain('KH-P004');
    expect(codes('scheme S { let a = 12abc }')).toContain('KH-P007');
  });

  it('reports an empty file', () => {
    expect(codes('')).toEqual(['KH-P001']);
    expect(codes('  // only a comment\n')).toEqual(['KH-P001']);
  });
});
