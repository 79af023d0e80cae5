// Issue 13, syntax and checker side of §2: `rank by`, several quota clauses per grade (share tables,
// scopes, soft shares) and several rules for one grade — the tree in both keyword languages, the
// codes KH-C130 … KH-C135, the grade declared once, and the language service around them.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { parse } from '../../dsl/parser/index.js';
import { SourceFile } from '../../dsl/source.js';
import type { GradesDecl, Scheme } from '../../dsl/ast.js';
import { fmt } from '../format/helpers.js';
import { codes, wrap } from './helpers.js';
import { at, labels } from '../service/helpers.js';

const HEAD = `  cohort by 班子
  enum 班子评价 { 好, 一般, 较差 }
  input { 班子: text, 班子等次: 班子评价, 分数: number in [0, 100], 表彰: bool = false }
  indicator 实绩 weight 100% = 分数`;
const scheme = (grades: string, head = HEAD) => wrap(`${head}\n  grades tiebreak 实绩 desc {\n${grades}\n  }`);
const tree = (src: string): Scheme => {
  const r = parse(new SourceFile(src));
  expect(r.diagnostics.map((d) => d.code)).toEqual([]);
  return r.value.scheme!;
};
const gradesOf = (s: Scheme) => s.decls.find((d): d is GradesDecl => d.kind === 'Grades')!;

const EN = scheme(`    优秀 when score >= 90 quota 班子等次 { 好: 30%, 一般: 20%, 较差: 0% } quota 25% normally 20% overall
    优秀 when 表彰 and score >= 85
    称职 when score >= 70 quota normally 50% round up min 1 of all cohort
    不称职 otherwise`, `  rank by 实绩 asc\n${HEAD}`);

describe('parse', () => {
  it('reads several quota clauses: a share table, a scope, a soft share, a soft share alone', () => {
    const g = gradesOf(tree(EN)).grades;
    expect(g.map((x) => x.name.name)).toEqual(['优秀', '优秀', '称职', '不称职']);
    const [table, overall] = g[0].quotas;
    expect(table.percent).toBeUndefined();
    expect(table.table!.key.name).toBe('班子等次');
    expect(table.table!.entries.map((e) => [e.member.name, e.percent.text, e.percent.percent])).toEqual([['好', '30', true], ['一般', '20', true], ['较差', '0', true]]);
    expect(table.scope).toBeUndefined();
    expect(overall).toMatchObject({ percent: { text: '25' }, normal: { text: '20' }, scope: 'overall' });
    expect(g[1].quotas).toEqual([]);
    expect(g[2].quotas[0]).toMatchObject({ normal: { text: '50' }, round: 'up', min: { text: '1' }, of: 'all', scope: 'cohort' });
    expect(g[2].quotas[0].percent).toBeUndefined();
  });

  it('reads `rank by E [asc|desc]`, desc by default', () => {
    const s = tree(EN).decls.find((d) => d.kind === 'Setting' && d.key === 'rankBy');
    expect(s).toMatchObject({ key: 'rankBy', dir: 'asc', value: { kind: 'Name', name: '实绩' } });
    const d = tree(wrap(`  rank by 实绩 * 2\n${HEAD}`)).decls[0];
    expect(d).toMatchObject({ key: 'rankBy', dir: 'desc', value: { kind: 'Binary' } });
  });

  it('reads `rank by if … then … else … desc` like `cohort by` reads an if, in both keyword languages', () => {
    const head = HEAD.replace('表彰: bool = false', '表彰: bool = false, 安全事故: bool = false');
    const en = tree(wrap(`  rank by if 安全事故 then 0 else score desc\n${head}`)).decls[0];
    expect(en).toMatchObject({ key: 'rankBy', dir: 'desc', value: { kind: 'If', then: { kind: 'Number' }, else: { kind: 'Name', name: 'score' } } });
    const zh = tree(wrap(`  排名依据 如果 安全事故 则 0 否则 总分 升序\n${head}`)).decls[0];
    expect(zh).toMatchObject({ key: 'rankBy', dir: 'asc', value: { kind: 'If', else: { kind: 'Name', name: '总分' } } });
    const src = wrap(`  rank by if 安全事故 then 0 else score\n${head}`);
    expect(errs(src)).toEqual([]);
    expect(fmt(fmt(src, 'zh'), 'en')).toBe(fmt(src, 'en'));
  });

  it('reads the same forms in Chinese keywords, to the same tree', () => {
    const zh = fmt(EN, 'zh');
    expect(zh).toContain('排名依据 实绩 升序');
    expect(zh).toContain('比例 班子等次 { 好: 30%, 一般: 20%, 较差: 0% }');
    expect(zh).toContain('比例 25% 通常 20% 全体');
    expect(zh).toContain('比例 通常 50% 向上取整 至少 1 按全部人数 本组');
    expect(fmt(zh, 'en')).toBe(fmt(EN, 'en'));
  });

  it('rejects a quota with no share at all', () => {
    const r = parse(new SourceFile(scheme('    优秀 when score >= 90 quota overall\n    不称职 otherwise')));
    expect(r.diagnostics.map((d) => d.code)).toContain('KH-P001');
  });
});

