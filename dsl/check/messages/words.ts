// The parts of the checker's messages (catalog `check`, see ../messages.ts): type names, kind words,
// code and names, and the positions a type error names. They go into messages as arguments,
// so a type or a kind reads in the reader's locale.

import { catalogPart } from '../../i18n/index.js';

/** `a number`, `an enum 岗位`: English needs the article, Chinese none. */
const withArticle = (x: string) => `${/^[aeiou]/.test(x) ? 'an' : 'a'} ${x}`;

/** `one` when the count `n` is 1, else `many` (English). */
export const plural = (n: string, one: string, many: string) => (n === '1' ? one : many);

export const WORDS = catalogPart({
  en: {
    // ---- parts: types, kinds, code, lists
    tNumber: 'number', tInteger: 'integer', tBool: 'bool', tText: 'text', tEnum: 'enum {name}', tGrade: 'grade',
    tList: 'list of {element}', tRecord: 'record { {fields} }', tRatings: 'ratings of {panel}',
    tTable: 'table {name}', tPanel: 'panel {name}', tError: 'error',
    /** A type or kind with its article: `a number`, `an item`. */
    a: (a) => withArticle(a.x),
    kInput: 'input', kLet: 'let', kAdjust: 'adjust', kTable: 'table', kPanel: 'panel', kIndicator: 'indicator',
    kGroup: 'group', kNegative: 'negative list', kReward: 'reward list', kItem: 'item', kAction: 'action',
    kExample: 'example', kGrade: 'grade',
    kMemberOf: 'member of enum {enum}',
    /** Code or a keyword as the scheme spells it. */
    code: '`{text}`',
    /** A name in a list (`中, 差`): bare in English, quoted in Chinese. */
    nm: '{name}',
    assign: '{name}={value}',
    assignTest: '{test}={value}',
    whereEnum: 'enum {enum} (line {line})',
    whereGrades: 'grades (line {line})',
    wantGrade: 'a grade',
    wantMemberOf: 'a member of enum {enum}',

    // ---- positions a type error names (`{what} must be …`); {name} is filled in by expectType
    pLeft: "the left side of '{op}'", pRight: "the right side of '{op}'", pOperand: "the operand of '{op}'",
    pIfCond: 'the condition of if', pArgN: 'argument {n} of {name}', pArg: 'the argument of {name}',
    pWhere: 'a where filter', pWeight: 'a weight', pBody: 'the body of {name}', pBandScore: 'a band score',
    pElseScore: 'the else score', pLevelScore: 'a level score', pLinearSubject: 'the subject of linear',
    pLinearX: 'a linear x', pLinearScore: 'a linear score', pAmount: 'the amount of {effect}',
    pPer: 'a per expression', pEffectMax: 'the max of {effect}', pDefault: 'the default of {name}',
    pAdjust: 'adjust', pListMax: 'the max of {name}', pItemCond: 'the condition of {name}',
    pGradeCond: 'the condition of grade {name}', pBonus: 'the bonus of {name}',
    pActionCond: 'the condition of action {name}', pImproveBelow: 'the improve threshold',
    pImproveMax: 'the improve max', pExpect: 'an expect', pWhen: 'a when condition',
    pScore: 'the score of {name}', pRangeBound: 'a range bound', pBound: 'a bound',
    pListLength: 'a list length', pWeightOf: 'the weight of {name}', pPointsOf: 'the points of {name}',
    pSetting: '{kw}',
  },
  zh: {
    tNumber: '数值', tInteger: '整数', tBool: '布尔值', tText: '文本', tEnum: '枚举“{name}”', tGrade: '等次',
    tList: '{element}列表', tRecord: '记录 { {fields} }', tRatings: '测评组“{panel}”的评分',
    tTable: '对照表“{name}”', tPanel: '测评组“{name}”', tError: '错误',
    a: '{x}',
    kInput: '输入项', kLet: '定义', kAdjust: '调节', kTable: '对照表', kPanel: '测评组', kIndicator: '指标',
    kGroup: '类别', kNegative: '负面清单', kReward: '加分项', kItem: '事项', kAction: '措施',
    kExample: '示例', kGrade: '等次',
    kMemberOf: '枚举“{enum}”的成员',
    code: '“{text}”',
    nm: '“{name}”',
    assign: '{name}为{value}',
    assignTest: '“{test}”为{value}',
    whereEnum: '枚举“{enum}”（第 {line} 行）',
    whereGrades: '等次（第 {line} 行）',
    wantGrade: '等次',
    wantMemberOf: '枚举“{enum}”的成员',

    pLeft: '“{op}”的左边', pRight: '“{op}”的右边', pOperand: '“{op}”的操作数',
    pIfCond: '“如果”的条件', pArgN: '“{name}”的第 {n} 个参数', pArg: '“{name}”的参数',
    pWhere: '“满足”筛选条件', pWeight: '“加权”的权重', pBody: '“{name}”的主体表达式', pBandScore: '分段的分数',
    pElseScore: '“否则”的分数', pLevelScore: '等级的分数', pLinearSubject: '“线性”的计分对象',
    pLinearX: '线性计分点 => 左侧的值', pLinearScore: '线性计分点 => 右侧的分数', pAmount: '“{effect}”的数额',
    pPer: '“每”后面的表达式', pEffectMax: '“{effect}”的上限', pDefault: '“{name}”的默认值',
    pAdjust: '“调节”', pListMax: '“{name}”的上限', pItemCond: '“{name}”的条件',
    pGradeCond: '等次“{name}”的条件', pBonus: '“{name}”的奖金系数',
    pActionCond: '措施“{name}”的条件', pImproveBelow: '“改进 低于”的阈值',
    pImproveMax: '“改进”的上限', pExpect: '“预期”', pWhen: '“当”的条件',
    pScore: '“{name}”的得分', pRangeBound: '范围的边界', pBound: '约束的边界',
    pListLength: '列表长度', pWeightOf: '“{name}”的权重', pPointsOf: '“{name}”的分值',
    pSetting: '“{kw}”',
  },
});
