// The words of a roster's committee decision columns (issue 13: 研究决定等次 / 研究决定排序 /
// 研究决定理由): what is wrong with such a cell or column. Kept apart from messages.ts (the cells' and
// headers' words) so the decision reader (decisions.ts) is one concern with its own words; same rules
// (dsl/i18n catalogs, checked for placeholders and English words in Chinese).

import { defineMessages } from '../dsl/i18n/index.js';

export const D = defineMessages('sheets-decision', {
  en: {
    badOrder: 'a decision’s order is a whole number from 1 (1 comes first), found “{found}”',
    noReason: 'a committee decision needs its reason: the decision’s grade or order is given but its reason is empty',
    reasonOnly: 'a reason without a decision: give the decided grade or order, or leave the reason empty',
    reasonTooLong: 'the reason is {n} characters long; at most {max}',
    notGrade: '“{found}” is not a grade of the scheme ({grades})',
    noReasonColumn: 'committee decisions need their reasons: add a column “{reason}” beside {columns}',
    notCommittee: 'the scheme’s grades are not decided by committee (no `by committee`): its rosters carry no decisions; delete the decision columns or add `by committee` after `grades`',
    // the template's notes
    noteGrade: 'the grade the committee decided (leave empty to grade by the score)',
    noteOrder: 'the committee’s order, from 1 (first): decides who keeps a quota grade when the scores do not',
    noteReason: 'why the committee decided so: required with a decided grade or order',
    typeGrade: 'one of {grades}',
    typeOrder: 'a whole number from 1',
    typeReason: 'text, at most {max} characters',
  },
  zh: {
    badOrder: '研究决定的排序应为从 1 起的整数（1 最靠前），实为 “{found}”',
    noReason: '集体研究决定须写明理由：已填研究决定的等次或排序，但理由为空',
    reasonOnly: '只有理由，没有研究决定：请填写研究决定的等次或排序，或清空理由',
    reasonTooLong: '理由有 {n} 个字，至多 {max} 个字',
    notGrade: '“{found}” 不是方案的等次（可选：{grades}）',
    noReasonColumn: '集体研究决定须写明理由：请在 {columns} 旁加一列 “{reason}”',
    notCommittee: '方案的等次不由集体研究确定（没有 “集体研究”），名册不能填写研究决定：请删除研究决定各列，或在方案的 “等次” 后加 “集体研究”',
    noteGrade: '集体研究决定的等次（不填则按评分评定）',
    noteOrder: '集体研究的排序，从 1 起（1 最靠前）：得分不能区分时，按此决定谁保留限额内的等次',
    noteReason: '集体研究决定的理由：填了决定等次或排序时必填',
    typeGrade: '{grades} 之一',
    typeOrder: '从 1 起的整数',
    typeReason: '文本，至多 {max} 个字',
  },
});
