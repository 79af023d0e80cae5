// Pass `resolve-and-types`: resolves every NameRef (refs), types every expression (types) and
// checks each position's required type. Codes: KH-C001 unknown name/type/function, KH-P006 name
// glued to a Chinese keyword, KH-C004 ambiguous member, KH-C005 type mismatch, KH-C006 member of
// another enum, KH-C007 unknown field/category, KH-C008 wrong use of a function or form, KH-C009
// result name out of place, KH-C031 a negative item or reward refers to the score.

import type { Effect, Name, NegativeDecl, RewardDecl } from '../../ast.js';
import type { Pass } from '../context.js';
import { BOOL, NUMBER } from '../types.js';
import { article, expectType, infer, inferLet } from '../infer/expr.js';
import { memberWhere } from '../infer/name.js';
import { newState, report, type InferState, type Scope } from '../infer/state.js';
import { typingOrder } from '../infer/order.js';
import { resolveTable, resolveTypeExpr } from '../infer/typeexpr.js';


/** A grade named outside an expression (`cap G`, bonus entries). */
export function gradeName(st: InferState, n: Name): void {
  const list = st.ctx.symbols.members.get(n.name);
  const g = list?.find((m) => m.kind === 'grade');
  if (g) st.ctx.memberRefs.set(n, g);
  else if (list) report(st, 'KH-C006', n.span, `'${n.name}' is not a grade; it is declared in ${list.map((m) => memberWhere(st, m)).join(' and ')}`);
  else report(st, 'KH-C001', n.span, `unknown grade '${n.name}'`);
}

function effect(st: InferState, list: NegativeDecl | RewardDecl, e: Effect, scope: Scope): void {
  const negative = list.kind === 'Negative';
  const misplaced = (what: string) => report(st, 'KH-C008', e.span, `${what} belongs in a ${negative ? 'reward list' : 'negative list'}, not in ${list.name.name}`);
  switch (e.kind) {
    case 'cap': gradeName(st, e.grade); if (!negative) misplaced('cap'); break;
    case 'veto': case 'nograde': if (!negative) misplaced(e.kind); break;
    case 'action': break;
    case 'deduct': case 'add':
      if ((e.kind === 'add') === negative) misplaced(e.kind);
      expectType(st, e.amount, NUMBER, scope, `the amount of ${e.kind}`);
      if (e.per) expectType(st, e.per, NUMBER, scope, 'a per expression');
      if (e.max) expectType(st, e.max, NUMBER, scope, `the max of ${e.kind}`);
  }
}

export const resolvePass: Pass = {
  name: 'resolve-and-types',
  run(ctx) {
    const st = newState(ctx);
    const scheme: Scope = { area: 'scheme' };
    const decls = ctx.scheme.decls;
    // Input types, then tables and lets, dependencies first (order.ts): names elsewhere are typed
    // through them, and a let typed after the lets it names does not recurse into them.
    for (const d of decls) if (d.kind === 'Input') for (const f of d.fields) resolveTypeExpr(st, f.type);
    for (const d of typingOrder(ctx)) if (d.kind === 'Table') resolveTable(st, d); else inferLet(st, d);
    for (const d of decls) {
      switch (d.kind) {
        case 'Setting':
          if (d.key === 'cohortBy') {
            const t = infer(st, d.value, scheme);
            if (!['text', 'enum', 'number', 'bool', 'error'].includes(t.kind)) report(st, 'KH-C005', d.value.span, `cohort by needs a text, number, bool or enum value, not ${article(t)}`);
          } else if (d.key === 'precision' || d.key === 'total') infer(st, d.value, scheme);
          break;
        case 'Input':
          for (const f of d.fields) {
            const t = ctx.typeExprs.get(f.type)!;
            if (f.default && !(f.default.kind === 'List' && f.default.items.length === 0 && t.kind === 'list')) {
              expectType(st, f.default, t, scheme, `the default of ${f.name.name}`);
            } else if (f.default) ctx.types.set(f.default, t);
          }
          break;
        case 'Adjust': expectType(st, d.value, NUMBER, scheme, 'adjust'); break;
        case 'Negative': case 'Reward': {
          if (d.max) expectType(st, d.max, NUMBER, scheme, `the max of ${d.name.name}`);
          const rule: Scope = { area: 'rule', inRule: true };
          for (const item of d.items) {
            expectType(st, item.when, BOOL, rule, `the condition of ${item.name.name}`);
            for (const e of item.effects) effect(st, d, e, rule);
          }
          break;
        }
        case 'Grades': {
          for (const g of d.grades) if (g.when) expectType(st, g.when, BOOL, { area: 'grades' }, `the condition of grade ${g.name.name}`);
          for (const k of d.tiebreak) {
            const t = infer(st, k.key, { area: 'tiebreak' });
            if (t.kind !== 'number' && t.kind !== 'error' && !(t.kind === 'enum' && t.ordered)) {
              report(st, 'KH-C005', k.key.span, `a tiebreak key must be a number or an ordered enum, not ${article(t)}`);
            }
          }
          break;
        }
        case 'Outcomes': {
          const out: Scope = { area: 'outcomes' };
          for (const b of d.bonus?.entries ?? []) { gradeName(st, b.grade); expectType(st, b.value, NUMBER, out, `the bonus of ${b.grade.name}`); }
          for (const a of d.actions) expectType(st, a.when, BOOL, out, `the condition of action ${a.name.name}`);
          if (d.improve) {
            expectType(st, d.improve.below, NUMBER, out, 'the improve threshold');
            if (d.improve.max) expectType(st, d.improve.max, NUMBER, out, 'the improve max');
          }
          break;
        }
        case 'Example':
          for (const e of d.expects) expectType(st, e, BOOL, { area: 'example' }, 'an expect');
          break;
        default: break;
      }
    }
    // Indicators, groups and when conditions, wherever they are nested.
    const seenConds = new Set<object>();
    for (let i = 0; i < ctx.placed.length; i++) { // indexed: see CheckContext.placed
      const p = ctx.placed[i];
      for (const c of p.local) {
        if (seenConds.has(c)) continue;
        seenConds.add(c);
        expectType(st, c, BOOL, scheme, 'a when condition');
      }
      if (p.decl.kind === 'Indicator') {
        expectType(st, p.decl.value, NUMBER, scheme, 'the score of ', p.decl.name.name);
        if (p.decl.range) {
          expectType(st, p.decl.range.lo, NUMBER, scheme, 'a range bound');
          expectType(st, p.decl.range.hi, NUMBER, scheme, 'a range bound');
        }
      }
    }
  },
};
