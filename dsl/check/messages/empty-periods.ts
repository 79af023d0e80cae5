// The checker's words for KH-C112 over a list of results of other periods (issue 14): `avg(季度结果.得分)`
// where 季度结果 is `results of … missing skip` or a `past …` input, which a person with no result in
// those periods leaves empty. `min 1` cannot be declared on such an input, so the advice is the guard,
// offered as a fix. A catalog of its own (`checkEmptyPeriods`), so the shared parts gain no lines.
// `{list}` is code, `{name}` the input's name, `{text}` the guarded expression as the fix writes it.

import { defineMessages } from '../../i18n/index.js';

export const EP = defineMessages('checkEmptyPeriods', {
  en: {
    maybeEmpty: '{fn}(…) has no value when {list} is empty, and {why}: guard the expression (`if count(…) > 0 then … else …`)',
    whySkip: 'input {name} is `missing skip`, which leaves out the periods without a result (a person may have none)',
    whyPast: 'input {name} holds only the earlier periods with a result (a person may have none)',
    fixGuard: 'guard it: `{text}`',
  },
  zh: {
    maybeEmpty: '当{list}为空时，“{fn}(…)”没有值，而{why}：请先判断（“如果 计数(…) > 0 则 … 否则 …”）',
    whySkip: '输入项“{name}”写明“缺失 跳过”，没有结果的考核期不在列表中（一个人可能一期也没有）',
    whyPast: '输入项“{name}”只含有结果的此前各期（一个人可能一期也没有）',
    fixGuard: '先判断：“{text}”',
  },
});
