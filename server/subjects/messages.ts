// The words of finding things and of imports (issue 14 items 6–7), in English and Chinese: the 400s
// of the list queries (and of every list's `limit`, server/pagination.ts) and every problem of an import (one detail entry per row and field). Query and field names are code (` ` / “ ”); terms follow dsl/keywords.ts (方案, 等次,
// 考核期, 得分) and the rounds' own words (考核批次).

import { defineMessages } from '../../dsl/i18n/index.js';

export const F = defineMessages('find', {
  en: {
    versionNeedsScheme: '`version` needs `scheme`: it names a version of that scheme',
    // `limit` of every list (server/pagination.ts)
    limitForm: 'a number from 1 to {max}',
    limitAtMost: 'at most {max}',
    // POST /api/subjects/import
    invalidImport: (a) => `${a.count} ${a.count === '1' ? 'problem' : 'problems'} in the import; nothing was stored`,
    importTooLarge: 'the import has {rows} results; at most {max} are imported in one request — split it into several',
    periodWrongKind: 'period `{period}` is not of the form {form} that the scheme `{scheme}` uses',
    periodMalformed: '`{period}` is not a period of the form {form}',
    gradeUnknown: '`{grade}` is not a grade of `{scheme}` version {n}; its grades are {grades}',
    schemeHasNoGrades: 'the scheme `{scheme}` version {n} has no grades',
    scoreOutOfRange: 'the score {score} is outside 0 to {total}, the full score of `{scheme}`',
    scoreNotDecimal: 'the score `{score}` is not a plain decimal number; write it like `88` or `88.5`',
    gradeOrScore: 'a result needs a grade, a score, or both',
    scoreTooPrecise: (a) => `the score ${a.score} has more decimals than the precision of \`${a.scheme}\` (${a.precision} ${a.precision === '1' ? 'decimal' : 'decimals'}); give it as the reported score, rounded to that precision`,
    duplicateResult: 'subject `{subject}` has a result for {period} already, at {first}',
    unitNotYours: 'unit `{unit}` is not one of your units ({units})',
    unitRequired: 'a result needs the unit: you may import only for your units ({units})',
    personOfOtherUnit: 'subject `{subject}` is a person of a unit your account does not cover (on a round\'s roster or with a result in this organization); only an account covering that unit may import their results',
    personOfNoUnit: 'subject `{subject}` is known in this organization without a unit (on a round\'s roster or with a result); only an account covering every unit may import their results',
  },
  zh: {
    versionNeedsScheme: '“version”须与“scheme”同用：它是该方案的版本号',
    limitForm: '应为 1 到 {max} 之间的整数',
    limitAtMost: '不得大于 {max}',
    invalidImport: '导入数据有 {count} 处问题，未保存任何结果',
    importTooLarge: '导入数据有 {rows} 条结果，一次最多导入 {max} 条，请分批导入',
    periodWrongKind: '考核期“{period}”不符合方案“{scheme}”的考核期格式 {form}',
    periodMalformed: '“{period}”不是格式为 {form} 的考核期',
    gradeUnknown: '“{grade}”不是方案“{scheme}”第 {n} 版的等次，其等次为{grades}',
    schemeHasNoGrades: '方案“{scheme}”第 {n} 版没有等次',
    scoreOutOfRange: '得分 {score} 不在 0 到 {total}（方案“{scheme}”的满分）之间',
    scoreNotDecimal: '得分“{score}”不是普通的十进制数，应写作“88”或“88.5”这样的形式',
    gradeOrScore: '一条结果须有等次或得分，或两者都有',
    scoreTooPrecise: '得分 {score} 的小数位数超过方案“{scheme}”的精度（{precision} 位小数），请按该精度给出公示的得分',
    duplicateResult: '考核对象“{subject}”在 {period} 已有一条结果，见 {first}',
    unitNotYours: '单位“{unit}”不在您负责的单位（{units}）之中',
    unitRequired: '须写明单位：您只能导入所负责单位（{units}）的结果',
    personOfOtherUnit: '“{subject}”是您的账号无权处理的单位的人员（见本组织考核批次名单或已有结果），只有负责该单位的账号才能为其导入结果',
    personOfNoUnit: '“{subject}”在本组织中不属于任何单位（见考核批次名单或已有结果），只有可处理全部单位的账号才能为其导入结果',
  },
});
