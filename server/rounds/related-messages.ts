// The words of a round about related subjects (issue 14 part 2, `results of SCHEME for FIELD`): what
// to do when a related subject (a person's 班子) has no final result of the round's period under
// `missing error` — one problem per related subject naming its people (evaluate-problems.ts) — the
// round's per-person problems by field path, and the refusal of a related field in an input part.
// A catalog of its own (namespace `roundsRelated`), rendered at the edge.

import { defineMessages, type Msg } from '../../dsl/i18n/index.js';
import type { PreparedFill } from '../../engine/api.js';

export const RR = defineMessages('roundsRelated', {
  en: {
    relatedMissingGroup: '{people} ({count}): `{field}`: {problem}; {hint}',
    pendingPublicity: 'round `{round}` of `{scheme}` is in public notice until {until}; evaluate again once it is final',
    pendingNotFinal: 'round `{round}` of `{scheme}` is {status} and not final yet; evaluate again once it is final',
    pendingNone: 'no round of `{scheme}` for {period} lists `{subject}`: evaluate it in a round of `{scheme}` and finalize that round (or import its result), then evaluate again',
    problemAt: '{subject}: `{path}`: {problem}',
    person: '{x}',
    filledGradeNotInEnum: '{subject}: `{path}`: the grade `{grade}` of `{scheme}` is not a member of enum `{enum}`; add it to `{enum}` and publish a new version of this scheme',
    fieldKey: '{field}.{key}',
    keyPeriod: 'period', keyScore: 'score', keyGrade: 'grade', keyImported: 'imported',
    filledRelated: 'input `{field}` is filled by the server from the results of `{scheme}`; it cannot be submitted or amended — correct the result of that `{subjectField}` in the round of `{scheme}` instead',
    filledRollup: 'input `{field}` is filled by the server from the results of `{scheme}`; it cannot be submitted or amended — correct the result in the `{scheme}` round it comes from instead',
    filledPast: 'input `{field}` is filled by the server from this scheme\'s results of earlier periods; it cannot be submitted or amended — correct the result in the round of that period instead',
  },
  zh: {
    relatedMissingGroup: '{people}（共 {count} 人）的“{field}”：{problem}；{hint}',
    pendingPublicity: '“{scheme}”批次“{round}”正在公示，至 {until} 结束，定稿后再评定',
    pendingNotFinal: '“{scheme}”批次“{round}”{status}，尚未定稿，定稿后再评定',
    pendingNone: '“{scheme}”在 {period} 没有列入“{subject}”的考核批次，请在“{scheme}”批次中评定该对象并定稿（或导入其结果）后再评定',
    problemAt: '“{subject}”的“{path}”：{problem}',
    person: '“{x}”',
    filledGradeNotInEnum: '“{subject}”的“{path}”：“{scheme}”的等次“{grade}”不在枚举“{enum}”中；请在枚举“{enum}”中补上该等次，再发布本方案的新版本',
    fieldKey: '{field}.{key}',
    keyPeriod: '考核期', keyScore: '得分', keyGrade: '考核等次', keyImported: '导入',
    filledRelated: '输入“{field}”由服务器根据“{scheme}”的结果填写，不能提交或更正；请更正“{scheme}”批次中该“{subjectField}”的结果',
    filledRollup: '输入“{field}”由服务器根据“{scheme}”的结果填写，不能提交或更正；请更正其所在“{scheme}”批次中的结果',
    filledPast: '输入“{field}”由服务器根据本方案以往考核期的结果填写，不能提交或更正；请更正该考核期批次中的结果',
  },
});

/** Why a filled field cannot be submitted or amended, and where its value is corrected instead. */
export function filledByServer(field: string, fill: PreparedFill): Msg {
  if (fill.form === 'related') return RR.filledRelated({ field, scheme: fill.scheme, subjectField: fill.subjectField ?? '' });
  return fill.form === 'past' ? RR.filledPast({ field }) : RR.filledRollup({ field, scheme: fill.scheme });
}
