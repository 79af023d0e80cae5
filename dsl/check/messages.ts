// The checker's messages (KH-C…, and the KH-P006 it reports), in English and Chinese: one builder
// per message, used by the passes as `ctx.sink.add('KH-C060', span, M.tooManyProblems({ more, limit }))`.
// Names from the scheme go in as they are; kind words, type names, keywords and the positions a type
// error names are messages of their own, so they render in the reader's locale. English wording is
// what the goldens (test/fixtures/broken/*.out) fix; Chinese follows the keywords of dsl/keywords.ts
// (输入项, 定义, 指标, 类别, 测评组, 对照表, 负面清单, 加分项, 事项, 等次, 示例) and quotes names and code
// with “ ” where English quotes them with ' ' or ` `.
//
// Catalogs: `check` (messages and their parts), `checkKw` (every keyword, from the keyword table, so
// `and` reads 且 in Chinese) — see KW below.

import { defineMessages, render, type Locale, type Msg, type MsgArg, type MsgArgs } from '../i18n/index.js';
import { KEYWORDS, type KeywordId } from '../keywords.js';
import type { Sym } from '../symbols.js';

/** `a number`, `an enum 岗位`: English needs the article, Chinese none. */
const withArticle = (x: string) => `${/^[aeiou]/.test(x) ? 'an' : 'a'} ${x}`;
const plural = (n: string, one: string, many: string) => (n === '1' ? one : many);

/** The parts of a weight or points sum message that depend on its combination (none: every subject)
 * and on how many more failing combinations there are. */
const EN = {
  at: (combination: string) => (combination ? `${combination}: ` : ''),
  every: (combination: string) => (combination ? '' : ' for every subject'),
  more: (n: string) => (n === '0' ? '' : ` (and ${n} more ${plural(n, 'combination', 'combinations')})`),
};
const ZH = {
  at: (combination: string) => (combination ? `${combination}时，` : '对所有考核对象，'),
  more: (n: string) => (n === '0' ? '' : `（另有 ${n} 种组合也不符合）`),
};

/** The parts of a list argument, each in `locale` — for joins other than the catalog's `, ` / `、`
 * (`a and b`, `a → b`). Flat, however long the list: a cycle of 10,000 lets is one message. */
function parts(a: Record<string, string>, raw: MsgArgs, key: string, locale: Locale): string[] {
  const list = raw[key];
  if (!Array.isArray(list)) return [a[key]];
  return (list as readonly MsgArg[]).map((x) => (typeof x === 'string' ? x : render(M.one({ x }), locale)));
}

