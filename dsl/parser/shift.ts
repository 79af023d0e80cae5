// Shifting the offsets of a tree after an edit (incremental re-parsing, incremental.ts): every span
// offset at or after `from` moves by `delta`. Written out per node kind rather than as a generic walk
// over object keys: a keystroke in a large scheme shifts nearly the whole tree (~12k spans at 1k
// indicators), and the generic walk was the largest single cost of the update in the browser.
//
// Every span of the AST must be reached exactly once. test/parser/shift.test.ts checks that against a
// generic walk on random valid schemes of every construct, so a field added to dsl/ast.ts and not
// here fails a test. (Clean trees share no span objects; only those are shifted.)

import type {
  Constraint, OneOf, Decl, Effect, Expr, Field, Label, Member, Name, NumberLit, Scheme, Share, Span, TypeExpr,
} from '../ast.js';

export class SpanShifter {
  /** `skip`: a subtree already in new offsets (the re-parsed declaration). */
  constructor(private readonly from: number, private readonly delta: number, private readonly skip?: object) {}

  scheme(s: Scheme): void {
    this.span(s.span);
    this.name(s.name);
    this.label(s.label);
    for (const d of s.decls) this.decl(d);
  }

  private span(s: Span): void {
    if (s.start >= this.from) s.start += this.delta;
    if (s.end >= this.from) s.end += this.delta;
  }
  private name(n: Name): void { this.span(n.span); }
  private label(l: Label | undefined): void { if (l) this.span(l.span); }
  private num(n: NumberLit | undefined): void { if (n) this.span(n.span); }
  /** A share with its branches (`weight if C then N else M`, issue 12). */
  private share(sh: Share | undefined): void {
    if (!sh) return;
    this.span(sh.span); this.num(sh.value);
    for (const c of sh.cases ?? []) { this.span(c.span); this.expr(c.cond); this.num(c.value); }
  }
  /** Nodes wholly before the edit are left alone (their children lie inside them). */
  private before(s: Span): boolean { return s.end < this.from; }

  decl(d: Decl | Member): void {
    if (d === this.skip || this.before(d.span)) return;
    this.span(d.span);
    switch (d.kind) {
      case 'Setting':
        if (d.key === 'version') this.label(d.value);
        else if (d.key === 'precision' || d.key === 'total') this.num(d.value);
        else if (d.key === 'cohortBy' || d.key === 'rankBy') this.expr(d.value);
        return;
      case 'Enum':
        this.name(d.name); this.label(d.label);
        for (const m of d.members) { this.span(m.span); this.name(m.name); this.label(m.label); }
        return;
      case 'Table':
        this.name(d.name); this.label(d.label);
        for (const e of d.entries) { this.span(e.span); this.name(e.key); this.expr(e.value); }
        return;
      case 'Panel':
        this.name(d.name); this.label(d.label);
        for (const c of d.categories) { this.span(c.span); this.name(c.name); this.label(c.label); this.num(c.weight); this.num(c.min); }
        if (d.trim) { this.span(d.trim.span); this.num(d.trim.count); this.num(d.trim.atLeast); }
        if (d.missing) this.span(d.missing.span);
        if (d.criteria) {
          this.span(d.criteria.span);
          for (const c of d.criteria.items) { this.span(c.span); this.name(c.name); this.label(c.label); this.num(c.weight); }
        }
        if (d.scale) this.name(d.scale);
        return;
      case 'Scale':
        this.name(d.name); this.label(d.label);
        for (const t of d.tiers) { this.span(t.span); if (t.name) this.name(t.name); for (const v of t.values) this.expr(v); }
        return;
      case 'Input':
        for (const f of d.fields) this.field(f);
        return;
      case 'Let': case 'Adjust':
        this.name(d.name); this.label(d.label); this.expr(d.value);
        return;
      case 'Function':
        this.name(d.name); this.label(d.label);
        for (const p of d.params) { this.span(p.span); this.name(p.name); this.type(p.type); }
        if (d.result) this.type(d.result);
        this.expr(d.body);
        return;
      case 'Indicator':
        this.name(d.name); this.label(d.label);
        this.share(d.share);
        this.expr(d.value);
        if (d.range) { this.span(d.range.span); this.expr(d.range.lo); this.expr(d.range.hi); }
        return;
      case 'Group':
        this.name(d.name); this.label(d.label);
        this.share(d.share);
        for (const m of d.members) this.decl(m);
        return;
      case 'When':
        this.expr(d.cond);
        for (const m of d.members) this.decl(m);
        return;
      case 'Negative': case 'Reward':
        this.name(d.name); this.label(d.label); this.expr(d.max);
        for (const it of d.items) {
          this.span(it.span); this.name(it.name); this.label(it.label); this.expr(it.when);
          if (it.for) this.name(it.for); // issue 12: attached item
          for (const e of it.effects) this.effect(e);
        }
        return;
      case 'Grades':
        if (d.committee) this.span(d.committee.span); // `by committee` (issue 13)
        for (const k of d.tiebreak) { this.span(k.span); this.expr(k.key); }
        for (const g of d.grades) {
          this.span(g.span); this.name(g.name); this.label(g.label); this.expr(g.when);
          for (const q of g.quotas) {
            this.span(q.span); this.num(q.percent); this.num(q.min); this.num(q.normal);
            if (q.table) {
              this.span(q.table.span); this.name(q.table.key);
              for (const e of q.table.entries) { this.span(e.span); this.name(e.member); this.num(e.percent); }
            }
          }
        }
        return;
      case 'Outcomes':
        if (d.bonus) {
          this.span(d.bonus.span);
          for (const b of d.bonus.entries) { this.span(b.span); this.name(b.grade); this.expr(b.value); }
        }
        for (const a of d.actions) { this.span(a.span); this.name(a.name); this.label(a.label); this.expr(a.when); }
        if (d.improve) { this.span(d.improve.span); this.expr(d.improve.below); this.num(d.improve.max); }
        return;
      case 'Example':
        this.name(d.name); this.label(d.label); this.label(d.period); this.expr(d.given);
        for (const s of d.subjects ?? []) { this.span(s.span); this.span(s.idSpan); this.expr(s.given); this.expr(s.decision); } // issue 13
        for (const e of d.expects) this.expr(e);
        return;
    }
  }

