// Every name in the tree with what it stands for: declarations and references, in one walk. Hover,
// go-to-definition and semantic colouring are all lookups in this list, so the rules for "what does
// this name mean here" live in one place (resolve.ts for expressions).

import type {
  Decl, Effect, Expr, Field, Member, Name, ObjectLit, OneOf, Scheme, Span, TypeExpr,
} from '../ast.js';
import type { CheckedScheme } from '../check/index.js';
import type { Sym, SymbolTable } from '../symbols.js';
import { Resolver } from './resolve.js';
import { fieldsOf, memberTarget, type Target } from './targets.js';

/** `value`: a bare name in an expression, where only a value (input, let, indicator, member…) fits. */
export interface Occurrence { span: Span; target?: Target; decl: boolean; value?: true }

export function collectOccurrences(scheme: Scheme, syms: SymbolTable, checked?: CheckedScheme): Occurrence[] {
  const out: Occurrence[] = [];
  const r = new Resolver(syms, checked, out);
  // Symbols keep their Name's span object, so identity finds a declaration's symbol in O(1).
  const bySpan = new Map<Span, Sym>(syms.all.map((s) => [s.span, s]));
  const inputSym = new Map<Field, Sym>();
  for (const s of syms.all) if (s.kind === 'input') inputSym.set(s.decl, s);
  const sym = (n: Name) => bySpan.get(n.span);
  const declare = (n: Name, target?: Target) => out.push({ span: n.span, target: target ?? symTarget(sym(n)), decl: true });

  out.push({ span: scheme.name.span, target: { kind: 'scheme', scheme }, decl: true });
  /** `in 评分档` names a scale; `in {…}` holds number literals (issue 12). */
  const oneOf = (o: OneOf | undefined): void => {
    if (o?.kind === 'Scale') out.push({ span: o.scale.span, target: symTarget(syms.names.get(o.scale.name)), decl: false });
  };
  const typeExpr = (t: TypeExpr | undefined): void => {
    if (!t) return;
    switch (t.kind) {
      case 'PrimType': constraint(t.constraint); oneOf(t.oneOf); break;
      case 'NamedType': {
        const e = syms.enums.get(t.name.name);
        out.push({ span: t.name.span, target: e ? { kind: 'enum', decl: e } : undefined, decl: false });
        constraint(t.constraint); break;
      }
      case 'ListType': typeExpr(t.element); break;
      case 'RecordType': for (const f of t.fields) field(f, true); break;
      case 'RatingsType': out.push({ span: t.panel.span, target: symTarget(syms.names.get(t.panel.name)), decl: false }); break;
      case 'PeriodResults': { // `grades 平时等次` (issue 14): renaming the enum renames it here
        const e = t.grades && syms.enums.get(t.grades.name);
        if (t.grades) out.push({ span: t.grades.span, target: e ? { kind: 'enum', decl: e } : undefined, decl: false });
        // `for 班子` (issue 14 part 2): the input field holding the related subject's id
        if (t.subject) out.push({ span: t.subject.span, target: symTarget(syms.names.get(t.subject.name)), decl: false });
        break;
      }
    }
  };
  const constraint = (c: { kind: 'Range'; lo: Expr; hi: Expr } | { kind: 'Compare'; value: Expr } | undefined) => {
    if (c?.kind === 'Range') { r.expr(c.lo); r.expr(c.hi); } else if (c) r.expr(c.value);
  };
  const field = (f: Field, nested: boolean) => {
    declare(f.name, nested ? { kind: 'field', field: f } : undefined);
    typeExpr(f.type);
    if (f.default) r.expr(f.default);
  };
  const members = (ms: Member[]) => {
    for (const m of ms) {
      if (m.kind === 'When') { r.expr(m.cond); members(m.members); continue; }
      declare(m.name);
      for (const c of m.share?.cases ?? []) r.expr(c.cond); // `weight if C then N else M` (issue 12)
      if (m.kind === 'Group') members(m.members);
      else { r.expr(m.value); if (m.range) { r.expr(m.range.lo); r.expr(m.range.hi); } }
    }
  };
  const effect = (e: Effect) => {
    if (e.kind === 'cap') r.member(e.grade, true);
    else if (e.kind === 'action') out.push({ span: e.action.span, target: symTarget(syms.actions.get(e.action.name)), decl: false });
    else if (e.kind === 'deduct' || e.kind === 'add') { r.expr(e.amount); if (e.per) r.expr(e.per); if (e.max) r.expr(e.max); }
  };
  const given = (obj: ObjectLit) => {
    for (const entry of obj.entries) {
      const input = syms.inputs.get(entry.key.name);
      out.push({ span: entry.key.span, target: symTarget(input && inputSym.get(input)), decl: false });
      givenValue(entry.value, input?.type);
    }
  };
  const givenValue = (v: Expr, t: TypeExpr | undefined): void => {
    if (v.kind === 'List') { for (const item of v.items) givenValue(item, t?.kind === 'ListType' ? t.element : undefined); return; }
    if (v.kind === 'Object') {
      const fs = fieldsOf(t, syms);
      for (const entry of v.entries) {
        const m = fs.find((f) => f.name === entry.key.name);
        out.push({ span: entry.key.span, target: m && memberTarget(m), decl: false });
        givenValue(entry.value, m?.kind === 'field' ? m.field.type : undefined);
      }
      return;
    }
    r.expr(v);
  };

  for (const d of scheme.decls as Decl[]) {
    switch (d.kind) {
      case 'Setting': if (d.key === 'cohortBy' || d.key === 'rankBy') r.expr(d.value); break;
      case 'Enum':
        out.push({ span: d.name.span, target: { kind: 'enum', decl: d }, decl: true });
        for (const m of d.members) declare(m.name);
        break;
      case 'Table':
        declare(d.name);
        for (const e of d.entries) { r.member(e.key, false); r.expr(e.value); }
        break;
      case 'Panel':
        declare(d.name);
        for (const cat of d.categories) out.push({ span: cat.name.span, target: { kind: 'category', panel: d, cat }, decl: true });
        if (d.scale) out.push({ span: d.scale.span, target: symTarget(syms.names.get(d.scale.name)), decl: false });
        break;
      case 'Scale': declare(d.name); break;
      case 'Input': for (const f of d.fields) field(f, false); break;
      case 'Let': case 'Adjust': declare(d.name); r.expr(d.value); break;
      case 'Function': // issue 12: its parameters are declared here and named in its body
        declare(d.name);
        for (const p of d.params) { out.push({ span: p.name.span, target: { kind: 'param', fn: d, param: p }, decl: true }); typeExpr(p.type); }
        typeExpr(d.result);
        r.expr(d.body);
        break;
      case 'Indicator': case 'Group': case 'When': members([d]); break;
      case 'Negative': case 'Reward':
        declare(d.name);
        if (d.max) r.expr(d.max);
        for (const item of d.items) {
          declare(item.name);
          // `for X` (issue 12): a reference to the indicator, for hover, go-to-definition and rename
          if (item.for) out.push({ span: item.for.span, target: symTarget(syms.names.get(item.for.name)), decl: false });
          r.expr(item.when); item.effects.forEach(effect);
        }
        break;
      case 'Grades':
        for (const k of d.tiebreak) r.expr(k.key);
        for (const g of d.grades) {
          // a grade's later rule lines (issue 13) name the symbol declared at its first line
          declare(g.name, sym(g.name) ? undefined : symTarget(syms.members.get(g.name.name)?.find((m) => m.kind === 'grade')));
          if (g.when) r.expr(g.when);
          for (const t of g.quotas.flatMap((q) => (q.table ? [q.table] : []))) { // issue 13: a quota table's key and members
            out.push({ span: t.key.span, target: symTarget(syms.names.get(t.key.name)), decl: false });
            for (const e of t.entries) r.member(e.member, false);
          }
        }
        break;
      case 'Outcomes':
        for (const b of d.bonus?.entries ?? []) { r.member(b.grade, true); r.expr(b.value); }
        for (const a of d.actions) { out.push({ span: a.name.span, target: symTarget(syms.actions.get(a.name.name)), decl: true }); r.expr(a.when); }
        if (d.improve) r.expr(d.improve.below);
        break;
      case 'Example':
        declare(d.name);
        given(d.given);
        for (const e of d.expects) r.expr(e);
        break;
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function symTarget(s: Sym | undefined): Target | undefined {
  return s ? { kind: 'sym', sym: s } : undefined;
}

/** The occurrence whose span contains `offset` (or ends at it: a cursor just after a name). */
export function occurrenceAt(occ: readonly Occurrence[], offset: number): Occurrence | undefined {
  let lo = 0, hi = occ.length - 1, best: Occurrence | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (occ[mid].span.start <= offset) { best = occ[mid]; lo = mid + 1; } else hi = mid - 1;
  }
  if (best && offset <= best.span.end) return best;
  return undefined;
}
