// An amendment that changes nothing (issue 14, appeals): the corrected values are exactly the ones
// the person has now — the same input value, the same decision. Recording it would make a revision
// identical to the last and an amendment row claiming a correction that never happened, so it is
// refused (422 `nothing_amended`, one entry per amended field at `input.FIELD`, and at `decision`).
// "The value they have now" is the newest stored part of that field (what the next evaluation would
// read), for a field nobody submitted the value the newest revision evaluated (a filled-in unit), and
// for one that neither has, the scheme's default (the engine used it: `迟到早退次数: number = 0` set to 0
// is no correction; set to 2 it is one).

import type { ServerCtx } from '../context.js';
import type { RoundRow } from '../db/schema.js';
import { said } from '../errors.js';
import { A } from './amend-messages.js';
import { canonical } from './changed.js';
import type { SchemeInfo } from './scheme-info.js';
import * as store from './store.js';

/** The person's current value per field (and `@decision`): newest parts over the newest revision's
 * input over the scheme's defaults (`defaulted`: the fields whose value is their default). */
async function currentValues(ctx: ServerCtx, round: RoundRow, subject: string, fields: readonly string[], info: SchemeInfo): Promise<{ now: Map<string, unknown>; defaulted: Set<string> }> {
  const out = new Map<string, unknown>();
  const defaulted = new Set<string>();
  const withDefaults = () => {
    for (const f of fields) {
      const d = info.byName.get(f)?.default;
      if (!out.has(f) && d !== undefined) { out.set(f, d); defaulted.add(f); }
    }
    return { now: out, defaulted };
  };
  const rows = await ctx.store.all<{ field: string; value: string }>(
    'SELECT field, value FROM input_parts WHERE round_id = ? AND subject_id = ? ORDER BY id', [round.id, subject]);
  for (const r of rows) out.set(r.field, JSON.parse(r.value));
  if (fields.every((f) => out.has(f)) || round.revision === 0) return withDefaults();
  const rev = await store.getRevision(ctx.store, round.id, round.revision);
  const inputs = rev ? (JSON.parse(rev.inputs) as { subjects: { id: string; input: Record<string, unknown>; decision?: unknown }[] }) : undefined;
  const evaluated = inputs?.subjects.find((s) => s.id === subject);
  if (!evaluated) return withDefaults();
  for (const f of fields) {
    if (out.has(f)) continue;
    if (f === store.DECISION_FIELD) { if (evaluated.decision !== undefined) out.set(f, evaluated.decision); }
    else if (f in evaluated.input) out.set(f, evaluated.input[f]);
  }
  return withDefaults();
}

/** 422 entries when every part of the amendment equals the person's current value; none otherwise
 * (an amendment that changes at least one thing goes through whole). */
export async function unchangedProblems(ctx: ServerCtx, round: RoundRow, subject: string, parts: readonly store.NewPart[], info: SchemeInfo) {
  if (parts.length === 0) return [];
  const { now, defaulted } = await currentValues(ctx, round, subject, parts.map((x) => x.field), info);
  const same = parts.every((x) => now.has(x.field) && canonical(now.get(x.field)) === canonical(JSON.parse(x.value)));
  if (!same) return [];
  return parts.map((x) => {
    if (x.field === store.DECISION_FIELD) return { path: 'decision', code: 'nothing_amended', ...said(A.sameDecision({ subject })) };
    const msg = defaulted.has(x.field) ? A.sameAsDefault({ subject, field: x.field, value: x.value }) : A.sameValue({ subject, field: x.field, value: x.value });
    return { path: `input.${x.field}`, code: 'nothing_amended', ...said(msg) };
  });
}
