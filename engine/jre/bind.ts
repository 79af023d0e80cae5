// Binding an exported rule document to a compiled Plan, so the json-rules-engine runtime can feed it
// facts. The rules are exported from the plan's own CheckedScheme and the facts compiled in the plan's
// own compile environment (`plan.env`), so every fact is computed through the subject's memo tables
// (a let used by a rule and by an indicator is evaluated once, with the same trace).

import { compileExpr, type CompileEnv } from '../expr.js';
import type { Compiled, Ctx, Plan } from '../plan.js';
import { Rational } from '../../dsl/rational.js';
import type { Value } from '../values.js';
import { fractionText } from './exact.js';
import { exportRules, type Exported } from './export.js';

export interface Bound {
  exported: Exported;
  /** Fact id → the kaohe closure computing it for a subject. */
  fns: Map<string, Compiled>;
}

const bound = new WeakMap<Plan, Bound>();

export function bindPlan(plan: Plan): Bound {
  let b = bound.get(plan);
  if (b) return b;
  b = bindWith(plan.env);
  bound.set(plan, b);
  return b;
}

function bindWith(env: CompileEnv): Bound {
  const exported = exportRules(env.checked, env.file);
  const fns = new Map<string, Compiled>();
  for (const [id, spec] of exported.facts) fns.set(id, compileExpr(spec.node, env, spec.reported));
  return { exported, fns };
}

/** A kaohe value as the JSON a json-rules-engine fact holds: numbers as exact text, members by name. */
export function factJson(v: Value): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Rational) return fractionText(v);
  if (Array.isArray(v)) return v.map(factJson);
  switch (v.kind) {
    case 'enum': return v.name;
    case 'record': return Object.fromEntries([...v.fields].map(([k, x]) => [k, factJson(x)]));
    case 'ratings': return Object.fromEntries([...v.categories].map(([k, x]) => [k, x.map(fractionText)]));
  }
}

/** One subject's facts for a rule set: lazy (computed on first read, as kaohe does) and memoized. */
export function subjectFacts(b: Bound, ids: Iterable<string>, ctx: Ctx): Record<string, () => unknown> {
  const out: Record<string, () => unknown> = {};
  for (const id of ids) {
    const fn = b.fns.get(id)!;
    let done = false, memo: unknown;
    out[id] = () => {
      if (!done) { memo = factJson(fn(ctx)); done = true; }
      return memo;
    };
  }
  return out;
}
