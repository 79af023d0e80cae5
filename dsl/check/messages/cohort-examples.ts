// The checker's messages about cohort examples (issue 13: KH-C150 … KH-C157): several subjects in one
// example (`given A1 { … } decision { … }`), `A1.grade` in its expectations. A catalog of its own
// (`checkCohortExamples`), so the feature adds no lines to the shared parts.

import { defineMessages } from '../../i18n/index.js';

export const M = defineMessages('checkCohortExamples', {
  en: {
    single: 'example {example} gives one subject, but this scheme compares each subject with {whom} (line {line}: `{code}`): give every subject of a cohort as `given ID { … }`',
    // {whom} of `single`: the scope of the aggregate it points at (`cohort max(…)` / `overall max(…)`).
    withCohort: 'its cohort', withOverall: 'the whole batch',
    mixed: 'example {example} mixes `given { … }` with `given ID { … }`: a cohort example gives each subject with its id',
    unknownSubject: 'example {example} gives no subject {id}: its subjects are {ids}',
    unknownSubjectMeant: 'example {example} gives no subject {id}; did you mean {meant}?',
    duplicateSubject: 'example {example} gives subject {id} twice (first on line {line})',
    unknownValue: '{id}.{name}: a subject has no {name}; it has {names}',
    unknownValueMeant: '{id}.{name}: a subject has no {name}; did you mean {meant}?',
    needsId: "{name} is each subject's own: write whose, as in `{id}.{name}`",
    notAList: '{id}.{name} is not a list: `in` takes {id}.actions or {id}.items',
    decisionKey: 'the decision of {id}: {key} is not one of its fields (grade, order, reason)',
    inputNotResult: "{id}.{name}: {name} is an input; an expectation reads the subject's results (score, grade, indicators, rank, …)",
    decisionKeyTwice: 'the decision of {id} gives {key} twice',
    decisionGrade: 'the decision of {id}: {value} is not a grade of the scheme ({grades})',
    decisionOrder: 'the decision of {id}: the order must be a whole number from 1, not {value}',
    decisionOrderBig: 'the decision of {id}: the order must be at most {max}, not {value}',
    decisionGradeQuoted: 'the decision of {id}: a grade is written without quotes, as in `{key}: {grade}`',
    fixUnquoteGrade: 'write {grade} without quotes',
    decisionReason: 'the decision of {id} needs a reason, as text: `reason: "…"`',
    decisionReasonLong: 'the decision of {id}: the reason is {n} characters long; at most 1,000',
    decisionEmpty: 'the decision of {id} decides nothing: give a grade, an order or both',
    notCommittee: 'the decision of {id}: the grades of this scheme are not decided `by committee` (write `grades by committee`)',
  },
  zh: {
    single: '示例“{example}”只有一人，而本方案将每人与{whom}比较（第 {line} 行：“{code}”）：请用“已知 编号 { … }”逐一给出参与比较的各人员',
    withCohort: '本组其他人员', withOverall: '同批全体人员',
    mixed: '示例“{example}”混用了“已知 { … }”与“已知 编号 { … }”：多人示例须为每人写明编号',
    unknownSubject: '示例“{example}”中没有人员“{id}”：其人员为{ids}',
    unknownSubjectMeant: '示例“{example}”中没有人员“{id}”；是否想写“{meant}”？',
    duplicateSubject: '示例“{example}”两次给出人员“{id}”（首次在第 {line} 行）',
    unknownValue: '“{id}.{name}”：人员没有“{name}”；可用{names}',
    unknownValueMeant: '“{id}.{name}”：人员没有“{name}”；是否想写“{meant}”？',
    needsId: '“{name}”是每个人员各自的值：请写明是谁的，如“{id}.{name}”',
    notAList: '“{id}.{name}”不是列表：“属于”之后可写“{id}.采取措施”或“{id}.触发事项”',
    decisionKey: '“{id}”的研究决定：“{key}”不是其字段（等次、排序、理由）',
    inputNotResult: '“{id}.{name}”：“{name}”是输入项；预期读取的是人员的结果（总分、评定等次、指标、名次等）',
    decisionKeyTwice: '“{id}”的研究决定两次给出“{key}”',
    decisionGrade: '“{id}”的研究决定：“{value}”不是本方案的等次（{grades}）',
    decisionOrder: '“{id}”的研究决定：排序须为从 1 起的整数，而不是“{value}”',
    decisionOrderBig: '“{id}”的研究决定：排序至多为 {max}，而不是“{value}”',
    decisionGradeQuoted: '“{id}”的研究决定：等次不加引号，应写作“{key}: {grade}”',
    fixUnquoteGrade: '去掉“{grade}”的引号',
    decisionReason: '“{id}”的研究决定须写明理由（文本），如“理由: "…"”',
    decisionReasonLong: '“{id}”的研究决定：理由长 {n} 个字符，至多 1,000 个',
    decisionEmpty: '“{id}”的研究决定未作任何决定：请给出等次、排序或二者',
    notCommittee: '“{id}”的研究决定：本方案的等次并非集体研究决定（请写“等次 集体研究”）',
  },
});
