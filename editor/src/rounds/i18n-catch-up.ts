// The words of a round page's catch-up and reading aids (issue 16, U6 M-3, M-9, L-5, L-6): recording a
// 公示 already held, voiding a trial round, the results workbook, who approved, the change list's
// figures and its rank-only rows, the amend form's current value. A dsl/i18n catalog of its own
// (checked like every other: same placeholders, no English words in Chinese), in the UI language.

import { defineMessages, render, type MsgArgs } from '../../../dsl/i18n/index.js';
import { lang } from '../i18n.js';

const M = defineMessages('editor-rounds-catch-up', {
  en: {
    lateTitle: 'Public notice already held (record it late)',
    lateHint: 'The period {period} is over: if its public notice was held outside kaohe (on paper, on a notice board), enter its first and last day and why it is entered now. It is recorded as such, with your name and today’s date; the round can then be finalized at once.',
    lateFrom: 'First day',
    lateReason: 'Why entered late',
    lateReasonHint: 'e.g. posted on the department’s notice board from 8 to 15 April; entered in December',
    lateNeeded: 'Enter the first day (YYYY-MM-DD) and the reason, or leave both empty.',
    lateRecorded: 'Public notice {from} to {until}, recorded on {at} by {by}: {reason}',
    voidRound: 'Void round…',
    voidTitle: 'Void round “{name}”?',
    voidBody: 'Its roster, inputs, evaluations and results are deleted; a record stays (when, by whom, why). A round not yet final can be voided, in public notice too (a wrong end date: void it and make the round again). Its period can then be imported or evaluated again.',
    voidReason: 'Reason',
    voidReasonHint: 'e.g. a trial run; the results are imported instead',
    voidOk: 'Void the round',
    voidedOk: 'Round voided',
    whoToken: 'token “{name}”',
    whoSession: 'a browser sign-in without an account',
    rankOnly: '{n} more people whose rank alone moved (show)',
    currentValue: 'now: {value}',
    currentNone: 'now: not submitted',
  },
  zh: {
    lateTitle: '补录已进行的公示',
    lateHint: '考核期{period}已经结束：如其公示已在本系统之外进行（纸质、公示栏），请填写公示的开始和结束日期以及现在补录的理由。补录将如实记录，并记下您的姓名和今天的日期；之后即可确定结果。',
    lateFrom: '公示开始日期',
    lateReason: '补录理由',
    lateReasonHint: '例如：4月8日至15日已在单位公示栏公示，12月补录',
    lateNeeded: '请填写公示开始日期（YYYY-MM-DD）和补录理由，或两项都不填。',
    lateRecorded: '公示期{from}至{until}，于{at}由{by}补录，理由：{reason}',
    voidRound: '作废批次…',
    voidTitle: '作废考核批次“{name}”？',
    voidBody: '将删除其名册、输入、评定和结果，并保留作废记录（时间、操作人、理由）。尚未定稿的批次都可以作废，公示中的也可以（如公示结束日期写错，作废后重新建立批次）。作废后，该考核期可以导入结果或重新评定。',
    voidReason: '作废理由',
    voidReasonHint: '例如：试算批次，改为导入纸质结果',
    voidOk: '作废',
    voidedOk: '考核批次已作废',
    whoToken: '令牌“{name}”',
    whoSession: '未关联账号的浏览器登录',
    rankOnly: '另有 {n} 人仅排名变化（展开）',
    currentValue: '当前值：{value}',
    currentNone: '当前值：未提交',
  },
});

export type CatchUpKey = keyof typeof M;

/** A text of this catalog in the UI language. */
export function tc(key: CatchUpKey, args?: MsgArgs): string {
  return render(M[key](args), lang);
}
