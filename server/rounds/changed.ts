// Whether a round's roster or inputs changed since its newest revision (issue 14, hostile finding):
// parts and roster changes are accepted while a round is `evaluated`, and without this check 公示
// and final went ahead with the result of the older inputs — a late part or a person taken off the
// roster silently left out of what became final. Publicize refuses such a round (409 `round_changed`,
// re-evaluate first) and GET /api/rounds/:id shows `changed`.
//
// Decided by content, not by a flag (no migration): what evaluate would merge now — the members
// taking part in roster order, their status, base standing and display fields, their newest part per
// field and their decision, the `cohort by` field from the roster — against what the newest revision
// stored (revisions.inputs). Values the server fills (`results of` / `past`) are left out on both
// sides: a source that moved is `outOfDate`'s business, not this. A change undone (the old value sent
// again) is no change. Only an `evaluated` round can differ: inputs and roster are refused in 公示 and
// when final, and every revision (an amendment's too) reads the current roster and newest parts.
// The merge is evaluate's own (submittedInput, evaluate.ts).

import type { ServerCtx } from '../context.js';
import type { RoundRow } from '../db/schema.js';
import { submittedInput } from './evaluate.js';
import type { SchemeInfo } from './scheme-info.js';
import * as store from './store.js';

interface Stored { id: string; input: Record<string, unknown>; display?: unknown; decision?: unknown; standing?: { ungraded?: boolean; countsInBase?: boolean } }

/** Deep equality of JSON values, object keys in any order. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => same(x, bb[i]));
  }
  const ak = Object.keys(a), bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Whether the round's roster or inputs differ from what its newest revision evaluated. */
export function changedSinceRevision(ctx: ServerCtx, round: Pick<RoundRow, 'id' | 'status' | 'revision' | 'unit'>, info: SchemeInfo): boolean {
  if (round.status !== 'evaluated' || round.revision === 0) return false;
  const row = ctx.db.$client.prepare('SELECT inputs FROM revisions WHERE round_id = ? AND n = ?').get(round.id, round.revision) as { inputs: string } | undefined;
  if (!row) return false;
  const stored = (JSON.parse(row.inputs) as { subjects: Stored[] }).subjects;
  const roster = store.members(ctx.db, round.id).filter((m) => m.status !== 'absent');
  if (roster.length !== stored.length) return true;
  const parts = store.newestParts(ctx.db, round.id);
  const filled = (field: string) => info.byName.get(field)?.fill !== undefined;
  return roster.some((m, i) => {
    const s = stored[i];
    if (s.id !== m.subjectId) return true;
    if ((s.standing?.ungraded ?? false) !== (m.status === 'ungraded')) return true;
    if ((s.standing?.countsInBase ?? true) !== m.countsInBase) return true;
    if (!same(s.display, m.display === null ? undefined : JSON.parse(m.display))) return true;
    const { input, decision } = submittedInput(m, parts.get(m.subjectId), round, info);
    const was = Object.fromEntries(Object.entries(s.input).filter(([k]) => !filled(k)));
    return !same(s.decision, decision) || !same(was, input);
  });
}
