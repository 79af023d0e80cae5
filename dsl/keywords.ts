// The keyword table of LANGUAGE.md §13: one entry per keyword concept, with its English and Chinese
// spellings. The lexer, the formatter (keyword-language switch) and the editor (completion, colouring)
// all read this table, so a keyword is added in exactly one place.
//
// Multi-word English keywords (`cohort by`, `list of`, …) are written with a space; the lexer joins
// the words into one token. Built-in functions and result names are not keywords to the grammar (they
// lex as identifiers) but are reserved and translated by the formatter, so they live here too.

export type KeywordId =
  | 'scheme' | 'version' | 'period' | 'annual' | 'quarterly' | 'monthly' | 'special'
  | 'precision' | 'total' | 'cohortBy' | 'enum' | 'ordered' | 'input'
  | 'number' | 'integer' | 'bool' | 'text' | 'listOf' | 'ratingsOf' | 'table' | 'let'
  | 'panel' | 'weight' | 'points' | 'trim' | 'missing' | 'renormalize' | 'zero' | 'error'
  | 'group' | 'indicator' | 'when' | 'normalize' | 'range' | 'adjust'
  | 'negative' | 'item' | 'veto' | 'cap' | 'nograde' | 'deduct' | 'per' | 'max' | 'min'
  | 'action' | 'reward' | 'add' | 'grades' | 'otherwise' | 'quota'
  | 'roundDown' | 'roundUp' | 'roundNearest' | 'ofGraded' | 'ofAll' | 'tiebreak' | 'asc' | 'desc'
  | 'outcomes' | 'bonusByGrade' | 'improve' | 'below' | 'example' | 'given' | 'expect'
  | 'if' | 'then' | 'else' | 'and' | 'or' | 'not' | 'in' | 'true' | 'false'
  | 'bands' | 'levels' | 'linear' | 'rate' | 'where' | 'weightedBy'
  | 'scale' | 'criteria' | 'ballot' | 'function' | 'date' | 'days' | 'months' | 'years' | 'for' | 'display'
  | 'overall' | 'cohort' | 'normally' | 'rankBy' | 'byCommittee' | 'decision'
  | 'resultsOf' | 'past' | 'quarters' | 'skip' | 'breaks' | 'exact' | 'reported';

/** The Chinese spelling of `for` before a related subject's field (`引用结果 领导班子考核 对象 班子`; issue 14
 * part 2): a second spelling of `for`, which the formatter writes in that position (计入 elsewhere). */
export const FOR_SUBJECT_ZH = '对象';

