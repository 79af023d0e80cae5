// Explanations. The evaluator records into a Tracer only when `explain` is requested (the subject's
// `trace` is undefined otherwise, so `ctx.trace?.…` costs one check). Records go to the innermost
// open frame: one per indicator (and per let / group being computed); explain projects the frames
// into each indicator's `trace` (form used, intermediate values, lets used, clamp) and the rules,
// grade and quota decisions into the result's `explain` section.

import { render, type Locale, type Msg } from '../dsl/i18n/index.js';
import { Rational } from '../dsl/rational.js';
import { show, type Value } from './values.js';

export interface Frame {
  name: string;
  steps: Record<string, unknown>[];
  lets: Map<string, Value>;
  refs: Map<string, Value>;
  inputs: Map<string, Value>;
  extra: Record<string, unknown>;
}

export class Tracer {
  private stack: Frame[] = [];
  /** Finished frames by `kind:name` (indicators, lets, groups). */
  readonly frames = new Map<string, Frame>();
  /** Top-level records (rules, grade, quota). */
  readonly rules: Record<string, unknown>[] = [];
  readonly notes: Record<string, unknown>[] = [];

  /** `lang`: the language of the words a trace holds (a `linear` segment). */
  constructor(readonly lang: Locale = 'en', readonly digits = 6) {}

  /** Words for the trace, in its language. */
  words(m: Msg | string): string { return typeof m === 'string' ? m : render(m, this.lang); }

  open(key: string, name: string): Frame {
    const f: Frame = { name, steps: [], lets: new Map(), refs: new Map(), inputs: new Map(), extra: {} };
    this.stack.push(f);
    this.frames.set(key, f);
    return f;
  }
  close(): void { this.stack.pop(); }
  get top(): Frame | undefined { return this.stack[this.stack.length - 1]; }

  form(step: Record<string, unknown>): void { this.top?.steps.push(step); }
  useLet(name: string, v: Value): void { this.top?.lets.set(name, v); }
  useRef(name: string, v: Value): void { this.top?.refs.set(name, v); }
  /** Scalar inputs only: lists, records and ratings are summarized by the forms that read them. */
  useInput(name: string, v: Value): void {
    if (typeof v !== 'object' || v === null || v instanceof Rational || (!Array.isArray(v) && v.kind === 'enum')) this.top?.inputs.set(name, v);
  }
  note(rec: Record<string, unknown>): void { (this.top ? this.top.steps : this.notes).push(rec); }
  rule(rec: Record<string, unknown>): void { this.rules.push(rec); }

  /** Plain JSON of a frame: the form at the root first, then nested forms, lets and references. */
  frameJson(key: string, form: string): Record<string, unknown> | undefined {
    const f = this.frames.get(key);
    if (!f) return undefined;
    const steps = f.steps.map((s) => plain(s, this.digits) as Record<string, unknown>);
    // The last recorded form that matches the root's form is the root's own (nested forms finish first).
    let rootIdx = -1;
    for (let i = steps.length - 1; i >= 0; i--) if (steps[i].form === form) { rootIdx = i; break; }
    const out: Record<string, unknown> = rootIdx >= 0 ? { ...steps[rootIdx] } : { form };
    const others = steps.filter((_, i) => i !== rootIdx);
    if (others.length) out.steps = others;
    if (f.lets.size) out.lets = Object.fromEntries([...f.lets].map(([k, v]) => [k, plain(v, this.digits)]));
    if (f.inputs.size) out.inputs = Object.fromEntries([...f.inputs].map(([k, v]) => [k, plain(v, this.digits)]));
    if (f.refs.size) out.uses = Object.fromEntries([...f.refs].map(([k, v]) => [k, plain(v, this.digits)]));
    for (const [k, v] of Object.entries(f.extra)) out[k] = plain(v, this.digits);
    return out;
  }
}

/** Deep copy into JSON: Rationals become numbers rounded to `digits`, enum members their names. */
export function plain(v: unknown, digits: number): unknown {
  if (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v ?? null;
  if (v instanceof Rational) return v.round(digits).toNumber();
  if (Array.isArray(v)) return v.map((x) => plain(x, digits));
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, plain(x, digits)]));
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.kind === 'enum' || o.kind === 'record' || o.kind === 'ratings') return show(v as Value);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) if (x !== undefined) out[k] = plain(x, digits);
    return out;
  }
  return String(v);
}
