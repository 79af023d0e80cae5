// The input contract as plain data for the editor's "try it" form: each field with its label, type,
// bounds, enum members, panel categories and default; and each example's `given` as the JSON input
// it stands for (so the form can start from a worked example).

import type { Decl, Expr, Field, ObjectLit, OneOf, PanelDecl, TypeExpr } from '../ast.js';
import { PERIOD_FORMS, type PeriodKind } from '../dates.js';
import { Rational } from '../rational.js';
import type { SymbolTable } from '../symbols.js';
import { allAggregates } from '../check/cohort-deps.js';
import type { ServiceDocument } from './document.js';

export type TypeSpec =
  | { kind: 'number' | 'integer'; min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; oneOf?: OneOfSpec }
  | { kind: 'bool' } | { kind: 'text' } | { kind: 'date' }
  | { kind: 'enum'; name: string; members: { name: string; label?: string }[] }
  | { kind: 'list'; element: TypeSpec; min?: number; max?: number }
  | { kind: 'record'; fields: FieldSpec[] }
  | { kind: 'ratings'; panel: string; categories: { name: string; label?: string }[]; criteria?: CriterionSpec[]; scale?: OneOfSpec }
  | { kind: 'unknown' };

/** Issue 12: the values an input or a panel's ratings are restricted to (`in {…}`, `in 评分档`), in
 * declaration order; `tiers` as the scale names them (one unnamed tier for a set or a plain scale). */
export interface OneOfSpec { scale?: string; label?: string; values: number[]; tiers: { name?: string; values: number[] }[] }
/** A criterion of a panel that takes ballots (`criteria { 德 weight 15%, … }`); `weight` as a fraction. */
export interface CriterionSpec { name: string; label?: string; weight?: number }
/** The evaluation period the scheme asks for (`period` setting, or periodStart/periodEnd used):
 * `kind` absent = any form; `form` an example of it; `required` when the scheme names the period. */
export interface PeriodSpec { kind?: PeriodKind; form: string; required: boolean }

export interface FieldSpec { name: string; label?: string; type: TypeSpec; required: boolean; default?: unknown; results?: ResultsSpec }

/** Issue 14: a field filled with results of periods (`results of S quarterly`, `past N years`, the
 * related `results of S for FIELD`); its `type` stays 'unknown' (a JSON value) — sheets/ lays it out
 * from this: one record's sub-columns (related), one JSON cell (the list forms). `grades`: the members
 * a grade is one of (`grades ENUM`; this scheme's grades for `past`), absent when grades are text;
 * `ordered`: they are an `ordered` enum's, lowest first (else best first, as a scheme's grades are):
 * a template's example picks the best one for its score of 92 (V11 trial LOW-5). */
export interface ResultsSpec {
  form: 'resultsOf' | 'past' | 'related'; scheme?: string; unit?: 'annual' | 'quarterly' | 'monthly'; count?: number;
  subjectField?: string; grades?: string[]; ordered?: true; missing?: 'skip' | 'zero' | 'error' | 'breaks';
}

/** `precision`: decimals of reported scores (default 2); `cohortBy`: the `cohort by` expression's
 * text, absent when the scheme has none; `grades`: the grade names, best first. The editor shows
 * scores, cohort units and roster templates with them. */
export interface Contract {
  fields: FieldSpec[]; examples: { name: string; label?: string; input: Record<string, unknown>; period?: string; subjects?: number }[];
  precision: number; cohortBy?: string; grades: string[];
  /** Absent when the scheme neither declares a `period` kind nor names periodStart/periodEnd. */
  period?: PeriodSpec;
  /** The scheme gives points (`points N` shares): a results sheet shows each indicator's points. */
  points?: true;
  /** Issue 13: `grades by committee` — a subject may carry a committee decision (try-it's field). */
  committee?: true;
  /** Issue 13: the first cohort aggregate (`overall max(…)`), where it is: such a scheme evaluates
   * cohorts only, so try-it points to the batch. */
  cohortAggregate?: { line: number; text: string };
}

