// Lowering results by period (issue 16, B2): `results of` / `past` / related inputs, as the program
// reads them — runtime-results.ts hands it plain records { period, score, grade, imported } after
// the reference's checks (lists oldest first; related: one record). Here: the data type of such an
// input (a list of records, or one record, whose keys are the canonical names), a record field named
// in English or Chinese (考核期/得分/考核等次/导入, dsl/keywords.ts PERIOD_RESULT_FIELDS), a field of
// every record of the list (`季度结果.得分`: a list of their values), and `streak` over a `past` input
// (engine/periods/streak.ts: counted back from the newest period of the window).

import type { AggregateExpr } from '../../dsl/ast.js';
import { canonicalIn, PERIOD_RESULT_FIELDS } from '../../dsl/keywords.js';
import { GRADE_ENUM } from '../../dsl/symbols.js';
import type { FieldSpec, TypeSpec } from '../contract.js';
import type { IR } from './ir.js';
import { Unsupported } from './lower.js';

type ResultsSpec = Extract<TypeSpec, { kind: 'periodResults' }>;

const specs = new WeakMap<object, TypeSpec>();
/** Records made here (their fields are read by canonical name). */
const resultRecords = new WeakSet<object>();

/** The data type of a results-by-period input as the program reads it (one object per input type). */
export function resultsSpec(t: ResultsSpec): TypeSpec {
  let s = specs.get(t);
  if (s) return s;
  const first = t.spec.members?.values().next().value;
  const enumName = t.spec.form === 'past' ? GRADE_ENUM : first?.enumName;
  const members = t.spec.members;
  const grade = (enumName && members
    ? { kind: 'enum', decl: { name: { name: enumName } }, members, text: 'grade', msg: t.msg }
    : { kind: 'text', text: 'text', msg: t.msg }) as unknown as TypeSpec;
  const field = (name: string, type: TypeSpec): FieldSpec => ({ name, type, hasDefault: false });
  const record = {
    kind: 'record', text: t.text, msg: t.msg,
    fields: [
      field('period', { kind: 'text', text: 'text', msg: t.msg } as unknown as TypeSpec),
      field('score', { kind: 'number', integer: false, text: 'number', msg: t.msg } as unknown as TypeSpec),
      field('grade', grade),
      field('imported', { kind: 'bool', text: 'bool', msg: t.msg } as unknown as TypeSpec),
    ],
  } as unknown as TypeSpec;
  resultRecords.add(record);
  s = t.spec.form === 'related' ? record : ({ kind: 'list', element: record, text: t.text, msg: t.msg } as unknown as TypeSpec);
  specs.set(t, s);
  return s;
}

/** A field of a result record by its name in English or Chinese; undefined for other records. */
export function resultField(spec: TypeSpec, name: string): FieldSpec | undefined {
  if (spec.kind !== 'record' || !resultRecords.has(spec)) return undefined;
  const canon = canonicalIn(PERIOD_RESULT_FIELDS, name);
  return canon === undefined ? undefined : spec.fields.find((f) => f.name === canon);
}

/** `季度结果.得分`: a field of every record of a results list, as a list of that field's type. */
export function projection(o: IR, name: string, line: number): IR | undefined {
  if (o.ty.k !== 'raw' || o.ty.spec.kind !== 'list') return undefined;
  const f = resultField(o.ty.spec.element, name);
  if (!f) throw new Unsupported(`field ${name} of a list`, line);
  const spec = { kind: 'list', element: f.type, text: `list of ${f.type.text}`, msg: f.type.msg } as unknown as TypeSpec;
  return { op: 'Field', obj: o, name: f.name, ty: { k: 'raw', spec } };
}

/** `streak(r in 往年 where C)`: the past input's window (unit, count, `missing breaks`), the binder
 * `id` bound to each counted record while `where` runs. */
export function lowerStreak(e: AggregateExpr, list: IR, inputs: Map<string, FieldSpec>, id: number, where: IR | undefined, line: number): IR {
  const f = list.op === 'Input' ? inputs.get(list.name) : undefined;
  const t = f?.type;
  if (t?.kind !== 'periodResults' || t.spec.form !== 'past' || !t.spec.unit) throw new Unsupported('streak of this list', line);
  if (e.body || e.weight) throw new Unsupported('streak with a body', line);
  if (where && where.ty.k !== 'bool') throw new Unsupported('streak with this condition', line);
  return { op: 'Streak', id, list, where, unit: t.spec.unit, n: t.spec.n ?? 0, breaks: t.spec.missing === 'breaks', ty: { k: 'num' } };
}
