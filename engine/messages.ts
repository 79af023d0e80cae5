// The engine's words, in English and Chinese: every KH-E message (input validation, evaluation
// errors, the engine's own failures), the words of a result (grade and quota reasons, the score
// formula, a `linear` segment) and of a failing example. Call sites build data (`M.divisionByZero({…})`);
// words are chosen at the edge: `EvalError.message` is the English rendering and `EvalError.msg` the
// data, while a result's words are rendered in `EvalOptions.lang`. The English templates reproduce
// the engine's earlier text exactly, so goldens and the conformance cases do not move.
// Names from the scheme and code (`工作任务[2].完成率`, `score >= 90`) go in as they are; Chinese
// quotes them with “ ”. Terms follow the Chinese keywords of dsl/keywords.ts.

import { defineMessages, render, type Locale, type Msg, type MsgArg } from '../dsl/i18n/index.js';
import type { EvalError } from './api.js';
import { BUILTINS } from '../dsl/keywords.js';

/** A built-in function's Chinese name (`avg` → 平均), as the reader's keywords call it (KH-E011). */
const zhFn = (fn: string): string => BUILTINS[fn] ?? fn;

/** Names from the scheme or input (subject ids) in Chinese words: each in “ ”, joined with 、 (`rendered`
 * as it is when `raw` is no list of names, e.g. a message naming a few of them). */
const quotedNames = (raw: MsgArg | undefined, rendered: string): string =>
  Array.isArray(raw) && raw.every((x) => typeof x === 'string') ? (raw as readonly string[]).map((x) => `“${x}”`).join('、') : rendered;

/** `x` in English, ` x` when present (for an optional trailing part). */
const opt = (x: string | undefined, before = ' ', after = ''): string => (x ? `${before}${x}${after}` : '');