export function inputContract(doc: ServiceDocument): Contract {
  const syms = doc.symbols;
  const scheme = doc.analysis.parsed.scheme;
  if (!syms || !scheme) return { fields: [], examples: [], precision: 2, grades: [] };
  const fields = [...syms.inputs.values()].map((f) => fieldSpec(f, syms));
  // A cohort example (`given ID {…}`, issue 13) says how many subjects it has (its input is empty:
  // try-it does not offer it, the examples panel marks it).
  const examples = scheme.decls.flatMap((d) => d.kind === 'Example'
    ? [{ name: d.name.name, label: d.label?.value, input: objectValue(d.given, fields), ...(typeof d.period?.value === 'string' ? { period: d.period.value } : {}),
      ...(d.subjects?.length ? { subjects: d.subjects.length } : {}) }] : []);
  const prec = syms.settings.get('precision'), by = syms.settings.get('cohortBy');
  const precision = prec?.key === 'precision' ? Number(prec.value.text) : 2;
  const cohortBy = by?.key === 'cohortBy' ? (by.value.kind === 'Name' ? by.value.name : doc.text.slice(by.value.span.start, by.value.span.end)) : undefined;
  const period = periodSpec(doc);
  // The first cohort aggregate, as the checker lists them (KH-C150 names the same one); only on a tree
  // the checker has repaired (a parse past the syntax-error limit can leave holes in it).
  const agg = doc.analysis.checked ? allAggregates(scheme)[0] : undefined;
  return { fields, examples, precision: Number.isInteger(precision) ? precision : 2, ...(cohortBy ? { cohortBy } : {}), grades: [...syms.gradeNames], ...(period ? { period } : {}),
    ...(givesPoints(scheme.decls) ? { points: true as const } : {}),
    ...(scheme.decls.some((d) => d.kind === 'Grades' && d.committee) ? { committee: true as const } : {}),
    ...(agg ? { cohortAggregate: { line: doc.file.position(agg.span.start).line, text: doc.file.slice(agg.span) } } : {}) };
}

/** Whether an indicator or group (at any depth, under any `when`) has a `points` share. */
function givesPoints(members: readonly Decl[]): boolean {
  return members.some((m) => (m.kind === 'Indicator' || m.kind === 'Group') && m.share?.kind === 'points'
    || ((m.kind === 'Group' || m.kind === 'When') && givesPoints(m.members)));
}

function periodSpec(doc: ServiceDocument): PeriodSpec | undefined {
  const s = doc.symbols?.settings.get('period');
  const kind = s?.key === 'period' ? (s.value as PeriodKind) : undefined;
  const refs = doc.analysis.checked?.refs;
  const required = refs ? [...refs.values()].some((r) => r.kind === 'period') : false;
  if (!kind && !required) return undefined;
  return { ...(kind ? { kind } : {}), form: PERIOD_FORMS[kind ?? 'quarterly'], required };
}

/** The values of `in {…}` or of the named scale `in 评分档`. */
function oneOfSpec(o: OneOf, syms: SymbolTable): OneOfSpec | undefined {
  if (o.kind === 'Set') {
    const values = nums(o.values);
    return { values, tiers: [{ values }] };
  }
  return scaleSpec(o.scale.name, syms);
}

function scaleSpec(name: string, syms: SymbolTable): OneOfSpec | undefined {
  const sym = syms.names.get(name);
  if (sym?.kind !== 'scale') return undefined;
  const tiers = sym.decl.tiers.map((t) => ({ ...(t.name ? { name: t.name.name } : {}), values: nums(t.values) }));
  return { scale: sym.name, ...(sym.decl.label ? { label: sym.decl.label.value } : {}), values: tiers.flatMap((t) => t.values), tiers };
}

const nums = (xs: Expr[]): number[] => xs.map(num).filter((x): x is number => x !== undefined);

function ratingsSpec(panel: string, d: PanelDecl, syms: SymbolTable): TypeSpec {
  const scale = d.scale ? scaleSpec(d.scale.name, syms) : undefined;
  return {
    kind: 'ratings', panel, categories: d.categories.map((c) => ({ name: c.name.name, label: c.label?.value })),
    ...(d.criteria ? { criteria: d.criteria.items.map((e) => ({ name: e.name.name, label: e.label?.value, weight: num(e.weight) })) } : {}),
    ...(scale ? { scale } : {}),
  };
}

