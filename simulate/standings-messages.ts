// The words of a standing that moved between two results of one round (quota lines entered or left,
// whose score passed whom, actions gained or lost): shared by the appeals' list of who changed
// (server/rounds/diff.ts) and the what-if (simulate/). A catalog of its own (namespace `standings`),
// rendered at the edge in the reader's locale.

import { defineMessages } from '../dsl/i18n/index.js';
import type { MsgArg } from '../dsl/i18n/index.js';

const list = (x: MsgArg | undefined): string[] => (Array.isArray(x) ? x.map(String) : [String(x)]);
/** Each name in backquotes, joined (English). */
const names = (x: MsgArg | undefined) => list(x).map((n) => `\`${n}\``).join(', ');
const plural = (x: MsgArg | undefined, one: string, many = `${one}s`) => (list(x).length === 1 ? one : many);
/** Each person of `who` (ids) with their name from `names` (same order, '' when unknown) where one is
 * known: 刘斌（530…X） / 刘斌 (530…X) — an id alone says little in a quota reason (U6 L-5). */
const people = (raw: Readonly<Record<string, MsgArg>>, open: string, close: string): string[] => {
  const known = raw.names === undefined ? [] : list(raw.names);
  return list(raw.who).map((id, i) => (known[i] && known[i] !== id ? `${known[i]}${open}${id}${close}` : id));
};
const whoEn = (raw: Readonly<Record<string, MsgArg>>) => names(people(raw, ' (', ')'));
const whoZh = (raw: Readonly<Record<string, MsgArg>>) => people(raw, '（', '）').join('、');

export const S = defineMessages('standings', {
  en: {
    whyLeft: 'moved below the quota line of `{grade}` (rank {rank}, limit {limit}): demoted to `{to}`',
    whyBeyond: 'reaches `{grade}` but is beyond its quota (rank {rank}, limit {limit}): `{to}`',
    whyEntered: 'entered the quota of `{grade}`',
    causeCorrectedBelow: (a, raw) => `the corrected score of ${whoEn(raw)} dropped below theirs`,
    causeCorrectedAbove: (a, raw) => `the corrected score of ${whoEn(raw)} rose above theirs`,
    causeScoreBelow: (a, raw) => `the score of ${whoEn(raw)} dropped below theirs`,
    causeScoreAbove: (a, raw) => `the score of ${whoEn(raw)} rose above theirs`,
    causeLimitGrew: 'the quota grew from {from} to {to}',
    causeLimitShrank: 'the quota shrank from {from} to {to}',
    actionsGained: (a, raw) => `${plural(raw.actions, 'action')} ${names(raw.actions)} now ${plural(raw.actions, 'applies', 'apply')}`,
    actionsLost: (a, raw) => `${plural(raw.actions, 'action')} ${names(raw.actions)} no longer ${plural(raw.actions, 'applies', 'apply')}`,
    whyRank: "only the rank moved (others' results changed)",
    whyCohort: "the score depends on the cohort's results (a cohort aggregate), which changed",
  },
  zh: {
    whyLeft: '落到“{grade}”名额线以下（排名第 {rank}，名额 {limit}），降为“{to}”',
    whyBeyond: '达到“{grade}”条件但在名额以外（排名第 {rank}，名额 {limit}），定为“{to}”',
    whyEntered: '进入“{grade}”名额以内',
    causeCorrectedBelow: (a, raw) => `因“${whoZh(raw)}”更正后的得分降到其之下`,
    causeCorrectedAbove: (a, raw) => `因“${whoZh(raw)}”更正后的得分升到其之上`,
    causeScoreBelow: (a, raw) => `因“${whoZh(raw)}”的得分降到其之下`,
    causeScoreAbove: (a, raw) => `因“${whoZh(raw)}”的得分升到其之上`,
    causeLimitGrew: '因名额由{from}个增至{to}个',
    causeLimitShrank: '因名额由{from}个减至{to}个',
    actionsGained: '新增措施“{actions}”',
    actionsLost: '不再采取措施“{actions}”',
    whyRank: '仅排名变化（他人结果有变）',
    whyCohort: '得分取决于同组结果（组内统计值），该结果有变',
  },
});
