// What the feedback sheet reads from the scheme's own text (issue 15, officer #10), beyond the
// result: an outcome action's condition in words (so the sheet can say what led to 约谈提醒 — the
// grade or a negative item), a deduction counted per input field (扣1分 每 迟到次数 上限 3: the count,
// the amount each and the cap, so the sheet states them as it states a capped reward), and the bonus
// factor as the scheme writes it (1.0, not 1 — the scheme document prints it the same way). Read from
// the checked scheme of a prepared scheme's plan (names and literals only, nothing is evaluated);
// a scheme the engine did not prepare (an injected test engine) simply has no terms. Also the parts of
// each grade's condition, so the sheet can say why a better grade was missed (missed.ts).

import type { Effect, Expr, Scheme } from '../../dsl/ast.js';
import type { Locale } from '../../dsl/i18n/index.js';
import type { PreparedScheme } from '../../engine/api.js';
import { planOf } from '../../engine/index.js';
import { render } from '../../dsl/i18n/index.js';
import { perUnit, schemeWords } from '../words/index.js';
import { missedParts, type MissedParts } from './missed.js';

/** A deduction of `unit` points per count of an input field, at most `max` (as written); `measure`:
 * what one count is (天 for 全年缺勤天数: 每天扣0.5分, as the scheme document says; empty in English). */
export interface PerDeduct { unit: string; field: string; fieldName: string; measure: string; max?: string }

export interface FeedbackTerms {
  /** An outcome action's condition in words (评定等次为“基本称职”), by action name. */
  actionWhen: Map<string, string>;
  /** Deductions per count of an input, by `list␀item`. */
  perDeduct: Map<string, PerDeduct>;
  /** The bonus factor of each grade as written in the scheme ("1.0"), when it is a number. */
  bonus: Map<string, string>;
  /** The parts of each grade's condition, to say why a better grade was missed (missed.ts). */
  missed: MissedParts;
}

export const itemKey = (list: string, item: string): string => `${list}\u0000${item}`;

const literal = (e: Expr | undefined): string | undefined => (e?.kind === 'Number' && !e.percent ? e.text : undefined);

const nameOf = (e: Expr | undefined): string | undefined => (e?.kind === 'Name' && e.builtin === undefined ? e.name : undefined);

/** The terms of a checked scheme in `lang`. */
export function feedbackTerms(scheme: Scheme, lang: Locale): FeedbackTerms {
  const words = schemeWords(scheme, lang);
  const terms: FeedbackTerms = { actionWhen: new Map(), perDeduct: new Map(), bonus: new Map(), missed: missedParts(scheme, words) };
  for (const d of scheme.decls) {
    if (d.kind === 'Outcomes') {
      for (const a of d.actions) if (!terms.actionWhen.has(a.name.name)) terms.actionWhen.set(a.name.name, words.condition(a.when));
      for (const b of d.bonus?.entries ?? []) {
        const text = literal(b.value);
        if (text !== undefined) terms.bonus.set(b.grade.name, text);
      }
    }
    if (d.kind === 'Negative') {
      for (const item of d.items) {
        const e = item.effects.find((x): x is Extract<Effect, { kind: 'deduct' }> => x.kind === 'deduct');
        const unit = literal(e?.amount);
        const field = nameOf(e?.per);
        if (e === undefined || unit === undefined || field === undefined) continue;
        const max = e.max === undefined ? undefined : literal(e.max);
        if (e.max !== undefined && max === undefined) continue;
        const measure = render(perUnit(e.per!, { lang, names: words.names, binders: new Set() }), lang);
        terms.perDeduct.set(itemKey(d.name.name, item.name.name), { unit, field, fieldName: words.name(field), measure, ...(max !== undefined && { max }) });
      }
    }
  }
  return terms;
}

/** The terms of a prepared scheme, undefined when this engine did not prepare it. */
export function termsOf(prepared: PreparedScheme, lang: Locale): FeedbackTerms | undefined {
  try {
    return feedbackTerms(planOf(prepared).checked.scheme, lang);
  } catch {
    return undefined;
  }
}
