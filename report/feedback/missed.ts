// Why a better grade was missed, in words (U6 M-6): a person with 90.22 ≥ the 优秀 line but a 一般
// quarter read only “你符合“称职”等次的条件”. The result's own gradeReasons say which parts of the
// better grade's condition decided (`未达到“优秀”：任一(q 属于 季度结果 : q.考核等次 <= 一般) = 是`,
// engine/grade.ts missedReasons, one line per deciding part, with rule syntax); here each such line is
// matched to its part of the grade's condition in the scheme's tree (the same formatter text the
// engine printed, engine/describe.ts) and the fact that held is said in the scheme document's words
// (“四个季度平时考核”中至少有一项（其“考核等次”为“一般”或以下）). A grade missed only on the score line
// says nothing new (the score line above says the score) and is left out.

import type { Expr, Scheme } from '../../dsl/ast.js';
import { formatExpr } from '../../dsl/format/index.js';
import { render, type Locale } from '../../dsl/i18n/index.js';
import { isCompareOp, negate } from '../../dsl/ops.js';
import { M as EM } from '../../engine/messages.js';
import type { SchemeWords } from '../words/index.js';

const LANGS: readonly Locale[] = ['zh', 'en'];

/** One part of a grade's condition the engine describes by itself: a comparison (its sides as the
 * formatter prints them, zh and en) or another leaf (its text). Plain data: the terms go to a
 * language worker (structured clone), so no functions. */
interface Part {
  sides?: { left: string; right: string }[];
  texts?: string[];
  /** The fact that made the grade fail when this part decided, in words. */
  fact: string;
  /** A comparison of the score with a number: the score line already says it. */
  scoreLine: boolean;
}

/** Whether `line` (after `未达到“G”：`) is the engine's line for `p`, in either language: a comparison
 * `left[ value] op right[ (value)]` (the engine writes the operator that holds, so only the sides),
 * another leaf `text = value`. */
function matches(p: Part, line: string): boolean {
  if (p.texts) return p.texts.some((t) => line.startsWith(t));
  return (p.sides ?? []).some(({ left, right }) =>
    line.startsWith(`${left} `) && (line.endsWith(` ${right}`) || line.endsWith(')') && line.includes(` ${right} (`)));
}

/** A grade's parts, by grade name, in the order the engine describes them. */
export type MissedParts = Map<string, Part[]>;

function comparePart(x: Extract<Expr, { kind: 'Binary' }>, failed: Expr, words: SchemeWords): Part {
  return {
    sides: LANGS.map((l) => ({ left: formatExpr(x.left, l), right: formatExpr(x.right, l) })),
    fact: words.condition(failed),
    scoreLine: (x.left.kind === 'Name' && x.left.builtin === 'score' && x.right.kind === 'Number')
      || (x.right.kind === 'Name' && x.right.builtin === 'score' && x.left.kind === 'Number'),
  };
}

/** The parts of `e`; `want` is the value the grade needs of `e` (false under an odd number of 非). */
function parts(e: Expr, want: boolean, words: SchemeWords, out: Part[]): void {
  if (e.kind === 'Binary' && (e.op === 'and' || e.op === 'or')) {
    parts(e.left, want, words, out);
    parts(e.right, want, words, out);
    return;
  }
  if (e.kind === 'Unary' && e.op === 'not') {
    parts(e.operand, !want, words, out);
    return;
  }
  if (e.kind === 'Binary' && isCompareOp(e.op)) {
    out.push(comparePart(e, want ? { ...e, op: negate(e.op) } : e, words));
    return;
  }
  const failed: Expr = want ? { kind: 'Unary', op: 'not', operand: e, span: e.span } : e;
  out.push({ texts: LANGS.map((l) => `${formatExpr(e, l)} = `), fact: words.condition(failed), scoreLine: false });
}

/** The parts of every grade with a condition of its own. */
export function missedParts(scheme: Scheme, words: SchemeWords): MissedParts {
  const out: MissedParts = new Map();
  for (const d of scheme.decls) {
    if (d.kind !== 'Grades') continue;
    for (const g of d.grades) {
      if (g.when === undefined) continue;
      const list = out.get(g.name.name) ?? [];
      parts(g.when, true, words, list);
      out.set(g.name.name, list);
    }
  }
  return out;
}

/** The better grades the result says were missed, each with the facts that decided it (in the order
 * of gradeReasons), leaving out a grade missed on the score line alone or whose lines match no part. */
export function missedFacts(reasons: readonly string[], table: MissedParts): { grade: string; facts: string[] }[] {
  const out: { grade: string; facts: string[]; scoreOnly: boolean }[] = [];
  for (const [grade, list] of table) {
    const heads = LANGS.map((l) => render(EM.gradeMissed({ grade, reason: '' }), l));
    const found: Part[] = [];
    for (const line of reasons) {
      const head = heads.find((h) => line.startsWith(h));
      if (head === undefined) continue;
      const part = list.find((p) => matches(p, line.slice(head.length)));
      if (part !== undefined && !found.includes(part)) found.push(part);
    }
    if (found.length > 0) out.push({ grade, facts: found.map((p) => p.fact), scoreOnly: found.every((p) => p.scoreLine) });
  }
  return out.filter((x) => !x.scoreOnly).map(({ grade, facts }) => ({ grade, facts }));
}
