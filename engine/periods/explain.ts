// The explanation of roll-up and history inputs (issue 14): for each `results of` / `past` input, the
// periods it covers, those with a result, those without one and what the input's policy did with them
// (skip: left out; zero: filled in with score 0, no grade; breaks/skip: what streak does), whether
// the scores are the reported or the exact ones, and which results were imported from before kaohe.
// Projected from the validated value and the evaluation's period when `explain` is asked for: the
// evaluation itself records nothing for it. A related subject's result (issue 14 part 2) is one
// entry too: the related subject (FIELD's value), its one period (this evaluation's), whether it
// had a result or was filled in by `missing zero`, reported or exact, imported or not.

import type { Period } from '../../dsl/dates.js';
import type { FieldSpec } from '../contract.js';
import type { Plan } from '../plan.js';
import type { RecordVal, Value } from '../values.js';
import { expectedPeriods, isFilledIn, type PeriodResultsSpec } from './results.js';
import { subjectText } from './related.js';

export interface PeriodInputTrace {
  input: string;
  form: PeriodResultsSpec['form'];
  scheme?: string;
  /** absent for related (the same period) */
  unit?: PeriodResultsSpec['unit'];
  /** related: the input field naming the related subject, and its value (the subject's id) */
  subjectField?: string;
  subject?: string;
  values: PeriodResultsSpec['values'];
  missing: PeriodResultsSpec['missing'];
  periods: string[];
  present: string[];
  absent: string[];
  filledIn?: string[];
  imported: string[];
}

const fieldsOf = new WeakMap<Plan, (FieldSpec & { type: { kind: 'periodResults' } })[]>();

function periodFields(plan: Plan) {
  let fs = fieldsOf.get(plan);
  if (!fs) {
    fs = plan.contract.filter((f): f is FieldSpec & { type: { kind: 'periodResults' } } => f.type.kind === 'periodResults');
    fieldsOf.set(plan, fs);
  }
  return fs;
}

/** One entry per roll-up/history input of the plan, or undefined when it has none. */
export function periodInputsTrace(plan: Plan, inputs: Map<string, Value>, period: Period | undefined): PeriodInputTrace[] | undefined {
  const fs = periodFields(plan);
  if (fs.length === 0) return undefined;
  return fs.map((f) => {
    const spec = (f.type as Extract<FieldSpec['type'], { kind: 'periodResults' }>).spec;
    const v = inputs.get(f.name);
    // related: one record or none (null never reaches an evaluation: `missing error` stopped it)
    const records = (spec.form === 'related' ? (v ? [v] : []) : (v ?? [])) as RecordVal[];
    const text = (r: RecordVal) => r.fields.get('period') as string;
    const filled = records.filter(isFilledIn).map(text);
    const present = records.filter((r) => !isFilledIn(r)).map(text);
    const periods = (period && expectedPeriods(spec, period)) ?? [];
    const have = new Set(present);
    const related = spec.form === 'related'
      ? { subjectField: spec.subjectField!, subject: subjectText(inputs.get(spec.subjectField!)) } : { unit: spec.unit };
    return {
      input: f.name, form: spec.form, ...(spec.scheme !== undefined ? { scheme: spec.scheme } : {}), ...related,
      values: spec.values, missing: spec.missing, periods, present, absent: periods.filter((p) => !have.has(p)),
      ...(filled.length ? { filledIn: filled } : {}),
      imported: records.filter((r) => r.fields.get('imported') === true).map(text),
    };
  });
}
