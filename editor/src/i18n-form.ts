// The words of the try-it form's issue-12 controls (the evaluation period, values restricted to a
// scale, ballot panels) and of the batch panel's period, in Chinese and English: a dsl/i18n catalog,
// so its templates are checked like every other area's (same placeholders, no English in zh).

import { defineMessages, render, type MsgArgs } from '../../dsl/i18n/index.js';
import { lang } from './i18n.js';

const M = defineMessages('editor-form', {
  en: {
    period: 'Period',
    periodLabel: 'evaluation period',
    periodHint: 'as {form}',
    periodRequired: 'the scheme uses the period’s start or end: a period is required',
    periodWrong: '“{period}” is not a period of this scheme: write it as {form}',
    kind_annual: 'a year', kind_quarterly: 'a quarter', kind_monthly: 'a month', kind_special: 'a date range',
    oneOfHint: 'one of {values}',
    scaleHint: 'scale “{scale}”: {tiers}',
    tier: '{name} ({values})',
    ballot: 'ballot',
    ballotNo: 'No. {n}',
    addBallot: '+ ballot',
    removeBallot: 'remove this ballot',
    abstain: '—',
    abstainTitle: 'left blank: the rater does not rate this criterion',
    ballotsHint: 'one row per ballot; leave a criterion blank when the rater does not rate it',
    criterionWeight: '{name} {weight}',
    batchPeriodHint: 'one period for the whole roster',
    periodOf: 'Period {period}',
    addItem: '+ item',
    removeItem: 'remove this item',
  },
  zh: {
    period: '考核周期',
    periodLabel: '本次考核的周期',
    periodHint: '格式如 {form}',
    periodRequired: '方案用到了周期开始或周期结束，必须填写考核周期',
    periodWrong: '“{period}”不是本方案的考核周期，应写作 {form}',
    kind_annual: '年度', kind_quarterly: '季度', kind_monthly: '月度', kind_special: '起止日期',
    oneOfHint: '可选值：{values}',
    scaleHint: '量表“{scale}”：{tiers}',
    tier: '{name}（{values}）',
    ballot: '票',
    ballotNo: '第 {n} 票',
    addBallot: '＋ 添加一票',
    removeBallot: '删除这一票',
    abstain: '—',
    abstainTitle: '留空表示该测评人对此要素不评价（不了解）',
    ballotsHint: '每行一张票；测评人不了解的要素可留空',
    criterionWeight: '{name} {weight}',
    batchPeriodHint: '整份名册使用同一考核周期',
    periodOf: '考核周期 {period}',
    addItem: '＋ 添加一项',
    removeItem: '删除这一项',
  },
});

export type FormKey = keyof typeof M;

/** A text of this catalog in the UI language. */
export function tf(key: FormKey, args?: MsgArgs): string {
  return render(M[key](args), lang);
}
