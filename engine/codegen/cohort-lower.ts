// Lowering what a cohort's book and quota races read of a subject (issue 16, compiled quota
// competitors): the ranking key (`rank by`, over reported values), the quota tables' keys (an enum
// input or let, in the book's table order) and the tiebreak keys (exact values: numbers, or members
// of an ordered enum, race.ts). The lower grades' conditions a demotion reads are the grades' own IR.
// Whatever does not lower leaves the cohort to the closures — a ranking key or table key for every
// member (`unsupported`), a tiebreak key for the competitors only (`tiebreak.unsupported`) — while
// the subjects' own evaluation stays compiled.

import type { Expr, Setting } from '../../dsl/ast.js';
import type { Plan, QuotaTablePlan } from '../plan.js';
import type { IR } from './ir.js';
import { atStage, BEFORE_GRADE, enumTy, lowerExpr, specTy, Unsupported, type LowerEnv } from './lower.js';

/** A race key's IR; `enumName` for a member of an ordered enum (the closures' value is its EnumVal). */
export interface RaceKeyIR { value: IR; enumName?: string }

/** What the book and the races read of a member, lowered; or why the cohort runs on closures. */
export type CohortIR =
  | { rankBy?: IR; tables: RaceKeyIR[]; tiebreak: RaceKeyIR[] | { unsupported: string } }
  | { unsupported: string };

/** The quota tables in the book's order (cohort.ts: grade by grade, quota by quota). */
const quotaTables = (plan: Plan): QuotaTablePlan[] =>
  plan.grades.flatMap((g) => g.quotas.flatMap((q) => (q.table ? [q.table] : [])));

/** Lowers the cohort keys with `env` (lower-program.ts, after the program: the inputs they read join
 * the program's). Never throws Unsupported: the answer says what could not be lowered. A ranking
 * or tiebreak key reads the result names before the final grade (grade.ts stage). */
export function lowerCohort(env: LowerEnv, plan: Plan): CohortIR {
  return atStage(env, BEFORE_GRADE, () => cohortKeys(env, plan));
}

function cohortKeys(env: LowerEnv, plan: Plan): CohortIR {
  try {
    const rankSrc = plan.checked.symbols.settings.get('rankBy' as Setting['key']) as { value?: unknown } | undefined;
    const rankBy = plan.rankBy && rankSrc?.value ? lowerExpr(env, rankSrc.value as Expr, true) : undefined;
    if (rankBy && rankBy.ty.k !== 'num') return { unsupported: '`rank by` of another type' };
    const tables = quotaTables(plan).map((t) => tableKey(env, t));
    let tiebreak: RaceKeyIR[] | { unsupported: string };
    try {
      tiebreak = (plan.checked.symbols.gradesDecl?.tiebreak ?? []).map((t) => raceKey(env, t.key));
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      tiebreak = { unsupported: `tiebreak key: ${err.what}` };
    }
    return { ...(rankBy ? { rankBy } : {}), tables, tiebreak };
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
    return { unsupported: `cohort key: ${err.what}` };
  }
}

/** A tiebreak key (exact values): a number, or a member of an ordered enum (its name in the program). */
function raceKey(env: LowerEnv, e: Expr): RaceKeyIR {
  const value = lowerExpr(env, e, false);
  if (value.ty.k === 'num') return { value };
  const t = env.plan.checked.types.get(e);
  if (value.ty.k === 'enum' && t?.kind === 'enum') return { value, enumName: t.name };
  throw new Unsupported(`a key of type ${value.ty.k}`);
}

/** A quota table's key: the input or let it names (compile-grades.ts tablePlan). */
function tableKey(env: LowerEnv, t: QuotaTablePlan): RaceKeyIR {
  const sym = env.plan.checked.symbols.names.get(t.name);
  if (sym?.kind === 'let') {
    const index = env.lets.get(sym.decl);
    const ty = env.plan.checked.types.get(sym.decl.value);
    if (index === undefined || ty?.kind !== 'enum') throw new Unsupported(`quota table key ${t.name}`);
    return { value: { op: 'Let', index, ty: enumTy(env, ty.name) }, enumName: ty.name };
  }
  const f = env.inputs.get(t.name);
  if (!f || f.type.kind !== 'enum' || f.hasDefault) throw new Unsupported(`quota table key ${t.name}`);
  env.used.add(t.name);
  return { value: { op: 'Input', name: t.name, ty: specTy(env, f.type) }, enumName: f.type.decl.name.name };
}