/** [id, English spelling, Chinese spelling(s) — the first is canonical]. */
export const KEYWORDS: ReadonlyArray<readonly [KeywordId, string, ...string[]]> = [
  ['scheme', 'scheme', '方案'], ['version', 'version', '版本'], ['period', 'period', '周期'],
  ['annual', 'annual', '年度'], ['quarterly', 'quarterly', '季度'], ['monthly', 'monthly', '月度'],
  ['special', 'special', '专项'], ['precision', 'precision', '精度'], ['total', 'total', '满分'],
  ['cohortBy', 'cohort by', '分组'], ['enum', 'enum', '枚举'], ['ordered', 'ordered', '有序'],
  ['input', 'input', '输入'], ['number', 'number', '数值'], ['integer', 'integer', '整数'],
  ['bool', 'bool', '布尔'], ['text', 'text', '文本'], ['listOf', 'list of', '列表'],
  ['ratingsOf', 'ratings of', '评分'], ['table', 'table', '对照表'], ['let', 'let', '定义'],
  ['panel', 'panel', '测评组'], ['weight', 'weight', '权重'], ['points', 'points', '分值'],
  ['trim', 'trim', '去掉'], ['missing', 'missing', '缺失'], ['renormalize', 'renormalize', '重新归一'],
  ['zero', 'zero', '计零'], ['error', 'error', '报错'], ['group', 'group', '类别'],
  ['indicator', 'indicator', '指标'], ['when', 'when', '当'], ['normalize', 'normalize', '归一'],
  ['range', 'range', '范围'], ['adjust', 'adjust', '调节'], ['negative', 'negative', '负面清单'],
  ['item', 'item', '事项'], ['veto', 'veto', '一票否决'], ['cap', 'cap', '最高'],
  ['nograde', 'nograde', '不定等次'], ['deduct', 'deduct', '扣'], ['per', 'per', '每'],
  // `max`/`min` are both keywords (a cap, a count) and built-in functions; in Chinese the function
  // spellings 最大/最小 differ, and the formatter picks by the position in the tree.
  ['max', 'max', '上限', '最大'], ['min', 'min', '至少', '最小'],
  ['action', 'action', '措施'], ['reward', 'reward', '加分项'], ['add', 'add', '加'],
  ['grades', 'grades', '等次'], ['otherwise', 'otherwise', '其他'], ['quota', 'quota', '比例'],
  ['roundDown', 'round down', '向下取整'], ['roundUp', 'round up', '向上取整'],
  ['roundNearest', 'round nearest', '四舍五入'], ['ofGraded', 'of graded', '按定等人数'],
  ['ofAll', 'of all', '按全部人数'], ['tiebreak', 'tiebreak', '并列'], ['asc', 'asc', '升序'],
  ['desc', 'desc', '降序'], ['outcomes', 'outcomes', '结果运用'],
  ['bonusByGrade', 'bonus by grade', '奖金系数'], ['improve', 'improve', '改进'],
  ['below', 'below', '低于'], ['example', 'example', '示例'], ['given', 'given', '已知'],
  ['expect', 'expect', '预期'], ['if', 'if', '如果'], ['then', 'then', '则'], ['else', 'else', '否则'],
  ['and', 'and', '且'], ['or', 'or', '或'], ['not', 'not', '非'], ['in', 'in', '属于'],
  ['true', 'true', '是'], ['false', 'false', '否'], ['bands', 'bands', '分段'],
  ['levels', 'levels', '等级'], ['linear', 'linear', '线性'], ['rate', 'rate', '测评'],
  ['where', 'where', '满足'], ['weightedBy', 'weighted by', '加权'],
  // Issue 12: rating scales, ballots of several criteria, functions, dates and windows, indicator-attached
  // items (`for`), carried-through display inputs.
  ['scale', 'scale', '量表'], ['criteria', 'criteria', '要素'], ['ballot', 'ballot', '整票'],
  ['function', 'function', '函数'], ['date', 'date', '日期'], ['days', 'days', '天'],
  ['months', 'months', '个月'], ['years', 'years', '年'], ['for', 'for', '计入', FOR_SUBJECT_ZH], ['display', 'display', '显示'],
  // Issue 13: cohort aggregates and quota scopes (`overall max(x)`, `quota 25% overall`), soft quotas
  // (`quota 20% normally 15%`), the ranking key, committee decisions, a cohort example's decision.
  ['overall', 'overall', '全体'], ['cohort', 'cohort', '本组'], ['normally', 'normally', '通常'],
  ['rankBy', 'rank by', '排名依据'], ['byCommittee', 'by committee', '集体研究'], ['decision', 'decision', '研究决定'],
  // Issue 14: results of other periods — a roll-up of another scheme's results (`results of 平时考核
  // quarterly grades 平时等次 missing skip exact`) and the person's own earlier periods (`past 3 years
  // missing breaks`). Part 2: a related subject's result (`results of 领导班子考核 for 班子`), where `for`
  // is spelled 对象 (the formatter picks 对象 there and 计入 for an attached item, by position).
  ['resultsOf', 'results of', '引用结果'], ['past', 'past', '过去'], ['quarters', 'quarters', '个季度'],
  ['skip', 'skip', '跳过'], ['breaks', 'breaks', '中断'], ['exact', 'exact', '精确值'], ['reported', 'reported', '公示值'],
];

export type Lang = 'en' | 'zh';

/** Built-in functions: canonical (English) name → Chinese name. */
export const BUILTINS: Readonly<Record<string, string>> = {
  min: '最小', max: '最大', avg: '平均', sum: '合计', count: '计数', any: '任一', all: '全部',
  clamp: '限定', abs: '绝对值', round: '舍入', floor: '下取整', ceil: '上取整',
  // Issue 14: consecutive earlier periods, newest first, whose result satisfies the condition.
  streak: '连续',
};

/** The fields of one earlier period's result in a `results of` or `past` input (issue 14): canonical
 * (the API's JSON keys) → Chinese. Built-in names, so `kaohe fmt --keywords` translates them. */
export const PERIOD_RESULT_FIELDS: Readonly<Record<string, string>> = {
  period: '考核期', score: '得分', grade: '考核等次', imported: '导入',
};

/** Result names usable in grades, outcomes and examples: canonical → Chinese. */
export const RESULT_NAMES: Readonly<Record<string, string>> = {
  score: '总分', base: '基础分', rewards: '总加分', deductions: '总扣分', grade: '评定等次', bonus: '奖金',
};

/** Result names usable only in examples' `expect` (LANGUAGE.md §10 as extended by issue 12). */
export const EXAMPLE_RESULT_NAMES: Readonly<Record<string, string>> = {
  actions: '采取措施', provisional: '暂定', items: '触发事项',
};

/** The aggregates a cohort scope takes (`overall max(x)`, `本组 名次(x)`; issue 13): canonical → Chinese.
 * Names only after `overall`/`cohort`, so they are not reserved. */
export const COHORT_FUNCTIONS: Readonly<Record<string, string>> = {
  max: '最大', min: '最小', avg: '平均', percentile: '百分位', rank: '名次',
};

/** What a cohort example's `expect` may ask of one subject after its id (`A001.rank`; issue 13), besides
 * the result, indicator and group names: canonical → Chinese. Names only after `ID.`, not reserved. */
