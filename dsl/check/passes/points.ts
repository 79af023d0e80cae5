// Pass `points` (issue 12): what the weight proof does not say about shares that depend on the post,
// `normalize` and items attached to an indicator.
// - KH-C090: an item's `for` must name an indicator (the engine looks it up by name); KH-C091
//   (warning): an attached item without `add`/`deduct` — `for` would change nothing.
// - KH-C092 (warning): a `normalize` group (or the top level under a scheme-level `normalize`) whose
//   members can all be switched off by their `when` conditions for some combination of enum/bool
//   inputs: such a subject has nothing to scale, and its evaluation fails (KH-E017). Only said when
//   provable — a condition over numbers or text leaves it to the evaluation.

import type { Expr, GroupDecl } from '../../ast.js';
import type { Msg } from '../../i18n/index.js';
import { domainOf, enumerate, holds, not, varsOf, type Domain, type Formula } from '../conditions.js';
import type { CheckContext, Pass } from '../context.js';
import { kindMsg, KW, M } from '../messages.js';
import { allConditions, type Placed } from '../walk.js';

export const pointsPass: Pass = {
  name: 'points',
  followsReferences: true,
  run(ctx) {
    attachedItems(ctx);
    emptyNormalize(ctx);
  },
};

function attachedItems(ctx: CheckContext): void {
  for (const list of [...ctx.symbols.negatives, ...ctx.symbols.rewards]) {
    for (const item of list.items) {
      const target = item.for;
      if (!target) continue;
      const sym = ctx.symbols.names.get(target.name);
      if (!sym) ctx.sink.add('KH-C090', target.span, M.forUnknown({ item: item.name.name, name: target.name }));
      else if (sym.kind !== 'indicator') {
        ctx.sink.add('KH-C090', target.span, M.forNotIndicator({ item: item.name.name, name: target.name, kind: M.a({ x: kindMsg(sym) }) }));
      } else {
        if (!item.effects.some((e) => e.kind === 'add' || e.kind === 'deduct')) {
          ctx.sink.add('KH-C091', target.span, M.forNoAmount({ item: item.name.name, name: target.name }));
        }
      }
    }
  }
}

function emptyNormalize(ctx: CheckContext): void {
  const kids = new Map<GroupDecl | undefined, Placed[]>();
  for (const p of ctx.placed) {
    const list = kids.get(p.parent);
    if (list) list.push(p); else kids.set(p.parent, [p]);
  }
  const dom = domainOf(ctx);
  const check = (members: Placed[], context: readonly Expr[], subject: Msg, at: { start: number; end: number }) => {
    if (members.length === 0) return;
    const some = members.map((m) => dom.and(m.local.map((c) => dom.compile(c))));
    const none: Formula = dom.and([...context.map((c) => dom.compile(c)), not({ k: 'or', parts: some })]);
    const combination = counterexample(dom, none);
    if (combination?.length) ctx.sink.add('KH-C092', at, M.normalizeEmpty({ combination, subject }));
  };
  for (const p of ctx.placed) {
    if (p.decl.kind !== 'Group' || !p.decl.normalize) continue;
    check(kids.get(p.decl) ?? [], allConditions(p), M.nm({ name: p.decl.name.name }), p.decl.name.span);
  }
  const line = ctx.symbols.settings.get('normalize');
  if (line) check(kids.get(undefined) ?? [], [], M.normalizeTop(), line.span);
}

/** An assignment of the enum/bool inputs under which `f` holds, as messages; undefined when there is
 * none, when `f` tests numbers or text (not provable) or when there are too many to try. */
function counterexample(dom: Domain, f: Formula): Msg[] | undefined {
  const vars = [...varsOf(f)];
  if (vars.some((v) => dom.vars[v].opaque)) return undefined;
  const a = new Int32Array(dom.vars.length);
  let found: Msg[] | undefined;
  enumerate(dom, vars, a, () => {
    if (!holds(f, a)) return;
    found = vars.map((v) => {
      const x = dom.vars[v], value = x.values[a[v]];
      const yesNo = x.values.length === 2 && x.values[0] === 'false' && x.values[1] === 'true';
      return M.assign({ name: x.label, value: yesNo ? (value === 'true' ? KW.true() : KW.false()) : value });
    });
    return false;
  });
  return found;
}