export const M = defineMessages('check', {
  en: {
    // ---- limits
    tooManyProblems: (a) => `too many problems: ${a.more} more ${plural(a.more, 'is', 'are')} not shown; fix the first ${a.limit} and check again`,
    chainTooLong: 'dependency chain too long: {path} ({steps} steps) is {depth} deep counting the expressions along it, '
      + 'and the limit is {limit}; shorten it: fewer references in a row, or shallower expressions along it',
    whenNode: 'when {text}',

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
    /** One argument as it renders (a part of a list joined otherwise than with `, `). */
    one: '{x}',
    /** A name in a list (`中, 差`): bare in English, quoted in Chinese. */
    nm: '{name}',
    and: (a, raw) => parts(a, raw, 'items', 'en').join(' and '),
    arrow: (a, raw) => parts(a, raw, 'items', 'en').join(' → '),
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

    // ---- names and types (KH-C001 … KH-C009, KH-P006)
    typeMismatch: '{what} must be {want}, but this is {found}',
    cannotCompare: 'cannot compare {left} with {right}',
    enumNotOrdered: 'enum {name} is not ordered: its members can be compared only with == and != (declare it `ordered`)',
    orderNeedsNumbers: "'{op}' needs numbers or members of an ordered enum, not {type}",
    cannotCompareWith: "{type} cannot be compared with '{op}'",
    inMismatch: "'{op}' compares {left} with {right}",
    ifBranchesDiffer: 'the branches of if differ: {a} and {b}',
    unknownField: "unknown field '{name}'; the record has {fields}",
    noCategory: "panel {panel} has no category '{name}'; it has {categories}",
    noFields: '{type} has no fields',
    onlyTableIndexed: 'only a table can be looked up with [ ], not {type}',
    tableKeyType: 'table {name} is looked up by {key}, not {found}',
    objectLiteral: "an object literal can appear only in an example's given",
    listLiteral: "a list literal can appear only in an example's given",
    panelNotValue: "'{name}' is a panel, not a value; rate an input of type `ratings of {name}`",
    notAValue: "'{name}' is {kind}, not a value",
    gluedKeyword: "'{name}' is not a name: the keyword '{kw}' is glued to '{rest}'; put a space between them",
    fixInsertSpace: "Insert a space after '{kw}'",
    exampleUnknownName: "the example expects the unknown name '{name}'",
    unknownName: "unknown name '{name}'",
    resultInRule: "'{name}' depends on the negative lists and rewards, so an item cannot refer to it (a cycle)",
    resultOutside: "the result name '{name}' can be used only in grades, outcomes, tiebreak keys and examples",
    notMemberOf: "'{name}' is not {want}; it is declared in {where}",
    ambiguousMember: "'{name}' is ambiguous: it is a member of {where}; compare it with a value of the intended type",
    arity: '{name} takes {want}, not {n}',
    arListOrTwo: 'a list of numbers or at least two numbers', arOneNumberList: 'one list of numbers',
    arOneList: 'one list', arClamp: 'three arguments (x, lo, hi)', arOneNumber: 'one number',
    arRound: 'a number and optionally the decimals',
    needsList: '{name} needs a list, not {type}',
    needsBinder: '{name} needs a binder: {name}(x in LIST : condition)',
    notAFunction: "'{name}' is not a function",
    unknownFunction: "unknown function '{name}'",
    overList: '{name} goes over a list, not {type}',
    weightedOnlyAvg: "'weighted by' applies only to avg, not {name}",
    noBody: '{name} takes a where filter, not a body',
    needsBody: '{name} needs a body: {name}({binder} in … : expression)',
    unknownMember: "unknown member '{name}' of enum {enum}",
    bandsNeedNumber: 'bands needs a number, not {type}',
    bandThreshold: 'a band threshold must be {want}, not {found}',
    levelsNeedEnum: 'levels needs an enum value, not {type}',
    rateNeedsRatings: 'rate needs an input of type `ratings of PANEL`, not {type}',
    panelAsType: "'{name}' is a panel; write `ratings of {name}`",
    unknownType: "unknown type '{name}' (not an enum)",
    unknownPanel: "unknown panel '{name}'",
    tableKeyNoEnum: "table {table}: '{name}' is not a member of any enum",
    tableKeyOtherEnum: "table {table} maps enum {enum} (line {line}); '{name}' is declared in {where}",
    unknownGrade: "unknown grade '{name}'",
    misplacedEffect: '{effect} belongs in a {list}, not in {name}',
    cohortByType: 'cohort by needs a text, number, bool or enum value, not {type}',
    tiebreakType: 'a tiebreak key must be a number or an ordered enum, not {type}',
    reserved: "'{name}' is a reserved word (a keyword, built-in function or result name) and cannot be declared",

    // ---- repeated names (KH-C002)
    declaredTwice: "'{name}' is declared twice: as {first} at line {line} and as {second} here",
    givenTwice: "{what} '{name}' is given twice (first at line {line})",
    enumTwice: "enum '{name}' is declared twice (first at line {line})",
    blockTwice: '{block} is given twice (first at line {line})',
    settingBlock: 'setting {kw}',
    wField: 'field', wCategoryOf: 'category of panel {panel}', wKeyOf: 'key of table {table}',
    wGivenField: 'given field', wBonusGrade: 'bonus grade', wLevel: 'level',

    // ---- weights and points (KH-C010 … KH-C014)
    sTop: 'the top level', sGroup: '{name}', sPoints: "the applicable indicators' points",
    sPointsUnder: 'the points under {name}',
    weightSum: (a) => `${EN.at(a.combination)}${a.subject} sums to ${a.sum}${EN.every(a.combination)}, not ${a.want}${EN.more(a.more)}`,
    pointsSum: (a) => `${EN.at(a.combination)}${a.subject} sum to ${a.sum}${EN.every(a.combination)}, not ${a.want}${EN.more(a.more)}`,
    weightInexhaustive: 'the weight check of {subject} is not exhaustive: {reason}',
    weightInexhaustiveEg: 'the weight check of {subject} is not exhaustive: {reason}; reading it as a free yes/no, {combination}: {subject} sums to {sum}',
    pointsInexhaustive: 'the points check of {subject} is not exhaustive: {reason}',
    pointsInexhaustiveEg: 'the points check of {subject} is not exhaustive: {reason}; reading it as a free yes/no, {combination}: {subject} sum to {sum}',
    tooManyCombinations: 'too many combinations of {vars}',
    notEnumTests: (a) => `${a.tests} ${a.n === '1' ? 'is' : 'are'} not a test of enum or bool inputs`,
    siblingsHavePoints: '{name} has a weight, but its siblings have points; points and weights do not mix',
    schemeUsesPoints: '{name} has a weight, but the scheme uses points ({first}); points and weights do not mix',
    noPoints: 'indicator {name} has no points',
    noWeight: '{kind} {name} has no weight',
    percentForgotten: '`{text}` as a weight is {percent}: without `%` a weight is a fraction (1 = 100%); did you mean `{text}%`?',
    fixAddPercent: 'Add `%`: `{text}%`',

    // ---- settings, panels, forms and tables (KH-C020 … KH-C029)
    notConstant: '{what} must be a constant number',
    listLengthWhole: 'a list length must be a whole number >= 0, not {value}',
    minAboveMax: '{owner}: min length {min} is greater than max {max}',
    constraintOnlyNumbers: '{owner}: a constraint applies only to number or integer, not to {type}',
    rangeEmpty: '{owner}: the range [{lo}, {hi}] is empty',
    defaultBreaks: 'the default {value} of {owner} breaks its constraint {constraint}',
    precisionRange: 'precision must be a whole number from 0 to 12, not {value}',
    totalPositive: 'total must be positive, not {value}',
    sharePositive: 'the {kind} of {name} must be positive',
    indicatorRangeEmpty: 'the range of {name} is empty: {lo} is not below {hi}',
    categoryMin: 'the min of category {name} must be a whole number',
    noCategories: 'panel {name} has no categories',
    categorySum: 'the category weights of panel {name} sum to {sum}, not 100%',
    trimWhole: 'trim must drop a whole number (at least 1) of ratings from each end',
    trimNeeds: 'trimming {n} from each end needs at least {need} ratings, not {have}',
    levelsGap: 'levels does not cover {gap} of enum {enum}; add them or an else',
    tableGap: 'table {name} does not cover {gap} of enum {enum}',
    bonusGap: (a, raw) => `bonus by grade does not cover the grade${(raw.gap as readonly unknown[]).length > 1 ? 's' : ''} ${a.gap}`,
    bandsMixed: 'bands mix > / >= with < / <= comparisons, so their order cannot be checked; a later band may never match',
    bandNeverDown: 'band `{band}` can never match: thresholds of > bands must decrease (the band before is `{prev}`)',
    bandNeverUp: 'band `{band}` can never match: thresholds of < bands must increase (the band before is `{prev}`)',
    linearTwoPoints: 'linear needs at least two points',
    linearXConstant: 'a linear x must be a constant number',
    linearXIncrease: 'linear x must increase: {x} follows {prev}',
    needOtherwise: 'the grades need a final `otherwise` grade so every subject gets one',
    needOtherwiseAfter: 'the grades need a final `otherwise` grade so every subject gets one ({name} has a condition)',
    otherwiseNotLast: '`otherwise` must be the last grade, but {name} is followed by {next}',
    quotaRange: 'a quota must be more than 0% and at most 100%',
    quotaPercent: 'a quota is a percentage such as 20%',
    quotaMin: 'a quota min is a whole number of people',
    quotaLast: 'the last grade {name} cannot have a quota: there is no grade below to demote to',

    // ---- cycles, hazards, unused, unreachable (KH-C030 … KH-C044)
    cycle: 'cyclic reference: {path}',
    divisionByZero: 'possible division by zero: `{expr}` can be 0 (its range is {range}); guard it, e.g. `if {expr} == 0 then … else …`',
    unusedInput: 'input {name} is declared but never used',
    unusedPanel: 'panel {name} is declared but no input is rated by it',
    unusedTable: 'table {name} is declared but never used',
    neverApplies: 'indicator {name} can never apply: its conditions {conditions} cannot all hold',
    mayNotApply: '{kind} {name} applies only when {conditions}, but {why}',
    whyNoGuard: 'it is referred to here without that guard',
    whyExample: 'the subject of example {name} is not one of them',

    // ---- examples (KH-C050 … KH-C052)
    inExample: 'example {name}: {problem}',
    theInput: 'the input', theRecord: 'the record {path}',
    noField: "{what} has no field '{name}'",
    noFieldAt: "{what} has no field '{name}' (at {path})",
    requiredMissing: 'the required field {path} is not given',
    shouldBe: '{path} should be {want}, not {found}',
    notWhole: '{value} (not a whole number)',
    outside: '{path} is {value}, outside {constraint}',
    givenNotMember: "{path}: '{name}' is not a member of enum {enum}",
    listLength: (a) => `${a.path} has ${a.n} ${plural(a.n, 'item', 'items')}; the contract asks for ${a.bounds}`,
    atLeast: 'at least {min}', atMost: 'at most {max}', atLeastAtMost: 'at least {min} and at most {max}',
    noCategoryAt: "panel {panel} has no category '{name}' (at {path})",
    ratingsList: '{path} should be a list of ratings, not {found}',
    ratingRange: '{path} should be a rating from 0 to 100, not {found}',
    dNumber: 'the number {text}', dText: 'the text "{value}"', dBool: '{value}', dName: "'{name}'",
    dList: 'a list', dObject: 'an object', dNegative: 'a number', dExpr: 'an expression',
  },
  zh: {
    tooManyProblems: '问题过多：另有 {more} 个未列出；请先改正前 {limit} 个后再检查',
    chainTooLong: '依赖链过长：{path}（共 {steps} 步）计入沿途的表达式后深度为 {depth}，上限为 {limit}；请缩短它：减少连续的引用，或简化沿途的表达式',
    whenNode: '当 {text}',

    tNumber: '数值', tInteger: '整数', tBool: '布尔值', tText: '文本', tEnum: '枚举“{name}”', tGrade: '等次',
    tList: '{element}列表', tRecord: '记录 { {fields} }', tRatings: '测评组“{panel}”的评分',
    tTable: '对照表“{name}”', tPanel: '测评组“{name}”', tError: '错误',
    a: '{x}',
    kInput: '输入项', kLet: '定义', kAdjust: '调节', kTable: '对照表', kPanel: '测评组', kIndicator: '指标',
    kGroup: '类别', kNegative: '负面清单', kReward: '加分项', kItem: '事项', kAction: '措施',
    kExample: '示例', kGrade: '等次',
    kMemberOf: '枚举“{enum}”的成员',
    code: '“{text}”',
    one: '{x}',
    nm: '“{name}”',
    and: (a, raw) => {
      const p = parts(a, raw, 'items', 'zh');
      return p.length < 2 ? p.join('') : `${p.slice(0, -1).join('、')}和${p[p.length - 1]}`;
    },
    arrow: (a, raw) => parts(a, raw, 'items', 'zh').join(' → '),
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

    typeMismatch: '{what}应为{want}，但这里是{found}',
    cannotCompare: '不能比较{left}与{right}',
    enumNotOrdered: '枚举“{name}”不是有序枚举：其成员只能用 == 和 != 比较（可将它声明为“有序”）',
    orderNeedsNumbers: '“{op}”只能比较数值或有序枚举的成员，不能比较{type}',
    cannotCompareWith: '{type}不能用“{op}”比较',
    inMismatch: '“{op}”两边的类型不同：{left}与{right}',
    ifBranchesDiffer: '“如果”的两个分支类型不同：{a}与{b}',
    unknownField: '未定义的字段“{name}”；该记录只有字段{fields}',
    noCategory: '测评组“{panel}”没有测评类别“{name}”；它只有测评类别{categories}',
    noFields: '{type}没有字段',
    onlyTableIndexed: '只有对照表可以用 [ ] 查值，{type}不可以',
    tableKeyType: '对照表“{name}”应按{key}查值，而不是{found}',
    objectLiteral: '对象字面量只能出现在示例的“已知”中',
    listLiteral: '列表字面量只能出现在示例的“已知”中',
    panelNotValue: '“{name}”是测评组，不是值；请对类型为“评分 {name}”的输入项使用“测评”',
    notAValue: '“{name}”是{kind}，不是值',
    gluedKeyword: '“{name}”不是名称：关键字“{kw}”与“{rest}”连在了一起，请在两者之间加一个空格',
    fixInsertSpace: '在“{kw}”后插入空格',
    exampleUnknownName: '示例预期了未定义的名称“{name}”',
    unknownName: '未定义的名称“{name}”',
    resultInRule: '“{name}”取决于负面清单和加分项，事项不能引用它（否则形成循环）',
    resultOutside: '结果名称“{name}”只能用于等次、结果运用、并列排序依据和示例',
    notMemberOf: '“{name}”不是{want}；它声明于{where}',
    ambiguousMember: '“{name}”有歧义：它同时是{where}的成员；请将它与目标类型的值比较',
    arity: '“{name}”需要{want}，这里却有 {n} 个参数',
    arListOrTwo: '一个数值列表或至少两个数值', arOneNumberList: '一个数值列表',
    arOneList: '一个列表', arClamp: '三个参数（值、下限、上限）', arOneNumber: '一个数值',
    arRound: '一个数值，以及可选的小数位数',
    needsList: '“{name}”需要一个列表，而不是{type}',
    needsBinder: '“{name}”需要绑定变量：“{name}(项 属于 列表 : 条件)”',
    notAFunction: '“{name}”不是函数',
    unknownFunction: '未定义的函数“{name}”',
    overList: '“{name}”只能遍历列表，不能遍历{type}',
    weightedOnlyAvg: '“加权”只能用于“平均”，不能用于“{name}”',
    noBody: '“{name}”只能带“满足”筛选条件，不能带主体表达式',
    needsBody: '“{name}”需要主体表达式：“{name}({binder} 属于 … : 表达式)”',
    unknownMember: '枚举“{enum}”没有成员“{name}”',
    bandsNeedNumber: '“分段”需要数值，而不是{type}',
    bandThreshold: '分段的分数线应为{want}，而不是{found}',
    levelsNeedEnum: '“等级”需要枚举值，而不是{type}',
    rateNeedsRatings: '“测评”需要类型为“评分 测评组”的输入项，而不是{type}',
    panelAsType: '“{name}”是测评组；请写作“评分 {name}”',
    unknownType: '未定义的类型“{name}”（不是枚举）',
    unknownPanel: '未定义的测评组“{name}”',
    tableKeyNoEnum: '对照表“{table}”：“{name}”不是任何枚举的成员',
    tableKeyOtherEnum: '对照表“{table}”对应枚举“{enum}”（第 {line} 行）；“{name}”声明于{where}',
    unknownGrade: '未定义的等次“{name}”',
    misplacedEffect: '“{effect}”应写在{list}中，不能写在“{name}”中',
    cohortByType: '“分组”需要文本、数值、布尔值或枚举值，而不是{type}',
    tiebreakType: '并列排序依据必须是数值或有序枚举，而不是{type}',
    reserved: '“{name}”是保留字（关键字、内置函数或结果名称），不能用作名称',

    declaredTwice: '“{name}”重复声明：第 {line} 行已声明为{first}，此处又声明为{second}',
    givenTwice: '{what}“{name}”重复出现（第 {line} 行已有）',
    enumTwice: '枚举“{name}”重复声明（第 {line} 行已声明）',
    blockTwice: '{block}重复出现（第 {line} 行已有）',
    settingBlock: '设置项{kw}',
    wField: '字段', wCategoryOf: '测评组“{panel}”的测评类别', wKeyOf: '对照表“{table}”的键',
    wGivenField: '“已知”中的字段', wBonusGrade: '奖金系数中的等次', wLevel: '等级',

    sTop: '顶层', sGroup: '“{name}”下', sPoints: '适用指标', sPointsUnder: '“{name}”下适用指标',
    weightSum: (a) => `${ZH.at(a.combination)}${a.subject}各项权重之和为 ${a.sum}，应为 ${a.want}${ZH.more(a.more)}`,
    pointsSum: (a) => `${ZH.at(a.combination)}${a.subject}的分值之和为 ${a.sum}，应为 ${a.want}${ZH.more(a.more)}`,
    weightInexhaustive: '{subject}的权重检查未能覆盖所有情形：{reason}',
    weightInexhaustiveEg: '{subject}的权重检查未能覆盖所有情形：{reason}；若把它们看作可任意取是或否的条件，{combination}时{subject}各项权重之和为 {sum}',
    pointsInexhaustive: '{subject}的分值检查未能覆盖所有情形：{reason}',
    pointsInexhaustiveEg: '{subject}的分值检查未能覆盖所有情形：{reason}；若把它们看作可任意取是或否的条件，{combination}时{subject}的分值之和为 {sum}',
    tooManyCombinations: '{vars}的取值组合太多',
    notEnumTests: '{tests}不是对枚举或布尔输入项的判断',
    siblingsHavePoints: '“{name}”设置了权重，但同级指标使用分值；分值和权重不能混用',
    schemeUsesPoints: '“{name}”设置了权重，但本方案使用分值（如“{first}”）；分值和权重不能混用',
    noPoints: '指标“{name}”没有分值',
    noWeight: '{kind}“{name}”没有权重',
    percentForgotten: '权重“{text}”即 {percent}：不带 % 的权重是小数（1 = 100%）；是否想写“{text}%”？',
    fixAddPercent: '加上 %：“{text}%”',

    notConstant: '{what}必须是常数',
    listLengthWhole: '列表长度必须是不小于 0 的整数，而不是 {value}',
    minAboveMax: '“{owner}”：最小长度 {min} 大于最大长度 {max}',
    constraintOnlyNumbers: '“{owner}”：只有数值或整数可以带约束，{type}不可以',
    rangeEmpty: '“{owner}”：范围 [{lo}, {hi}] 为空',
    defaultBreaks: '“{owner}”的默认值 {value} 不满足其约束“{constraint}”',
    precisionRange: '精度必须是 0 到 12 之间的整数，而不是 {value}',
    totalPositive: '满分必须大于 0，而不是 {value}',
    sharePositive: '“{name}”的{kind}必须大于 0',
    indicatorRangeEmpty: '“{name}”的范围为空：{lo} 不小于 {hi}',
    categoryMin: '测评类别“{name}”的“至少”人数必须是整数',
    noCategories: '测评组“{name}”没有测评类别',
    categorySum: '测评组“{name}”的测评类别权重之和为 {sum}，应为 100%',
    trimWhole: '“去掉”的个数必须是至少为 1 的整数（两端各去掉这么多个评分）',
    trimNeeds: '两端各去掉 {n} 个评分，至少需要 {need} 个评分，而不是 {have} 个',
    levelsGap: '“等级”未覆盖枚举“{enum}”的成员{gap}；请补上它们或加上“否则”',
    tableGap: '对照表“{name}”未覆盖枚举“{enum}”的成员{gap}',
    bonusGap: '奖金系数未覆盖等次{gap}',
    bandsMixed: '分段混用了 > / >= 与 < / <= 比较，无法检查其顺序；后面的分段可能永远不会匹配',
    bandNeverDown: '分段“{band}”永远不会匹配：> 分段的分数线必须递减（前一个分段是“{prev}”）',
    bandNeverUp: '分段“{band}”永远不会匹配：< 分段的分数线必须递增（前一个分段是“{prev}”）',
    linearTwoPoints: '“线性”至少需要两个点',
    linearXConstant: '线性计分点 => 左侧的值必须是常数',
    linearXIncrease: '线性计分点 => 左侧的值必须递增：{x} 排在 {prev} 之后',
    needOtherwise: '等次最后需要一个“其他”等次，使每个考核对象都有等次',
    needOtherwiseAfter: '等次最后需要一个“其他”等次，使每个考核对象都有等次（“{name}”带有条件）',
    otherwiseNotLast: '“其他”必须是最后一个等次，但“{name}”后面还有“{next}”',
    quotaRange: '比例必须大于 0% 且不超过 100%',
    quotaPercent: '比例应写成百分数，如 20%',
    quotaMin: '比例的“至少”人数必须是整数',
    quotaLast: '最后一个等次“{name}”不能设比例：没有更低的等次可以降入',

    cycle: '循环引用：{path}',
    divisionByZero: '可能除以零：“{expr}”可能为 0（其范围是 {range}）；请加判断，例如“如果 {expr} == 0 则 … 否则 …”',
    unusedInput: '输入项“{name}”已声明但从未使用',
    unusedPanel: '测评组“{name}”已声明，但没有输入项使用它评分',
    unusedTable: '对照表“{name}”已声明但从未使用',
    neverApplies: '指标“{name}”永远不会适用：其条件{conditions}不可能同时成立',
    mayNotApply: '{kind}“{name}”仅在{conditions}时适用，但{why}',
    whyNoGuard: '此处引用它时没有相应的判断',
    whyExample: '示例“{name}”的考核对象不满足这些条件',

    inExample: '示例“{name}”：{problem}',
    theInput: '输入', theRecord: '记录“{path}”',
    noField: '{what}没有字段“{name}”',
    noFieldAt: '{what}没有字段“{name}”（位于 {path}）',
    requiredMissing: '未给出必填字段“{path}”',
    shouldBe: '“{path}”应为{want}，而不是{found}',
    notWhole: '小数 {value}',
    outside: '“{path}”为 {value}，不满足“{constraint}”',
    givenNotMember: '“{path}”的值“{name}”不是枚举“{enum}”的成员',
    listLength: '“{path}”有 {n} 项；输入约定要求{bounds}',
    atLeast: '至少 {min} 项', atMost: '至多 {max} 项', atLeastAtMost: '至少 {min} 项、至多 {max} 项',
    noCategoryAt: '测评组“{panel}”没有测评类别“{name}”（位于 {path}）',
    ratingsList: '“{path}”应为评分列表，而不是{found}',
    ratingRange: '“{path}”应为 0 到 100 之间的评分，而不是{found}',
    dNumber: '数值 {text}', dText: '文本“{value}”', dBool: '“{value}”', dName: '“{name}”',
    dList: '列表', dObject: '对象', dNegative: '数值', dExpr: '表达式',
  },
});

