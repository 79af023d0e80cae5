// Lowering a whole Plan (issue 16): the indicator tree, lets, adjust, rule lists, grades and
// outcomes into ProgramIR, every expression through lower.ts at the stage it runs in (which result
// names it may read). Scheme-level features the compiled engine does not handle make the whole
// scheme Unsupported (it then runs on closures).

import type { Expr } from '../../dsl/ast.js';
import { Rational } from '../../dsl/rational.js';
import type { EffectPlan, NodePlan, Plan } from '../plan.js';
import type { EffectIR, Frac, GradeIR, IR, ListIR, NodeIR, ProgramIR } from './ir.js';
import { lowerCohort } from './cohort-lower.js';
import { lowerAggs } from './lower-aggs.js';
import { BEFORE_GRADE, frac, lineOf, lowerDesc, lowerExpr, TREE, Unsupported, type LowerEnv } from './lower.js';

const ADJUST = new Set(['base']), RULES = new Set(['base', 'adjust']), GRADES = BEFORE_GRADE;
const BONUS = new Set([...GRADES, 'grade']), OUTCOMES = new Set([...BONUS, 'bonus']);

function ofType(x: IR, k: 'num' | 'bool', what: string, line?: number): IR {
  if (x.ty.k !== k) throw new Unsupported(`${what} of type ${x.ty.k}`, line);
  return x;
}

/** An expression as it is computed (exact scores). */
const exact = (env: LowerEnv, e: Expr): IR => lowerExpr(env, e, false);
/** An expression over reported values (scores rounded to the precision: grades and outcomes). */
const reported = (env: LowerEnv, e: Expr): IR => lowerExpr(env, e, true);

/** The Plan's stages in the order the program runs them, each at the stage whose result names it
 * may read; the order also numbers binders and records which inputs are read. */
export function lowerProgram(plan: Plan): ProgramIR {
  const env = lowerEnv(plan);
  const at = (results: ReadonlySet<string>) => { env.results = results; };

  at(TREE);
  const lets = plan.lets.map((l) => ({ name: l.name, line: lineOf(env, l.decl), value: exact(env, l.decl.value) }));
  const indicators = plan.indicators.map((n) => lowerNode(env, n)), groups = plan.groups.map((n) => lowerNode(env, n));
  if (new Set(plan.roots.map((c) => c.share.kind === 'weight' ? 'weight' : 'other')).size > 1) throw new Unsupported('the top level mixes weights and points');

  at(ADJUST);
  const adjust = plan.adjust && ofType(exact(env, plan.adjust.src), 'num', 'adjust');

  at(RULES);
  const negatives = lowerLists(env, plan.negatives), rewards = lowerLists(env, plan.rewards);

  at(GRADES);
  const grades = lowerGrades(env, plan);
  const cohortBy = lowerCohortBy(env, plan);

  at(BONUS);
  const bonus = plan.outcomes.bonusSrc && [...plan.outcomes.bonusSrc].map(([grade, e]) => ({ grade, value: ofType(reported(env, e), 'num', 'a bonus') }));
  at(OUTCOMES);
  const actions = plan.outcomes.actions.map((a) => ({ name: a.name, line: a.line, when: ofType(reported(env, a.src), 'bool', `action ${a.name}`, a.line), usesGrade: a.usesGrade }));
  const improve = plan.outcomes.improve && { below: ofType(reported(env, plan.outcomes.improve.src), 'num', 'improve below'), max: plan.outcomes.improve.max };

  const cohort = lowerCohort(env, plan); // ranking, table and tiebreak keys (before `inputs` below)
  const aggs = lowerAggs(env, plan); // cohort aggregates' arguments (before `inputs` too)
  // Points are on the 0–total scale in both modes (evaluate.ts layout).
  const scale: Frac = frac(plan.total.div(Rational.HUNDRED));
  return {
    id: plan.id, version: plan.version ?? null, hash: plan.hash, precision: plan.precision,
    scale, total: frac(plan.total), normalize: plan.normalize, pointsMode: plan.pointsMode,
    inputs: plan.contract.filter((f) => env.used.has(f.name)).map((f) => ({ name: f.name, spec: f.type, dflt: f.default, hasDefault: f.hasDefault })),
    display: displayInputs(plan),
    lets, indicators, groups, roots: plan.roots.map((r) => ({ kind: r.kind, index: r.index })),
    ...(adjust ? { adjust } : {}),
    negatives, rewards, grades,
    ...(bonus ? { bonus } : {}),
    actions,
    ...(improve ? { improve } : {}),
    ...(cohortBy ? { cohortBy } : {}),
    cohort,
    ...(aggs ? { aggs } : {}),
  };
}

/** The lowering's environment: the Plan's inputs, lets and nodes by declaration, nothing read yet.
 * periodStart/periodEnd are generated (emit-calls.ts); inputs of results by period arrive as plain
 * records checked against the run's period (validate.ts, runtime-results.ts, lower-results.ts). */
function lowerEnv(plan: Plan): LowerEnv {
  return {
    plan, inputs: new Map(plan.contract.map((f) => [f.name, f])), used: new Set(), results: TREE, nextId: { n: 0 },
    lets: new Map(plan.lets.map((l, i) => [l.decl, i])),
    indicators: new Map(plan.indicators.map((x, i) => [x.decl, i])),
    groups: new Map(plan.groups.map((x, i) => [x.decl, i])),
  };
}

