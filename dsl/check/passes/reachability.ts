// Pass `reachability`: an indicator whose `when` conditions cannot all hold (`岗位 == A and 岗位 == B`)
// is unreachable (KH-C043, warning). A reference to an indicator or group that applies only under
// conditions is KH-C044 (warning) unless the facts where it is evaluated imply those conditions
// (`if 岗位 == 行政执法 then 案件办结 else 0`, or inside the same `when`). In an example the given
// input decides: the warning is given when the indicator definitely does not apply to it.

import type { ExampleDecl, Expr, NameRef } from '../../ast.js';
import type { Msg, MsgArg } from '../../i18n/index.js';
import { domainOf, not, satisfiable, varsOf, holds, type Domain, type Formula } from '../conditions.js';
import type { CheckContext, Pass } from '../context.js';
import { andList, code, M } from '../messages.js';
import { factsAt, sitesOf } from '../facts.js';
import { allConditions, type Placed } from '../walk.js';

function exampleAssignment(ctx: CheckContext, dom: Domain, ex: ExampleDecl, vars: Set<number>): Int32Array | undefined {
  const a = new Int32Array(dom.vars.length);
  for (const v of vars) {
    const info = dom.vars[v];
    if (info.opaque) return undefined;
    const entry = ex.given.entries.find((x) => x.key.name === info.label);
    const field = ctx.symbols.inputs.get(info.label);
    const value = entry?.value ?? field?.default;
    if (!value) return undefined;
    const text = value.kind === 'Bool' ? String(value.value) : value.kind === 'Name' ? value.name : undefined;
    const i = text === undefined ? -1 : info.values.indexOf(text);
    if (i < 0) return undefined;
    a[v] = i;
  }
  return a;
}

export const reachabilityPass: Pass = {
  name: 'reachability',
  followsReferences: true,
  run(ctx) {
    const dom = domainOf(ctx);
    // Keyed by the (shared) conditions array: siblings in one when-block are proved once.
    const condFormula = new Map<Expr[], Formula>();
    const formulaOf = (p: Placed) => {
      const conds = allConditions(p);
      let f = condFormula.get(conds);
      if (!f) { f = dom.and(conds.map((c) => dom.compile(c))); condFormula.set(conds, f); }
      return f;
    };
    const satCache = new Map<Expr[], boolean | undefined>();
    let lastConds: Expr[] | undefined, lastSat: boolean | undefined;
    for (let i = 0; i < ctx.placed.length; i++) { // indexed: see CheckContext.placed
      const p = ctx.placed[i];
      if (p.decl.kind !== 'Indicator') continue;
      const conds = allConditions(p);
      if (conds.length === 0) continue;
      // Siblings in one when-block usually follow each other: no lookup for them.
      if (conds !== lastConds) {
        if (!satCache.has(conds)) satCache.set(conds, satisfiable(dom, [formulaOf(p)]));
        lastConds = conds; lastSat = satCache.get(conds);
      }
      if (lastSat === false) {
        ctx.sink.add('KH-C043', p.decl.name.span, M.neverApplies({ name: p.decl.name.name, conditions: conditionsOf(ctx, conds) }));
      }
    }
    for (const s of sitesOf(ctx).refs) {
      const r = s.ref;
      if (r.kind !== 'indicator' && r.kind !== 'group') continue;
      const p = ctx.placedByDecl.get(r.decl);
      if (!p || allConditions(p).length === 0) continue;
      const e = s.e;
      const need = formulaOf(p);
      if (s.root.example) {
        const a = exampleAssignment(ctx, dom, s.root.example, varsOf(need));
        if (a && !holds(need, a)) warn(ctx, e, p, M.whyExample({ name: s.root.example.name.name }));
        continue;
      }
      const known = dom.and(factsAt(s).map((f) => (f.truth ? dom.compile(f.e) : not(dom.compile(f.e)))));
      if (satisfiable(dom, [known, not(need)]) === true) warn(ctx, e, p, M.whyNoGuard());
    }
  },
};

/** `` `岗位 == A` and `职级 >= B` `` — the conditions as written. */
function conditionsOf(ctx: CheckContext, conds: readonly Expr[]): MsgArg {
  return andList(conds.map((c) => code(ctx.file.slice(c.span))));
}

function warn(ctx: CheckContext, e: NameRef, p: Placed, why: Msg): void {
  const kind = p.decl.kind === 'Group' ? M.kGroup() : M.kIndicator();
  ctx.sink.add('KH-C044', e.span, M.mayNotApply({ kind, name: p.decl.name.name, conditions: conditionsOf(ctx, allConditions(p)), why }));
}
