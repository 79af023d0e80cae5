// The few words the language service itself shows (completion details, hover headings), in the
// two UI languages. Diagnostics keep the checker's wording; these are labels around names.

export type UiLang = 'zh' | 'en';

const WORDS = {
  input: ['输入', 'input'], let: ['定义', 'let'], adjust: ['调节', 'adjust'], table: ['对照表', 'table'],
  panel: ['测评组', 'panel'], indicator: ['指标', 'indicator'], group: ['类别', 'group'],
  negative: ['负面清单', 'negative list'], reward: ['加分项', 'reward list'], item: ['事项', 'item'],
  action: ['措施', 'action'], example: ['示例', 'example'], member: ['枚举成员', 'enum member'],
  grade: ['等次', 'grade'], enum: ['枚举', 'enum'], binder: ['循环变量', 'loop variable'],
  result: ['结果', 'result'], builtin: ['内置函数', 'built-in function'], field: ['字段', 'field'],
  category: ['测评类别', 'rater category'], scheme: ['方案', 'scheme'], keyword: ['关键字', 'keyword'],
  type: ['类型', 'type'], weight: ['权重', 'weight'], points: ['分值', 'points'],
  effectiveWeight: ['有效权重', 'effective weight'], maxPoints: ['最多得分', 'at most'],
  normalized: ['归一（按适用项）', 'normalized (depends on the subject)'], when: ['适用条件', 'applies when'],
  default: ['默认值', 'default'], required: ['必填', 'required'], constraint: ['约束', 'constraint'],
  members: ['成员', 'members'], ordered: ['有序', 'ordered'], quota: ['比例', 'quota'], condition: ['条件', 'condition'],
  otherwise: ['其他情况', 'otherwise'], entries: ['条目', 'entries'], label: ['名称', 'label'],
  over: ['遍历', 'over'], categories: ['类别', 'categories'], missing: ['缺失处理', 'missing'],
  range: ['得分范围', 'score range'], inGroup: ['所属类别', 'in group'], scoreScale: ['满分', 'total'],
  fixName: ['改为', 'Change to'], effects: ['效果', 'effects'],
} as const satisfies Record<string, readonly [string, string]>;

export type Word = keyof typeof WORDS;

export function word(w: Word, lang: UiLang): string {
  return WORDS[w][lang === 'zh' ? 0 : 1];
}

/** One-line descriptions of the built-in functions and result names. */
const DOCS: Record<string, [string, string]> = {
  min: ['最小值：min(a, b, …) 或 min(x in 列表 : 表达式)', 'smallest: min(a, b, …) or min(x in list : expr)'],
  max: ['最大值：max(a, b, …) 或 max(x in 列表 : 表达式)', 'largest: max(a, b, …) or max(x in list : expr)'],
  avg: ['平均值：avg(列表) 或 avg(t in 列表 weighted by 权 : 表达式)', 'mean: avg(list) or avg(t in list weighted by w : expr)'],
  sum: ['合计：sum(列表) 或 sum(t in 列表 where 条件 : 表达式)', 'sum: sum(list) or sum(t in list where c : expr)'],
  count: ['计数：count(列表) 或 count(q in 列表 where 条件)', 'count: count(list) or count(q in list where c)'],
  any: ['任一满足：any(q in 列表 : 条件)', 'true if any element satisfies: any(q in list : c)'],
  all: ['全部满足：all(q in 列表 : 条件)', 'true if every element satisfies: all(q in list : c)'],
  clamp: ['限定在区间内：clamp(x, lo, hi)', 'clamp(x, lo, hi)'], abs: ['绝对值：abs(x)', 'absolute value: abs(x)'],
  round: ['四舍五入到 n 位小数：round(x, n)', 'round half away from zero: round(x, n)'],
  floor: ['向下取整：floor(x)', 'floor(x)'], ceil: ['向上取整：ceil(x)', 'ceil(x)'],
  score: ['总分（报告值）', 'the final score (reported value)'], base: ['基础分：适用指标得分之和', 'base: sum of the applicable indicators\' points'],
  rewards: ['总加分', 'total rewards'], deductions: ['总扣分', 'total deductions'], grade: ['评定等次', 'the grade'],
  bonus: ['奖金系数', 'the bonus factor'],
};

export function builtinDoc(name: string, lang: UiLang): string | undefined {
  return DOCS[name]?.[lang === 'zh' ? 0 : 1];
}
