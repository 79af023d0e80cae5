// report/words: a scheme's expressions and conditions as Chinese or English sentences (issue 15).
// The public surface other builders use (the scheme document, the feedback sheet's negative items):
//
//   const words = schemeWords(scheme, 'zh');      // once per scheme
//   words.condition(item.when)                    // “瞒报次数”大于0
//   words.expr(indicator.value)                   // 按“案件按期办结率”分段计分：达到98%的，得100分；…
//   words.name('缺勤天数')                          // “全年缺勤天数” (label, else name; quoted)
//   words.ruleItem(item)                          // the condition and its effects as one sentence
//
// Plain data in (the dsl tree), text out; every word from the `words` catalog (messages.ts).

import type { Expr, RuleItem, Scheme } from '../../dsl/ast.js';
import { render, type Locale } from '../../dsl/i18n/index.js';
import { conditionWords, exprWords, type Scope } from './expr.js';
import { effectsWords } from './effects.js';
import { W } from './messages.js';
import { nameTable, type NameTable } from './names.js';

export interface SchemeWords {
  lang: Locale;
  names: NameTable;
  /** `e` read as a condition: a bare bool name reads “… 为是”. */
  condition(e: Expr): string;
  /** `e` as words (a value, a formula, a scoring form). */
  expr(e: Expr): string;
  /** A declared name as a reader sees it: its label, else its name, quoted. */
  name(name: string): string;
  /** A negative or reward item: “<condition>的，<effects>” (`effects` only: without the condition). */
  ruleItem(item: RuleItem, opts?: { lowestGrade?: string }): string;
  /** The effects of an item alone: 按“瞒报次数”每次扣2分，最多扣6分 … */
  effects(item: RuleItem, opts?: { lowestGrade?: string }): string;
}

export function schemeWords(scheme: Scheme, lang: Locale): SchemeWords {
  const names = nameTable(scheme);
  const scope: Scope = { lang, names, binders: new Set() };
  const words: SchemeWords = {
    lang, names,
    condition: (e) => conditionWords(e, scope),
    expr: (e) => exprWords(e, scope),
    name: (n) => render(W.quoted({ x: names.display(n) }), lang),
    effects: (item, opts) => effectsWords(item, scope, opts?.lowestGrade),
    ruleItem: (item, opts) => render(W.ruleItem({ cond: conditionWords(item.when, scope), effects: effectsWords(item, scope, opts?.lowestGrade, true) }), lang),
  };
  return words;
}

export { W } from './messages.js';
export { nameTable, type NameTable } from './names.js';
export { conditionWords, countUnit, exprWords, numberText, perUnit, type Scope } from './expr.js';
