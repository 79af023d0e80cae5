// The words of catching up a past period (issue 16, U6 M-3): a 公示 entered late for a round whose
// period is over (publicity-late.ts), voiding a trial round (void.ts), and the way out of an import's
// 409 `result_exists` (server/subjects/import.ts). A catalog of its own (namespace `roundsLate`).

import { defineMessages } from '../../dsl/i18n/index.js';

export const L = defineMessages('roundsLate', {
  en: {
    untilPastOpen: 'the public notice end date {until} is in the past (today is {today}, China time); the period {period} ends {end}, so it is not over and the public notice has to run now',
    untilPastLate: 'the public notice end date {until} is in the past (today is {today}, China time). The period {period} is over: to record a public notice that was already held, send its first day `from` and a `reason` (who held it, where it was posted); it is recorded with your name and today\'s date',
    lateNeedsEvaluated: 'round `{id}` is {status}: a public notice already held can be recorded only for an evaluated round',
    fromInvalid: '`{from}` is not a valid first day of the public notice: {why}',
    fromAfterUntil: 'the public notice cannot start ({from}) after it ends ({until})',
    fromNotLate: '`from` and `reason` record a public notice already held (an end date in the past); for a public notice that starts now, send `until` only',
    reasonBlank: 'the reason must not be blank',
    textNotWellFormed: 'the text is not well-formed Unicode (a lone surrogate): it could not be stored as sent',
    voidState: 'round `{id}` is {status}: only a round that is open, evaluated or in public notice can be voided; a final round is corrected by an amendment',
    voidNeedsAllUnits: 'only an account covering every unit may void a round',
    voidInUse: 'round `{id}` cannot be voided: round {readers} read its results',
    roundVoided: 'round `{id}` was voided on {at} by {by}: {reason}',
    importWayOut: '{problem}. To import this period instead, void round `{round}` (POST /api/rounds/{roundId}/void with a reason: possible while it is open or evaluated); else complete it (public notice, finalize) and correct a result by an amendment',
  },
  zh: {
    untilPastOpen: '公示结束日期{until}已过（今天是{today}，北京时间）；考核期{period}到{end}才结束，公示须从现在开始',
    untilPastLate: '公示结束日期{until}已过（今天是{today}，北京时间）。考核期{period}已经结束：如需补录已经进行过的公示，请同时填写公示开始日期（`from`）和补录理由（`reason`，例如公示的组织者和张贴地点）；补录将记下您的姓名和今天的日期',
    lateNeedsEvaluated: '考核批次“{id}”{status}，只有已评定的批次才能补录已进行的公示',
    fromInvalid: '“{from}”不是有效的公示开始日期：{why}',
    fromAfterUntil: '公示开始日期（{from}）不能晚于结束日期（{until}）',
    fromNotLate: '公示开始日期（`from`）和补录理由（`reason`）用于补录已经进行过的公示（结束日期已过）；从现在开始的公示只需填写结束日期（`until`）',
    reasonBlank: '理由不能为空',
    textNotWellFormed: '文本不是有效的 “Unicode” 文本（含不成对的代理字符），无法按原样保存',
    voidState: '考核批次“{id}”{status}，只有未评定、已评定或公示中的批次才能作废；已定稿的批次请通过更正修改',
    voidNeedsAllUnits: '只有可处理全部单位的账号才能作废考核批次',
    voidInUse: '考核批次“{id}”不能作废：考核批次{readers}引用了它的结果',
    roundVoided: '考核批次“{id}”已于{at}由{by}作废，理由：{reason}',
    importWayOut: '{problem}。如需改为导入该考核期的结果，请先作废考核批次“{round}”（`POST /api/rounds/{roundId}/void` 并写明理由，仅限未评定或已评定的批次）；否则请完成该批次（公示、确定结果），再通过更正修改结果',
  },
});
