// The words of the editor's cohort-rule controls (issue 13) in Chinese and English: try-it's committee
// decision field, try-it's refusal of a scheme that compares each person with the cohort (pointing to
// the batch), and the examples panel's cohort examples. A dsl/i18n catalog, so its templates are
// checked like every other area's (same placeholders, no English in zh).

import { defineMessages, render, type MsgArgs } from '../../dsl/i18n/index.js';
import { lang } from './i18n.js';

const M = defineMessages('editor-cohort', {
  en: {
    decisionTitle: 'Committee decision',
    decisionHint: 'The scheme’s grades are decided by committee: give this person a grade or an order, with the reason; leave it empty to grade by the score.',
    decisionGrade: 'Decided grade',
    decisionGradeNone: '— none —',
    decisionOrder: 'Order',
    decisionOrderHint: 'from 1 (first); decides who keeps a quota grade when the scores do not',
    decisionReason: 'Reason',
    decisionReasonHint: 'required with a decision, at most {max} characters',
    decisionNoReason: 'a committee decision needs its reason',
    decisionReasonOnly: 'a reason without a decision: choose a grade or give an order',
    decisionBadOrder: 'the order is a whole number from 1',
    decisionProblem: 'Committee decision',
    cohortOnlyTitle: 'This scheme compares each person with the others in the batch: it cannot be tried on one person alone',
    cohortOnlyWhere: 'line {line} uses {expr}',
    cohortOnlyHow: 'Evaluate a roster of several people under “{tab}”.',
    toBatch: 'Go to “{tab}”',
    cohortExample: (a) => `cohort example · ${a.n === '1' ? '1 person' : `${a.n} people`}`,
  },
  zh: {
    decisionTitle: '集体研究决定',
    decisionHint: '本方案的等次由集体研究确定：可为此人指定等次或排序，并写明理由；不填则按评分评定。',
    decisionGrade: '决定等次',
    decisionGradeNone: '— 不指定 —',
    decisionOrder: '排序',
    decisionOrderHint: '从 1 起，1 最靠前；得分不能区分时，按此决定谁保留限额内的等次',
    decisionReason: '理由',
    decisionReasonHint: '有决定时必填，至多 {max} 个字',
    decisionNoReason: '集体研究决定须写明理由',
    decisionReasonOnly: '只有理由，没有决定：请选择等次或填写排序',
    decisionBadOrder: '排序应为从 1 起的整数',
    decisionProblem: '集体研究决定',
    cohortOnlyTitle: '本方案要把每个人与同批人员比较，不能只对一个人试算',
    cohortOnlyWhere: '第 {line} 行用到了 {expr}',
    cohortOnlyHow: '请在“{tab}”中评定多人的名册。',
    toBatch: '转到“{tab}”',
    cohortExample: '本组示例 · {n} 人',
  },
});

export type CohortKey = keyof typeof M;

/** A text of this catalog in the UI language. */
export function tc(key: CohortKey, args?: MsgArgs): string {
  return render(M[key](args), lang);
}

/** A text whose arguments are elements (code), split around them as i18n-batch.ts's tbNodes does. */
export function tcNodes(key: CohortKey, args: Record<string, Node | string>): (Node | string)[] {
  const marked = Object.fromEntries(Object.keys(args).map((k) => [k, `\u0000${k}\u0000`]));
  return tc(key, marked).split('\u0000').map((part, i) => (i % 2 ? args[part] : part)).filter((x) => x !== '');
}
