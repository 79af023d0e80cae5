// The text a new scheme starts from: small, valid, and in the keywords of the UI language (a Chinese
// reader starts from 方案/输入/类别/指标…, issue 11 item 5). The two texts are twins — the same scheme
// in the two keyword languages (test/browser/template.test.ts) — and either is one "convert" away.

import type { Lang } from './i18n.js';

export const TEMPLATE = `scheme 新方案 "新建的考核方案" {
  version "1"
  precision 2

  input {
    缺勤天数 "全年缺勤天数": number in [0, 366]
    任务完成率: number in [0, 1.5]
  }

  group 共性指标 weight 40% {
    indicator 出勤情况 weight 100% = 100 - 缺勤天数 * 5
  }
  group 个性指标 weight 60% {
    indicator 重点任务 weight 100% = min(任务完成率, 1) * 100
  }

  grades {
    优秀 when score >= 90
    称职 when score >= 70
    基本称职 when score >= 60
    不称职 otherwise
  }

  example 示例一 {
    given { 缺勤天数: 2, 任务完成率: 0.95 }
    expect score == 93
    expect grade == 优秀
  }
}
`;

export const TEMPLATE_ZH = `方案 新方案 "新建的考核方案" {
  版本 "1"
  精度 2

  输入 {
    缺勤天数 "全年缺勤天数": 数值 属于 [0, 366]
    任务完成率: 数值 属于 [0, 1.5]
  }

  类别 共性指标 权重 40% {
    指标 出勤情况 权重 100% = 100 - 缺勤天数 * 5
  }
  类别 个性指标 权重 60% {
    指标 重点任务 权重 100% = 最小(任务完成率, 1) * 100
  }

  等次 {
    优秀 当 总分 >= 90
    称职 当 总分 >= 70
    基本称职 当 总分 >= 60
    不称职 其他
  }

  示例 示例一 {
    已知 { 缺勤天数: 2, 任务完成率: 0.95 }
    预期 总分 == 93
    预期 评定等次 == 优秀
  }
}
`;

/** The template in the keywords of UI language `l`. */
export function templateFor(l: Lang): string {
  return l === 'zh' ? TEMPLATE_ZH : TEMPLATE;
}
