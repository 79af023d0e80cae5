// The checker type of a `results of` / `past` input (issue 14): a list of one record per period,
// `{ period: text, score: number, grade: G, imported: bool }`, keys canonical (the API's JSON keys;
// the Chinese names of PERIOD_RESULT_FIELDS mean the same, see the Field case of expr.ts). G is the
// enum of `grades ENUM`, text without it, and this scheme's own grades for `past` — what the engine's
// validation of such an input produces (engine/periods, L2). `grades X` that is no enum is KH-C166.
// A related subject's result (`results of 领导班子考核 for 班子`, issue 14 part 2) is ONE such record, not
// a list, so `班子结果.grade` is a member of G and a `let` of it keys a quota table (KH-C130).

import type { PeriodResultsType } from '../../ast.js';
import { GRADE_ENUM } from '../../symbols.js';
import { PR } from '../messages/periods.js';
import { BOOL, ERROR, NUMBER, TEXT, type Type } from '../types.js';
import { report, type InferState } from './state.js';

/** The record type of one period's result, grade typed `grade`. */
function periodRecord(grade: Type): Type {
  return { kind: 'record', fields: new Map<string, Type>([['period', TEXT], ['score', NUMBER], ['grade', grade], ['imported', BOOL]]), periodResult: true };
}

export function periodResultType(st: InferState, t: PeriodResultsType): Type {
  const record = periodRecord(gradeType(st, t));
  if (t.form !== 'related') return { kind: 'list', element: record };
  // `for 班子` uses input 班子 (never "unused", KH-C040); what 班子 must be is KH-C169 (periods-input.ts)
  const s = t.subject && st.ctx.symbols.names.get(t.subject.name);
  if (s && s.kind === 'input') st.ctx.used.add(s);
  return record;
}

function gradeType(st: InferState, t: PeriodResultsType): Type {
  if (t.form === 'past') return { kind: 'enum', name: GRADE_ENUM, ordered: true };
  if (!t.grades) return TEXT;
  const e = st.ctx.symbols.enums.get(t.grades.name);
  if (e) return { kind: 'enum', name: e.name.name, ordered: e.ordered };
  report(st, 'KH-C166', t.grades.span, PR.gradesNotEnum({ name: t.grades.name }));
  return ERROR;
}
