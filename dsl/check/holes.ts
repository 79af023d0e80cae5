// A tree the parser recovered from syntax errors can have holes: a rule that gave up leaves its
// part of the node undefined (`avg(t.1)` gives a call without arguments, `sum(t in )` an aggregate
// without a list), and a token Chevrotain inserted to recover has an empty image and NaN offsets,
// so names built from it are '' and spans are NaN. Those errors are already reported (KH-P…);
// what must not happen is that the checker, the formatter or the engine, which trust the shapes of
// ast.ts, throw on them or report at a position that is not in the text.
//
// `repairHoles` restores the declared shapes in place before any pass runs: a missing expression
// becomes an Error node, a missing list [], a missing name '' — all placed where the enclosing
// node is — and a span that is not a finite range within the text is moved to the nearest position
// known to be in it. It returns the spans it made: a diagnostic there would be about something the
// parser invented (`unknown field ''`), so the checker's sink drops it. It walks with an explicit
// stack (nothing here recurses) and, on a tree without holes, changes nothing. check() skips it
// when the parse reported no error.

import type { Expr, Name, Scheme, Span } from '../ast.js';

type Node = Record<string, unknown> & { kind?: string; span: Span };

const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null;
const kinds = (...ks: string[]) => new Set(ks);
const EXPRS = kinds('Number', 'String', 'Bool', 'Name', 'Unary', 'Binary', 'In', 'If', 'Field', 'Index', 'Call',
  'Aggregate', 'Bands', 'Levels', 'Linear', 'Rate', 'Object', 'List', 'Error', 'Interval', 'Duration', 'CohortAgg');
const TYPES = kinds('PrimType', 'NamedType', 'ListType', 'RecordType', 'RatingsType', 'PeriodResults', 'ErrorType');
const MEMBERS = kinds('Indicator', 'Group', 'When');
const DECLS = kinds('Setting', 'Enum', 'Table', 'Panel', 'Scale', 'Input', 'Let', 'Adjust', 'Indicator', 'Group', 'When',
  'Negative', 'Reward', 'Grades', 'Outcomes', 'Example', 'Function');
const isExpr = (v: unknown): v is Expr => isObject(v) && EXPRS.has(v.kind!);

class Repair {
  /** Nodes still to visit, each with its parent's (valid) span in `at`. */
  readonly stack: Node[] = [];
  readonly at: Span[] = [];
  /** Every span made here. */
  readonly made = new Set<Span>();
  constructor(readonly length: number) {}

  /** A new span in the text: an empty one at `at`'s start, or `start`..`end`. */
  make(start: number, end = start): Span {
    const s = { start, end };
    this.made.add(s);
    return s;
  }

  push(n: Node, at: Span): void { this.stack.push(n); this.at.push(at); }

  /** The node's span, moved into the text (`at` is its parent's, already valid). */
  span(n: Node, at: Span): Span {
    const s = n.span;
    if (isObject(s) && s.start >= 0 && s.start <= s.end && s.end <= this.length) return s; // false for NaN
    const start = isObject(s) && s.start >= 0 && s.start <= this.length ? s.start : at.start;
    const end = isObject(s) && s.end >= start && s.end <= this.length ? s.end : start;
    return (n.span = this.make(start, end));
  }

  /** A required expression: pushed, or an Error node put in its place. */
  expr(n: Node, key: string, at: Span): void {
    const v = n[key];
    if (isExpr(v)) this.push(v as unknown as Node, at);
    else n[key] = { kind: 'Error', span: this.make(at.start) } satisfies Expr;
  }

  /** An optional expression: pushed when present, removed when it is not an expression. */
  optExpr(n: Node, key: string, at: Span): void {
    const v = n[key];
    if (isExpr(v)) this.push(v as unknown as Node, at);
    else if (v !== undefined) delete n[key];
  }

  /** A required list of expressions. */
  exprs(n: Node, key: string, at: Span): void {
    const xs = this.list(n, key);
    for (let i = 0; i < xs.length; i++) {
      if (isExpr(xs[i])) this.push(xs[i] as Node, at);
      else xs[i] = { kind: 'Error', span: this.make(at.start) } satisfies Expr;
    }
  }

