// A small scheme with every kind of input a roster column can hold — text, integer, a bounded
// number, an enum, yes/no, ratings, a list of records, a record, a list of numbers — and helpers to
// read a roster of it and evaluate it as the command line does.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract } from '../../dsl/service/index.js';
import { evaluateCohort, prepare } from '../../engine/index.js';
import { contractOf } from '../../sheets/scheme.js';
import { locateErrors, readRoster, type Roster } from '../../sheets/roster.js';
import { parseCsv } from '../../sheets/csv.js';
import type { SheetProblem } from '../../sheets/problems.js';
import { render } from '../../dsl/i18n/index.js';

export const ROSTER_SCHEME = `scheme 名单 {
  precision 2
  cohort by 单位
  enum 岗位 { 受理, 审批 }
  enum 难度 { 一般, 困难 }
  panel 考评 { 上级 "分管领导" weight 60%  同级 weight 40% }
  input {
    岗位: 岗位
    单位: text
    结案数 "全年结案数": integer >= 0
    满意率: number in [0, 1] = 1
    考评分: ratings of 考评
    任务: list of { 名称: text, 难度: 难度, 完成率: number in [0, 1.5] } min 1
    票: { 赞成: integer >= 0, 反对: integer >= 0 = 0 }
    季度分: list of number in [0, 100] = []
    表彰: bool = false
  }
  let 任务分 = avg(t in 任务 : min(t.完成率, 1) * 100)
  indicator 评价 weight 40% = rate 考评分
  indicator 办案 weight 30% = linear 结案数 { 0 => 60, 100 => 100 }
  indicator 任务完成 weight 20% = 任务分
  indicator 满意 weight 10% = 满意率 * 100 + 0 * (票.赞成 + 票.反对)
  reward 加分 max 2 { item 受表彰 when 表彰 => add 1 }
  grades {
    优秀 when score >= 90 quota 50%
    称职 when score >= 70
    不称职 otherwise
  }
  example 受理岗 {
    given { 岗位: 受理, 单位: "一科", 结案数: 80, 考评分: { 上级: [95, 90], 同级: [88] },
            任务: [{ 名称: "课题", 难度: 困难, 完成率: 1.2 }], 票: { 赞成: 10 }, 表彰: true }
    expect grade == 优秀
  }
}
`;

/** Two inputs and one indicator: a roster of it is cheap to write by the thousand. */
export const SMALL_SCHEME = `scheme 小 {
  input {
    岗位: text
    得分: number in [0, 100]
  }
  indicator 总 weight 100% = 得分
  grades {
    优秀 when score >= 90
    合格 otherwise
  }
}
`;

export const contract: Contract = contractOf(ROSTER_SCHEME);
export const prepared = (() => {
  const p = prepare(ROSTER_SCHEME, 'roster.kaohe');
  if (!p.value) throw new Error(p.diagnostics.map((d) => d.message).join('\n'));
  return p.value;
})();

export const SCHEMES = join(import.meta.dirname, '../../schemes');
export const schemeSource = (name: string) => readFileSync(join(SCHEMES, `${name}.kaohe`), 'utf8');

export const csvRoster = (text: string, c: Contract = contract): Promise<Roster> => readRoster(parseCsv(text), c.fields);

/** Reads, evaluates and locates, as `kaohe eval` does: every problem of the roster. */
export async function problemsOf(roster: Roster, p = prepared): Promise<SheetProblem[]> {
  const out = await evaluateCohort(p, roster.subjects);
  return [...roster.problems, ...(out.ok ? [] : locateErrors(roster, out.errors))];
}

export const zh = (p: { msg: Parameters<typeof render>[0] }) => render(p.msg, 'zh');
export const en = (p: { msg: Parameters<typeof render>[0] }) => render(p.msg, 'en');
