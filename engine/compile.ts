// CheckedScheme → Plan: settings, the input contract, lets, the indicator tree with its `when`
// conditions and shares, rule lists, grades, outcomes and examples, every expression compiled to a
// closure once (expr.ts). Names come from the checker's `refs`/`memberRefs`; nothing is re-resolved.

import { createHash } from 'node:crypto';
import type { Expr, GroupDecl, IndicatorDecl, LetDecl, Member, NumberLit, ObjectLit, Share as ShareAst } from '../dsl/ast.js';
import type { CheckedScheme } from '../dsl/check/types.js';
import { Rational } from '../dsl/rational.js';
import type { SourceFile } from '../dsl/source.js';
import { isCompareOp } from '../dsl/ops.js';
import { GRADE_ENUM } from '../dsl/symbols.js';
import { visit } from '../dsl/check/walk.js';
import { compileField, type ContractEnv } from './contract.js';
import { compileDescriber } from './describe.js';
import { compileExpr, membershipSides, type CompileEnv } from './expr.js';
import { compileGrades, compileRankBy, gradeNames, type GradeCompiler } from './compile-grades.js';
import type {
  Compiled, EffectPlan, ExamplePlan, GradePlan, GroupPlan, IndicatorPlan, ItemPlan, LetPlan, NodePlan, Plan,
  RuleListPlan, Share,
} from './plan.js';
import type { EnumVal } from './values.js';

const num = (n: NumberLit) => Rational.parse(n.text, n.percent)!;

function share(s: ShareAst | undefined, cond: (e: Expr) => Compiled): Share {
  if (!s) return { kind: 'none' };
  if (s.cases?.length) return { kind: s.kind, value: num(s.value), cases: s.cases.map((c) => ({ cond: cond(c.cond), value: num(c.value), src: c.cond })) };
  return { kind: s.kind, value: num(s.value) };
}

function rootForm(e: Expr): string {
  switch (e.kind) {
    case 'Bands': return 'bands';
    case 'Levels': return 'levels';
    case 'Linear': return 'linear';
    case 'Rate': return 'rate';
    case 'Aggregate': return e.fn;
    case 'Call': return e.fn === 'avg' && e.args.length === 1 ? 'avg' : 'expression';
    default: return 'expression';
  }
}

