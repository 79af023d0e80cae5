// The words of appeals and amendments (复核, 申诉): the errors of POST /api/rounds/:id/amendments and
// the reasons in its list of who changed. A catalog of its own (namespace `amend`) so it does not
// collide with the rounds core's, whose shared words (round not found, not in the roster, unknown or
// server-filled field, another unit) it uses from messages.ts; rendered at the edge in the reader's
// locale.

import { defineMessages } from '../../dsl/i18n/index.js';
import type { MsgArg } from '../../dsl/i18n/index.js';

const list = (x: MsgArg | undefined): string[] => (Array.isArray(x) ? x.map(String) : [String(x)]);
/** Each name in backquotes, joined (English). */
const names = (x: MsgArg | undefined) => list(x).map((n) => `\`${n}\``).join(', ');
const plural = (x: MsgArg | undefined, one: string, many = `${one}s`) => (list(x).length === 1 ? one : many);

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
    notOutOfDate: 'round `{id}` is up to date: none of the results it reads was corrected after it read them, so a source refresh changes nothing',
    refreshAllUnits: 'a source refresh re-evaluates the people of every unit; your account covers only some units',
    refreshAlone: 'a source refresh (`refresh`) re-reads the sources for everyone; it takes no `subject`, `input` or `decision`',
    // why someone's result changed (diff.ts)
    whyAmended: 'their own input or decision was amended',
    whySource: 'the results it reads were corrected',
    whyLeft: 'moved below the quota line of `{grade}` (rank {rank}, limit {limit}): demoted to `{to}`',
    whyBeyond: 'reaches `{grade}` but is beyond its quota (rank {rank}, limit {limit}): `{to}`',
    whyEntered: 'entered the quota of `{grade}`',
    causeCorrectedBelow: (a, raw) => `the corrected score of ${names(raw.who)} dropped below theirs`,
    causeCorrectedAbove: (a, raw) => `the corrected score of ${names(raw.who)} rose above theirs`,
    causeScoreBelow: (a, raw) => `the score of ${names(raw.who)} dropped below theirs`,
    causeScoreAbove: (a, raw) => `the score of ${names(raw.who)} rose above theirs`,
    causeLimitGrew: 'the quota grew from {from} to {to}',
    causeLimitShrank: 'the quota shrank from {from} to {to}',
    actionsGained: (a, raw) => `${plural(raw.actions, 'action')} ${names(raw.actions)} now ${plural(raw.actions, 'applies', 'apply')}`,
    actionsLost: (a, raw) => `${plural(raw.actions, 'action')} ${names(raw.actions)} no longer ${plural(raw.actions, 'applies', 'apply')}`,
    whyRank: "only the rank moved (others' results changed)",
    whyCohort: "the score depends on the cohort's results (a cohort aggregate), which changed",
  },
  zh: {
    revisionNotFound: '考核批次“{id}”没有第{n}次结果',
    notEvaluated: '考核批次“{id}”尚未测评，请提交输入后测评，而不是更正',
    appealClosed: '考核批次“{id}”的复核期已于{until}结束（定稿后{days}天）',
    invalid: '更正有错误，未保存任何内容',
    reasonRequired: '更正须填写理由',
    reasonTooLong: '理由有{length}个字符，最多{max}个',
    absentMember: '“{subject}”在考核批次“{id}”中为不参加，其结果不参加测评，无可更正',
    nothingAmended: '更正须包含更正后的输入、决定或两者',
    sameValue: '“{subject}”的“{field}”已是此值（{value}），更正须有所改变',
    sameDecision: '“{subject}”已是此决定，更正须有所改变',
    notOutOfDate: '考核批次“{id}”引用的结果在引用后未被更正，无须刷新引用结果',
    refreshAllUnits: '刷新引用结果会重新测评所有单位的人员，您的账户仅涵盖部分单位',
    refreshAlone: '刷新引用结果为所有人重新读取引用的结果，不能同时指定人员、输入或决定',
    whyAmended: '本人的输入或决定已更正',
    whySource: '引用的结果已更正',
    whyLeft: '落到“{grade}”名额线以下（排名第{rank}，名额{limit}），降为“{to}”',
    whyBeyond: '达到“{grade}”条件但在名额以外（排名第{rank}，名额{limit}），定为“{to}”',
    whyEntered: '进入“{grade}”名额以内',
    causeCorrectedBelow: '因“{who}”更正后的得分降到其之下',
    causeCorrectedAbove: '因“{who}”更正后的得分升到其之上',
    causeScoreBelow: '因“{who}”的得分降到其之下',
    causeScoreAbove: '因“{who}”的得分升到其之上',
    causeLimitGrew: '因名额由{from}个增至{to}个',
    causeLimitShrank: '因名额由{from}个减至{to}个',
    actionsGained: '新增措施“{actions}”',
    actionsLost: '不再采取措施“{actions}”',
    whyRank: '仅排名变化（他人结果有变）',
    whyCohort: '得分取决于同组结果（组内统计值），该结果有变',
  },
});