export const M = defineMessages('engine', {
  en: {
    // ---- where and what
    at: '{path}: {what}',
    theInput: 'input',
    atLine: '{what} (line {line})',
    internal: 'internal error: {message}',
    compileFailed: 'internal error while compiling the scheme: {message}',
    name: '{name}',
    kind_indicator: 'indicator', kind_group: 'group', kind_table: 'table', kind_panel: 'panel',
    kind_negative: 'negative', kind_reward: 'reward', kind_item: 'item', kind_action: 'action', kind_example: 'example',

    // ---- types, as the input contract states them
    typeNumber: '{kind}{bounds}',
    number: 'number', integer: 'integer', bool: 'bool', text: 'text',
    boundsRange: ' in [{lo}, {hi}]',
    boundsCompare: ' {op} {value}',
    typeEnum: 'one of {members}',
    typeList: (a) => `list of ${a.element}${opt(a.min, ' min ')}${opt(a.max, ' max ')}`,
    typeRecord: '{ {fields} }',
    typeField: '{name}: {type}',
    typeRatings: 'ratings of {panel}',

    // ---- input validation (KH-E001…E009)
    unreadableNumber: 'the number {text} is beyond 10^±{max} and cannot be read exactly',
    expected: 'expected {type}',
    expectedInteger: 'expected an integer',
    outOfRange: 'out of range: expected {type}, found {value}',
    expectedBool: 'expected true or false',
    expectedString: 'expected a string',
    expectedEnum: 'expected {enum}: {type}',
    notMember: 'not a member of {enum} ({type})',
    expectedList: 'expected a {type}', // the type says `list of …` (V11 trial LOW-11: not “a list (list of …)”)
    atLeast: 'at least {n}', atMost: 'at most {n}', between: '{min} to {max}',
    listLength: (a) => `expected ${a.want} ${/^(at least |at most )?1$/.test(a.want) ? 'item' : 'items'}, found ${a.n}`,
    expectedObject: 'expected an object {type}',
    invalidType: "the scheme's type {type} is invalid",
    expectedRatings: 'expected ratings { category: [scores] }',
    unknownCategory: 'unknown category of panel {panel}',
    expectedRatingList: 'expected a list of ratings',
    unknownField: 'unknown field',
    unknownFieldNear: 'unknown field; did you mean `{near}`?',
    missingField: 'missing required field ({type})',
    inputNotObject: 'the input must be an object',
    tooManyProblems: 'too many problems: checking stopped in {path}; fix these and send it again',
    notSubject: 'expected {"id", "input"}',
    subjectMissing: '{at} is missing: the list of subjects has a hole here',
    subjectsNotList: 'subjects must be a list',
    subjectNeedsId: '{at}: a subject needs a text id',
    oneSubjectNeedsId: 'the subject needs a text id (`id`)',
    duplicateId: '{at}: duplicate id {id}',
    displayNotObject: 'display must be an object whose values are texts or numbers',
    displayValue: 'a display field must be a text or a number',
    displayTooMany: 'at most {max} display fields, found {n}',
    displayNameLength: 'a display field name must have 1 to {max} characters',
    displayTooLong: 'a display field has at most {max} characters, found {n}',
    runtimeUnavailable: "rules runtime '{name}' is not available",

    // ---- evaluation (KH-E010…E099)
    inputNoValue: 'input {name} has no value',
    notApplicable: '{kind} {name} does not apply to this subject (its `when` condition is false)',
    resultUnknown: '{name} is not known at this point of the evaluation',
    adjustNotNumber: 'adjust {name} is not a number: {value}',
    indicatorNotNumber: 'indicator {name} did not give a number: {value}',
    groupNoChildren: 'group {name} has no applicable children with a weight for this subject',
    cyclic: 'cyclic reference during evaluation',
    childrenOf: 'the children of {name}',
    topLevel: 'the top-level indicators and groups',
    weightsZero: 'the weights of {where} sum to 0 for this subject',
    weightsNot100: 'the weights of {where} sum to {sum} for this subject, not 100%',
    pointsNotTotal: 'the points of {where} sum to {sum} for this subject, not {total}',
    pointsZero: 'the points of {where} sum to 0 for this subject',
    expectedNumberFrom: 'expected a number from `{code}`, got {value}',
    // V11b MED-5: a result record written with `"得分": null` (the sheet's advice for a grade without a score)
    noScore: 'the scheme computes with `{code}`, but {item} has no score (null): fill in its score, or leave the record out',
    resultItem: 'item {n} of `{list}`',
    aResult: 'a result record',
    expectedBoolFrom: 'expected true/false from `{code}`, got {value}',
    expectedListFrom: 'expected a list from `{code}`, got {value}',
    noField: '`{code}` has no field {name}',
    notEvaluable: '`{code}` cannot be evaluated here',
    unresolvedName: "unresolved name '{name}'",
    binderOutside: "binder '{name}' used outside its aggregate",
    notAValue: "'{name}' ({kind}) is not a value",
    divisionByZero: 'division by zero: `{divisor}` is 0 in `{code}`',
    cannotCompare: 'cannot compare {a} with {b}',
    tableNoEntry: 'table {table} has no entry for {key}',
    indexOutside: 'index {index} is outside the list ({n} items)',
    emptyList: 'an empty', filteredEmpty: 'a filtered-empty',
    aggregateEmpty: (a) => `${a.fn} over ${a.what} list${opt(a.path)} in \`${a.code}\``,
    avgWeightsZero: (a) => `avg in \`${a.code}\`: the weights sum to 0${opt(a.path, ' (', ')')}`,
    functionOfEmpty: (a) => `${a.fn} of an empty list${opt(a.path)} in \`${a.code}\``,
    roundDigits: 'round: digits must be a non-negative integer, got {value}',
    unknownFunction: 'unknown function {name}',
    noBand: 'no band of `{code}` matches {value} and there is no else',
    noLevel: 'levels of `{code}` has no score for {key}',
    rateNeedsRatings: 'rate needs ratings, got {value}',
    noRatings: 'no ratings',
    fewerRatings: 'fewer than {n} ratings',
    categoryMissing: '{path}: {detail} and the panel says `missing error`',
    allCategoriesMissing: '{path}: every category of panel {panel} is missing',
    conditionNotBool: 'the condition of {name} is not true/false',
    amountNotNumber: 'a deduction or addition must be a number',
    conditionError: 'error: {message}',

    // ---- a result's words
    gradeBecause: '{grade}: {reason}',
    gradeMissed: '{grade} not reached: {reason}',
    otherwise: '{grade}: otherwise',
    itemAt: '{list}.{item} (scheme line {line})',
    labelledItemAt: '{label} ({list}, scheme line {line})',
    noGradeBy: 'no grade: {by}',
    vetoBy: 'veto: {by} gives the lowest grade {grade}',
    cappedBy: 'capped at {grade} by {by}',
    noGrade: 'no grade',
    ofGraded: 'graded', ofAll: 'all',
    roundDown: 'round down', roundUp: 'round up', roundNearest: 'round nearest',
    quotaHow: (a) => `${a.percent}% of ${a.base} (${a.of}, ${a.round}${opt(a.min, ', min ')}${opt(a.from, ', ')})`,
    tableShare: '{key} = {member}',
    rankKey: '{name} {value}',
    scoreKey: 'score',
    tiebreakKey: '{key} ({dir})',
    asc: 'asc', desc: 'desc',
    // `scope` is named when the scheme has quotas at both scopes (issue 13): `优秀 overall quota 5 = …`.
    quotaKept: (a) => `${a.grade}${opt(a.scope)} quota ${a.limit} = ${a.how}: ranked ${a.rank} of the ${a.of} candidates for ${a.grade} (${a.values}); kept`,
    quotaDemoted: (a) => `${a.grade}${opt(a.scope)} quota ${a.limit} = ${a.how}: ranked ${a.rank} of the ${a.of} candidates for ${a.grade} (${a.values}); demoted to ${a.to}`,
    quotaTied: (a) => `${a.grade}${opt(a.scope)} quota ${a.limit} = ${a.how}: tied with ${a.others} on every key (${a.values}) across the boundary; all tied are demoted to ${a.to}`,
    scopeCohort: 'cohort', scopeOverall: 'overall',
    rankingKey: '{key} ({dir})',
    // Soft quotas (`normally 15%`, issue 13): flags, never demotions.
    quotaFlagged: (a) => `${a.grade}${opt(a.scope)} normally at most ${a.normal} = ${a.how}: ranked ${a.rank} of the ${a.of} candidates for ${a.grade} (${a.values}); above the normal share, flagged`,
    quotaOverNormal: (a) => `${a.n} hold ${a.grade}${opt(a.scope, ' (', ')')}, above the normal ${a.normal} = ${a.how}`,
    scopeCohortNamed: 'cohort {key}', scopeWholeBatch: 'whole batch',
    tableKeyVaries: 'the {grade} quota takes its share from {key}, which must be the same for every subject of the {scope}; {a} has {va} but {b} has {vb}',
    // A large tie names a few of the others only: the reason is per person, so listing all would grow as N².
    othersMore: (a) => `${a.names} and ${a.more} more (${a.total} in all)`,
    formula: 'max(0, base × adjust + rewards − deductions)',
    segmentBelow: 'at or below {x} (clamped)',
    segmentAbove: 'at or above {x} (clamped)',

    // ---- examples
    // `en`/`zh`: the condition's parts described in each language (examples.ts), so `score` reads 总分 in zh.
    expectFailed: (_a, { en, zh }) => `does not hold: ${joined(en ?? zh, '; ')}`,
    expectSides: 'expected {expect}, but the left side is {left} and the right side is {right}',
    // ---- a caller's bug (thrown: engine/index.ts planOf)
    notPrepared: 'kaohe: {fn}() needs the scheme returned by compile()/prepare() (its `value`, absent when the diagnostics hold an error)',
  },
  zh: {
    at: '{path}：{what}',
    theInput: '输入',
    atLine: '{what}（第 {line} 行）',
    internal: '内部错误：{message}',
    compileFailed: '编译方案时出现内部错误：{message}',
    name: '“{name}”',
    kind_indicator: '指标', kind_group: '类别', kind_table: '对照表', kind_panel: '测评组',
    kind_negative: '负面清单', kind_reward: '加分项', kind_item: '事项', kind_action: '措施', kind_example: '示例',

    typeNumber: '{kind}{bounds}',
    number: '数值', integer: '整数', bool: '布尔', text: '文本',
    boundsRange: '，范围 [{lo}, {hi}]',
    boundsCompare: '，{op} {value}',
    typeEnum: '以下之一：{members}',
    typeList: (a) => `列表（每项：${a.element}）${opt(a.min, '，至少 ', ' 项')}${opt(a.max, '，至多 ', ' 项')}`,
    typeRecord: '{ {fields} }',
    typeField: '{name}：{type}',
    typeRatings: '测评组“{panel}”的评分',

    unreadableNumber: '数值 {text} 超出 10^±{max}，无法精确读取',
    expected: '应为{type}',
    expectedInteger: '应为整数',
    outOfRange: '超出范围：应为{type}，实为 {value}',
    expectedBool: '应为是或否（“true” 或 “false”）',
    expectedString: '应为文本',
    expectedEnum: '应为“{enum}”：{type}',
    notMember: '不是“{enum}”的成员（{type}）',
    expectedList: '应为{type}',
    atLeast: '至少 {n}', atMost: '至多 {n}', between: '{min} 至 {max}',
    listLength: '应有{want} 项，实有 {n} 项',
    expectedObject: '应为对象 {type}',
    invalidType: '方案中的类型 {type} 无效',
    expectedRatings: '应为评分：每个类别对应一组分数',
    unknownCategory: '测评组“{panel}”没有这个类别',
    expectedRatingList: '应为评分列表',
    unknownField: '未知字段',
    unknownFieldNear: '未知字段；是否指“{near}”？',
    missingField: '缺少必填字段（{type}）',
    inputNotObject: '输入必须是对象',
    tooManyProblems: '问题过多：检查在 {path} 处停止；请先改正这些问题后再提交',
    notSubject: '应为含 “id” 和 “input” 的对象',
    subjectMissing: '缺少 {at}：人员列表在此处有空位',
    subjectsNotList: '“subjects” 必须是列表',
    subjectNeedsId: '{at}：缺少文本形式的编号（“id”）',
    oneSubjectNeedsId: '测评对象缺少文本形式的编号（“id”）',
    duplicateId: '{at}：编号“{id}”重复',
    displayNotObject: '显示字段（“display”）必须是对象，其值为文本或数值',
    displayValue: '显示字段的值必须是文本或数值',
    displayTooMany: '显示字段最多 {max} 个，实有 {n} 个',
    displayNameLength: '显示字段名须为 1 至 {max} 个字符',
    displayTooLong: '显示字段最多 {max} 个字符，实有 {n} 个',
    runtimeUnavailable: '规则运行时“{name}”不可用',

    inputNoValue: '输入“{name}”没有值',
    notApplicable: '{kind}“{name}”不适用于此对象（其“当”条件不成立）',
    resultUnknown: '求值到此处时“{name}”尚未得出',
    adjustNotNumber: '调节“{name}”不是数值：{value}',
    indicatorNotNumber: '指标“{name}”没有得出数值：{value}',
    groupNoChildren: '类别“{name}”对此对象没有带权重的适用子项',
    cyclic: '求值时出现循环引用',
    childrenOf: '类别“{name}”的子项',
    topLevel: '顶层的指标和类别',
    weightsZero: '对此对象，{where}的权重之和为 0',
    weightsNot100: '对此对象，{where}的权重之和为 {sum}，不是 100%',
    pointsNotTotal: '对此对象，{where}的分值之和为 {sum}，不是 {total}',
    pointsZero: '对此对象，{where}的分值之和为 0',
    expectedNumberFrom: '“{code}”应得出数值，实为 {value}',
    noScore: '方案要用“{code}”计算，而{item}没有得分（为 “null”）：请填写这一条的得分，或删去这一条',
    resultItem: '“{list}”第 {n} 条',
    aResult: '一条结果记录',
    expectedBoolFrom: '“{code}”应得出是或否，实为 {value}',
    expectedListFrom: '“{code}”应得出列表，实为 {value}',
    noField: '“{code}”没有字段“{name}”',
    notEvaluable: '“{code}”不能在此处求值',
    unresolvedName: '无法解析的名称“{name}”',
    binderOutside: '变量“{name}”在其聚合之外使用',
    notAValue: '“{name}”（{kind}）不是值',
    divisionByZero: '除以零：“{code}”中的“{divisor}”为 0',
    cannotCompare: '无法比较 {a} 与 {b}',
    tableNoEntry: '对照表“{table}”没有 {key} 的条目',
    indexOutside: '下标 {index} 超出列表范围（共 {n} 项）',
    emptyList: '空', filteredEmpty: '筛选后为空的',
    aggregateEmpty: (a) => `“${a.code}”中的“${zhFn(a.fn)}”作用于${a.what}列表${opt(a.path, ' ')}`,
    avgWeightsZero: (a) => `“${a.code}”中的平均：权重之和为 0${opt(a.path, '（', '）')}`,
    functionOfEmpty: (a) => `“${a.code}”中的“${zhFn(a.fn)}”作用于空列表${opt(a.path, ' ')}`,
    roundDigits: '舍入：位数必须是非负整数，实为 {value}',
    unknownFunction: '未知函数“{name}”',
    noBand: '“{code}”的分段都不匹配 {value}，且没有“否则”',
    noLevel: '“{code}”的等级没有 {key} 的分数',
    rateNeedsRatings: '测评需要评分，实为 {value}',
    noRatings: '没有评分',
    fewerRatings: '评分少于 {n} 个',
    categoryMissing: '{path}：{detail}，且测评组规定“缺失 报错”',
    allCategoriesMissing: '{path}：测评组“{panel}”的所有类别都缺失',
    conditionNotBool: '“{name}”的条件不是是或否',
    amountNotNumber: '扣分或加分必须是数值',
    conditionError: '错误：{message}',

    gradeBecause: '{grade}：{reason}',
    gradeMissed: '未达到“{grade}”：{reason}',
    otherwise: '{grade}：其他情形',
    itemAt: '“{list}.{item}”（方案第 {line} 行）',
    labelledItemAt: '“{label}”（{list}，方案第 {line} 行）',
    noGradeBy: '不定等次：{by}',
    vetoBy: '一票否决：{by}，定为最低等次“{grade}”',
    cappedBy: '因{by}，最高定为“{grade}”',
    noGrade: '不定等次',
    ofGraded: '按定等人数', ofAll: '按全部人数',
    roundDown: '向下取整', roundUp: '向上取整', roundNearest: '四舍五入',
    quotaHow: (a) => `${a.base} 人的 ${a.percent}%（${a.of}，${a.round}${opt(a.min, '，至少 ')}${opt(a.from, '，')}）`,
    tableShare: '“{key}”为“{member}”',
    rankKey: '{name} {value}',
    scoreKey: '总分',
    tiebreakKey: '{key}（{dir}）',
    asc: '升序', desc: '降序',
    quotaKept: (a) => `${opt(a.scope, '按', '，')}“${a.grade}”名额 ${a.limit} = ${a.how}：在 ${a.of} 名“${a.grade}”人选中排第 ${a.rank}（${a.values}）；保留`,
    quotaDemoted: (a) => `${opt(a.scope, '按', '，')}“${a.grade}”名额 ${a.limit} = ${a.how}：在 ${a.of} 名“${a.grade}”人选中排第 ${a.rank}（${a.values}）；降为${a.to}`,
    quotaTied: (a, raw) => `${opt(a.scope, '按', '，')}“${a.grade}”名额 ${a.limit} = ${a.how}：与${quotedNames(raw.others, a.others)}在各排序项上并列（${a.values}），跨越名额边界；并列者均降为${a.to}`,
    scopeCohort: '本组比例', scopeOverall: '全体比例',
    rankingKey: '{key}（{dir}）',
    quotaFlagged: (a) => `${opt(a.scope, '按', '，')}“${a.grade}”通常不超过 ${a.normal} 人 = ${a.how}：在 ${a.of} 名“${a.grade}”人选中排第 ${a.rank}（${a.values}）；超过通常比例，予以提示`,
    quotaOverNormal: (a) => `${opt(a.scope, '按', '，')}“${a.grade}”共 ${a.n} 人，超过通常比例 ${a.normal} 人 = ${a.how}`,
    scopeCohortNamed: '本组（{key}）', scopeWholeBatch: '全体',
    tableKeyVaries: '“{grade}”的名额比例按“{key}”确定，{scope}内每个对象的“{key}”必须相同；但“{a}”为“{va}”，“{b}”为“{vb}”',
    othersMore: (a, raw) => `${quotedNames(raw.names, a.names)}等 ${a.total} 人（另 ${a.more} 人未列出）`,
    formula: '最大(0, 基础分 × 调节 + 总加分 − 总扣分)',
    segmentBelow: '不高于 {x}（取端点值）',
    segmentAbove: '不低于 {x}（取端点值）',

    expectFailed: (_a, { en, zh }) => `不成立：${joined(zh ?? en, '；')}`,
    expectSides: '预期“{expect}”不成立：左边为 {left}，右边为 {right}',
    notPrepared: '“kaohe”：“{fn}()”需要“compile()”或“prepare()”返回的方案（其“value”；诊断信息中有错误时没有“value”）',
  },
});

