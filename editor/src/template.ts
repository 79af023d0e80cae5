// The text a new scheme starts from: small, valid, in Chinese keywords' English twin so both
// keyword languages are one "convert" away.

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
