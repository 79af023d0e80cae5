// Small schemes for the hard cases of quota competitors on the compiled engine (issue 16), shared by
// test/codegen/cohort.test.ts (the in-memory batch) and test/stream/competitors.test.ts (the stream):
// two tiebreak keys (a number and an ordered enum), a grade with two lines, a quota rounded to
// nearest, a text shown in the reasons, a quota table key, a let that leaves the safe integers (a bail) and grade-dependent outcomes.

import type { SubjectInput } from '../../engine/api.js';

export const SCHEME = (grades: string, head = '') => `scheme 名额测试 "quota competitors" {
  version "1"
  precision 2
  cohort by 单位
${head}
  enum 档次 ordered { 低, 中, 高 }
  enum 班子 { 好, 一般 }
  input {
    单位: text
    甲: number in [0, 100]
    乙: number in [0, 100]
    档: 档次
    班子等次: 班子
    大数: number >= 0 = 0
    备注: text = ""
  }
  let 放大 = 大数 * 大数 * 大数
  indicator 甲项 weight 50% = 甲
  indicator 乙项 weight 50% = 乙
  negative 扣分 { item 溢出 when 放大 > 1 => deduct 0 }
${grades}
  outcomes {
    bonus by grade { 优秀: 2, 良好: 1.5, 合格: 1, 不合格: 0 }
    action 表扬 when grade == 优秀
    action 提醒 when grade <= 合格
    improve below 75 max 1
  }
}`;

export const GRADES = `  grades tiebreak 乙项 desc, 档 desc {
    优秀 when score >= 90 and 备注 != "无" quota 25% round nearest
    良好 when score >= 80 quota 40%
    良好 when 乙项 >= 95
    合格 when score >= 60
    不合格 otherwise
  }`;

export const subject = (id: string, 甲: number, 乙: number, extra: Record<string, unknown> = {}): SubjectInput =>
  ({ id, input: { 单位: '一处', 甲, 乙, 档: '中', 班子等次: '好', ...extra } });
