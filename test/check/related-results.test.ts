// A related subject's result in the checker (issue 14 part 2): `results of 领导班子考核 for 班子` is ONE
// record `{ period, score, grade, imported }` (grade a member of `grades ENUM`, else text), so a `let`
// of `班子结果.grade` keys a quota table; FIELD must be a top-level text/enum input (KH-C169, each way
// to miss it); the missing policies it takes (KH-C160 with a `missing error` fix, KH-C167); the
// record given in an example (KH-C050/C052) and its period (KH-C103); KH-C164/C165 as for the other
// forms; recovered trees with holes in the new fields.

import { describe, expect, it } from 'vitest';
import { check } from '../../dsl/check/index.js';
import { localizeDiagnostic } from '../../dsl/diagnostics.js';
import { parse } from '../../dsl/parser/index.js';
import { SourceFile } from '../../dsl/source.js';
import { codes, diags, typesOf } from './helpers.js';

const scheme = (o: { inputs?: string; body?: string; grades?: string; example?: string } = {}) => `scheme 班子成员考核 {
  period annual
  cohort by 班子
  enum 班子等次 ordered { 较差, 一般, 较好, 好 }
  input {
    班子: text
${o.inputs ?? '    班子结果: results of 领导班子考核 for 班子 grades 班子等次 missing error'}
    测评分: number in [0, 100]
  }
  let 班子档次 = 班子结果.grade
  indicator 民主测评 weight 100% = ${o.body ?? '测评分'}
  grades {
    ${o.grades ?? '优秀 when score >= 90 quota 班子档次 { 好: 30%, 较好: 25%, 一般: 20%, 较差: 15% }'}
    称职 otherwise
  }
${o.example ?? `  example 甲 {
    period "2026"
    given { 班子: "发改局班子", 班子结果: { period: "2026", score: 91, grade: 好 }, 测评分: 95 }
    expect grade == 优秀
  }`}
}
`;
const errs = (src: string) => codes(src).filter((c) => c.startsWith('KH-C') || c.startsWith('KH-P'));

describe('the type: one record', () => {
  it('checks a members scheme whose quota table is keyed by the team\'s grade, with no problem', () => {
    expect(errs(scheme())).toEqual([]);
  });

  it('types the input as one record and its grade as the enum (en and zh field names)', () => {
    const src = scheme({ body: '测评分 + 班子结果.得分 * 0 + (if 班子结果.考核等次 == 好 and 班子结果.imported and 班子档次 >= 较好 then 0 else 0)' });
    expect(errs(src)).toEqual([]);
    const t = typesOf(src, ['班子结果', '班子结果.grade', '班子结果.得分', '班子结果.考核等次', '班子档次', '班子结果.imported']);
    expect(t['班子结果']).toMatch(/^record/);
    expect(t['班子结果.grade']).toBe(t['班子结果.考核等次']);
    expect(t['班子结果.grade']).toContain('班子等次');
    expect(t['班子档次']).toContain('班子等次');
    expect(t['班子结果.得分']).toBe('number');
    expect(t['班子结果.imported']).toBe('bool');
  });

  it('without `grades` the grade is text, which cannot key a quota table (KH-C130)', () => {
    const src = scheme({ inputs: '    班子结果: results of 领导班子考核 for 班子 missing error', example: '' });
    expect(typesOf(src, ['班子结果.grade'])['班子结果.grade']).toBe('text');
    expect(errs(src)).toContain('KH-C130');
  });

  it('is not a list: aggregates over it and `streak` are refused', () => {
    expect(errs(scheme({ body: 'count(班子结果)' }))).toContain('KH-C005');
    const streak = scheme({ body: '测评分 + streak(r in 班子结果 where r.grade == 好)' });
    expect(errs(streak)).toContain('KH-C165');
  });

  it('uses FIELD: an input named only after `for` is not "never used" (KH-C040)', () => {
    const src = scheme({ inputs: '    所在: text\n    班子结果: results of 领导班子考核 for 所在 grades 班子等次 missing error', example: '' });
    expect(codes(src)).not.toContain('KH-C040');
    expect(codes(src.replace('for 所在', 'for 班子'))).toContain('KH-C040');
  });
});

