// The engine's words about dates and periods (issue 12, item 6): KH-E030 … KH-E033 and the date type
// as the input contract states it. A catalog of its own (`engineDates`), beside engine/messages.ts.
// The same words reach every caller — the API, the command line, an example — so they name the period
// and the forms the scheme takes, never where to write it (`--period`, the body's `"period"`): the
// caller knows that and adds it (black-box trial, session 10: a CLI user was told of the API body; the
// command line's hint is cli/commands/eval.ts's). KH-E031 says what is wrong and the form to write,
// as `kaohe eval --period` does (cli/commands/eval-period.ts), not “is not a period”.

import { defineMessages } from '../dsl/i18n/index.js';

export const D = defineMessages('engineDates', {
  en: {
    dateType: 'date (YYYY-MM-DD)',
    notADate: 'expected a date written YYYY-MM-DD, a real calendar day',
    badDate: '"{value}" is not a date ({why})',
    periodNotText: 'the period must be text such as "{form}", not {found}',
    periodFault: 'the period "{period}" is wrong: {why}; write it as {forms}',
    periodMalformed: 'the period "{period}" is not written in a form this scheme takes: {forms}',
    periodWrongKind: 'the period "{period}" is not {kind}: this scheme is evaluated per {kind} period, written "{form}"',
    periodDidYouMean: '{problem}; did you mean "{suggest}"?',
    periodMissing: 'this scheme uses periodStart/periodEnd, so the evaluation needs a period, such as {form}; none was given',
    dateOutOfRange: '{code} is {date} moved by {duration}: outside the years 0001–9999',
    kind_annual: 'annual', kind_quarterly: 'quarterly', kind_monthly: 'monthly', kind_special: 'a special (from..to) period',
  },
  zh: {
    dateType: '日期（“YYYY-MM-DD”）',
    notADate: '应为按“YYYY-MM-DD”书写的实际存在的日期',
    badDate: '“{value}”不是日期（{why}）',
    periodNotText: '周期应为文本，如“{form}”，现为 {found}',
    periodFault: '周期“{period}”有误：{why}，应写作 {forms}',
    periodMalformed: '周期“{period}”不是本方案可用的写法，可用的写法：{forms}',
    periodWrongKind: '周期“{period}”不是{kind}周期：本方案按{kind}考核，周期应写作“{form}”',
    periodDidYouMean: '{problem}；是否指“{suggest}”？',
    periodMissing: '本方案用到了周期开始或周期结束，考核时须给出周期（如“{form}”），本次未给出',
    dateOutOfRange: '{code} 为 {date} 加减 {duration}，超出了 0001–9999 年的范围',
    kind_annual: '年度', kind_quarterly: '季度', kind_monthly: '月度', kind_special: '专项',
  },
});