export function compile(checked: CheckedScheme, file: SourceFile): Plan {
  const { symbols, scheme } = checked;
  const line = (span: { start: number }) => file.position(span.start).line;

  // ---- enums and grades as interned values
  const enumValues = new Map<string, EnumVal[]>();
  for (const [name, d] of symbols.enums) {
    enumValues.set(name, d.members.map((m, index) => ({ kind: 'enum', enumName: name, index, name: m.name.name })));
  }
  enumValues.set(GRADE_ENUM, gradeNames(symbols.grades).map((name, index) => ({ kind: 'enum', enumName: GRADE_ENUM, index, name })));

  const env: CompileEnv = {
    checked, file, lets: new Map(), indicators: new Map(), groups: new Map(), tables: new Map(), enumValues,
  };
  const exact = (e: Expr) => compileExpr(e, env, false);
  const rep = (e: Expr) => compileExpr(e, env, true);

  // ---- settings
  const setting = (k: 'version' | 'period' | 'precision' | 'total' | 'cohortBy') => symbols.settings.get(k);
  const ver = setting('version'), per = setting('period'), prec = setting('precision'), tot = setting('total');
  const cohort = setting('cohortBy');

  // ---- input contract
  const panels = new Map(symbols.all.filter((s) => s.kind === 'panel').map((s) => [s.name, (s as { decl: import('../dsl/ast.js').PanelDecl }).decl]));
  const scales = new Map(symbols.all.flatMap((s) => (s.kind === 'scale' ? [[s.name, s.decl] as const] : [])));
  const cenv: ContractEnv = { enums: symbols.enums, panels, enumValues, scales };
  const contract = [...symbols.inputs.values()].map((f) => compileField(f, cenv));
  // the unit: `cohort by` a bare input name of text type (V11b HIGH-1; its value is checked as it comes in)
  const keyField = cohort?.key === 'cohortBy' && cohort.value.kind === 'Name' ? contract.find((f) => f.name === (cohort.value as { name: string }).name) : undefined;
  if (keyField?.type.kind === 'text') keyField.cohortKey = true;

  // ---- lets (placeholders first: expressions may refer to any let)
  const lets: LetPlan[] = [];
  for (const s of symbols.all) {
    if (s.kind !== 'let' || env.lets.has(s.decl)) continue;
    const l: LetPlan = { kind: 'let', name: s.name, label: s.decl.label?.value, decl: s.decl, expr: () => null };
    env.lets.set(s.decl, l);
    lets.push(l);
  }

  // ---- the indicator tree (plans first, expressions after, so references resolve to plan objects)
  const indicators: IndicatorPlan[] = [], groups: GroupPlan[] = [];
  const condCache = new Map<Expr, Compiled>();
  const cond = (e: Expr) => { let f = condCache.get(e); if (!f) { f = exact(e); condCache.set(e, f); } return f; };
  const pending: [IndicatorPlan, IndicatorDecl][] = [];
  const walk = (members: readonly Member[], parent: GroupPlan | undefined, conds: Expr[], out: NodePlan[]) => {
    for (const m of members) {
      if (m.kind === 'When') { walk(m.members, parent, [...conds, m.cond], out); continue; }
      const base = { name: m.name.name, label: m.label?.value, span: m.span, parent, conds: conds.map(cond), condSrc: conds, share: share(m.share, cond) };
      if (m.kind === 'Indicator') {
        const p: IndicatorPlan = { ...base, kind: 'indicator', decl: m, expr: () => null, form: rootForm(m.value), index: indicators.length };
        indicators.push(p); env.indicators.set(m, p); pending.push([p, m]); out.push(p);
      } else {
        const g: GroupPlan = { ...base, kind: 'group', decl: m as GroupDecl, normalize: m.normalize, children: [], index: groups.length };
        groups.push(g); env.groups.set(m, g); out.push(g);
        walk(m.members, g, [], g.children);
      }
    }
  };
  const roots: NodePlan[] = [];
  walk(scheme.decls.filter((d): d is Member => d.kind === 'Indicator' || d.kind === 'Group' || d.kind === 'When'), undefined, [], roots);
  for (const l of lets) l.expr = exact(l.decl.value);
  for (const [p, d] of pending) {
    p.expr = exact(d.value);
    if (d.range) p.range = { lo: exact(d.range.lo), hi: exact(d.range.hi) };
  }

  // ---- grades (before rules: `cap G` points at a grade plan)
  const gc: GradeCompiler = { checked, file, env, rep, values: enumValues.get(GRADE_ENUM)! };
  const grades: GradePlan[] = compileGrades(gc); // engine/compile-grades.ts (issue 13)
  const gradeByName = new Map(grades.map((g) => [g.name, g]));

  // ---- negative lists and rewards
  const ruleList = (d: import('../dsl/ast.js').NegativeDecl | import('../dsl/ast.js').RewardDecl): RuleListPlan => {
    const list: RuleListPlan = { kind: d.kind === 'Negative' ? 'negative' : 'reward', name: d.name.name, label: d.label?.value, max: d.max && exact(d.max), ...(d.max ? { maxSrc: d.max } : {}), items: [] };
    for (const item of d.items) {
      const effects: EffectPlan[] = [];
      for (const e of item.effects) {
        if (e.kind === 'cap') {
          const g = gradeByName.get(checked.memberRefs.get(e.grade)?.name ?? e.grade.name);
          if (g) effects.push({ kind: 'cap', grade: g });
        } else if (e.kind === 'deduct' || e.kind === 'add') {
          effects.push({ kind: e.kind, amount: exact(e.amount), per: e.per && exact(e.per), max: e.max && exact(e.max), span: e.span, src: { amount: e.amount, per: e.per, max: e.max } });
        } else if (e.kind === 'action') effects.push({ kind: 'action', name: e.action.name });
        else effects.push({ kind: e.kind });
      }
      const target = item.for && indicators.find((i) => i.name === item.for!.name); // issue 12: attached item
      const p: ItemPlan = { list, name: item.name.name, label: item.label?.value, decl: item, when: exact(item.when), effects, line: line(item.span),
        ...(target ? { for: target } : {}),
        describe: compileDescriber(item.when, exact) };
      list.items.push(p);
    }
    return list;
  };

  // ---- outcomes
  const o = symbols.outcomes;
  const usesGrade = (e: Expr) => {
    let uses = false;
    visit(e, (x) => { if (x.kind === 'Name') { const r = checked.refs.get(x); if (r?.kind === 'result' && r.name === 'grade') uses = true; } });
    return uses;
  };

  const adjust = symbols.adjust;
  const source = file.text;
  return {
    file, checked, env,
    id: scheme.name.name,
    label: scheme.label?.value,
    version: ver?.key === 'version' ? ver.value.value : undefined,
    hash: 'sha256:' + createHash('sha256').update(source, 'utf8').digest('hex'),
    period: per?.key === 'period' ? per.value : undefined,
    usesPeriod: [...checked.refs.values()].some((r) => r.kind === 'period') || contract.some((f) => f.type.kind === 'periodResults'), // issue 14
    precision: prec?.key === 'precision' ? Number(prec.value.text) : 2,
    total: tot?.key === 'total' ? num(tot.value) : Rational.HUNDRED,
    normalize: symbols.settings.has('normalize'),
    pointsMode: roots.some((r) => r.share.kind === 'points' || (r.kind === 'group' && r.share.kind === 'none')),
    contract, lets, roots, indicators, groups,
    adjust: adjust && { name: adjust.name.name, expr: exact(adjust.value), src: adjust.value },
    negatives: symbols.negatives.map(ruleList),
    rewards: symbols.rewards.map(ruleList),
    grades,
    tiebreak: (symbols.gradesDecl?.tiebreak ?? []).map((t) => ({ key: exact(t.key), text: file.slice(t.key.span), dir: t.dir })),
    ...((rb) => (rb ? { rankBy: rb } : {}))(compileRankBy(gc)),
    committee: !!symbols.gradesDecl?.committee,
    outcomes: {
      bonus: o?.bonus && new Map(o.bonus.entries.map((b) => [checked.memberRefs.get(b.grade)?.name ?? b.grade.name, rep(b.value)])),
      bonusSrc: o?.bonus && new Map(o.bonus.entries.map((b) => [checked.memberRefs.get(b.grade)?.name ?? b.grade.name, b.value])),
      actions: (o?.actions ?? []).map((a) => ({ name: a.name.name, label: a.label?.value, when: rep(a.when), usesGrade: usesGrade(a.when), line: line(a.span),
        describe: compileDescriber(a.when, rep), src: a.when })),
      improve: o?.improve && { below: rep(o.improve.below), max: o.improve.max ? Number(o.improve.max.text) : undefined, src: o.improve.below },
    },
    cohortBy: cohort?.key === 'cohortBy' ? exact(cohort.value) : undefined,
    examples: symbols.all.flatMap((s) => (s.kind === 'example' ? [example(s.decl)] : [])),
  };

  function example(d: import('../dsl/ast.js').ExampleDecl): ExamplePlan {
    // A cohort example (issue 13): `A1.grade` reads subject A1's result (engine/cohort-examples.ts).
    const cenv: CompileEnv | undefined = d.subjects && { ...env, subjects: new Set(d.subjects.map((s) => s.id)) };
    const r = cenv ? (e: Expr) => compileExpr(e, cenv, true) : rep;
    return {
      name: d.name.name, label: d.label?.value, line: line(d.span),
      given: givenValue(d.given) as Record<string, unknown>,
      ...(d.period ? { period: d.period.value } : {}),
      ...(d.subjects ? { subjects: d.subjects.map((s) => ({
        id: s.id, line: line(s.span), given: givenValue(s.given) as Record<string, unknown>,
        ...(s.decision ? { decision: givenValue(s.decision) as Record<string, unknown> } : {}),
      })) } : {}),
      expects: d.expects.map((e) => ({
        text: file.slice(e.span), line: line(e.span), check: r(e), describe: compileDescriber(e, r),
        sides: expectSides(e, r),
      })),
    };
  }

  /** Both sides of an expectation, shown when it fails: a comparison's, or `X in L`'s (`书面检查 in actions`, issue 12). */
  function expectSides(e: Expr, r = rep): [Compiled, Compiled] | undefined {
    if (e.kind === 'Binary' && isCompareOp(e.op)) return [r(e.left), r(e.right)];
    if (e.kind === 'In' && e.of) return membershipSides(e, r, env);
    if (e.kind === 'Unary' && e.op === 'not') return expectSides(e.operand, r); // `not 效能约谈 in actions`: the same sides
    return undefined;
  }

  /** A `given` literal as input data: numbers stay exact Rationals, enum members become their names. */
  function givenValue(e: Expr): unknown {
    switch (e.kind) {
      case 'Number': return num(e);
      case 'Unary': { const v = givenValue(e.operand); return e.op === '-' && v instanceof Rational ? v.neg() : v; }
      case 'String': return e.value;
      case 'Bool': return e.value;
      case 'Name': { const r = checked.refs.get(e); return r && (r.kind === 'member' || r.kind === 'grade') ? r.name : e.name; }
      case 'List': return e.items.map(givenValue);
      case 'Object': return Object.fromEntries((e as ObjectLit).entries.map((x) => [x.key.name, givenValue(x.value)]));
      default: return undefined;
    }
  }
}

export type { LetDecl };