  private effect(e: Effect): void {
    this.span(e.span);
    switch (e.kind) {
      case 'cap': this.name(e.grade); return;
      case 'action': this.name(e.action); this.label(e.label); return;
      case 'deduct': case 'add': this.expr(e.amount); this.expr(e.per); this.expr(e.max); return;
      default: return;
    }
  }

  private field(f: Field): void {
    this.span(f.span); this.name(f.name); this.label(f.label); this.type(f.type); this.expr(f.default);
    if (f.display) this.span(f.display.span);
  }

  private type(t: TypeExpr): void {
    this.span(t.span);
    switch (t.kind) {
      case 'PrimType': this.constraint(t.constraint); this.oneOf(t.oneOf); return;
      case 'NamedType': this.name(t.name); this.constraint(t.constraint); this.oneOf(t.oneOf); return;
      case 'ListType': this.type(t.element); this.num(t.min); this.num(t.max); return;
      case 'RecordType': for (const f of t.fields) this.field(f); return;
      case 'RatingsType': this.name(t.panel); return;
      case 'PeriodResults': // issue 14
        if (t.scheme) this.name(t.scheme);
        if (t.subject) this.name(t.subject);
        if (t.unitAt) this.span(t.unitAt.span);
        this.num(t.count); if (t.grades) this.name(t.grades);
        if (t.missing) this.span(t.missing.span);
        if (t.values) this.span(t.values.span);
        for (const x of t.repeated ?? []) this.span(x.span);
        return;
      default: return;
    }
  }

  private oneOf(c: OneOf | undefined): void {
    if (!c) return;
    this.span(c.span);
    if (c.kind === 'Set') for (const v of c.values) this.expr(v); else this.name(c.scale);
  }

  private constraint(c: Constraint | undefined): void {
    if (!c) return;
    this.span(c.span);
    if (c.kind === 'Range') { this.expr(c.lo); this.expr(c.hi); } else this.expr(c.value);
  }

  private expr(e: Expr | undefined): void {
    if (!e || this.before(e.span)) return;
    this.span(e.span);
    switch (e.kind) {
      case 'Unary': this.expr(e.operand); return;
      case 'Binary': this.expr(e.left); this.expr(e.right); return;
      case 'In': this.expr(e.value); for (const x of e.set) this.expr(x); this.expr(e.of); this.expr(e.ofSubject); return;
      case 'Interval': this.expr(e.value); this.expr(e.lo); this.expr(e.hi); return;
      case 'Duration': this.span(e.amount.span); return;
      case 'If': this.expr(e.cond); this.expr(e.then); this.expr(e.else); return;
      case 'Field': this.expr(e.object); this.name(e.field); return;
      case 'Index': this.expr(e.object); this.expr(e.index); return;
      case 'Call': this.name(e.callee); for (const a of e.args) this.expr(a); return;
      case 'CohortAgg': this.name(e.callee); this.expr(e.arg); this.expr(e.p); return;
      case 'Aggregate':
        this.name(e.callee); this.name(e.binder); this.expr(e.list); this.expr(e.where); this.expr(e.weight); this.expr(e.body);
        return;
      case 'Bands':
        this.expr(e.subject);
        for (const b of e.bands) { this.span(b.span); this.expr(b.threshold); this.expr(b.score); }
        this.expr(e.else);
        return;
      case 'Levels':
        this.expr(e.subject);
        for (const l of e.entries) { this.span(l.span); this.name(l.member); this.expr(l.score); }
        this.expr(e.else);
        return;
      case 'Linear':
        this.expr(e.subject);
        for (const p of e.points) { this.span(p.span); this.expr(p.x); this.expr(p.y); }
        return;
      case 'Rate': this.expr(e.subject); return;
      case 'Object': for (const x of e.entries) { this.span(x.span); this.name(x.key); this.expr(x.value); } return;
      case 'List': for (const x of e.items) this.expr(x); return;
      default: return; // Number, String, Bool, Name, Error: the span only
    }
  }
}