/** An indicator (value, range) or group (children; weights and points not mixed): its conditions and share. */
function lowerNode(env: LowerEnv, n: NodePlan): NodeIR {
  const ex = (e: Expr) => exact(env, e);
  const ir: NodeIR = {
    kind: n.kind, index: n.index, name: n.name, label: n.label ?? n.name, line: env.plan.file.position(n.span.start).line,
    ...(n.parent ? { parent: n.parent.index } : {}),
    conds: n.condSrc.map(ex),
    share: n.share.kind === 'none' ? { kind: 'none' } : {
      kind: n.share.kind, value: frac(n.share.value),
      ...(n.share.cases ? { cases: n.share.cases.map((c) => ({ cond: ex(c.src), value: frac(c.value) })) } : {}),
    },
  };
  if (n.kind === 'indicator') {
    ir.value = ofType(ex(n.decl.value), 'num', `indicator ${n.name}`, ir.line);
    if (n.decl.range) ir.range = { lo: ofType(ex(n.decl.range.lo), 'num', 'range', ir.line), hi: ofType(ex(n.decl.range.hi), 'num', 'range', ir.line) };
  } else {
    ir.children = n.children.map((c) => ({ kind: c.kind, index: c.index }));
    ir.normalize = n.normalize;
    const kinds = new Set(n.children.map((c) => c.share.kind === 'weight' ? 'weight' : 'other'));
    if (kinds.size > 1) throw new Unsupported(`group ${n.name} mixes weights and points`, ir.line);
  }
  return ir;
}

/** Rule lists: each item's condition and effects; `for X` attaches an item to an indicator (attached.ts). */
function lowerLists(env: LowerEnv, ls: Plan['negatives']): ListIR[] {
  const ex = (e: Expr) => exact(env, e);
  return ls.map((l, li) => ({
    kind: l.kind, index: li, name: l.name, ...(l.maxSrc ? { max: ofType(ex(l.maxSrc), 'num', 'a list max') } : {}),
    attached: l.items.some((it) => it.for),
    items: l.items.map((it, ii) => {
      const target = it.for && env.indicators.get(it.for.decl); // `for X` (attached.ts, emit-attached.ts)
      if (it.for && target === undefined) throw new Unsupported(`item ${it.name} attached to ${it.for.name}`, it.line);
      return {
        list: li, index: ii, name: it.name, ...(it.label ? { label: it.label } : {}), line: it.line, ...(target !== undefined ? { for: target } : {}),
        when: ofType(ex(it.decl.when), 'bool', `the condition of ${it.name}`, it.line),
        effects: it.effects.map((e) => effect(e, ex, it.line)),
      };
    }),
  }));
}

/** Grades in order: each rule's condition over reported values and its explanation (describe.ts). */
function lowerGrades(env: LowerEnv, plan: Plan): GradeIR[] {
  return plan.grades.map((g) => ({
    name: g.name, index: g.index, quotas: g.quotas.length > 0, otherwise: !g.when,
    rules: g.when ? g.rules.map((r) => ({
      when: ofType(reported(env, r.src), 'bool', `grade ${g.name}`, r.line), desc: lowerDesc(env, r.src, true), line: r.line,
    })) : [],
  }));
}

/** `cohort by` (cohort.ts cohortKey), a value that is not input data. */
function lowerCohortBy(env: LowerEnv, plan: Plan): IR | undefined {
  const src = plan.checked.symbols.settings.get('cohortBy');
  const cohortBy = src?.key === 'cohortBy' ? exact(env, src.value) : undefined;
  if (cohortBy?.ty.k === 'raw') throw new Unsupported('`cohort by` of input data');
  return cohortBy;
}

/** The `display` inputs in declaration order, with their types (display-inputs.ts). */
function displayInputs(plan: Plan): ProgramIR['display'] {
  const names = [...plan.checked.symbols.inputs.values()].filter((f) => f.display).map((f) => f.name.name);
  return names.map((name) => {
    const f = plan.contract.find((x) => x.name === name)!;
    if (!['text', 'number', 'enum', 'date'].includes(f.type.kind)) throw new Unsupported(`display input ${name} of type ${f.type.text}`);
    if (f.default instanceof Rational && !Rational.fromNumber(f.default.toNumber()).eq(f.default)) throw new Unsupported(`the default of ${name}`);
    return { name, spec: f.type, ...(f.default !== undefined ? { dflt: f.default } : {}) };
  });
}

function effect(e: EffectPlan, ex: (e: Expr) => IR, line: number): EffectIR {
  switch (e.kind) {
    case 'veto': case 'nograde': return { kind: e.kind };
    case 'cap': return { kind: 'cap', grade: e.grade.index, name: e.grade.name };
    case 'action': return { kind: 'action', name: e.name };
    case 'deduct': case 'add': return {
      kind: e.kind, amount: ofType(ex(e.src.amount), 'num', 'an amount', line),
      ...(e.src.per ? { per: ofType(ex(e.src.per), 'num', 'per', line) } : {}),
      ...(e.src.max ? { max: ofType(ex(e.src.max), 'num', 'max', line) } : {}),
    };
  }
}