function fieldSpec(f: Field, syms: SymbolTable): FieldSpec {
  const type = typeSpec(f.type, syms);
  const results = f.type.kind === 'PeriodResults' ? resultsSpec(f.type, syms) : undefined;
  return { name: f.name.name, label: f.label?.value, type, required: !f.default, ...(f.default ? { default: value(f.default, type) } : {}), ...(results ? { results } : {}) };
}

function resultsSpec(t: Extract<TypeExpr, { kind: 'PeriodResults' }>, syms: SymbolTable): ResultsSpec {
  const e = t.form === 'past' ? undefined : t.grades && syms.enums.get(t.grades.name);
  const grades = t.form === 'past' ? [...syms.gradeNames] : e ? e.members.map((m) => m.name.name) : undefined;
  const count = t.count ? Number(t.count.text) : undefined;
  return { form: t.form, ...(t.scheme ? { scheme: t.scheme.name } : {}), ...(t.unit ? { unit: t.unit } : {}), ...(count !== undefined && Number.isInteger(count) ? { count } : {}),
    ...(t.subject ? { subjectField: t.subject.name } : {}), ...(grades ? { grades } : {}), ...(e?.ordered ? { ordered: true as const } : {}), ...(t.missing ? { missing: t.missing.mode } : {}) };
}

function typeSpec(t: TypeExpr, syms: SymbolTable): TypeSpec {
  switch (t.kind) {
    case 'PrimType': {
      if (t.name === 'bool' || t.name === 'text' || t.name === 'date') return { kind: t.name };
      const spec: TypeSpec = { kind: t.name };
      const c = t.constraint;
      if (c?.kind === 'Range') { spec.min = num(c.lo); spec.max = num(c.hi); }
      else if (c?.kind === 'Compare') {
        if (c.op[0] === '>') { spec.min = num(c.value); spec.minExclusive = c.op === '>'; }
        else { spec.max = num(c.value); spec.maxExclusive = c.op === '<'; }
      }
      const oneOf = t.oneOf && oneOfSpec(t.oneOf, syms);
      if (oneOf) spec.oneOf = oneOf;
      return spec;
    }
    case 'NamedType': {
      const e = syms.enums.get(t.name.name);
      return e ? { kind: 'enum', name: e.name.name, members: e.members.map((m) => ({ name: m.name.name, label: m.label?.value })) } : { kind: 'unknown' };
    }
    case 'ListType': return { kind: 'list', element: typeSpec(t.element, syms), min: t.min && num(t.min), max: t.max && num(t.max) };
    case 'RecordType': return { kind: 'record', fields: t.fields.map((f) => fieldSpec(f, syms)) };
    case 'RatingsType': {
      const p = syms.names.get(t.panel.name);
      return p?.kind === 'panel' ? ratingsSpec(p.name, p.decl, syms) : { kind: 'unknown' };
    }
    default: return { kind: 'unknown' };
  }
}

function num(e: Expr): number | undefined {
  if (e.kind === 'Number') return Rational.parse(e.text, e.percent)?.toNumber();
  if (e.kind === 'Unary' && e.op === '-') { const v = num(e.operand); return v === undefined ? undefined : -v; }
  return undefined;
}

/** A literal as JSON: numbers, strings, booleans, enum members (bare names → strings), lists, objects. */
function value(e: Expr, t?: TypeSpec): unknown {
  switch (e.kind) {
    case 'Number': case 'Unary': return num(e);
    case 'String': return e.value;
    case 'Bool': return e.value;
    case 'Name': return e.name;
    case 'List': return e.items.map((x) => value(x, t?.kind === 'list' ? t.element : undefined));
    case 'Object': return objectValue(e, t?.kind === 'record' ? t.fields : []);
    default: return undefined;
  }
}

function objectValue(o: ObjectLit, fields: FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of o.entries) out[entry.key.name] = value(entry.value, fields.find((f) => f.name === entry.key.name)?.type);
  return out;
}
