// The checker's messages about results of other periods (issue 14: KH-C160 … KH-C168 and the KH-C103
// of a scheme whose inputs read other periods): `results of 平时考核 quarterly … missing skip` and
// `past 3 years missing breaks`. A catalog of its own (`checkPeriods`), so the feature adds no lines to
// the shared parts. `{name}` is the input's name; `{word}`, `{unit}`, `{kind}`, `{form}` are keyword
// messages (KW), rendered in the reader's locale.

import { defineMessages } from '../../i18n/index.js';

export const PR = defineMessages('checkPeriods', {
  en: {
    noMissing: 'input {name} must say what a period without a result means: add one of {choices}',
    fixMissing: 'insert `{text}`',
    unitNotDivide: "input {name} reads {unit} results, which do not make up this scheme's {kind} period: use {allowed}",
    unitNoPeriod: "input {name} reads the results of the periods this scheme's period is made of, but the scheme has no `period annual`, `period quarterly` or `period monthly`",
    unitSpecial: 'input {name} reads the results of the periods this scheme\'s period is made of, but a `special` period is made of none',
    pastUnit: "input {name} reads this scheme's own earlier periods, which are {kind}: write `past {n} {want}`",
    pastNoPeriod: "input {name} reads this scheme's own earlier periods, but the scheme has no `period annual`, `period quarterly` or `period monthly`",
    pastCount: 'input {name} reads {n} earlier periods: write a whole number from 1 to 50',
    notTopLevel: '`{word}` is the type of an input field itself (`input { 季度结果: … }`), not of a list element, a record field or a parameter',
    streakNotPast: '{fn} counts consecutive earlier periods of a `past` input, as in `streak(r in 往年 where r.grade == 优秀)`: {code} is not one',
    streakCall: '{fn} counts consecutive earlier periods: write it as `streak(r in 往年 where r.grade == 优秀)`',
    gradesNotEnum: '`grades {name}`: {name} is not an enum; name the enum of the source scheme\'s grades',
    policyNotTaken: '`missing {word}` does not apply to {form}: write one of {allowed}',
    fResultsOf: '`results of`', fPast: '`past`',
    optionTwice: '{option} is written twice; keep one',
    oGrades: '`grades`', oMissing: '`missing`', oValues: '`exact` / `reported`',
    periodMissingInput: 'example {name} needs `period "…"` (for example `period "{form}"`): input {input} reads results of other periods',
    policy: '`missing {word}`', word: '`{word}`',
  },
  zh: {
    noMissing: '输入项“{name}”须写明没有结果的考核期如何处理：加上{choices}之一',
    fixMissing: '插入“{text}”',
    unitNotDivide: '输入项“{name}”引用的是{unit}考核结果，不能组成本方案的{kind}周期：可用{allowed}',
    unitNoPeriod: '输入项“{name}”引用组成本方案周期的各考核期结果，但方案未写“周期 年度”“周期 季度”或“周期 月度”',
    unitSpecial: '输入项“{name}”引用组成本方案周期的各考核期结果，但专项周期不由其他考核期组成',
    pastUnit: '输入项“{name}”读取本方案此前各期的结果，本方案按{kind}考核：应写“过去 {n} {want}”',
    pastNoPeriod: '输入项“{name}”读取本方案此前各期的结果，但方案未写“周期 年度”“周期 季度”或“周期 月度”',
    pastCount: '输入项“{name}”读取此前 {n} 期：期数须为 1 至 50 的整数',
    notTopLevel: '“{word}”只能是输入项本身的类型（如“输入 { 季度结果: … }”），不能用于列表元素、记录字段或参数',
    streakNotPast: '{fn}统计往期结果输入中连续的此前各期，如“连续(r 属于 往年 满足 r.考核等次 == 优秀)”：{code}不是往期结果的输入',
    streakCall: '{fn}统计连续的此前各期：应写作“连续(r 属于 往年 满足 r.考核等次 == 优秀)”',
    gradesNotEnum: '“等次 {name}”：“{name}”不是枚举；请写来源方案等次所属的枚举',
    policyNotTaken: '“缺失 {word}”不适用于{form}：可用{allowed}',
    fResultsOf: '“引用结果”', fPast: '“过去”',
    optionTwice: '{option}写了两次；请只保留一个',
    oGrades: '“等次”', oMissing: '“缺失”', oValues: '“精确值”或“公示值”',
    periodMissingInput: '示例“{name}”须写“周期 \"…\"”（如“周期 \"{form}\"”）：输入项“{input}”引用其他考核期的结果',
    policy: '“缺失 {word}”', word: '“{word}”',
  },
});