export const COHORT_RESULT_NAMES: Readonly<Record<string, string>> = {
  rank: '名次', cohortRank: '组内名次', demoted: '比例调整', flagged: '超通常比例',
};

/** The fields of a committee decision (`decision { grade: 优秀, order: 1, reason: "…" }`; issue 13):
 * canonical (the API's JSON keys) → Chinese. */
export const DECISION_FIELDS: Readonly<Record<string, string>> = {
  grade: '等次', order: '排序', reason: '理由',
};
/** The longest a decision's reason may be, in characters (code points): the API, the roster sheet,
 * the editor's field and a cohort example's `decision` all hold it to this. */
export const DECISION_REASON_MAX = 1000;

/** The evaluation period's edges, usable in every expression (dates; issue 12). */
export const PERIOD_NAMES: Readonly<Record<string, string>> = {
  periodStart: '周期开始', periodEnd: '周期结束',
};

const wordToKeyword = new Map<string, KeywordId>();
/** Single words that start a multi-word English keyword, with the possible second words. */
const multiWordStarts = new Map<string, Map<string, KeywordId>>();
const keywordSpelling = new Map<KeywordId, { en: string; zh: string }>();

for (const [id, en, ...zh] of KEYWORDS) {
  keywordSpelling.set(id, { en, zh: zh[0] });
  for (const z of zh) wordToKeyword.set(z, id);
  const words = en.split(' ');
  if (words.length === 1) wordToKeyword.set(en, id);
  else {
    const seconds = multiWordStarts.get(words[0]) ?? new Map<string, KeywordId>();
    seconds.set(words.slice(1).join(' '), id);
    multiWordStarts.set(words[0], seconds);
  }
}

const aliasToCanonical = new Map<string, string>();
for (const table of [BUILTINS, RESULT_NAMES, EXAMPLE_RESULT_NAMES, PERIOD_NAMES]) {
  for (const [en, zh] of Object.entries(table)) {
    aliasToCanonical.set(en, en);
    aliasToCanonical.set(zh, en);
  }
}

const reversed = new WeakMap<object, Map<string, string>>();
/** The canonical word of `word` in one of the canonical → Chinese tables above (COHORT_FUNCTIONS,
 * COHORT_RESULT_NAMES, DECISION_FIELDS …), written in either language; undefined when it is none of
 * them (own keys only: `constructor` is no decision field). */
export function canonicalIn(table: Readonly<Record<string, string>>, word: string): string | undefined {
  if (Object.hasOwn(table, word)) return word;
  let zh = reversed.get(table);
  if (!zh) reversed.set(table, (zh = new Map(Object.entries(table).map(([en, z]) => [z, en]))));
  return zh.get(word);
}

/** The keyword a single word spells, if any (whole-word: `加分` is not `加`). */
export function keywordOf(word: string): KeywordId | undefined {
  return wordToKeyword.get(word);
}

/** For an English word that may begin a multi-word keyword: second words → keyword. */
export function multiWordKeyword(first: string): ReadonlyMap<string, KeywordId> | undefined {
  return multiWordStarts.get(first);
}

export function keywordText(id: KeywordId, lang: Lang): string {
  const s = keywordSpelling.get(id)!;
  return lang === 'en' ? s.en : s.zh;
}

/** Canonical English name of a built-in function or result name in either language. */
export function canonicalBuiltin(name: string): string | undefined {
  return aliasToCanonical.get(name);
}

/** Spelling of a built-in function / result name in a keyword language. */
export function builtinText(canonical: string, lang: Lang): string {
  if (lang === 'en') return canonical;
  return BUILTINS[canonical] ?? RESULT_NAMES[canonical] ?? EXAMPLE_RESULT_NAMES[canonical] ?? PERIOD_NAMES[canonical] ?? canonical;
}

/** True when a name may not be declared: a keyword, built-in or result name in either language. */
export function isReserved(name: string): boolean {
  return wordToKeyword.has(name) || multiWordStarts.has(name) || aliasToCanonical.has(name);
}

/** Chinese keyword spellings, longest first: used to spot a keyword glued to a following name. */
export const ZH_KEYWORDS_LONGEST_FIRST: readonly string[] = KEYWORDS.flatMap(([, , ...zh]) => zh)
  .sort((a, b) => b.length - a.length);

const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** Every way `word` reads as a Chinese keyword glued to a following name (`指标毛利` → [`指标`, `毛利`]),
 * longest keyword first. The parser takes the first; the checker the first whose name is declared. */
export function gluedKeywordSplits(word: string): [keyword: string, rest: string][] {
  const out: [string, string][] = [];
  for (const kw of ZH_KEYWORDS_LONGEST_FIRST) {
    if (word.length > kw.length && word.startsWith(kw) && NAME.test(word.slice(kw.length))) out.push([kw, word.slice(kw.length)]);
  }
  return out;
}
