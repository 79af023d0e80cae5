// Values that satisfy a generated input contract: as JSON (what the engine receives) and as the
// tokens of a `given { … }` object literal in an example.

import type { Rng } from './rng.js';
import type { InputInfo, SchemeModel, Ty } from './model.js';
import type { Style } from './style.js';

/** A value with enum members tagged, so it can be written both as JSON and as a `given` literal. */
export type V = number | boolean | string | { member: string } | V[] | { fields: [string, V][] };

const TEXTS = ['综合处', 'abc', '执法总队', '第一 科'];

export function genValue(r: Rng, ty: Ty): V {
  switch (ty.k) {
    case 'number': {
      const lo = Math.max(ty.lo, 0);
      if (ty.integer) return r.int(Math.ceil(lo), Math.floor(ty.hi));
      return r.int(Math.ceil(lo * 10), Math.floor(ty.hi * 10)) / 10;
    }
    case 'bool': return r.bool();
    case 'text': return r.pick(TEXTS);
    case 'enum': return { member: r.pick(ty.e.members) };
    case 'list': return Array.from({ length: ty.min + r.int(0, 2) }, () => genValue(r, ty.el));
    case 'record': return { fields: ty.fields.map((f) => [f.name, genValue(r, f.ty)]) };
    case 'ratings':
      // Every category rated (enough for its `min`), so `missing error` panels evaluate too.
      return { fields: ty.panel.categories.map((c) => [c.name, Array.from({ length: Math.max(c.min ?? 1, r.int(1, 3)) }, () => r.int(60, 100))]) };
  }
}

export function toJson(v: V): unknown {
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object') return 'member' in v ? v.member : Object.fromEntries(v.fields.map(([k, x]) => [k, toJson(x)]));
  return v;
}

/** A JSON input for the scheme: every required field, and each optional one half of the time. */
export function genInput(r: Rng, m: SchemeModel): Record<string, unknown> {
  return Object.fromEntries(inputEntries(r, m.inputs).map(([k, v]) => [k, toJson(v)]));
}

export function inputEntries(r: Rng, inputs: InputInfo[]): [string, V][] {
  return inputs.filter((i) => i.required || r.bool()).map((i) => [i.name, genValue(r, i.ty)]);
}

/** Tokens of a value as an expression in `given`. */
export function valueTokens(v: V, s: Style): string[] {
  if (typeof v === 'number') return [String(v)];
  if (typeof v === 'boolean') return [s.kw(v ? 'true' : 'false')];
  if (typeof v === 'string') return [s.str(v)];
  if (Array.isArray(v)) return [s.p('['), ...v.flatMap((x, i) => [...(i ? [s.p(',')] : []), ...valueTokens(x, s)]), s.p(']')];
  if ('member' in v) return [v.member];
  return ['{', ...v.fields.flatMap(([k, x], i) => [...(i ? [s.p(',')] : []), k, s.p(':'), ...valueTokens(x, s)]), '}'];
}
