// The words of appeals and amendments (复核, 申诉): the errors of POST /api/rounds/:id/amendments and
// the reasons in its list of who changed. A catalog of its own (namespace `amend`) so it does not
// collide with the rounds core's, whose shared words (round not found, not in the roster, unknown or
// server-filled field, another unit) it uses from messages.ts; rendered at the edge in the reader's
// locale. The words of quota lines crossed and actions gained or lost, shared with the what-if, are in
// simulate/standings-messages.ts.

import { defineMessages } from '../../dsl/i18n/index.js';

export const A = defineMessages('amend', {
  en: {
    revisionNotFound: 'round `{id}` has no revision {n}',
    notEvaluated: 'round `{id}` has not been evaluated yet; submit inputs and evaluate instead of amending',
    appealClosed: 'the appeal period of round `{id}` ended on {until} ({days} days after it was finalized)',
    invalid: 'the amendment has problems; nothing was stored',
    reasonRequired: 'an amendment needs a reason',
    reasonTooLong: 'the reason has {length} characters; at most {max} are allowed',
    absentMember: 'subject `{subject}` does not take part in round `{id}` (roster status absent): nothing of theirs is evaluated',
    nothingAmended: 'an amendment corrects `input`, a `decision`, or both',
    sameValue: '`{subject}` already has this value of `{field}` ({value}); an amendment must change something',
    sameDecision: '`{subject}` already has this decision; an amendment must change something',
    sameAsDefault: '`{subject}` has no submitted `{field}`: the scheme\'s default ({value}) is already its value; an amendment must change something',
    notOutOfDate: 'round `{id}` is up to date: none of the results it reads (rounds or imported results) was corrected after it read them, so a source refresh changes nothing',
    refreshAllUnits: 'a source refresh re-evaluates the people of every unit; your account covers only some units',
    refreshAlone: 'a source refresh (`refresh`) re-reads the sources for everyone; it takes no `subject`, `input` or `decision`',
    // why someone's result changed (diff.ts)
    whyAmended: 'the input or decision was amended',
    whyInputAmended: 'input amended: {changes}',
    whyDecisionAmended: 'decision amended',
    whyDecisionGrade: 'decision amended: grade set to `{grade}`',
    valueChange: '`{field}` {from} → {to}',
    notGiven: 'not given',
    noValue: 'none',
    whySource: 'the results it reads were corrected',
    whySourceWhat: 'the results it reads changed: {changes}',
    sourceGrade: '`{who}` {period} grade {from} → {to}',
    sourceScore: '`{who}` {period} score {from} → {to}',
    sourceAdded: '`{who}` {period} result added',
    sourceRemoved: '`{who}` {period} result withdrawn',
    republish: 'round `{id}` is in public notice and this amendment changed what it shows: restart the public notice (publicize it again with a new end date); its end date {until} was not changed',
  },
  zh: {
    revisionNotFound: '考核批次“{id}”没有第{n}次结果',
    notEvaluated: '考核批次“{id}”尚未评定，请提交输入后评定，而不是更正',
    appealClosed: '考核批次“{id}”的复核期已于{until}结束（定稿后{days}天）',
    invalid: '更正有错误，未保存任何内容',
    reasonRequired: '更正须填写理由',
    reasonTooLong: '理由有{length}个字符，最多{max}个',
    absentMember: '“{subject}”在考核批次“{id}”中为不参加，没有结果，无可更正',
    nothingAmended: '更正须包含更正后的输入、决定或两者',
    sameValue: '“{subject}”的“{field}”已是此值（{value}），更正须有所改变',
    sameDecision: '“{subject}”已是此决定，更正须有所改变',
    sameAsDefault: '“{subject}”未提交“{field}”，方案的默认值（{value}）已是其值，更正须有所改变',
    notOutOfDate: '考核批次“{id}”引用的结果（考核批次或导入的结果）在引用后未被更正，无须刷新引用结果',
    refreshAllUnits: '刷新引用结果会重新评定所有单位的人员，您的账户仅涵盖部分单位',
    refreshAlone: '刷新引用结果为所有人重新读取引用的结果，不能同时指定人员、输入或决定',
    whyAmended: '输入或决定已更正',
    whyInputAmended: '输入已更正：{changes}',
    whyDecisionAmended: '复核决定已更正',
    whyDecisionGrade: '复核决定已更正：等次定为“{grade}”',
    valueChange: '“{field}” {from} → {to}',
    notGiven: '未填写',
    noValue: '无',
    whySource: '引用的结果已更正',
    whySourceWhat: '引用的结果有变动：{changes}',
    sourceGrade: '“{who}” {period} 等次 {from} → {to}',
    sourceScore: '“{who}” {period} 得分 {from} → {to}',
    sourceAdded: '“{who}” {period} 新增结果',
    sourceRemoved: '“{who}” {period} 结果已撤除',
    republish: '考核批次“{id}”正在公示，本次更正改变了公示内容，请重新公示（重新发起公示并设定新的截止日期）；原公示截止日期{until}未自动更改',
  },
});
