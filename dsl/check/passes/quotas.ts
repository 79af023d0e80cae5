// Pass `quotas` (issue 13): what the `grades` pass cannot see line by line.
// - Several rules for one grade: the lines naming a grade sit next to each other (KH-C135), so the
//   grade's place in the order (best first) is one place.
// - Scopes: a grade has at most one quota per scope (`cohort`, the default, and `overall`) over all
//   its lines (KH-C133): two limits at one scope would leave which one binds to the reader.
// - Quota tables `quota 班子等次 { 好: 30%, … }`: keyed by an input or let of an enum type (KH-C130),
//   one share for every member (KH-C131), no other or repeated members (KH-C132), each share a
//   percentage from 0% to 100% (KH-C029; 0% is a share: "较差的班子不评优秀").
// - Soft quotas `normally P`: P at most the hard share (KH-C134); against a table, at most its largest
//   share (above that it could flag no one; between shares it flags in some cohorts only, as meant).
// Whether a table's key is the same for every subject of the scope is known only at evaluation (KH-E043).

import type { GradeDecl, NumberLit, Quota } from '../../ast.js';
import { Rational } from '../../rational.js';
import type { MemberSym } from '../../symbols.js';
import { constValue, lineOf, type CheckContext, type Pass } from '../context.js';
import { kindMsg, M as C, names } from '../messages.js';
import { M } from '../messages/quotas.js';
import { NUMBER, article, type Type } from '../types.js';

export const quotasPass: Pass = {
  name: 'quotas',
  run(ctx) {
    const gs = ctx.symbols.gradesDecl?.grades;
    if (!gs?.length) return;
    adjacent(ctx, gs);
    oneQuotaPerScope(ctx, gs);
    for (const g of gs) {
      for (const q of g.quotas) {
        const shares = q.table ? table(ctx, q.table) : undefined;
        normal(ctx, q, shares);
      }
    }
  },
};

/** KH-C135: a grade named again after another grade's line. */
function adjacent(ctx: CheckContext, gs: readonly GradeDecl[]): void {
  const lastLine = new Map<string, GradeDecl>();
  gs.forEach((g, i) => {
    const prev = lastLine.get(g.name.name);
    if (prev && gs[i - 1].name.name !== g.name.name) {
      ctx.sink.add('KH-C135', g.name.span, M.notAdjacent({ name: g.name.name, line: lineOf(ctx, prev.name.span) }));
    }
    lastLine.set(g.name.name, g);
  });
}

/** KH-C133: two quotas of one grade (over all its lines) at one scope. */
function oneQuotaPerScope(ctx: CheckContext, gs: readonly GradeDecl[]): void {
  const seen = new Map<string, Quota>();
  for (const g of gs) {
    for (const q of g.quotas) {
      const scope = q.scope ?? 'cohort';
      const key = `${scope}\u0000${g.name.name}`;
      const first = seen.get(key);
      if (!first) { seen.set(key, q); continue; }
      ctx.sink.add('KH-C133', q.span, M.twoPerScope({
        grade: g.name.name, scope: scope === 'overall' ? M.sOverall() : M.sCohort(), line: lineOf(ctx, first.span),
      }));
    }
  }
}

/** Checks a quota table; returns its shares (constant ones), for the soft-share check. */
function table(ctx: CheckContext, t: NonNullable<Quota['table']>): Rational[] {
  const shares: Rational[] = [];
  for (const e of t.entries) {
    ctx.types.set(e.percent, NUMBER);
    const p = constValue(e.percent);
    if (!e.percent.percent) ctx.sink.add('KH-C029', e.percent.span, C.quotaPercent());
    else if (p && (p.sign() < 0 || p.gt(Rational.ONE))) ctx.sink.add('KH-C029', e.percent.span, M.tableShareRange());
    if (p) shares.push(p);
  }
  const en = keyEnum(ctx, t);
  if (!en) return shares;
  const members = new Map(en.members.map((m) => [m.name.name, m]));
  const given = new Set<string>();
  for (const e of t.entries) {
    const m = e.member.name;
    if (!members.has(m)) {
      ctx.sink.add('KH-C132', e.member.span, M.tableNotMember({ member: m, enum: en.name.name, name: t.key.name }));
      continue;
    }
    const sym = ctx.symbols.members.get(m)?.find((s): s is MemberSym => s.kind === 'member' && s.enumName === en.name.name);
    if (sym) ctx.memberRefs.set(e.member, sym);
    if (given.has(m)) ctx.sink.add('KH-C132', e.member.span, M.tableTwice({ member: m, name: t.key.name }));
    given.add(m);
  }
  const gap = [...members.keys()].filter((m) => !given.has(m));
  if (gap.length) ctx.sink.add('KH-C131', t.key.span, M.tableGap({ name: t.key.name, gap: names(gap), enum: en.name.name }));
  return shares;
}

/** The enum of a table's key (an input or let of an enum type), or KH-C130. */
function keyEnum(ctx: CheckContext, t: NonNullable<Quota['table']>) {
  const k = t.key;
  if (k.name === '') return undefined; // a name the parser invented: already reported
  const sym = ctx.symbols.names.get(k.name);
  if (!sym) { ctx.sink.add('KH-C130', k.span, M.keyUnknown({ name: k.name })); return undefined; }
  if (sym.kind !== 'input' && sym.kind !== 'let') {
    ctx.sink.add('KH-C130', k.span, M.keyNotValue({ name: k.name, what: kindMsg(sym) }));
    return undefined;
  }
  ctx.used.add(sym);
  const type: Type | undefined = sym.kind === 'input' ? ctx.typeExprs.get(sym.decl.type) : ctx.types.get(sym.decl.value);
  if (!type || type.kind === 'error') return undefined;
  const en = type.kind === 'enum' ? ctx.symbols.enums.get(type.name) : undefined;
  if (!en) ctx.sink.add('KH-C130', k.span, M.keyNotEnum({ name: k.name, type: article(type) }));
  return en;
}

/** KH-C134: a soft share above the hard one (or above every share of the table). */
function normal(ctx: CheckContext, q: Quota, shares: Rational[] | undefined): void {
  const n = constValue(q.normal);
  if (!q.normal || !n) return;
  const text = (x: NumberLit) => (x.percent ? `${x.text}%` : x.text);
  const hard = constValue(q.percent);
  if (q.percent && hard && n.gt(hard)) {
    ctx.sink.add('KH-C134', q.normal.span, M.normalAbove({ normal: text(q.normal), hard: text(q.percent) }));
  } else if (q.table && shares && shares.length === q.table.entries.length && shares.length) {
    const i = shares.reduce((best, s, j) => (s.gt(shares[best]) ? j : best), 0);
    if (n.gt(shares[i])) {
      ctx.sink.add('KH-C134', q.normal.span, M.normalAboveTable({ normal: text(q.normal), name: q.table.key.name, hard: text(q.table.entries[i].percent) }));
    }
  }
}
