// Resolves the names inside expressions for the occurrence list: the checker's `refs`/`memberRefs`
// when it produced them, else the symbol table by name with aggregate binders in scope. Fields after
// `.` are resolved through declared types (record fields, panel categories).

import type { AggregateExpr, Expr, Name, NameRef } from '../ast.js';
import type { CheckedScheme } from '../check/index.js';
import { GRADE_ENUM, lookupMember, type SymbolTable } from '../symbols.js';
import type { Occurrence } from './occurrences.js';
import { enumOfType, fieldsOf, memberTarget, typeExprOf, type Target } from './targets.js';
import { subjectFieldTarget } from './complete-cohort-examples.js';

export class Resolver {
  readonly binders = new Map<string, AggregateExpr>();

  constructor(private syms: SymbolTable, private checked: CheckedScheme | undefined, private out: Occurrence[]) {}

  /** A bare name that denotes an enum member (`levels`, table keys) or a grade (`cap`, `bonus`). */
  member(n: Name, grade: boolean, enumName?: string): void {
    const m = this.checked?.memberRefs.get(n)
      ?? (grade ? lookupMember(this.syms, n.name, GRADE_ENUM) : lookupMember(this.syms, n.name, enumName))
      ?? this.syms.members.get(n.name)?.[0];
    this.out.push({ span: n.span, target: m ? { kind: 'sym', sym: m } : undefined, decl: false });
  }

  name(e: NameRef): Target | undefined {
    const r = this.checked?.refs.get(e);
    if (r) {
      if (r.kind === 'result' || r.kind === 'period') return { kind: 'result', name: r.name };
      if (r.kind === 'binder') return { kind: 'binder', name: r.name, agg: r.decl };
      if (r.kind === 'param') return { kind: 'param', fn: r.fn, param: r.fn.params[r.index] };
      if (r.kind === 'subject') return undefined; // a cohort example's subject id (issue 13): hover.ts answers it
      return { kind: 'sym', sym: r };
    }
    const agg = this.binders.get(e.name);
    if (agg) return { kind: 'binder', name: e.name, agg };
    if (e.builtin) return { kind: 'result', name: e.builtin };
    const s = this.syms.names.get(e.name);
    if (s) return { kind: 'sym', sym: s };
    const m = this.syms.members.get(e.name)?.[0];
    return m ? { kind: 'sym', sym: m } : undefined;
  }

  expr(e: Expr): void {
    switch (e.kind) {
      case 'Name': this.out.push({ span: e.span, target: this.name(e), decl: false, value: true }); return;
      case 'Field': {
        this.expr(e.object);
        const subject = subjectFieldTarget(e, this.checked, this.syms); // `A1.rank` in a cohort example (issue 13)
        if (subject) { this.out.push({ span: e.field.span, target: subject, decl: false }); return; }
        const m = fieldsOf(typeExprOf(e.object, this.syms, this.binders), this.syms).find((f) => f.name === e.field.name);
        this.out.push({ span: e.field.span, target: m && memberTarget(m), decl: false });
        return;
      }
      case 'Call':
        if (e.fn) this.out.push({ span: e.callee.span, target: { kind: 'builtin', name: e.fn }, decl: false });
        else if (this.syms.names.get(e.callee.name)?.kind === 'function') { // declared in the scheme (issue 12)
          this.out.push({ span: e.callee.span, target: { kind: 'sym', sym: this.syms.names.get(e.callee.name)! }, decl: false });
        }
        for (const a of e.args) this.expr(a);
        return;
      case 'CohortAgg': // issue 13
        this.out.push({ span: e.callee.span, target: { kind: 'cohortFn', fn: e.fn, scope: e.scope, written: e.callee.name }, decl: false });
        this.expr(e.arg);
        if (e.p) this.expr(e.p);
        return;
      case 'Aggregate': {
        this.out.push({ span: e.callee.span, target: { kind: 'builtin', name: e.fn }, decl: false });
        this.expr(e.list);
        this.out.push({ span: e.binder.span, target: { kind: 'binder', name: e.binder.name, agg: e }, decl: true });
        const saved = this.binders.get(e.binder.name);
        this.binders.set(e.binder.name, e);
        for (const x of [e.where, e.weight, e.body]) if (x) this.expr(x);
        if (saved) this.binders.set(e.binder.name, saved); else this.binders.delete(e.binder.name);
        return;
      }
      case 'Levels': {
        this.expr(e.subject);
        const en = enumOfType(typeExprOf(e.subject, this.syms, this.binders), this.syms);
        for (const x of e.entries) { this.member(x.member, false, en?.name.name); this.expr(x.score); }
        if (e.else) this.expr(e.else);
        return;
      }
      case 'Unary': this.expr(e.operand); return;
      case 'Binary': this.expr(e.left); this.expr(e.right); return;
      case 'In': this.expr(e.value); e.set.forEach((x) => this.expr(x)); if (e.of) this.expr(e.of); return;
      case 'Interval': this.expr(e.value); this.expr(e.lo); this.expr(e.hi); return;
      case 'If': this.expr(e.cond); this.expr(e.then); this.expr(e.else); return;
      case 'Index': this.expr(e.object); this.expr(e.index); return;
      case 'Bands':
        this.expr(e.subject);
        for (const b of e.bands) { this.expr(b.threshold); this.expr(b.score); }
        if (e.else) this.expr(e.else);
        return;
      case 'Linear': this.expr(e.subject); for (const p of e.points) { this.expr(p.x); this.expr(p.y); } return;
      case 'Rate': this.expr(e.subject); return;
      case 'Object': for (const x of e.entries) this.expr(x.value); return;
      case 'List': e.items.forEach((x) => this.expr(x)); return;
      default: return;
    }
  }
}
