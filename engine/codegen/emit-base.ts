// Small pieces every emitting module shares (issue 16): indented lines of source (the program's
// emitter and the generated validator), reading a scheme name as a property of input JSON (own
// properties only for names on Object.prototype), a contract default as a JSON-like literal, and
// parenthesizing a generated operand. Scheme text enters only through safe.ts `str`.

import { Rational } from '../../dsl/rational.js';
import type { TypeSpec } from '../contract.js';
import { str } from './safe.js';

/** Lines of generated source, each indented by its depth (a function body: depth 1). */
export class SourceLines {
  readonly lines: string[] = [];
  depth = 1;

  line(s: string): void { this.lines.push('  '.repeat(this.depth) + s); }
  /** `head`, then what `body` writes one level deeper. */
  indented(head: string, body: () => void): void {
    this.line(head);
    this.depth++;
    body();
    this.depth--;
  }
  /** `head { … }` (a bare block without a head). */
  block(head: string, body: () => void): void {
    this.indented(head ? `${head} {` : '{', body);
    this.line('}');
  }
}

/** The largest safe integer, as the generated 2^53 checks write it. */
export const MAX = Number.MAX_SAFE_INTEGER;

/** Names on Object.prototype (or `__proto__`): read as own properties only. */
export const PROTO = (k: string): boolean => k in Object.prototype || k === '__proto__';

export function access(obj: string, key: string): string {
  return PROTO(key) ? `R.own(${obj}, ${str(key)})` : `${obj}[${str(key)}]`;
}

/** A contract default as a JSON-like literal (lower.ts checked that numbers read back exactly). */
export function literal(v: unknown): string {
  if (v instanceof Rational) return String(v.toNumber());
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v === null || v === undefined) return 'undefined';
  if (typeof v === 'object' && (v as { kind?: string }).kind === 'enum') return str((v as { name: string }).name);
  if (typeof v === 'string') return str(v);
  return String(v);
}

/** The default of a record's field, or undefined. */
export function fieldDefault(spec: TypeSpec, name: string): unknown {
  if (spec.kind !== 'record') return undefined;
  return spec.fields.find((f) => f.name === name)?.default;
}

/** A generated operand, parenthesized unless it is a plain name or number. */
export function paren(s: string): string {
  return /^[\w.$]+$/.test(s) ? s : `(${s})`;
}
