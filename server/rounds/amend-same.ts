// An amendment that changes nothing (issue 14, appeals): the corrected values are exactly the ones
// the person has now — the same input value, the same decision. Recording it would make a revision
// identical to the last and an amendment row claiming a correction that never happened, so it is
// refused (422 `nothing_amended`, one entry per amended field at `input.FIELD`, and at `decision`).
// "The value they have now" is the newest stored part of that field (what the next evaluation would
// read), and for a field nobody submitted, the value the newest revision evaluated (a filled-in unit).

import type { ServerCtx } from '../context.js';
import type { RoundRow } from '../db/schema.js';
import { said } from '../errors.js';
import { A } from './amend-messages.js';
import * as store from './store.js';

/** JSON with object keys sorted, so equal values compare equal whatever order their keys came in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The person's current value per field (and `@decision`): newest parts over the newest revision's input. */
function currentValues(ctx: ServerCtx, round: RoundRow, subject: string, fields: readonly string[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const rows = ctx.db.$client.prepare(
    'SELECT field, value FROM input_parts WHERE round_id = ? AND subject_id = ? ORDER BY id',
  ).all(round.id, subject) as { field: string; value: string }[];
  for (const r of rows) out.set(r.field, JSON.parse(r.value));
  if (fields.every((f) => out.has(f)) || round.revision === 0) return out;
  const rev = store.getRevision(ctx.db, round.id, round.revision);
  const inputs = rev ? (JSON.parse(rev.inputs) as { subjects: { id: string; input: Record<string, unknown>; decision?: unknown }[] }) : undefined;
  const evaluated = inputs?.subjects.find((s) => s.id === subject);
  if (!evaluated) return out;
  for (const f of fields) {
    if (out.has(f)) continue;
    if (f === store.DECISION_FIELD) { if (evaluated.decision !== undefined) out.set(f, evaluated.decision); }
    else if (f in evaluated.input) out.set(f, evaluated.input[f]);
  }
  return out;
}

/** 422 entries when every part of the amendment equals the person's current value; none otherwise
 * (an amendment that changes at least one thing goes through whole). */
export function unchangedProblems(ctx: ServerCtx, round: RoundRow, subject: string, parts: readonly store.NewPart[]) {
  if (parts.length === 0) return [];
  const now = currentValues(ctx, round, subject, parts.map((x) => x.field));
  const same = parts.every((x) => now.has(x.field) && canonical(now.get(x.field)) === canonical(JSON.parse(x.value)));
  if (!same) return [];
  return parts.map((x) => {
    if (x.field === store.DECISION_FIELD) return { path: 'decision', code: 'nothing_amended', ...said(A.sameDecision({ subject })) };
    return { path: `input.${x.field}`, code: 'nothing_amended', ...said(A.sameValue({ subject, field: x.field, value: x.value })) };
  });
}
