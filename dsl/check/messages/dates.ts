// The checker's messages about dates, durations, intervals and periods (issue 12, item 6: KH-C100 …
// KH-C103, and the type words `date` and `duration`). A catalog of its own (`checkDates`), so the
// date feature adds no lines to the shared parts.

import { defineMessages } from '../../i18n/index.js';

export const D = defineMessages('checkDates', {
  en: {
    tDate: 'date', tDuration: 'duration',
    badDate: '"{text}" is not a date: {why}',
    durationAlone: 'a duration ({code}) is only allowed after `+` or `-` on a date, as in `periodEnd - 1 years`',
    durationAmount: 'a duration counts whole days, months or years: {text} is not a whole number',
    shiftNotDate: 'only a date can be moved by a duration: {code} is {type}',
    intervalEnds: 'an interval needs numbers or dates on both ends and before `in`: found {value}, {lo} and {hi}',
    periodForm: 'example {name}: "{period}" is not a {kind} period; write it as "{form}"',
    periodMalformed: 'example {name}: "{period}" is not a period; write it as {forms}',
    periodFault: 'example {name}: "{period}" is not a period: {why}; write it as {forms}',
    periodMissing: 'example {name} needs `period "…"` (for example `period "{form}"`): the scheme uses periodStart or periodEnd',
    durationTooLong: 'a duration of {text} {unit} is longer than any date range allows: at most {max} {unit} (10000 years)',
    intervalEmpty: '{code} is always false: no value lies between {lo} and {hi} (are the ends the wrong way round?)',
    uDays: 'days', uMonths: 'months', uYears: 'years',
  },
  zh: {
    tDate: '日期', tDuration: '时长',
    badDate: '“{text}”不是日期：{why}',
    durationAlone: '时长（{code}）只能写在日期的 `+` 或 `-` 之后，如 `周期结束 - 1 年`',
    durationAmount: '时长按整天、整月或整年计：{text} 不是整数',
    shiftNotDate: '只有日期可以加减时长：{code}是{type}',
    intervalEnds: '区间的两端和 `属于` 之前须同为数值或同为日期：现为{value}、{lo}和{hi}',
    periodForm: '示例“{name}”：“{period}”不是{kind}周期，应写作“{form}”',
    periodMalformed: '示例“{name}”：“{period}”不是周期，应写作“{forms}”',
    periodFault: '示例“{name}”：“{period}”不是周期：{why}，应写作“{forms}”',
    periodMissing: '示例“{name}”须写 `周期 "…"`（如 `周期 "{form}"`）：方案用到了周期开始或周期结束',
    durationTooLong: '时长 {text} {unit}超出了日期的范围：最多 {max} {unit}（10000 年）',
    intervalEmpty: '{code}恒不成立：{lo}与{hi}之间没有任何值（两端是否写反了？）',
    uDays: '天', uMonths: '个月', uYears: '年',
  },
});
