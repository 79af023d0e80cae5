// The checker's warnings about a quota table keyed by a related subject's grade (issue 14 part 2,
// KH-C170): problems the evaluation would otherwise meet only at run time. `{grade}` the grade line,
// `{key}` the table's key, `{input}` the related input, `{scheme}` its source scheme, `{field}` the
// field after `for`. A catalog of its own (`checkRelatedQuota`), next to `checkRelated`.

import { defineMessages } from '../../i18n/index.js';

export const RQ = defineMessages('checkRelatedQuota', {
  en: {
    missingZero: 'the quota table of {grade} is keyed by {key}, the grade of input {input} (the result of {scheme} for {field}), whose missing policy is `missing zero`: when a related subject has no result its grade is empty, the share cannot be looked up and the evaluation fails (KH-E058); write `missing error` to stop at the missing result instead',
    notCohort: 'the quota table of {grade} is keyed by {key}, the grade of input {input} (the result of {scheme} for {field}), but {where}: subjects of different {field} whose results differ in grade would share one quota and the evaluation fails (KH-E043); {advice}',
    noCohort: 'the scheme has no `cohort by`',
    otherCohort: 'the cohorts are grouped by `{by}`, not by {field}',
    overall: 'the quota is over the whole evaluation (`overall`)',
    adviseCohort: 'group by {field} (`cohort by {field}`)',
    adviseOverall: 'drop `overall` and group by {field} (`cohort by {field}`)',
    fixError: 'Write `{text}`',
  },
  zh: {
    missingZero: '“{grade}”的比例表按“{key}”取值，即输入项“{input}”（“{field}”所指对象在“{scheme}”中的结果）的等次，而其缺失规则为“缺失 计零”：所指对象没有结果时等次为空，比例无从查找，评定将失败（KH-E058）；请改为“缺失 报错”，在结果缺失时即行提示',
    notCohort: '“{grade}”的比例表按“{key}”取值，即输入项“{input}”（“{field}”所指对象在“{scheme}”中的结果）的等次，但{where}：“{field}”不同、等次不同的对象会共用一个比例，评定将失败（KH-E043）；{advice}',
    noCohort: '本方案没有“分组”',
    otherCohort: '本方案按“{by}”分组，而不是按“{field}”',
    overall: '该比例按全体考核对象计算（“全体”）',
    adviseCohort: '请按“{field}”分组（“分组 {field}”）',
    adviseOverall: '请删去“全体”，并按“{field}”分组（“分组 {field}”）',
    fixError: '改为“{text}”',
  },
});
