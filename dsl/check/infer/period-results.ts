// The checker type of a `results of` / `past` input (issue 14): a list of one record per period,
// `{ period: text, score: number, grade: G, imported: bool }`, keys canonical (the API's JSON keys;
// the Chinese names of PERIOD_RESULT_FIELDS mean the same, see the Field case of expr.ts). G is the
// enum of `grades ENUM`, text without it, and this scheme's own grades for `past` — what the engine's
// validation of such an input produces (engine/periods, L2). `grades X` that is no enum is KH-C166.

import type { PeriodResultsType } from '../../ast.js';
import { GRADE_ENUM } from '../../symbols.js';
import { PR } from '../messages/periods.js';
import { BOOL, ERROR, NUMBER, TEXT, type Type } from '../types.js';
import { report, type InferState } from './state.js';

/** The record type of one period's result, grade typed `grade`. */
export function periodRecord(grade: Type): Type {
  return { kind: 'record', fields: new Map<string, Type>([['period', TEXT], ['score', NUMBER], ['grade', grade], ['imported', BOOL]]), periodResult: true };
}

export function periodResultType(st: InferState, t: PeriodResultsType): Type {
  return { kind: 'list', element: periodRecord(gradeType(st, t)) };
}

function gradeType(st: InferState, t: PeriodResultsType): Type {
  if (t.form === 'past') return { kind: 'enum', name: GRADE_ENUM, ordered: true };
  if (!t.grades) return TEXT;
  const e = st.ctx.symbols.enums.get(t.grades.name);
  if (e) return { kind: 'enum', name: e.name.name, ordered: e.ordered };
  report(st, 'KH-C166', t.grades.span, PR.gradesNotEnum({ name: t.grades.name }));
  return ERROR;
}
