// The input contract compiled from the scheme's `input { … }` block: one TypeSpec per field, with
// constraints and defaults turned into exact values once, so validation (validate.ts) is a plain walk.

import type { Constraint, EnumDecl, Expr, Field, PanelDecl, TypeExpr } from '../dsl/ast.js';
import { Rational } from '../dsl/rational.js';
import type { EnumVal, Value } from './values.js';

export interface Bound { value: Rational; inclusive: boolean }
export type TypeSpec =
  | { kind: 'number'; integer: boolean; lo?: Bound; hi?: Bound; text: string }
  | { kind: 'bool'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'enum'; decl: EnumDecl; members: Map<string, EnumVal>; text: string }
  | { kind: 'list'; element: TypeSpec; min?: number; max?: number; text: string }
  | { kind: 'record'; fields: FieldSpec[]; text: string }
  | { kind: 'ratings'; panel: PanelDecl; text: string }
  | { kind: 'unknown'; text: string };

export interface FieldSpec { name: string; type: TypeSpec; default?: Value; hasDefault: boolean }

export interface ContractEnv {
  enums: Map<string, EnumDecl>;
  panels: Map<string, PanelDecl>;
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

function bounds(c: Constraint | undefined): { lo?: Bound; hi?: Bound; text: string } {
  if (!c) return { text: '' };
  if (c.kind === 'Range') {
    const lo = constNumber(c.lo), hi = constNumber(c.hi);
    return {
      lo: lo && { value: lo, inclusive: true }, hi: hi && { value: hi, inclusive: true },
      text: ` in [${lo?.toDecimalString()}, ${hi?.toDecimalString()}]`,
    };
  }
  const v = constNumber(c.value);
  if (!v) return { text: '' };
  const text = ` ${c.op} ${v.toDecimalString()}`;
  if (c.op === '>=' || c.op === '>') return { lo: { value: v, inclusive: c.op === '>=' }, text };
  return { hi: { value: v, inclusive: c.op === '<=' }, text };
}

export function compileType(t: TypeExpr, env: ContractEnv): TypeSpec {
  switch (t.kind) {
    case 'PrimType': {
      if (t.name === 'number' || t.name === 'integer') {
        const b = bounds(t.constraint);
        return { kind: 'number', integer: t.name === 'integer', lo: b.lo, hi: b.hi, text: t.name + b.text };
      }
      return { kind: t.name, text: t.name };
    }
    case 'NamedType': {
      const decl = env.enums.get(t.name.name);
      if (!decl) return { kind: 'unknown', text: t.name.name };
      const members = new Map((env.enumValues.get(decl.name.name) ?? []).map((m) => [m.name, m]));
      return { kind: 'enum', decl, members, text: `one of ${[...members.keys()].join(', ')}` };
    }
    case 'ListType': {
      const element = compileType(t.element, env);
      const min = t.min ? Number(t.min.text) : undefined, max = t.max ? Number(t.max.text) : undefined;
      const len = (min !== undefined ? ` min ${min}` : '') + (max !== undefined ? ` max ${max}` : '');
      return { kind: 'list', element, min, max, text: `list of ${element.text}${len}` };
    }
    case 'RecordType': {
      const fields = t.fields.map((f) => compileField(f, env));
      return { kind: 'record', fields, text: `{ ${fields.map((f) => `${f.name}: ${f.type.text}`).join(', ')} }` };
    }
    case 'RatingsType': {
      const panel = env.panels.get(t.panel.name);
      if (!panel) return { kind: 'unknown', text: `ratings of ${t.panel.name}` };
      return { kind: 'ratings', panel, text: `ratings of ${t.panel.name}` };
    }
    case 'ErrorType': return { kind: 'unknown', text: '?' };
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
