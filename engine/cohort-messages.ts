// The engine's words about cohort aggregates (issue 13: `overall max(实绩原始分)`, `本组 名次(得分)`):
// KH-E040 (such a scheme evaluated for one subject alone) and the trace step of an aggregate's value.
// A catalog of its own (`engineCohort`), beside engine/messages.ts.

import { defineMessages } from '../dsl/i18n/index.js';

export const CM = defineMessages('engineCohort', {
  en: {
    alone: 'this scheme compares each subject with its cohort (line {line}: `{code}`): evaluate a cohort',
    step: '{code} = {value} (over {n})',
    rankStep: '{code} = {value} of {n}',
  },
  zh: {
    alone: '本方案要把每个考核对象与同批考核对象相比较（第 {line} 行：“{code}”），请整批考核',
    step: '{code} = {value}（共 {n} 个考核对象）',
    rankStep: '{code} = 第 {value} 名（共 {n} 个考核对象）',
  },
});
