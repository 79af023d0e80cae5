// Pass `points` (issue 12): what the weight proof does not say about shares that depend on the post,
// `normalize` and items attached to an indicator.
// - KH-C090: an item's `for` must name an indicator (the engine looks it up by name); KH-C091
//   (warning): an attached item without `add`/`deduct` — `for` would change nothing; KH-C093
//   (warning): an attached item that can match while its indicator does not apply (its amount would
//   be dropped).
// - KH-C092 (warning): a `normalize` group (or the top level under a scheme-level `normalize`) whose
//   members can all be switched off by their `when` conditions for some combination of enum/bool
//   inputs: such a subject has nothing to scale, and its evaluation fails (KH-E017). Only said when
//   provable — a condition over numbers or text leaves it to the evaluation.

import type { Expr, GroupDecl, Name, RuleItem } from '../../ast.js';
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
        } else targetInapplicable(ctx, item, target);
      }
    }
  }
}

/** KH-C093: the item can match for a combination of enum/bool inputs under which its indicator does
 * not apply — its amount is then dropped (engine/attached.ts). Said only when the indicator's
 * conditions are enum/bool ones; the item's conditions over numbers or text count as able to hold. */
function targetInapplicable(ctx: CheckContext, item: RuleItem, target: Name): void {
  const placed = ctx.placed.find((p) => p.decl.kind === 'Indicator' && p.decl.name.name === target.name);
  const conds = placed ? allConditions(placed) : [];
  if (conds.length === 0) return;
  const dom = domainOf(ctx);
  const applies = dom.and(conds.map((c) => dom.compile(c)));
  if ([...varsOf(applies)].some((v) => dom.vars[v].opaque)) return;
  const combination = counterexample(dom, dom.and([dom.compile(item.when), not(applies)]), true);
  if (combination?.length) ctx.sink.add('KH-C093', target.span, M.forInapplicable({ combination, item: item.name.name, name: target.name }));
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
 * none, when `f` tests numbers or text (not provable; unless `free`: such tests are then taken as
 * able to hold either way and left out of the messages) or when there are too many to try. */
function counterexample(dom: Domain, f: Formula, free = false): Msg[] | undefined {
  const vars = [...varsOf(f)];
  if (!free && vars.some((v) => dom.vars[v].opaque)) return undefined;
  const a = new Int32Array(dom.vars.length);
  let found: Msg[] | undefined;
  enumerate(dom, vars, a, () => {
    if (!holds(f, a)) return;
    found = vars.filter((v) => !dom.vars[v].opaque).map((v) => {
      const x = dom.vars[v], value = x.values[a[v]];
      const yesNo = x.values.length === 2 && x.values[0] === 'false' && x.values[1] === 'true';
      return M.assign({ name: x.label, value: yesNo ? (value === 'true' ? KW.true() : KW.false()) : value });
    });
    return false;
  });
  return found;
}