  /** A required list of records (bands, entries, items …): entries that are not objects, or not of
   * one of `only` kinds when given, are dropped. */
  records(n: Node, key: string, at: Span, only?: Set<string>): Node[] {
    const xs = this.list(n, key);
    let j = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (isObject(x) && (!only || only.has(x.kind!))) xs[j++] = x;
    }
    xs.length = j;
    for (const x of xs as Node[]) this.span(x, at);
    return xs as Node[];
  }

  /** An optional record (`share`, `range`, `quota` …): its span repaired, or removed if not an object. */
  optRecord(n: Node, key: string, at: Span): Node | undefined {
    const v = n[key];
    if (isObject(v)) { this.span(v, at); return v; }
    if (v !== undefined) delete n[key];
    return undefined;
  }

  list(n: Node, key: string): unknown[] {
    const v = n[key];
    if (Array.isArray(v)) return v;
    return (n[key] = []);
  }

  /** A required name. One spelt '' stands for a token the parser inserted: its span is a made one. */
  name(n: Node, key: string, at: Span): void {
    const v = n[key];
    if (isObject(v) && typeof v.name === 'string') this.nameSpan(v, at);
    else n[key] = { name: '', span: this.make(at.start) } satisfies Name;
  }

  nameSpan(v: Node, at: Span): void {
    const s = this.span(v, at);
    if (v.name === '' && !this.made.has(s)) v.span = this.make(s.start, s.end);
  }

  /** A literal-valued field (`weight 40%`, `trim 1`): a number without a text is given one. */
  number(n: Node, key: string, at: Span): void {
    const v = n[key];
    if (isObject(v) && typeof v.text === 'string') this.span(v, at);
    else n[key] = { kind: 'Number', text: '', percent: false, span: this.make(at.start) };
  }

  /** An optional literal (`min 3`, `max 5`). */
  optNumber(n: Node, key: string, at: Span): void {
    if (n[key] !== undefined) this.number(n, key, at);
  }
}

/** Restores the shapes of ast.ts in a recovered tree (see the header); returns the spans it made. */
export function repairHoles(scheme: Scheme, textLength: number): ReadonlySet<Span> {
  const r = new Repair(textLength);
  const root = scheme as unknown as Node;
  const top = r.span(root, { start: 0, end: 0 });
  r.name(root, 'name', top);
  const decls = r.records(root, 'decls', top, DECLS);
  for (let i = decls.length - 1; i >= 0; i--) r.push(decls[i], top);
  while (r.stack.length > 0) {
    const n = r.stack.pop()!;
    visit(r, n, r.span(n, r.at.pop()!));
  }
  return r.made;
}

