// Pass `resolve-and-types`: resolves every NameRef (refs), types every expression (types) and
// checks each position's required type. Codes: KH-C001 unknown name/type/function, KH-P006 name
// glued to a Chinese keyword, KH-C004 ambiguous member, KH-C005 type mismatch, KH-C006 member of
// another enum, KH-C007 unknown field/category, KH-C008 wrong use of a function or form, KH-C009
// result name out of place, KH-C031 a negative item or reward refers to the score.

import type { Effect, Expr, Name, NegativeDecl, RewardDecl } from '../../ast.js';
import type { Msg } from '../../i18n/index.js';
import type { Pass } from '../context.js';
import { KW, M } from '../messages.js';
import { BOOL, NUMBER, article } from '../types.js';
import { M as MQ } from '../messages/quotas.js';
import { expectType, infer, inferLet } from '../infer/expr.js';
import { membersWhere } from '../infer/name.js';
import { newState, report, type InferState, type Scope } from '../infer/state.js';
import { typingOrder } from '../infer/order.js';
import { functionType } from '../infer/functions.js';
import { resolveTable, resolveTypeExpr } from '../infer/typeexpr.js';

/** Positions of this pass, built once; {name} is filled in by expectType. */
const P = {
  deductAmount: M.pAmount({ effect: KW.deduct() }), addAmount: M.pAmount({ effect: KW.add() }),
  deductMax: M.pEffectMax({ effect: KW.deduct() }), addMax: M.pEffectMax({ effect: KW.add() }),
  per: M.pPer(), default: M.pDefault(), adjust: M.pAdjust(), listMax: M.pListMax(), itemCond: M.pItemCond(),
  gradeCond: M.pGradeCond(), bonus: M.pBonus(), actionCond: M.pActionCond(), improveBelow: M.pImproveBelow(),
  improveMax: M.pImproveMax(), expect: M.pExpect(), when: M.pWhen(), score: M.pScore(), rangeBound: M.pRangeBound(),
} as const;

/** The effects that belong in the other kind of list, by name. */
const EFFECT: Record<'cap' | 'veto' | 'nograde' | 'deduct' | 'add', () => Msg> = {
  cap: KW.cap, veto: KW.veto, nograde: KW.nograde, deduct: KW.deduct, add: KW.add,
};

/** A grade named outside an expression (`cap G`, bonus entries). */
export function gradeName(st: InferState, n: Name): void {
  const list = st.ctx.symbols.members.get(n.name);
  const g = list?.find((m) => m.kind === 'grade');
  if (g) st.ctx.memberRefs.set(n, g);
  else if (list) report(st, 'KH-C006', n.span, M.notMemberOf({ name: n.name, want: M.wantGrade(), where: membersWhere(st, list) }));
  else report(st, 'KH-C001', n.span, M.unknownGrade({ name: n.name }));
}

