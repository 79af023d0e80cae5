// Cohort aggregates (issue 13: `overall max(x)`, `本组 名次(x 升序)`) printed by `kaohe fmt` and converted
// by --keywords both ways — the scope keyword and the function word (max ↔ 最大, rank ↔ 名次,
// percentile ↔ 百分位) — with goldens; the tree survives the round trip.

import { describe, expect, it } from 'vitest';
import type { CohortAgg, Expr } from '../../dsl/ast.js';
import { visit } from '../../dsl/check/walk.js';
import { fmt, parseOk, sameTree } from './helpers.js';

const en = `scheme 乡镇 {
  cohort by 片区
  input { 实绩原始分: number in [1, 100], 片区: text }
  let 组均 = cohort  avg( 实绩原始分 )
  indicator 实绩 points 60 = 实绩原始分 / overall max(实绩原始分) * 60
  indicator 名次分 points 40 = max(0, 40 - 2 * (overall rank(实绩原始分) - 1)) + 0 * 组均
  grades tiebreak overall rank(实绩原始分 asc) desc {
    优秀 when score >= 90 and score >= overall percentile(score, 50)
    合格 when score >= cohort min(base) and -overall min(score) < 0
    不合格 otherwise
  }
}
`;
const zh = `方案 乡镇 {
  输入 { 实绩原始分: 数值 属于 [1, 100] }
  指标 实绩 分值 100 = 实绩原始分 / 全体 最大(实绩原始分) * 100 - 本组 名次(实绩原始分 降序)
  等次 {
    优秀 当 总分 >= 全体 百分位(总分, 90) 且 总分 > 本组 平均(基础分)
    合格 其他
  }
}
`;

function aggs(text: string): CohortAgg[] {
  const out: CohortAgg[] = [];
  const s = parseOk(text).scheme!;
  const exprs: Expr[] = [];
  for (const d of s.decls) {
    if (d.kind === 'Let' || d.kind === 'Indicator') exprs.push(d.value);
    if (d.kind === 'Grades') { for (const g of d.grades) if (g.when) exprs.push(g.when); for (const t of d.tiebreak) exprs.push(t.key); }
  }
  for (const e of exprs) visit(e, (x) => { if (x.kind === 'CohortAgg') out.push(x); });
  return out;
}

describe('cohort aggregates in the formatter', () => {
  it('parses scope, function, percent and order in both keyword languages', () => {
    const shape = (a: CohortAgg) => `${a.scope} ${a.fn}${a.p ? ' p' : ''}${a.dir ? ` ${a.dir}` : ''}`;
    expect(aggs(en).map(shape).sort()).toEqual(
      ['cohort avg', 'cohort min', 'overall max', 'overall min', 'overall percentile p', 'overall rank', 'overall rank asc'].sort());
    expect(aggs(zh).map(shape).sort()).toEqual(['cohort avg', 'cohort rank desc', 'overall max', 'overall percentile p'].sort());
    expect(aggs(zh).map((a) => a.callee.name).sort()).toEqual(['平均', '名次', '最大', '百分位'].sort());
  });

  it('prints and converts, matching the goldens', async () => {
    await expect(fmt(en, 'en')).toMatchFileSnapshot('__golden__/cohort-aggregates/aggregates.en.kaohe');
    await expect(fmt(en, 'zh')).toMatchFileSnapshot('__golden__/cohort-aggregates/aggregates.zh.kaohe');
    await expect(fmt(zh, 'en')).toMatchFileSnapshot('__golden__/cohort-aggregates/plain.en.kaohe');
    await expect(fmt(zh, 'zh')).toMatchFileSnapshot('__golden__/cohort-aggregates/plain.zh.kaohe');
    for (const src of [en, zh]) {
      const e = fmt(src, 'en'), z = fmt(src, 'zh');
      expect(fmt(z, 'en')).toBe(e);
      expect(fmt(e, 'zh')).toBe(z);
      expect(fmt(e)).toBe(e);
      sameTree(parseOk(src), parseOk(z));
      sameTree(parseOk(src), parseOk(e));
    }
  });

  it('writes the function word of the output language, whatever was written', () => {
    expect(fmt(zh, 'en')).toContain('overall max(实绩原始分)');
    expect(fmt(zh, 'en')).toContain('cohort rank(实绩原始分 desc)');
    expect(fmt(en, 'zh')).toContain('全体 百分位(总分, 50)');
    expect(fmt(en, 'zh')).toContain('全体 名次(实绩原始分 升序)');
    expect(fmt(en, 'zh')).toContain('-全体 最小(总分)');
  });
});
