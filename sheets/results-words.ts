// The words the results sheet adds for points and attached items (issue 12 fixes): the headers of an
// indicator's points, subtotal and attached items, and how an item's amount reads in a cell
// (`受到通报批评 扣 10`); and for cohort rules (issue 13, results-cohort.ts): ranks, the scope of a
// quota demotion, soft-quota flags and the quotas sheet. Kept apart from messages.ts, which another area edits; same rules.

import { defineMessages, type Msg } from '../dsl/i18n/index.js';

export const W = defineMessages('sheets-results', {
  en: {
    pointsHeader: '{name} (points)',
    subtotalHeader: '{name} (subtotal)',
    attachedHeader: '{name} (items)',
    rewardItemsHeader: 'reward items',
    deducts: '{item} −{amount}',
    adds: '{item} +{amount}',
    askedCut: '{text} (of {asked}, the list’s max)',
    forIndicator: '{text} (into “{name}”)',
    // ---- cohort rules (issue 13): ranks, quota scopes, soft quotas, committee decisions
    rankOverallHeader: 'overall rank',
    rankCohortHeader: 'rank in unit',
    demotionHeader: 'quota demotion',
    demotion: '{scope}: {from} → {to}',
    scopeCohort: 'unit quota',
    scopeOverall: 'overall quota',
    flagHeader: 'above the normal share',
    sheetQuotas: 'quotas',
    quotaScopeHeader: 'scope',
    quotaUnitHeader: 'unit',
    quotaGradeHeader: 'grade',
    quotaBaseHeader: 'counted',
    quotaLimitHeader: 'limit',
    quotaNormalHeader: 'normally at most',
    quotaAdmittedHeader: 'within the limit',
    quotaOverHeader: 'above the normal share',
    quotaFlagHeader: 'note',
    everyone: 'everyone',
  },
  zh: {
    pointsHeader: '{name}（折合分）',
    subtotalHeader: '{name}（小计）',
    attachedHeader: '{name}（计入的加扣分）',
    rewardItemsHeader: '加分事项',
    deducts: '{item} 扣 {amount}',
    adds: '{item} 加 {amount}',
    askedCut: '{text}（应计 {asked}，受清单上限所限）',
    forIndicator: '{text}（计入“{name}”）',
    rankOverallHeader: '总名次',
    rankCohortHeader: '组内名次',
    demotionHeader: '比例调整',
    demotion: '{scope}：{from} → {to}',
    scopeCohort: '本组比例',
    scopeOverall: '全体比例',
    flagHeader: '超通常比例',
    sheetQuotas: '比例限额',
    quotaScopeHeader: '范围',
    quotaUnitHeader: '分组',
    quotaGradeHeader: '等次',
    quotaBaseHeader: '计算基数',
    quotaLimitHeader: '限额',
    quotaNormalHeader: '通常不超过',
    quotaAdmittedHeader: '限额内人数',
    quotaOverHeader: '超通常比例人员',
    quotaFlagHeader: '说明',
    everyone: '全体',
  },
});

/** A quota's scope in words (本组比例 / 全体比例): the results sheet's and the editor's one spelling. */
export const scopeWords = (scope: 'cohort' | 'overall'): Msg => (scope === 'overall' ? W.scopeOverall() : W.scopeCohort());
