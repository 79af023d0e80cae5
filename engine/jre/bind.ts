// Binding an exported rule document to a compiled Plan, so the json-rules-engine runtime can feed it
// facts. The Plan does not keep its CheckedScheme (the AST `refs` the export reads), so the plan's
// own source is analyzed again once per plan; the fresh declarations are then mapped BY NAME onto the
// plan's let/indicator/group objects, so every fact is computed through the subject's own memo
// tables (a let used by a rule and by an indicator is evaluated once, with the same trace).
// (A `compileEnv` kept on the Plan by compile.ts makes the second analysis unnecessary; it is used
// when present.)

import { analyze } from '../../dsl/index.js';
import { hasErrors } from '../../dsl/diagnostics.js';
import { GRADE_ENUM } from '../../dsl/symbols.js';
import { compileExpr, type CompileEnv } from '../expr.js';
import type { Compiled, Ctx, Plan } from '../plan.js';
import { Rational } from '../../dsl/rational.js';
import type { EnumVal, Value } from '../values.js';
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
  // Preferred: the compile environment kept on the plan (the hook asked for in the report).
  const kept = (plan as Plan & { compileEnv?: CompileEnv }).compileEnv;
  b = bindWith(kept ?? reanalyzed(plan));
  bound.set(plan, b);
  return b;
}

function bindWith(env: CompileEnv): Bound {
  const exported = exportRules(env.checked, env.file);
  const fns = new Map<string, Compiled>();
  for (const [id, spec] of exported.facts) fns.set(id, compileExpr(spec.node, env, spec.reported));
  return { exported, fns };
}

/** A compile environment over a fresh analysis of the plan's source, mapped onto the plan's objects. */
function reanalyzed(plan: Plan): CompileEnv {
  const a = analyze(plan.file.text, plan.file.path);
  if (!a.checked || hasErrors(a.diagnostics)) throw new Error('the plan\'s source no longer checks clean');
  const checked = a.checked;
  const byName = <T extends { name: string }>(xs: T[]) => new Map(xs.map((x) => [x.name, x]));
  const lets = byName(plan.lets), inds = byName(plan.indicators), groups = byName(plan.groups);
  const enumValues = new Map<string, EnumVal[]>();
  for (const [name, d] of checked.symbols.enums) {
    enumValues.set(name, d.members.map((m, index) => ({ kind: 'enum', enumName: name, index, name: m.name.name })));
  }
  enumValues.set(GRADE_ENUM, plan.grades.map((g) => g.value));
  const env: CompileEnv = {
    checked, file: plan.file, lets: new Map(), indicators: new Map(), groups: new Map(), tables: new Map(), enumValues,
  };
  for (const s of checked.symbols.all) {
    const missing = () => { throw new Error(`the plan has no ${s.kind} ${s.name}`); };
    if (s.kind === 'let') env.lets.set(s.decl, lets.get(s.name) ?? missing());
    else if (s.kind === 'indicator') env.indicators.set(s.decl, inds.get(s.name) ?? missing());
    else if (s.kind === 'group') env.groups.set(s.decl, groups.get(s.name) ?? missing());
  }
  return env;
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