function effect(st: InferState, list: NegativeDecl | RewardDecl, e: Effect, scope: Scope): void {
  const negative = list.kind === 'Negative';
  const misplaced = (what: keyof typeof EFFECT) => report(st, 'KH-C008', e.span,
    M.misplacedEffect({ effect: EFFECT[what](), list: negative ? M.kReward() : M.kNegative(), name: list.name.name }));
  switch (e.kind) {
    case 'cap': gradeName(st, e.grade); if (!negative) misplaced('cap'); break;
    case 'veto': case 'nograde': if (!negative) misplaced(e.kind); break;
    case 'action': break;
    case 'deduct': case 'add':
      if ((e.kind === 'add') === negative) misplaced(e.kind);
      expectType(st, e.amount, NUMBER, scope, e.kind === 'add' ? P.addAmount : P.deductAmount);
      if (e.per) expectType(st, e.per, NUMBER, scope, P.per);
      if (e.max) expectType(st, e.max, NUMBER, scope, e.kind === 'add' ? P.addMax : P.deductMax);
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
    for (const d of typingOrder(ctx)) {
      if (d.kind === 'Table') resolveTable(st, d); else if (d.kind === 'Function') functionType(st, d); else inferLet(st, d);
    }
    for (const d of decls) {
      switch (d.kind) {
        case 'Setting':
          if (d.key === 'cohortBy') {
            const t = infer(st, d.value, scheme);
            if (!['text', 'enum', 'number', 'bool', 'error'].includes(t.kind)) report(st, 'KH-C005', d.value.span, M.cohortByType({ type: article(t) }));
          } else if (d.key === 'rankBy') {
            // issue 13: evaluated like a tiebreak key (reported values), but only a number ranks
            const t = infer(st, d.value, { area: 'tiebreak' });
            if (t.kind !== 'number' && t.kind !== 'error') report(st, 'KH-C005', d.value.span, MQ.rankByType({ type: article(t) }));
          } else if (d.key === 'precision' || d.key === 'total') infer(st, d.value, scheme);
          break;
        case 'Input':
          for (const f of d.fields) {
            const t = ctx.typeExprs.get(f.type)!;
            if (f.default && !(f.default.kind === 'List' && f.default.items.length === 0 && t.kind === 'list')) {
              expectType(st, f.default, t, scheme, P.default, f.name.name);
            } else if (f.default) ctx.types.set(f.default, t);
          }
          break;
        case 'Adjust': expectType(st, d.value, NUMBER, scheme, P.adjust); break;
        case 'Negative': case 'Reward': {
          if (d.max) expectType(st, d.max, NUMBER, scheme, P.listMax, d.name.name);
          const rule: Scope = { area: 'rule', inRule: true };
          for (const item of d.items) {
            expectType(st, item.when, BOOL, rule, P.itemCond, item.name.name);
            for (const e of item.effects) effect(st, d, e, rule);
          }
          break;
        }
        case 'Grades': {
          for (const g of d.grades) if (g.when) expectType(st, g.when, BOOL, { area: 'grades' }, P.gradeCond, g.name.name);
          for (const k of d.tiebreak) {
            const t = infer(st, k.key, { area: 'tiebreak' });
            if (t.kind !== 'number' && t.kind !== 'error' && !(t.kind === 'enum' && t.ordered)) {
              report(st, 'KH-C005', k.key.span, M.tiebreakType({ type: article(t) }));
            }
          }
          break;
        }
        case 'Outcomes': {
          const out: Scope = { area: 'outcomes' };
          for (const b of d.bonus?.entries ?? []) { gradeName(st, b.grade); expectType(st, b.value, NUMBER, out, P.bonus, b.grade.name); }
          for (const a of d.actions) expectType(st, a.when, BOOL, out, P.actionCond, a.name.name);
          if (d.improve) {
            expectType(st, d.improve.below, NUMBER, out, P.improveBelow);
            if (d.improve.max) expectType(st, d.improve.max, NUMBER, out, P.improveMax);
          }
          break;
        }
        case 'Example': {
          const subjects = d.subjects && { example: d.name.name, ids: d.subjects.flatMap((s) => (typeof s?.id === 'string' ? [s.id] : [])) }; // a cohort example (issue 13)
          for (const e of d.expects) expectType(st, e, BOOL, { area: 'example', ...(subjects ? { subjects } : {}) }, P.expect);
          break;
        }
        default: break;
      }
    }
    // Indicators, groups and when conditions, wherever they are nested.
    const seenConds = new Set<object>();
    let lastLocal: Expr[] | undefined; // siblings in one `when` block share their array (walk.ts place)
    for (let i = 0; i < ctx.placed.length; i++) { // indexed: see CheckContext.placed
      const p = ctx.placed[i];
      if (p.local !== lastLocal) {
        lastLocal = p.local;
        for (const c of p.local) {
          if (seenConds.has(c)) continue;
          seenConds.add(c);
          expectType(st, c, BOOL, scheme, P.when);
        }
      }
      // `weight if C then N else M` (issue 12): each C is a condition as in `when`.
      for (const c of p.decl.share?.cases ?? []) {
        expectType(st, c.cond, BOOL, scheme, P.when);
        expectType(st, c.value, NUMBER, scheme, P.score, p.decl.name.name);
      }
      if (p.decl.kind === 'Indicator') {
        expectType(st, p.decl.value, NUMBER, scheme, P.score, p.decl.name.name);
        if (p.decl.range) {
          expectType(st, p.decl.range.lo, NUMBER, scheme, P.rangeBound);
          expectType(st, p.decl.range.hi, NUMBER, scheme, P.rangeBound);
        }
      }
    }
  },
};
