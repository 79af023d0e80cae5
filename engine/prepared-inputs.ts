// What a prepared scheme tells its callers about its input beyond the field names (issue 14): which
// top-level fields have defaults, which are `results of` / `past` roll-ups the server fills from
// stored results (and how), the field `cohort by` names, and the periods a roll-up reads. The server
// depends only on engine/api.ts, so everything it needs to run rounds is answered here from the plan
// rather than by reading the plan or the AST itself.

import { isPeriod, parsePeriod, type PeriodKind } from '../dsl/dates.js';
import { Rational } from '../dsl/rational.js';
import type { EvalError, PreparedFill, PreparedInput } from './api.js';
import type { Plan } from './plan.js';
import { expectedPeriods } from './periods/results.js';
import { validateInput } from './validate.js';
import { isEnum, type Value } from './values.js';

/** A default's value as JSON input carries it: numbers, enum members by name, lists of them. */
export function asSent(v: Value): unknown {
  if (v instanceof Rational) return v.toNumber();
  if (Array.isArray(v)) return v.map(asSent);
  return isEnum(v) ? v.name : v;
}

/** The top-level input fields in contract order. */
export function preparedInputs(plan: Plan): PreparedInput[] {
  const own = plan.checked.scheme.name.name;
  return plan.contract.map((f) => {
    const input: PreparedInput = { name: f.name, hasDefault: f.hasDefault };
    if (f.default !== undefined) input.default = asSent(f.default);
    if (f.type.kind !== 'periodResults') return input;
    const s = f.type.spec;
    const fill: PreparedFill = { form: s.form, scheme: s.scheme ?? own, values: s.values, missing: s.missing };
    if (s.unit !== undefined) fill.unit = s.unit;
    if (s.subjectField !== undefined) fill.subjectField = s.subjectField; // related (issue 14 part 2)
    if (s.n !== undefined) fill.count = s.n;
    // `grades ENUM` (not past's own grades): what the server checks the source's grade names against.
    const first = s.members?.values().next().value;
    if (s.form !== 'past' && first) fill.grades = { enum: first.enumName, members: [...s.members!.keys()] };
    input.fill = fill;
    return input;
  });
}

/** The input field `cohort by` names, when it is a bare input name. */
export function cohortField(plan: Plan): string | undefined {
  for (const d of plan.checked.scheme.decls) {
    if (d.kind !== 'Setting' || d.key !== 'cohortBy') continue;
    const v = d.value;
    return v.kind === 'Name' && plan.contract.some((f) => f.name === v.name) ? v.name : undefined;
  }
  return undefined;
}

/** Validates the given top-level fields only (a part of an input); undeclared ones are left out. */
export function validatePart(plan: Plan, input: Record<string, unknown>, prefix: string): EvalError[] {
  const part = Object.keys(input).map((k) => plan.contract.find((f) => f.name === k)).filter((f) => f !== undefined);
  return validateInput(input, part, prefix, 999).errors;
}

/** The periods roll-up field `input` reads for the evaluation period `period`, oldest first. */
export function periodsOf(plan: Plan, input: string, period: string): string[] | undefined {
  const t = plan.contract.find((f) => f.name === input)?.type;
  if (t?.kind !== 'periodResults') return undefined;
  const p = parsePeriod(period, plan.period as PeriodKind | undefined);
  return isPeriod(p) ? expectedPeriods(t.spec, p) : undefined;
}
