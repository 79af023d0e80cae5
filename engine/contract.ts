// The input contract compiled from the scheme's `input { … }` block: one TypeSpec per field, with
// constraints and defaults turned into exact values once, so validation (validate.ts) is a plain walk.

import type { Constraint, EnumDecl, Expr, Field, PanelDecl, ScaleDecl, TypeExpr } from '../dsl/ast.js';
import { Rational } from '../dsl/rational.js';
import type { Msg } from '../dsl/i18n/index.js';
import { M } from './messages.js';
import { D } from './dates-messages.js';
import { oneOfSpec, scaleSpec, type OneOfSpec } from './scales.js';
import type { EnumVal, Value } from './values.js';
import { periodResultsSpec, type PeriodResultsSpec } from './periods/results.js';

export interface Bound { value: Rational; inclusive: boolean }
/** `text`: the type as the contract states it, in English (an error's `expected`); `msg`: the same
 * as message data, for words in the reader's language. */
export type TypeSpec = (
  | { kind: 'number'; integer: boolean; lo?: Bound; hi?: Bound; oneOf?: OneOfSpec }
  | { kind: 'bool' }
  | { kind: 'text' }
  /** ISO `YYYY-MM-DD` text of a real calendar date (dates.ts); the value stays that text. */
  | { kind: 'date' }
  | { kind: 'enum'; decl: EnumDecl; members: Map<string, EnumVal> }
  | { kind: 'list'; element: TypeSpec; min?: number; max?: number }
  | { kind: 'record'; fields: FieldSpec[] }
  /** `rating`: what one rating may be when the panel has a `scale` (issue 12; else [0, 100]);
   * `criteria`: set when the panel takes ballots (ballots.ts). */
  | { kind: 'ratings'; panel: PanelDecl; rating?: Extract<TypeSpec, { kind: 'number' }>; criteria?: string[] }
  | { kind: 'unknown' }
  /** `results of` / `past` (issue 14, engine/periods/results.ts): result records by period. */
  | { kind: 'periodResults'; spec: PeriodResultsSpec }
) & { text: string; msg: Msg };

export interface FieldSpec {
  name: string; type: TypeSpec; default?: Value; hasDefault: boolean;
  /** The top-level text field `cohort by` names (the unit): its value must show every character
   * (subject-id.ts unitFlaw, KH-E061), or an invisible one would make a cohort of its own. */
  cohortKey?: true;
}

export interface ContractEnv {
  enums: Map<string, EnumDecl>;
  panels: Map<string, PanelDecl>;
  /** Rating scales by name (issue 12); absent in contracts built without them. */
  scales?: Map<string, ScaleDecl>;
  /** Interned enum values by enum name. */
  enumValues: Map<string, EnumVal[]>;
}

/** Value of a constant expression (numbers, percent, unary minus); undefined if not constant. */
export function constNumber(e: Expr | undefined): Rational | undefined {
  if (!e) return undefined;
  if (e.kind === 'Number') return Rational.parse(e.text, e.percent);
  if (e.kind === 'Unary' && e.op === '-') return constNumber(e.operand)?.neg();
  return undefined;
}

function bounds(c: Constraint | undefined): { lo?: Bound; hi?: Bound; text: string; msg: Msg | string } {
  if (!c) return { text: '', msg: '' };
  if (c.kind === 'Range') {
    const lo = constNumber(c.lo), hi = constNumber(c.hi);
    const ends = { lo: String(lo?.toDecimalString()), hi: String(hi?.toDecimalString()) };
    return {
      lo: lo && { value: lo, inclusive: true }, hi: hi && { value: hi, inclusive: true },
      text: ` in [${ends.lo}, ${ends.hi}]`, msg: M.boundsRange(ends),
    };
  }
  const v = constNumber(c.value);
  if (!v) return { text: '', msg: '' };
  const text = ` ${c.op} ${v.toDecimalString()}`, msg = M.boundsCompare({ op: c.op, value: v.toDecimalString() });
  if (c.op === '>=' || c.op === '>') return { lo: { value: v, inclusive: c.op === '>=' }, text, msg };
  return { hi: { value: v, inclusive: c.op === '<=' }, text, msg };
}

/** The message of a number type: `number in [0, 100]`, `integer >= 0`. */
export function numberTypeMsg(integer: boolean, bounds: Msg | string): Msg {
  return M.typeNumber({ kind: integer ? M.integer() : M.number(), bounds });
}