/** Checks one node's fields and pushes its children (declarations, members, types, expressions). */
function visit(r: Repair, n: Node, at: Span): void {
  switch (n.kind) {
    // ---- expressions
    case 'Unary': r.expr(n, 'operand', at); return;
    case 'Binary': r.expr(n, 'left', at); r.expr(n, 'right', at); return;
    case 'In': r.expr(n, 'value', at); r.exprs(n, 'set', at); if (n.of) r.expr(n, 'of', at); r.optExpr(n, 'ofSubject', at); return;
    case 'Interval': r.expr(n, 'value', at); r.expr(n, 'lo', at); r.expr(n, 'hi', at); return;
    case 'Duration': r.number(n, 'amount', at); return;
    case 'If': r.expr(n, 'cond', at); r.expr(n, 'then', at); r.expr(n, 'else', at); return;
    case 'Field': r.expr(n, 'object', at); r.name(n, 'field', at); return;
    case 'Index': r.expr(n, 'object', at); r.expr(n, 'index', at); return;
    case 'Call': r.name(n, 'callee', at); r.exprs(n, 'args', at); return;
    case 'CohortAgg': r.name(n, 'callee', at); r.expr(n, 'arg', at); r.optExpr(n, 'p', at); return;
    case 'Aggregate':
      r.name(n, 'callee', at); r.name(n, 'binder', at); r.expr(n, 'list', at);
      r.optExpr(n, 'where', at); r.optExpr(n, 'weight', at); r.optExpr(n, 'body', at);
      return;
    case 'Bands':
      r.expr(n, 'subject', at); r.optExpr(n, 'else', at);
      for (const b of r.records(n, 'bands', at)) { r.expr(b, 'threshold', b.span); r.expr(b, 'score', b.span); }
      return;
    case 'Levels':
      r.expr(n, 'subject', at); r.optExpr(n, 'else', at);
      for (const e of r.records(n, 'entries', at)) { r.name(e, 'member', e.span); r.expr(e, 'score', e.span); }
      return;
    case 'Linear':
      r.expr(n, 'subject', at);
      for (const p of r.records(n, 'points', at)) { r.expr(p, 'x', p.span); r.expr(p, 'y', p.span); }
      return;
    case 'Rate': r.expr(n, 'subject', at); return;
    case 'Object': for (const e of r.records(n, 'entries', at)) { r.name(e, 'key', e.span); r.expr(e, 'value', e.span); } return;
    case 'List': r.exprs(n, 'items', at); return;
    case 'Name': if (typeof n.name !== 'string') n.name = ''; r.nameSpan(n, at); return;
    case 'Number': if (typeof n.text !== 'string') n.text = ''; return;
    case 'String': case 'Bool': case 'Error': return;
    // ---- types
    case 'PrimType': constraint(r, n, at); oneOf(r, n, at); return;
    case 'NamedType': r.name(n, 'name', at); constraint(r, n, at); oneOf(r, n, at); return;
    case 'ListType': type(r, n, 'element', at); r.optNumber(n, 'min', at); r.optNumber(n, 'max', at); return;
    case 'RecordType': fields(r, n, at); return;
    case 'RatingsType': r.name(n, 'panel', at); return;
    case 'PeriodResults': periodResults(r, n, at); return; // issue 14
    case 'ErrorType': return;
    // ---- declarations
    case 'Setting':
      if (n.key === 'cohortBy' || n.key === 'rankBy') r.expr(n, 'value', at);
      else if (n.key === 'precision' || n.key === 'total') r.number(n, 'value', at);
      else if (n.key === 'version' && !isObject(n.value)) n.value = { value: '', span: r.make(at.start) };
      return;
    case 'Enum': r.name(n, 'name', at); for (const m of r.records(n, 'members', at)) r.name(m, 'name', m.span); return;
    case 'Table': r.name(n, 'name', at); for (const e of r.records(n, 'entries', at)) { r.name(e, 'key', e.span); r.expr(e, 'value', e.span); } return;
    case 'Panel': {
      r.name(n, 'name', at);
      for (const c of r.records(n, 'categories', at)) { r.name(c, 'name', c.span); r.number(c, 'weight', c.span); r.optNumber(c, 'min', c.span); }
      const trim = r.optRecord(n, 'trim', at);
      if (trim) { r.number(trim, 'count', trim.span); r.number(trim, 'atLeast', trim.span); }
      r.optRecord(n, 'missing', at);
      const criteria = r.optRecord(n, 'criteria', at);
      if (criteria) for (const c of r.records(criteria, 'items', criteria.span)) { r.name(c, 'name', c.span); r.number(c, 'weight', c.span); }
      if (r.optRecord(n, 'scale', at)) r.name(n, 'scale', at);
      return;
    }
    case 'Scale':
      r.name(n, 'name', at);
      for (const t of r.records(n, 'tiers', at)) { if (t.name !== undefined) r.name(t, 'name', t.span); r.exprs(t, 'values', t.span); }
      return;
    case 'Input': fields(r, n, at); return;
    case 'Let': case 'Adjust': r.name(n, 'name', at); r.expr(n, 'value', at); return;
    case 'Function': // issue 12
      r.name(n, 'name', at);
      for (const p of r.records(n, 'params', at)) { r.name(p, 'name', p.span); type(r, p, 'type', p.span); }
      if (n.result !== undefined) type(r, n, 'result', at);
      r.expr(n, 'body', at);
      return;
    case 'Indicator': {
      r.name(n, 'name', at); share(r, n, at); r.expr(n, 'value', at);
      const range = r.optRecord(n, 'range', at);
      if (range) { r.expr(range, 'lo', range.span); r.expr(range, 'hi', range.span); }
      return;
    }
    case 'Group': r.name(n, 'name', at); share(r, n, at); members(r, n, at); return;
    case 'When': r.expr(n, 'cond', at); members(r, n, at); return;
    case 'Negative': case 'Reward':
      r.name(n, 'name', at); r.optExpr(n, 'max', at);
      for (const it of r.records(n, 'items', at)) {
        r.name(it, 'name', it.span); r.expr(it, 'when', it.span);
        if (it.for !== undefined) r.name(it, 'for', it.span);
        for (const e of r.records(it, 'effects', it.span)) effect(r, e);
      }
      return;
    case 'Grades':
      for (const k of r.records(n, 'tiebreak', at)) r.expr(k, 'key', k.span);
      for (const g of r.records(n, 'grades', at)) {
        r.name(g, 'name', g.span); r.optExpr(g, 'when', g.span);
        for (const q of r.records(g, 'quotas', g.span)) {
          r.optNumber(q, 'percent', q.span); r.optNumber(q, 'min', q.span); r.optNumber(q, 'normal', q.span);
          const t = r.optRecord(q, 'table', q.span);
          if (t) {
            r.name(t, 'key', t.span);
            for (const e of r.records(t, 'entries', t.span)) { r.name(e, 'member', e.span); r.number(e, 'percent', e.span); }
          }
        }
      }
      return;
    case 'Outcomes': {
      const bonus = r.optRecord(n, 'bonus', at);
      if (bonus) for (const b of r.records(bonus, 'entries', bonus.span)) { r.name(b, 'grade', b.span); r.expr(b, 'value', b.span); }
      for (const a of r.records(n, 'actions', at)) { r.name(a, 'name', a.span); r.expr(a, 'when', a.span); }
      const improve = r.optRecord(n, 'improve', at);
      if (improve) { r.expr(improve, 'below', improve.span); r.optNumber(improve, 'max', improve.span); }
      return;
    }
    case 'Example':
      r.name(n, 'name', at);
      if (!isExpr(n.given) || n.given.kind !== 'Object') n.given = { kind: 'Object', entries: [], span: r.make(at.start) };
      r.push(n.given as unknown as Node, at);
      if (n.subjects !== undefined) for (const s of r.records(n, 'subjects', at)) exampleSubject(r, s); // issue 13
      r.exprs(n, 'expects', at);
      return;
    default: return;
  }
}

