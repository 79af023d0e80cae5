// The engine's words about committee decisions (issue 13, decision.ts): KH-E046/KH-E047 and the
// decision's line in a result's gradeReasons. A catalog of its own (`engineDecision`), beside
// engine/messages.ts. Grade names are shown as the scheme writes them (like `gradeBecause`).

import { defineMessages } from '../dsl/i18n/index.js';

export const DM = defineMessages('engineDecision', {
  en: {
    notObject: 'a decision must be an object with a grade and/or an order, and a reason',
    unknownKey: 'unknown field: a decision has grade, order and reason',
    gradeNotText: 'the grade must be text, one of {grades}',
    unknownGrade: '"{grade}" is not a grade of this scheme: one of {grades}',
    badOrder: 'the order must be a whole number from 1 (1 = first), found {found}',
    needsGradeOrOrder: 'a decision sets a grade, an order or both: neither is given',
    reasonMissing: 'a decision needs a reason (text)',
    reasonNotText: 'the reason must be text',
    reasonEmpty: 'the reason must not be empty',
    reasonTooLong: 'the reason has at most {max} characters, found {n}',
    notCommittee: 'this scheme does not take committee decisions: its grades are not `grades by committee`',
    // ---- in a result
    decided: 'decided by committee: {grade}: {reason}',
    decidedOrdered: 'decided by committee: {grade}, order {order}: {reason}',
    ordered: 'committee order {order}: {reason}',
    orderKey: 'committee order',
  },
  zh: {
    notObject: '研究决定必须是对象，含等次（“grade”）或排序（“order”），以及理由（“reason”）',
    unknownKey: '未知字段：研究决定只有等次（“grade”）、排序（“order”）和理由（“reason”）',
    gradeNotText: '等次必须是文本，为 {grades} 之一',
    unknownGrade: '“{grade}”不是本方案的等次，应为 {grades} 之一',
    badOrder: '排序必须是从 1 起的整数（1 为第一），现为 {found}',
    needsGradeOrOrder: '研究决定须给出等次或排序（或两者都给）',
    reasonMissing: '研究决定须写明理由（文本）',
    reasonNotText: '理由必须是文本',
    reasonEmpty: '理由不能为空',
    reasonTooLong: '理由最多 {max} 个字符，实有 {n} 个',
    notCommittee: '本方案不接受研究决定：等次未规定“集体研究”（“等次 集体研究”）',
    decided: '集体研究决定为{grade}：{reason}',
    decidedOrdered: '集体研究决定为{grade}，排序第 {order}：{reason}',
    ordered: '集体研究排序第 {order}：{reason}',
    orderKey: '集体研究排序',
  },
});