export function compileType(t: TypeExpr, env: ContractEnv): TypeSpec {
  switch (t.kind) {
    case 'PrimType': {
      if (t.name === 'number' || t.name === 'integer') {
        const b = bounds(t.constraint);
        const integer = t.name === 'integer';
        // `in {…}` / `in SCALE` (issue 12, scales.ts): the values it may take, instead of bounds.
        const oneOf = t.oneOf && oneOfSpec(t.oneOf, env.scales);
        if (oneOf) return { kind: 'number', integer, oneOf, text: t.name + oneOf.text, msg: numberTypeMsg(integer, oneOf.msg) };
        return { kind: 'number', integer, lo: b.lo, hi: b.hi, text: t.name + b.text, msg: numberTypeMsg(integer, b.msg) };
      }
      if (t.name === 'date') return { kind: 'date', text: 'date (YYYY-MM-DD)', msg: D.dateType() };
      return { kind: t.name, text: t.name, msg: t.name === 'bool' ? M.bool() : M.text() };
    }
    case 'NamedType': {
      const decl = env.enums.get(t.name.name);
      if (!decl) return { kind: 'unknown', text: t.name.name, msg: M.name({ name: t.name.name }) };
      const members = new Map((env.enumValues.get(decl.name.name) ?? []).map((m) => [m.name, m]));
      const names = [...members.keys()];
      return { kind: 'enum', decl, members, text: `one of ${names.join(', ')}`, msg: M.typeEnum({ members: names }) };
    }
    case 'ListType': {
      const element = compileType(t.element, env);
      const min = t.min ? Number(t.min.text) : undefined, max = t.max ? Number(t.max.text) : undefined;
      const len = (min !== undefined ? ` min ${min}` : '') + (max !== undefined ? ` max ${max}` : '');
      const msg = M.typeList({ element: element.msg, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
      return { kind: 'list', element, min, max, text: `list of ${element.text}${len}`, msg };
    }
    case 'RecordType': {
      const fields = t.fields.map((f) => compileField(f, env));
      const msg = M.typeRecord({ fields: fields.map((f) => M.typeField({ name: f.name, type: f.type.msg })) });
      return { kind: 'record', fields, text: `{ ${fields.map((f) => `${f.name}: ${f.type.text}`).join(', ')} }`, msg };
    }
    case 'RatingsType': {
      const panel = env.panels.get(t.panel.name);
      const msg = M.typeRatings({ panel: t.panel.name });
      if (!panel) return { kind: 'unknown', text: `ratings of ${t.panel.name}`, msg };
      const scale = panel.scale && env.scales?.get(panel.scale.name);
      const oneOf = scale ? scaleSpec(scale) : undefined;
      const rating = oneOf && { kind: 'number' as const, integer: false, oneOf, text: `number${oneOf.text}`, msg: numberTypeMsg(false, oneOf.msg) };
      const criteria = panel.criteria?.items.map((c) => c.name.name);
      return { kind: 'ratings', panel, rating, criteria, text: `ratings of ${t.panel.name}`, msg };
    }
    case 'PeriodResults': return { kind: 'periodResults', ...periodResultsSpec(t, env.enumValues) };
    case 'ErrorType': return { kind: 'unknown', text: '?', msg: M.name({ name: '?' }) };
  }
}

/** A default's value, directed by the field's type (a bare name is a member of the field's enum). */
function constValue(e: Expr, type: TypeSpec): Value | undefined {
  switch (e.kind) {
    case 'Number': case 'Unary': return constNumber(e);
    case 'Bool': return e.value;
    case 'String': return e.value;
    case 'Name': return type.kind === 'enum' ? type.members.get(e.name) : undefined;
    case 'List': {
      if (type.kind !== 'list') return undefined;
      const items = e.items.map((x) => constValue(x, type.element));
      return items.every((x) => x !== undefined) ? (items as Value[]) : undefined;
    }
    default: return undefined;
  }
}

export function compileField(f: Field, env: ContractEnv): FieldSpec {
  const type = compileType(f.type, env);
  const spec: FieldSpec = { name: f.name.name, type, hasDefault: f.default !== undefined };
  if (f.default) spec.default = constValue(f.default, type);
  return spec;
}