function joined(parts: MsgArg | undefined, sep: string): string {
  return Array.isArray(parts) ? parts.join(sep) : String(parts ?? '');
}

/** The word for a symbol kind (`indicator`, `table`, …); an unknown kind as it is. */
export function kindWord(kind: string): Msg {
  const builder = (M as unknown as Record<string, (() => Msg) | undefined>)[`kind_${kind}`];
  return builder ? builder() : M.name({ name: kind });
}

/** An error in the reader's language: `message` rendered from `msg` (unchanged without one). */
export function localizeEvalError(e: EvalError, locale: Locale): EvalError {
  return e.msg ? { ...e, message: render(e.msg, locale) } : e;
}

const rendered = new WeakMap<object, Map<string, string>>();

/** The words of a message that depends only on `owner` (a grade, a rule item of the plan) and
 * `variant`, rendered once per language: a result's fixed reasons (`otherwise`, a cap) are
 * written for every subject, and rendering is what costs there. */
export function wordsOnce(owner: object, variant: string, locale: Locale, make: () => Msg): string {
  let byKey = rendered.get(owner);
  if (!byKey) { byKey = new Map(); rendered.set(owner, byKey); }
  const key = `${locale}:${variant}`;
  let words = byKey.get(key);
  if (words === undefined) { words = render(make(), locale); byKey.set(key, words); }
  return words;
}

/** English words of a message: the `message` beside every `msg`. */
export const english = (m: Msg): string => render(m, 'en');