describe('KH-C169: FIELD', () => {
  const c169 = (inputs: string, extra = '') => diags(scheme({ inputs, example: '', body: `测评分${extra}` }))
    .filter((d) => d.code === 'KH-C169').map((d) => d.message);

  it('accepts a text or an enum input', () => {
    expect(c169('    班子结果: results of 领导班子考核 for 班子 grades 班子等次 missing error')).toEqual([]);
    // the quota table keyed by the grade is grouped by 班子, not 所在: only the KH-C170 warning
    expect(errs(scheme({ inputs: '    班子结果: results of 领导班子考核 for 所在 grades 班子等次 missing error\n    所在: 班子等次', example: '' }))).toEqual(['KH-C170']);
  });

  it('refuses an unknown name, a let, a record\'s field, a number, a results input — each message says which', () => {
    expect(c169('    班子结果: results of 领导班子考核 for 单位 grades 班子等次 missing error')).toEqual([
      'input 班子结果 reads the result of 领导班子考核 for 单位, but this scheme has no input field 单位: did you mean 班子?']);
    expect(c169('    班子结果: results of 领导班子考核 for 班子档次 grades 班子等次 missing error')[0]).toContain('班子档次 is declared as let, not as an input field');
    expect(c169('    档案: { 所在: text }\n    班子结果: results of 领导班子考核 for 所在 grades 班子等次 missing error', ' + (if 档案.所在 == "" then 0 else 0)')[0])
      .toContain('which is not a top-level input field');
    expect(c169('    序号: number\n    班子结果: results of 领导班子考核 for 序号 grades 班子等次 missing error', ' + 序号 * 0')[0]).toContain('input 序号 is number');
    expect(c169('    班子结果: results of 领导班子考核 for 班子结果 grades 班子等次 missing error')[0]).toContain('holds results itself');
  });

  it('offers the one candidate as a fix, in the file\'s quoting', () => {
    const src = scheme({ inputs: '    班子结果: results of 领导班子考核 for 单位 grades 班子等次 missing error', example: '' });
    const d = diags(src).find((x) => x.code === 'KH-C169')!;
    expect(d.fix!.edits).toEqual([{ span: d.span, text: '班子' }]);
    const fixed = src.slice(0, d.span.start) + d.fix!.edits[0].text + src.slice(d.span.end);
    expect(errs(fixed)).toEqual([]);
    expect(localizeDiagnostic(d, 'zh').message).toBe('输入项“班子结果”引用“领导班子考核”中“单位”所指对象的结果，但本方案没有输入项“单位”：是否指“班子”？');
  });
});

describe('missing policies', () => {
  it('KH-C160 without one, with a fix inserting `missing error` (缺失 报错 in a Chinese file)', () => {
    for (const [src, text] of [
      [scheme({ inputs: '    班子结果: results of 领导班子考核 for 班子 grades 班子等次' }), ' missing error'],
      ['方案 甲 { 周期 年度\n 输入 { 班子: 文本\n 结果: 引用结果 乙 对象 班子 }\n 指标 丙 权重 100% = 结果.得分\n 等次 { 优秀 当 总分 >= 90 称职 其他 } }', ' 缺失 报错'],
    ] as const) {
      const d = diags(src).filter((x) => x.code === 'KH-C160');
      expect(d).toHaveLength(1);
      expect(d[0].message).toContain('when the related subject has no result: add one of `missing zero`, `missing error`');
      const edit = d[0].fix!.edits[0];
      expect(edit.text).toBe(text);
      expect(errs(src.slice(0, edit.span.start) + edit.text + src.slice(edit.span.end))).toEqual([]);
    }
  });

  it('takes zero and error; skip and breaks are KH-C167', () => {
    // `missing zero` under a quota table keyed by the grade: only the KH-C170 warning (test/check/related-quota.test.ts)
    expect(errs(scheme({ inputs: '    班子结果: results of 领导班子考核 for 班子 grades 班子等次 missing zero exact' }))).toEqual(['KH-C170']);
    for (const w of ['skip', 'breaks']) {
      const d = diags(scheme({ inputs: `    班子结果: results of 领导班子考核 for 班子 grades 班子等次 missing ${w}` })).filter((x) => x.code === 'KH-C167');
      expect(d.map((x) => x.message)).toEqual([`\`missing ${w}\` does not apply to \`results of … for\`: write one of \`missing zero\`, \`missing error\``]);
    }
  });

  it('has no unit, so neither KH-C161 nor KH-C162 — also in a scheme without a period line', () => {
    expect(errs(scheme({ example: '' }).replace('  period annual\n', ''))).toEqual([]);
  });

  it('KH-C168 for a repeated option; KH-C164 when not a top-level field', () => {
    expect(errs(scheme({ inputs: '    班子结果: results of 领导班子考核 for 班子 grades 班子等次 missing error missing zero' }))).toEqual(['KH-C168']);
    const nested = scheme({ inputs: '    班子结果: results of 领导班子考核 for 班子 grades 班子等次 missing error\n    多个: list of results of 领导班子考核 for 班子 missing zero', example: '' });
    expect(errs(nested)).toContain('KH-C164');
  });
});