/** Every keyword as a message: `KW.and()` reads `and` in English and 且 in Chinese. */
export const KW = defineMessages('checkKw', {
  en: Object.fromEntries(KEYWORDS.map(([id, en]) => [id, en])) as Record<KeywordId, string>,
  zh: Object.fromEntries(KEYWORDS.map(([id, , zh]) => [id, zh])) as Record<KeywordId, string>,
});

/** `a`, `a and b`, `a and b and c` (Chinese: `甲`、`乙和丙`). */
export const andList = (items: readonly MsgArg[]): Msg => M.and({ items });

/** `a → b → c`. */
export const arrowPath = (items: readonly MsgArg[]): Msg => M.arrow({ items });

/** A position message (`the score of {name}`) with its name filled in; as it is without one. */
export function named(what: Msg, name: string | undefined): Msg {
  return name === undefined ? what : { id: what.id, args: { ...what.args, name } };
}

/** Names for a list in a message: `中, 差` / “中”、“差”. */
export const names = (list: readonly string[]): Msg[] => list.map((name) => M.nm({ name }));

/** Code as the scheme has it (an expression, a constraint, a keyword as written). */
export const code = (text: string): Msg => M.code({ text });

/** What a declared name is, in words: `indicator` / 指标, `member of enum 岗位` / 枚举“岗位”的成员. */
export function kindMsg(s: Sym): Msg {
  return s.kind === 'member' ? M.kMemberOf({ enum: s.enumName }) : KIND[s.kind]();
}

const KIND: Record<Exclude<Sym['kind'], 'member'>, () => Msg> = {
  input: M.kInput, let: M.kLet, adjust: M.kAdjust, table: M.kTable, panel: M.kPanel, indicator: M.kIndicator,
  group: M.kGroup, negative: M.kNegative, reward: M.kReward, item: M.kItem, action: M.kAction,
  example: M.kExample, grade: M.kGrade,
};
