// Conditions explained: for a grade condition, rule or outcome condition, the values of its atoms
// as a person reads them ("score 95.17 >= 90", "count(q in 平时考核 where q == 好) = 3 >= 2"), the
// condition's text in the reader's language (the formatter's printer: `总分 95.17 >= 90` under zh;
// names as written). Evaluation follows the same short-circuit as the condition itself, so nothing
// skipped is evaluated. Used for `gradeReasons` (always) and rule traces (only when explaining).
// A `decisive` describer keeps only the atoms that decided the value: why a better grade was missed
// (`count(…) = 1 < 2`, not the `score 95.81 >= 90` that held beside it).

import type { Expr } from '../dsl/ast.js';
import { formatExpr } from '../dsl/format/index.js';
import { isCompareOp, negate } from '../dsl/ops.js';
import { render, type Locale } from '../dsl/i18n/index.js';
import { toEvalError } from './errors.js';
import { M } from './messages.js';
import type { Compiled, Ctx } from './plan.js';
import { show, VALUE_WORDS, type Value } from './values.js';

export type Describer = (ctx: Ctx) => string[];
/** A condition's text in each output language (the compiled backend embeds both: codegen/lower.ts). */
export interface LangText { zh: string; en: string }

/** `x` as the formatter prints it, on one line, with zh and with en keywords. */
export function conditionText(x: Expr): LangText {
  return { zh: formatExpr(x, 'zh'), en: formatExpr(x, 'en') };
}

/** `x`'s text in the language asked, printed on first use: a rule's describer runs only when a result
 * is explained, and a grade's only in the language of the results (printing every condition in both
 * languages at compile time tripled a scheme's compile in the fuzz test). */
function lazyText(x: Expr): (lang: Locale) => string {
  let zh: string | undefined, en: string | undefined;
  return (lang) => (lang === 'zh' ? (zh ??= formatExpr(x, 'zh')) : (en ??= formatExpr(x, 'en')));
}

const LITERAL = new Set(['Number', 'String', 'Bool']);

export function compileDescriber(e: Expr, c: (e: Expr) => Compiled, decisive = false): Describer {
  const build = (x: Expr): ((ctx: Ctx, out: string[]) => boolean) => {
    if (x.kind === 'Binary' && (x.op === 'and' || x.op === 'or')) {
      const l = build(x.left), r = build(x.right), isAnd = x.op === 'and';
      if (!decisive) {
        return (ctx, out) => {
          const a = l(ctx, out);
          if (isAnd ? !a : a) return a;
          return r(ctx, out);
        };
      }
      return (ctx, out) => {
        const from = out.length;
        const a = l(ctx, out);
        if (isAnd ? !a : a) return a;
        const mid = out.length, b = r(ctx, out);
        if (b !== a) out.splice(from, mid - from); // the right side decided alone (`and` false, `or` true)
        return b;
      };
    }
    if (x.kind === 'Unary' && x.op === 'not') {
      // `not C` is explained by C's own parts: their values say why C does (or does not) hold.
      const inner = build(x.operand);
      return (ctx, out) => !inner(ctx, out);
    }
    if (x.kind === 'Binary' && isCompareOp(x.op)) {
      const lf = c(x.left), rf = c(x.right), whole = c(x), op = x.op;
      const lt = lazyText(x.left), rt = lazyText(x.right);
      const leftName = x.left.kind === 'Name', leftLit = LITERAL.has(x.left.kind), rightLit = LITERAL.has(x.right.kind);
      return (ctx, out) => {
        const lv = safe(lf, ctx), rv = safe(rf, ctx), ltx = lt(ctx.lang), rtx = rt(ctx.lang);
        const left = leftLit ? ltx : valueText(ltx, leftName, lv, ctx.lang);
        const right = rightLit || x.right.kind === 'Name' && isMemberText(rv, rtx) ? rtx : `${rtx} (${fmt(rv, ctx.lang)})`;
        const holds = safe(whole, ctx) === true;
        // One that does not hold is written with the operator that does (`score 93.35 != 93.34`):
        // written as in the source it would read as a true statement.
        out.push(`${left} ${holds ? op : negate(op)} ${right}`);
        return holds;
      };
    }
    const f = c(x), t = lazyText(x);
    return (ctx, out) => {
      const v = safe(f, ctx);
      out.push(`${t(ctx.lang)} = ${fmt(v, ctx.lang)}`);
      return v === true;
    };
  };
  const root = build(e);
  return (ctx) => { const out: string[] = []; root(ctx, out); return out; };
}

/** A side with its value: `score 95.17` after a name, `count(…) = 3` after an expression. */
function valueText(t: string, isName: boolean, v: Value | Failed, lang: Locale): string {
  return isName ? `${t} ${fmt(v, lang)}` : `${t} = ${fmt(v, lang)}`;
}

function isMemberText(v: Value | Failed, t: string): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v && v.kind === 'enum' && v.name === t;
}

/** A failed part of a condition: its error in words, shown in place of its value. */
class Failed { constructor(readonly text: string) {} }

function safe(f: Compiled, ctx: Ctx): Value | Failed {
  try { return f(ctx); } catch (err) {
    const e = toEvalError(err);
    return new Failed(render(M.conditionError({ message: e.msg ?? e.message }), ctx.lang));
  }
}

/** A value as the reader of `lang` reads it (values.ts VALUE_WORDS: 是/否 under zh). */
function fmt(v: Value | Failed, lang: Locale): string {
  return v instanceof Failed ? `(${v.text})` : show(v, 6, VALUE_WORDS[lang]);
}
