// Turns the input contract's type expressions into checker Types (recorded in ctx.typeExprs) and
// works out which enum each table maps. Unknown enum types and panels are KH-C001.

import type { TableDecl, TypeExpr } from '../../ast.js';
import { lineOf } from '../context.js';
import { M } from '../messages.js';
import { DATE, ERROR, INTEGER, NUMBER, BOOL, TEXT, type Type } from '../types.js';
import { infer } from './expr.js';
import { membersWhere } from './name.js';
import { report, type InferState } from './state.js';
import { periodResultType } from './period-results.js';

export function resolveTypeExpr(st: InferState, t: TypeExpr): Type {
  const known = st.ctx.typeExprs.get(t);
  if (known) return known;
  const out = build(st, t);
  st.ctx.typeExprs.set(t, out);
  return out;
}

function build(st: InferState, t: TypeExpr): Type {
  const { ctx } = st;
  switch (t.kind) {
    case 'PrimType': return t.name === 'number' ? NUMBER : t.name === 'integer' ? INTEGER : t.name === 'bool' ? BOOL : t.name === 'date' ? DATE : TEXT;
    case 'NamedType': {
      const e = ctx.symbols.enums.get(t.name.name);
      if (e) return { kind: 'enum', name: e.name.name, ordered: e.ordered };
      const s = ctx.symbols.names.get(t.name.name);
      if (s?.kind === 'panel') return report(st, 'KH-C005', t.name.span, M.panelAsType({ name: t.name.name }));
      return report(st, 'KH-C001', t.name.span, M.unknownType({ name: t.name.name }));
    }
    case 'ListType': return { kind: 'list', element: resolveTypeExpr(st, t.element) };
    case 'RecordType': {
      const fields = new Map<string, Type>();
      for (const f of t.fields) if (!fields.has(f.name.name)) fields.set(f.name.name, resolveTypeExpr(st, f.type));
      return { kind: 'record', fields };
    }
    case 'RatingsType': {
      const s = ctx.symbols.names.get(t.panel.name);
      if (s?.kind === 'panel') { ctx.used.add(s); return { kind: 'ratings', panel: s.name }; }
      return report(st, 'KH-C001', t.panel.span, M.unknownPanel({ name: t.panel.name }));
    }
    case 'PeriodResults': return periodResultType(st, t); // issue 14: infer/period-results.ts
    case 'ErrorType': return ERROR;
  }
}

/** The enum a table maps: the one that declares all its keys (else its first key's). Keys are
 * resolved into memberRefs; values are typed. */
export function resolveTable(st: InferState, d: TableDecl): void {
  const { ctx } = st;
  for (const x of d.entries) infer(st, x.value, { area: 'scheme' });
  if (d.entries.length === 0) return;
  const candidates = (ctx.symbols.members.get(d.entries[0].key.name) ?? []).filter((m) => m.kind === 'member');
  const enumName = candidates.map((m) => m.enumName)
    .find((en) => d.entries.every((x) => ctx.symbols.members.get(x.key.name)?.some((m) => m.enumName === en)))
    ?? candidates[0]?.enumName;
  if (!enumName) {
    report(st, 'KH-C001', d.entries[0].key.span, M.tableKeyNoEnum({ table: d.name.name, name: d.entries[0].key.name }));
    return;
  }
  ctx.tableKeys.set(d.name.name, enumName);
  for (const x of d.entries) {
    const list = ctx.symbols.members.get(x.key.name);
    const m = list?.find((y) => y.enumName === enumName);
    if (m) ctx.memberRefs.set(x.key, m);
    else if (list) {
      const line = lineOf(ctx, ctx.symbols.enums.get(enumName)!.span);
      const where = membersWhere(st, list);
      report(st, 'KH-C006', x.key.span, M.tableKeyOtherEnum({ table: d.name.name, enum: enumName, line, name: x.key.name, where }));
    } else report(st, 'KH-C001', x.key.span, M.unknownMember({ name: x.key.name, enum: enumName }));
  }
}