/** The codes, less unused-input warnings (the small schemes here leave inputs unused on purpose). */
const errs = (src: string) => codes(src).filter((c) => c !== 'KH-C040');

describe('check', () => {
  it('accepts share tables, scopes, soft shares and several rules for a grade; the table key is a use of its input', () => {
    expect(codes(EN)).toEqual([]);
    expect(codes(EN.replace(' quota 班子等次 { 好: 30%, 一般: 20%, 较差: 0% }', ''))).toEqual(['KH-C040']);
  });

  it('KH-C130: the table key is an input or let of an enum type', () => {
    expect(errs(scheme('    优秀 when score >= 90 quota 分数 { 好: 30% }\n    不称职 otherwise'))).toEqual(['KH-C130']);
    expect(errs(scheme('    优秀 when score >= 90 quota 实绩 { 好: 30% }\n    不称职 otherwise'))).toEqual(['KH-C130']);
    expect(errs(scheme('    优秀 when score >= 90 quota 无此名 { 好: 30% }\n    不称职 otherwise'))).toEqual(['KH-C130']);
    // a let of an enum type is a key, and makes the input it reads used
    expect(errs(wrap(`${HEAD}\n  let 档 = 班子等次\n  grades {\n    优秀 when score >= 90 quota 档 { 好: 30%, 一般: 20%, 较差: 10% }\n    不称职 otherwise\n  }`))).toEqual([]);
  });

  it('KH-C131 names the missing members; KH-C132 unknown and repeated ones', () => {
    const gap = analyze(scheme('    优秀 when score >= 90 quota 班子等次 { 好: 30% }\n    不称职 otherwise')).diagnostics.filter((d) => d.code !== 'KH-C040');
    expect(gap.map((d) => d.code)).toEqual(['KH-C131']);
    expect(gap[0].message).toContain('一般, 较差');
    expect(errs(scheme('    优秀 when score >= 90 quota 班子等次 { 好: 30%, 一般: 20%, 较差: 10%, 好: 5%, 优: 1% }\n    不称职 otherwise')))
      .toEqual(['KH-C132', 'KH-C132']);
  });

  it('KH-C029: a table share is a percentage from 0% to 100%', () => {
    expect(errs(scheme('    优秀 when score >= 90 quota 班子等次 { 好: 101%, 一般: 0.2, 较差: 0% }\n    不称职 otherwise'))).toEqual(['KH-C029', 'KH-C029']);
  });

  it('KH-C133: one quota per scope per grade, over all its lines', () => {
    expect(errs(scheme('    优秀 when score >= 90 quota 20% quota 20% overall\n    优秀 when 表彰 quota 10% overall\n    不称职 otherwise'))).toEqual(['KH-C133']);
    expect(errs(scheme('    优秀 when score >= 90 quota 20% quota 15% cohort\n    不称职 otherwise'))).toEqual(['KH-C133']);
    expect(errs(scheme('    优秀 when score >= 90 quota 20% quota 20% overall\n    优秀 when 表彰\n    不称职 otherwise'))).toEqual([]);
  });

  it('KH-C134: the soft share at most the hard one (equal is fine), at most the largest table share', () => {
    expect(errs(scheme('    优秀 when score >= 90 quota 20% normally 21%\n    不称职 otherwise'))).toEqual(['KH-C134']);
    expect(errs(scheme('    优秀 when score >= 90 quota 20% normally 20%\n    不称职 otherwise'))).toEqual([]);
    expect(errs(scheme('    优秀 when score >= 90 quota 班子等次 { 好: 30%, 一般: 20%, 较差: 0% } normally 31%\n    不称职 otherwise'))).toEqual(['KH-C134']);
    expect(errs(scheme('    优秀 when score >= 90 quota 班子等次 { 好: 30%, 一般: 20%, 较差: 0% } normally 25%\n    不称职 otherwise'))).toEqual([]);
  });

  it('KH-C135: the rules of one grade are adjacent; adjacent ones declare the grade once', () => {
    expect(errs(scheme('    优秀 when score >= 90\n    称职 when score >= 60\n    优秀 when 表彰\n    不称职 otherwise'))).toEqual(['KH-C135']);
    const r = analyze(scheme('    优秀 when score >= 90\n    优秀 when 表彰\n    不称职 otherwise'));
    expect(r.diagnostics.filter((d) => d.code !== 'KH-C040')).toEqual([]);
    expect(r.checked!.symbols.gradeNames).toEqual(['优秀', '不称职']);
    expect(r.checked!.symbols.members.get('优秀')).toHaveLength(1);
  });

  it('a quota on any line of the last grade is KH-C029; bonus by grade covers a grade once', () => {
    expect(errs(scheme('    优秀 when score >= 90\n    不称职 when 表彰 quota 10%\n    不称职 otherwise'))).toEqual(['KH-C029']);
    const withBonus = wrap(`${HEAD}\n  grades {\n    优秀 when score >= 90\n    优秀 when 表彰\n    不称职 otherwise\n  }\n  outcomes { bonus by grade { 优秀: 1, 不称职: 0 } }`);
    expect(errs(withBonus)).toEqual([]);
  });

  it('`rank by` takes a number (KH-C005) and is given once (KH-C002)', () => {
    expect(errs(wrap(`  rank by score desc\n${HEAD}\n  grades {\n    优秀 when score >= 90\n    不称职 otherwise\n  }`))).toEqual([]);
    expect(errs(wrap(`  rank by 班子\n${HEAD}`))).toEqual(['KH-C005']);
    expect(errs(wrap(`  rank by 实绩\n  rank by 分数\n${HEAD}`))).toEqual(['KH-C002']);
  });
});