/** A cohort example's subject (issue 13): an id (text) with its span, a `given` object, an optional decision. */
function exampleSubject(r: Repair, s: Node): void {
  if (typeof s.id !== 'string') s.id = ''; // '': an id the parser made up; its span is a made one
  const id = { name: s.id, span: s.idSpan } as Node;
  r.nameSpan(id, s.span);
  s.idSpan = id.span;
  if (!isExpr(s.given) || s.given.kind !== 'Object') s.given = { kind: 'Object', entries: [], span: r.make(s.span.start) };
  r.push(s.given as unknown as Node, s.span);
  if (s.decision !== undefined && (!isExpr(s.decision) || s.decision.kind !== 'Object')) delete s.decision;
  if (s.decision) r.push(s.decision as unknown as Node, s.span);
}

function share(r: Repair, n: Node, at: Span): void {
  const s = r.optRecord(n, 'share', at);
  if (!s) return;
  r.number(s, 'value', s.span);
  if (s.cases !== undefined) for (const c of r.records(s, 'cases', s.span)) { r.expr(c, 'cond', c.span); r.number(c, 'value', c.span); }
}

function members(r: Repair, n: Node, at: Span): void {
  const xs = r.records(n, 'members', at, MEMBERS);
  for (let i = xs.length - 1; i >= 0; i--) r.push(xs[i], at);
}

function fields(r: Repair, n: Node, at: Span): void {
  for (const f of r.records(n, 'fields', at)) {
    r.name(f, 'name', f.span);
    type(r, f, 'type', f.span);
    r.optExpr(f, 'default', f.span);
  }
}

function type(r: Repair, n: Node, key: string, at: Span): void {
  const t = n[key];
  if (isObject(t) && TYPES.has(t.kind!)) r.push(t, at);
  else n[key] = { kind: 'ErrorType', span: r.make(at.start) };
}

/** `results of … missing skip exact` / `past 3 years …` (issue 14): names, the count, the options. */
function periodResults(r: Repair, n: Node, at: Span): void {
  if (n.form !== 'resultsOf' && n.form !== 'past' && n.form !== 'related') n.form = n.subject !== undefined ? 'related' : n.count !== undefined ? 'past' : 'resultsOf';
  if (n.scheme !== undefined) r.name(n, 'scheme', at);
  if (n.grades !== undefined) r.name(n, 'grades', at);
  if (n.subject !== undefined) r.name(n, 'subject', at); // related (issue 14 part 2)
  r.optNumber(n, 'count', at);
  for (const [key, modes] of [['missing', ['skip', 'zero', 'error', 'breaks']], ['values', ['exact', 'reported']]] as const) {
    const o = r.optRecord(n, key, at);
    if (o && !(modes as readonly unknown[]).includes(o.mode)) delete n[key];
  }
  if (n.form !== 'related' && !r.optRecord(n, 'unitAt', at)) n.unitAt = { span: r.make(at.start) }; // related: no unit
  if (n.repeated !== undefined) n.repeated = r.records(n, 'repeated', at).filter((x) => x.option === 'grades' || x.option === 'missing' || x.option === 'values');
}

function constraint(r: Repair, n: Node, at: Span): void {
  const c = r.optRecord(n, 'constraint', at);
  if (!c) return;
  if (c.kind === 'Range') { r.expr(c, 'lo', c.span); r.expr(c, 'hi', c.span); } else r.expr(c, 'value', c.span);
}

/** `in {…}` / `in SCALE` (issue 12). */
function oneOf(r: Repair, n: Node, at: Span): void {
  const c = r.optRecord(n, 'oneOf', at);
  if (!c) return;
  if (c.kind === 'Set') r.exprs(c, 'values', c.span);
  else if (c.kind === 'Scale') r.name(c, 'scale', c.span);
  else delete n.oneOf; // an Error node where the set was: the parse reported it
}

function effect(r: Repair, e: Node): void {
  switch (e.kind) {
    case 'cap': r.name(e, 'grade', e.span); return;
    case 'action': r.name(e, 'action', e.span); return;
    case 'deduct': case 'add': r.expr(e, 'amount', e.span); r.optExpr(e, 'per', e.span); r.optExpr(e, 'max', e.span); return;
    default: return;
  }
}
