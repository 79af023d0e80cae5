// Grades → GradePlans (issue 13): one plan per grade NAME, though a grade may head several adjacent
// lines (`优秀 when score >= 90 …` and `优秀 when 获省部级表彰 …`): its identity (caps, bonus,
// `grade ==`, quotas) is one, its rules are its lines in file order, and the candidate's reasons come
// from the first rule that holds. Quota clauses from any of its lines are merged, one per scope
// (the checker's KH-C133), each with a fixed share or a table looked up by an enum input or let
// (`quota 班子等次 { 好: 30%, … }`) and an optional soft share (`normally 15%`). Also `rank by`.
// Kept apart from compile.ts, which is long enough without it.

import type { Expr, GradeDecl, NumberLit, Quota, Setting } from '../dsl/ast.js';
import type { CheckedScheme } from '../dsl/check/types.js';
import { Rational } from '../dsl/rational.js';
import type { SourceFile } from '../dsl/source.js';
import { compileDescriber, type Describer } from './describe.js';
import type { CompileEnv } from './expr.js';
import type { Compiled, Ctx, GradePlan, GradeRulePlan, QuotaPlan, QuotaTablePlan } from './plan.js';
import { fail } from './errors.js';
import { M } from './messages.js';
import { isNum, show, type EnumVal } from './values.js';

const num = (n: NumberLit) => Rational.parse(n.text, n.percent)!;

/** The grades' names in order, each once (the values of `grade`). */
export function gradeNames(decls: readonly GradeDecl[]): string[] {
  return [...new Set(decls.map((g) => g.name.name))];
}

export interface GradeCompiler {
  checked: CheckedScheme;
  file: SourceFile;
  env: CompileEnv;
  /** Compiles over reported values (grade expressions). */
  rep: (e: Expr) => Compiled;
  /** The grades' interned values, by position in gradeNames. */
  values: EnumVal[];
}

/** Every grade, best first, one plan per name. */
export function compileGrades(gc: GradeCompiler): GradePlan[] {
  const decls = gc.checked.symbols.gradesDecl?.grades ?? gc.checked.symbols.grades;
  const byName = new Map<string, GradeDecl[]>();
  for (const d of decls) {
    const lines = byName.get(d.name.name);
    if (lines) lines.push(d); else byName.set(d.name.name, [d]);
  }
  return [...byName.values()].map((lines, index) => gradePlan(gc, lines, index));
}

function gradePlan(gc: GradeCompiler, lines: GradeDecl[], index: number): GradePlan {
  const first = lines[0];
  const line = (d: GradeDecl) => gc.file.position(d.span.start).line;
  const rules: GradeRulePlan[] = lines.filter((d) => !d.otherwise && d.when)
    .map((d) => ({
      when: gc.rep(d.when!), reasons: compileDescriber(d.when!, gc.rep), missed: compileDescriber(d.when!, gc.rep, true), line: line(d), src: d.when!,
    }));
  const otherwise = lines.some((d) => d.otherwise || !d.when);
  const label = lines.find((d) => d.label)?.label?.value;
  return {
    name: first.name.name, ...(label !== undefined ? { label } : {}), index, decl: first, value: gc.values[index],
    when: otherwise ? undefined : anyRule(rules),
    rules,
    quotas: quotasOf(gc, lines.flatMap((d) => d.quotas ?? [])),
    reasons: otherwise ? undefined : firstReasons(rules),
  };
}

/** The grade's condition: its first rule that holds (one rule: that rule itself). */
function anyRule(rules: GradeRulePlan[]): Compiled {
  if (rules.length === 1) return rules[0].when;
  return (ctx) => {
    for (const r of rules) if (r.when(ctx) === true) return true;
    return false;
  };
}

/** Why the grade holds: the reasons of its first rule that holds. */
function firstReasons(rules: GradeRulePlan[]): Describer | undefined {
  if (rules.length === 1) return rules[0].reasons;
  return (ctx: Ctx) => {
    const r = rules.find((x) => x.when(ctx) === true) ?? rules[0];
    return r.reasons ? r.reasons(ctx) : [];
  };
}

/** The grade's quota clauses, one per scope, cohort before overall (the order they apply in). */
function quotasOf(gc: GradeCompiler, qs: Quota[]): QuotaPlan[] {
  const out = qs.map((q) => quotaPlan(gc, q));
  return [...out.filter((q) => q.scope === 'cohort'), ...out.filter((q) => q.scope === 'overall')];
}

function quotaPlan(gc: GradeCompiler, q: Quota): QuotaPlan {
  return {
    scope: q.scope ?? 'cohort',
    ...(q.percent ? { percent: num(q.percent) } : {}),
    ...(q.table ? { table: tablePlan(gc, q.table) } : {}),
    ...(q.normal ? { normal: num(q.normal) } : {}),
    round: q.round ?? 'down', of: q.of ?? 'graded',
    ...(q.min ? { min: Number(q.min.text) } : {}),
  };
}

/** The key of a quota table is an input or a let (the checker's KH-C130); its value is an enum member. */
function tablePlan(gc: GradeCompiler, t: NonNullable<Quota['table']>): QuotaTablePlan {
  const name = t.key.name;
  const sym = gc.checked.symbols.names.get(name);
  let key: Compiled;
  if (sym?.kind === 'let') {
    const l = gc.env.lets.get(sym.decl);
    key = (ctx) => (l ? ctx.let(l) : null);
  } else key = (ctx) => ctx.input(name);
  return { name, key, shares: new Map(t.entries.map((e) => [e.member.name, num(e.percent)])), span: t.span };
}

/** `rank by E [asc|desc]`: the ranking key, over reported values like a grade expression. */
export function compileRankBy(gc: GradeCompiler): { key: Compiled; dir: 'asc' | 'desc'; text: string } | undefined {
  const s = gc.checked.symbols.settings.get('rankBy' as Setting['key']) as (Setting & { value?: unknown; dir?: 'asc' | 'desc' }) | undefined;
  if (!s || !s.value || typeof s.value !== 'object' || !('span' in s.value)) return undefined;
  const value = s.value as Expr;
  const f = gc.rep(value), text = gc.file.slice(value.span);
  const key: Compiled = (ctx) => {
    const v = f(ctx);
    return isNum(v) ? v : fail('KH-E018', M.expectedNumberFrom({ code: text, value: show(v) }), gc.file, value.span);
  };
  return { key, dir: s.dir ?? 'desc', text };
}
