// `X in L` where L is a name (issue 12): membership in a list. In an example's `expect`, L is
// `actions`/`采取措施` (the subject's actions) or `items`/`触发事项` (the names of its matched negative and
// reward items), and X names an action or an item as declared — `expect 书面检查 in actions` — or is a
// text. X is resolved here, against the actions or the items, so `书面检查` is not "an action, not a
// value" (KH-C005) and a misspelt one is KH-C111 naming the ones the scheme has. Any other list-valued
// name (a `list of …` input or let) takes an X of its element type.

import type { InExpr } from '../../ast.js';
import { KW, M, names } from '../messages.js';
import { article, BOOL, compatible, ERROR, NUMBER, TEXT, type Type } from '../types.js';
import type { Sym } from '../../symbols.js';
import { infer } from './expr.js';
import { subjectList } from './cohort-example.js';
import { record, report, type InferState, type Scope } from './state.js';

export function inferMembership(st: InferState, e: InExpr & { of: NonNullable<InExpr['of']> }, scope: Scope): Type {
  const { ctx } = st;
  if (e.ofSubject && !subjectList(st, e, scope)) { infer(st, e.value, scope); return BOOL; } // `in A1.actions` (issue 13)
  const scale = scaleNamed(st, e.of.name, scope);
  if (scale) { // `x in 评分档` (issue 12): x is one of the scale's values
    ctx.refs.set(e.of, scale);
    record(st, e.of, SCALE_VALUES);
    const t = infer(st, e.value, scope, NUMBER);
    if (!compatible(t, NUMBER)) report(st, 'KH-C005', e.value.span, M.inMismatch({ op: KW.in(), left: article(t), right: article(NUMBER) }));
    return BOOL;
  }
  const list = infer(st, e.of, scope);
  const r = ctx.refs.get(e.of);
  const which = r?.kind === 'result' && (r.name === 'actions' || r.name === 'items') ? r.name : undefined;
  if (which) {
    const v = e.value;
    if (v.kind === 'String') { record(st, v, TEXT); return BOOL; }
    if (v.kind === 'Name' && !v.builtin) {
      const sym = which === 'actions' ? ctx.symbols.actions.get(v.name) : ctx.symbols.names.get(v.name);
      if (sym && (sym.kind === 'action' || sym.kind === 'item')) {
        ctx.refs.set(v, sym);
        record(st, v, TEXT);
        return BOOL;
      }
      record(st, v, ERROR);
      const known = which === 'actions' ? [...ctx.symbols.actions.keys()]
        : ctx.symbols.all.filter((s) => s.kind === 'item').map((s) => s.name);
      const knownMsg = known.length ? names(known) : M.noneDeclared();
      report(st, 'KH-C111', v.span, which === 'actions' ? M.notAnAction({ name: v.name, known: knownMsg }) : M.notAnItem({ name: v.name, known: knownMsg }));
      return BOOL;
    }
    const t = infer(st, v, scope);
    if (t.kind !== 'error' && t.kind !== 'text') report(st, 'KH-C005', v.span, M.memberNotName({ op: KW.in(), list: e.of.name, found: article(t) }));
    return BOOL;
  }
  if (list.kind === 'error') { infer(st, e.value, scope); return BOOL; }
  if (list.kind !== 'list') {
    infer(st, e.value, scope);
    report(st, 'KH-C005', e.of.span, M.inNeedsList({ op: KW.in(), name: e.of.name, found: article(list) }));
    return BOOL;
  }
  const t = infer(st, e.value, scope, list.element);
  if (!compatible(t, list.element)) report(st, 'KH-C005', e.value.span, M.inMismatch({ op: KW.in(), left: article(t), right: article(list.element) }));
  return BOOL;
}

const SCALE_VALUES: Type = { kind: 'list', element: NUMBER };

/** The scale `name` refers to, unless a binder of that name hides it. */
function scaleNamed(st: InferState, name: string, scope: Scope): Extract<Sym, { kind: 'scale' }> | undefined {
  for (let b = scope.binders; b; b = b.parent) if (b.name === name) return undefined;
  const s = st.ctx.symbols.names.get(name);
  return s?.kind === 'scale' ? s : undefined;
}
