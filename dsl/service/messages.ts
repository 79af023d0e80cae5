// The words the language service itself shows — completion details, hover text, quick-fix titles,
// the outline — as a message catalog in the two UI languages (dsl/i18n). Diagnostics come from the
// parser's and checker's catalogs; these are the labels and sentences around the scheme's names.
// Hover text is Markdown: code is quoted with ` ` in both languages (it is shown as code), names
// with “ ” in Chinese sentences. Terms follow the Chinese keywords of dsl/keywords.ts.

import { defineMessages, render, type Locale, type MsgArgs } from '../i18n/index.js';
// The cohort aggregates' catalog (issue 13), loaded with this one so every service message is registered.
import './complete-cohort.js';

export type UiLang = Locale;

export const W = defineMessages('service', {
  en: {
    // ---- kinds of names
    input: 'input', let: 'let', adjust: 'adjust', table: 'table', panel: 'panel', indicator: 'indicator',
    group: 'group', negative: 'negative list', reward: 'reward list', item: 'item', action: 'action',
    example: 'example', member: 'enum member', grade: 'grade', enum: 'enum', binder: 'loop variable',
    result: 'result', period: 'period', builtin: 'built-in function', field: 'field', category: 'rater category',
    scheme: 'scheme', keyword: 'keyword', type: 'type', scale: 'scale', // scale: issue 12
    function: 'function', param: 'parameter', paramOf: 'parameter of {name}', returns: 'result: {type}', pure: 'uses only its parameters', // issue 12
    // ---- facts in hovers
    weight: 'weight', points: 'points', otherwise: 'otherwise', required: 'required', normalized: 'normalized (depends on the subject)',
    // ---- sentences
    head: '**{name}** — {kind}',
    headLabel: '**{name}** “{label}” — {kind}',
    keywordHover: 'keyword `{en}` / `{zh}`',
    ordered: '{kind} (ordered)',
    of: '{kind} · {owner}',
    members: 'members: {list}',
    over: 'over `{list}`',
    defaultValue: 'default: `{value}`',
    categoryWeight: '- {name}: weight {weight}',
    categoryWeightLabel: '- {name} “{label}”: weight {weight}',
    share: '{kind} {value}',
    inGroup: 'in group {name}',
    effectiveWeight: 'effective weight {weight}',
    effectiveNormalized: 'effective weight: normalized (depends on the subject)',
    maxPoints: 'at most {points}',
    appliesWhen: 'applies when: `{conditions}`',
    condition: 'condition: `{code}`',
    quota: 'quota: `{code}`',
    fieldDetail: '{kind}: {type}',
    fieldDetailDefault: '{kind}: {type} = {value}',
    labelled: '{kind} “{label}”',
    enumOf: 'enum {name}',
    changeTo: 'Change to `{name}`',
    checkerCrashed: 'internal error in the checker; only syntax errors are shown ({error})',
    // ---- built-in functions and result names
    doc_min: 'smallest: min(a, b, …) or min(x in list : expr)',
    doc_max: 'largest: max(a, b, …) or max(x in list : expr)',
    doc_avg: 'mean: avg(list) or avg(t in list weighted by w : expr)',
    doc_sum: 'sum: sum(list) or sum(t in list where c : expr)',
    doc_count: 'count: count(list) or count(q in list where c)',
    doc_any: 'true if any element satisfies: any(q in list : c)',
    doc_all: 'true if every element satisfies: all(q in list : c)',
    doc_clamp: 'clamp(x, lo, hi)',
    doc_abs: 'absolute value: abs(x)',
    doc_round: 'round half away from zero: round(x, n)',
    doc_floor: 'floor(x)',
    doc_ceil: 'ceil(x)',
    doc_score: 'the final score (reported value)',
    doc_base: 'base: sum of the applicable indicators\' points',
    doc_rewards: 'total rewards',
    doc_deductions: 'total deductions',
    doc_grade: 'the grade',
    doc_bonus: 'the bonus factor',
    doc_periodStart: "the first day of the evaluation's period (a date)",
    doc_periodEnd: "the last day of the evaluation's period (a date)",
    doc_actions: "the example's actions (only in `expect`: `书面检查 in actions`)",
    doc_provisional: "whether the example's grade is provisional (only in `expect`)",
    doc_items: "the example's matched negative and reward items (only in `expect`: `迟到 in items`)",
  },
  zh: {
    input: '输入', let: '定义', adjust: '调节', table: '对照表', panel: '测评组', indicator: '指标',
    group: '类别', negative: '负面清单', reward: '加分项', item: '事项', action: '措施',
    example: '示例', member: '枚举成员', grade: '等次', enum: '枚举', binder: '循环变量',
    result: '结果', period: '周期', builtin: '内置函数', field: '字段', category: '测评类别',
    scheme: '方案', keyword: '关键字', type: '类型', scale: '量表',
    function: '函数', param: '参数', paramOf: '函数“{name}”的参数', returns: '结果：{type}', pure: '只使用自己的参数',
    weight: '权重', points: '分值', otherwise: '其他情况', required: '必填', normalized: '归一（按适用项）',
    head: '**{name}** — {kind}',
    headLabel: '**{name}** “{label}” — {kind}',
    keywordHover: '关键字 `{zh}` / `{en}`',
    ordered: '{kind}（有序）',
    of: '{kind} · {owner}',
    members: '成员：{list}',
    over: '遍历 `{list}`',
    defaultValue: '默认值：`{value}`',
    categoryWeight: '- {name}：权重 {weight}',
    categoryWeightLabel: '- {name} “{label}”：权重 {weight}',
    share: '{kind} {value}',
    inGroup: '所属类别 {name}',
    effectiveWeight: '有效权重 {weight}',
    effectiveNormalized: '有效权重：归一（按适用项）',
    maxPoints: '最多得分 {points}',
    appliesWhen: '适用条件：`{conditions}`',
    condition: '条件：`{code}`',
    quota: '比例：`{code}`',
    fieldDetail: '{kind}：{type}',
    fieldDetailDefault: '{kind}：{type} = {value}',
    labelled: '{kind} “{label}”',
    enumOf: '枚举 {name}',
    changeTo: '改为“{name}”',
    checkerCrashed: '检查器内部错误，只显示语法错误（{error}）',
    doc_min: '最小值：`最小(a, b, …)` 或 `最小(x 属于 列表 : 表达式)`',
    doc_max: '最大值：`最大(a, b, …)` 或 `最大(x 属于 列表 : 表达式)`',
    doc_avg: '平均值：`平均(列表)` 或 `平均(t 属于 列表 加权 权 : 表达式)`',
    doc_sum: '合计：`合计(列表)` 或 `合计(t 属于 列表 满足 条件 : 表达式)`',
    doc_count: '计数：`计数(列表)` 或 `计数(q 属于 列表 满足 条件)`',
    doc_any: '任一满足：`任一(q 属于 列表 : 条件)`',
    doc_all: '全部满足：`全部(q 属于 列表 : 条件)`',
    doc_clamp: '限定在区间内：`限定(x, 下限, 上限)`',
    doc_abs: '绝对值：`绝对值(x)`',
    doc_round: '四舍五入到 n 位小数：`舍入(x, n)`',
    doc_floor: '向下取整：`下取整(x)`',
    doc_ceil: '向上取整：`上取整(x)`',
    doc_score: '总分（报告值）',
    doc_base: '基础分：适用指标得分之和',
    doc_rewards: '总加分',
    doc_deductions: '总扣分',
    doc_grade: '评定等次',
    doc_bonus: '奖金系数',
    doc_periodStart: '考核周期的第一天（日期）',
    doc_periodEnd: '考核周期的最后一天（日期）',
    doc_actions: '示例采取的措施（只用于“预期”：书面检查 属于 采取措施）',
    doc_provisional: '示例的等次是否暂定（只用于“预期”）',
    doc_items: '示例触发的负面清单和加分项事项（只用于“预期”：迟到 属于 触发事项）',
  },
});

export type Word = keyof typeof W;

/** One message of the catalog in `lang`. */
export function say(w: Word, lang: UiLang, args?: MsgArgs): string {
  return render(W[w](args), lang);
}

/** A kind word (`indicator`/`指标`) in `lang`. */
export const word = (w: Word, lang: UiLang): string => say(w, lang);

/** One-line description of a built-in function or result name (canonical English name). */
export function builtinDoc(name: string, lang: UiLang): string | undefined {
  const key = `doc_${name}`;
  return key in W ? say(key as Word, lang) : undefined;
}
