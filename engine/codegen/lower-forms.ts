// Lowering the scoring forms (issue 16; emitted by emit-forms.ts): a table read by an enum member
// (`表[k]`), `bands`, `levels`, `linear` between constant points, and `rate` of a panel — plain
// ratings (forms.ts) or ballots with criteria (ballots.ts), the panel's settings read at compile
// time (panels.ts). A form the code generator does not handle throws Unsupported (the scheme then
// runs on closures). Each subexpression is lowered in the caller's scope, in source order.

import type { BandsExpr, Expr, IndexExpr, LevelsExpr, LinearExpr, RateExpr } from '../../dsl/ast.js';
import { constNumber } from '../contract.js';
import { panelSettings } from '../panels.js';
import type { CmpOp, Frac, IR } from './ir.js';
import { frac, lowerExpr, need, NUM, resultTy, sameKind, Unsupported, type LowerEnv } from './lower.js';

/** Lowers a subexpression in the caller's scope. */
type LowerHere = (x: Expr) => IR;

/** `表[k]` of a table keyed by an enum: every entry, each lowered on its own (no binder of the caller). */
export function lowerTable(env: LowerEnv, e: IndexExpr, c: LowerHere, line: number): IR {
  const ref = e.object.kind === 'Name' ? env.plan.checked.refs.get(e.object) : undefined;
  if (ref?.kind !== 'table') throw new Unsupported('indexing a list', line);
  const key = c(e.index);
  if (key.ty.k !== 'enum') throw new Unsupported('a table keyed by a non-enum', line);
  const entries = ref.decl.entries.map((en) => ({
    key: env.plan.checked.memberRefs.get(en.key)?.name ?? en.key.name, value: lowerExpr(env, en.value, false),
  }));
  const ty = entries[0]?.value.ty ?? NUM;
  if (entries.some((x) => x.value.ty.k !== ty.k) || ty.k === 'raw') throw new Unsupported('a table of mixed values', line);
  return { op: 'Table', key, entries, ty };
}

export function lowerBands(e: BandsExpr, c: LowerHere, line: number): IR {
  const x = c(e.subject);
  const bands = e.bands.map((b) => ({ o: b.op as CmpOp, at: c(b.threshold), score: c(b.score) }));
  for (const b of bands) sameKind(x, b.at, line);
  const el = e.else && c(e.else);
  return { op: 'Bands', x, bands, else: el, ty: resultTy([...bands.map((b) => b.score), ...(el ? [el] : [])], line) };
}

export function lowerLevels(env: LowerEnv, e: LevelsExpr, c: LowerHere, line: number): IR {
  const x = c(e.subject);
  if (x.ty.k !== 'enum') throw new Unsupported('levels of a non-enum', line);
  const entries = e.entries.map((en) => ({ key: env.plan.checked.memberRefs.get(en.member)?.name ?? en.member.name, score: c(en.score) }));
  const el = e.else && c(e.else);
  return { op: 'Levels', x, entries, else: el, ty: resultTy([...entries.map((b) => b.score), ...(el ? [el] : [])], line) };
}

export function lowerLinear(e: LinearExpr, c: LowerHere, line: number): IR {
  const x = c(e.subject);
  need(x, 'num', line);
  const pts = e.points.map((p) => {
    const px = constNumber(p.x), py = constNumber(p.y);
    if (!px || !py) throw new Unsupported('linear with computed points', line);
    return [frac(px, line), frac(py, line)] as [Frac, Frac];
  });
  return { op: 'Linear', x, pts, ty: NUM };
}

/** `rate` of a ratings input: with criteria `Ballots`, else `Rate` (no trimming by whole ballots,
 * no `missing error`: those run on the closures). */
export function lowerRate(e: RateExpr, c: LowerHere, line: number): IR {
  const x = c(e.subject);
  if (x.ty.k !== 'raw' || x.ty.spec.kind !== 'ratings' || x.op !== 'Input') throw new Unsupported('rate of this value', line);
  const s = panelSettings(x.ty.spec.panel);
  const cats = () => s.categories.map((k) => ({ name: k.name, w: frac(k.weight, line), min: k.min }));
  if (s.criteria.length) {
    return {
      op: 'Ballots', x, ty: NUM, missing: s.missing, ...(s.trim ? { trim: s.trim } : {}),
      cats: cats(), crits: s.criteria.map((k) => ({ name: k.name, v: frac(k.weight, line) })),
    };
  }
  if (s.trim?.perBallot) throw new Unsupported('rate by whole ballots without criteria', line);
  if (s.missing === 'error') throw new Unsupported('rate with missing error', line);
  return { op: 'Rate', x, ty: NUM, missing: s.missing, cats: cats(), ...(s.trim ? { trim: { count: s.trim.count, atLeast: s.trim.atLeast } } : {}) };
}