describe('the record given in an example', () => {
  const given = (v: string, period = '    period "2026"\n') => errs(scheme({ example: `  example 甲 {\n${period}    given { 班子: "发改局班子", 班子结果: ${v}, 测评分: 95 }\n    expect score == 95\n  }` }));

  it('takes one record, keys in English or Chinese; imported optional', () => {
    expect(given('{ period: "2026", score: 91, grade: 好 }')).toEqual([]);
    expect(given('{ 考核期: "2026", 得分: 91, 考核等次: 好, 导入: 是 }')).toEqual([]);
  });

  it('may be left out: no result, which the missing policy decides (the language has no null)', () => {
    const src = scheme({ example: '  example 甲 {\n    period "2026"\n    given { 班子: "发改局班子", 测评分: 95 }\n    expect score == 95\n  }' });
    expect(errs(src)).toEqual([]);
    expect(errs(src.replace('班子: "发改局班子", ', ''))).toEqual(['KH-C052']); // other inputs stay required
  });

  it('refuses a list, a missing period or score, an unknown key, a grade outside the enum', () => {
    expect(given('[{ period: "2026", score: 91, grade: 好 }]')).toEqual(['KH-C052']);
    expect(given('{ score: 91, grade: 好 }')).toEqual(['KH-C052']);
    expect(given('{ period: "2026", grade: 好 }')).toEqual(['KH-C052']);
    expect(given('{ period: "2026", score: 91, 等级: 好 }')).toEqual(['KH-C050']);
    expect(given('{ period: "2026", score: 91, grade: 优秀 }')).toEqual(['KH-C052']);
    expect(given('{ period: 2026, score: "91" }')).toEqual(['KH-C052', 'KH-C052']);
  });

  it('KH-C103: the example needs its period, and the message says the result is of the same period', () => {
    const d = diags(scheme({ example: '  example 甲 {\n    given { 班子: "发改局班子", 班子结果: { period: "2026", score: 91 }, 测评分: 95 }\n    expect score == 95\n  }' }))
      .filter((x) => x.code === 'KH-C103');
    expect(d.map((x) => x.message)).toEqual(['example 甲 needs `period "…"` (for example `period "2026"`): input 班子结果 reads a related subject\'s result of the same period']);
  });
});

it('checks without throwing when a field of the related form is left out or is an Error node (recovered trees)', () => {
  const text = scheme();
  for (const key of ['subject', 'scheme', 'grades', 'missing', 'values', 'unit', 'unitAt', 'form']) {
    for (const hole of [undefined, { kind: 'Error', span: { start: NaN, end: NaN } }]) {
      const file = new SourceFile(text);
      const parsed = parse(file).value;
      const input = parsed.scheme!.decls.find((d) => d.kind === 'Input')!;
      const t = (input as { fields: { type: Record<string, unknown> }[] }).fields[1].type;
      expect(t.form).toBe('related');
      t[key] = hole;
      for (const d of check(parsed, file).diagnostics) {
        expect(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `${key}: ${d.code}`).toBe(true);
      }
    }
  }
});