describe('language service', () => {
  const SRC = `scheme 测试 {\n${HEAD}\n  grades {\n    优秀 when score >= 90 quota 班子等次 { 好: 30%, 一般: 20%, 较差: 0% } quota 25% overall\n    优秀 when 表彰\n    不称职 otherwise\n  }\n}\n`;
  const mark = (find: string, replacement: string) => SRC.replace(find, replacement);

  it('offers `rank by` among declarations and asc/desc after its key', () => {
    expect(labels(mark('  cohort by 班子\n', '  cohort by 班子\n  |\n'))).toContain('rank by');
    expect(labels(mark('  cohort by 班子\n', '  cohort by 班子\n  rank by 实绩 |\n'))).toEqual(expect.arrayContaining(['asc', 'desc']));
  });

  it('offers the quota options after a share, and a table key after `quota`', () => {
    const opts = labels(mark('quota 25% overall', 'quota 25% |'));
    expect(opts).toEqual(expect.arrayContaining(['normally', 'overall', 'cohort', 'round up', 'of all', 'min', 'quota']));
    const keys = labels(mark('quota 25% overall', 'quota |'));
    expect(keys).toContain('班子等次');
    expect(keys).toContain('normally');
    expect(keys).not.toContain('分数');
  });

  it("offers the key's enum members inside a share table", () => {
    expect(labels(mark('{ 好: 30%, 一般', '{ 好: 30%, |一般'))).toEqual(expect.arrayContaining(['好', '一般', '较差']));
  });

  it('hover on a grade lists every rule and quota; the table key is a reference to the input', () => {
    const h = at(mark('    不称职 otherwise', '    不称职 otherwise\n  }\n  outcomes { action 谈话 when grade == 优|秀 }\n  grades {\n    甲 otherwise'));
    const md = h.ls.hover(h.offset)!.markdown;
    expect(md).toContain('score >= 90');
    expect(md).toContain('表彰');
    expect(md).toContain('quota 25% overall');
    const r = at(mark('input { 班子: text, 班子等次', 'input { 班子: text, 班子|等次'));
    expect(r.ls.references(r.offset).length).toBe(2);
  });
});
