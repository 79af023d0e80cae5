// Unit scope of a related subject (issue 14 part 2, hostile audit H3/H4). `results of SCHEME for
// FIELD` reads the result of whoever FIELD names; when FIELD is free text a unit officer could name
// anybody (`{"所属": "VIP"}` for their own person) and read that person's score and grade through
// their own member's revision and export — or, before evaluate, learn from GET round's pending
// sources whether that person has a result at all. So:
//
// - A caller limited to units may submit (input parts) or amend a value of such a FIELD only when it
//   names a subject they may see: a roster member of one of their units (the member's unit, else the
//   round's) in any round of the organization of the SAME period — rosters are set only by accounts
//   covering every unit, so an officer cannot make someone "theirs"; imported results are not
//   enough (an officer may import rows of their units for anyone). When FIELD is the `cohort by`
//   field the roster fills it (parts naming it are refused anyway); its values are the unit names
//   the caller holds. Otherwise 403 `unit_not_allowed`, detail `related_not_allowed` at the path,
//   nothing stored. Callers covering every unit are not limited.
// - GET round lists an officer only the related pending sources that members they see read.

import { seesAllUnits } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import type { RoundMemberRow, RoundRow } from '../db/schema.js';
import { relatedId, relatedSpec, storedRelatedInputs, type RelatedSpec } from './fill-related.js';
import type { PendingSource } from './fill.js';
import { problem } from './round-common.js';
import { RSC } from './related-scope-messages.js';
import type { SchemeInfo } from './scheme-info.js';

/** The related inputs reading their subject from `field`. */
function readersOf(info: SchemeInfo, field: string): RelatedSpec[] {
  return info.fields.map(relatedSpec).filter((s): s is RelatedSpec => s !== undefined && s.subjectField === field);
}

/** Whether `id` is a subject the unit-limited caller may see in `round`'s period (see the header). */
function seesSubject(ctx: ServerCtx, units: readonly string[], round: Pick<RoundRow, 'orgId' | 'period'>, id: string, cohort: boolean): boolean {
  if (units.length === 0) return false;
  if (cohort && units.includes(id)) return true;
  const row = ctx.db.$client.prepare(
    `SELECT 1 FROM round_members m JOIN rounds r ON r.id = m.round_id
     WHERE r.org_id = ? AND r.period = ? AND m.subject_id = ? AND COALESCE(m.unit, r.unit) IN (${units.map(() => '?').join(', ')}) LIMIT 1`,
  ).get(round.orgId, round.period, id, ...units);
  return row !== undefined;
}

/** A 403 detail, naming the related subject refused. */
type Refusal = ReturnType<typeof problem> & { related: string };

/** The 403 details for the values of `input` (a part or an amendment of `subject`, paths under
 * `prefix`) naming a related subject the caller may not see; [] when none or the caller sees every unit. */
export function unseenRelated(
  ctx: ServerCtx, p: Principal, round: Pick<RoundRow, 'orgId' | 'period'>, info: SchemeInfo,
  subject: string, input: Readonly<Record<string, unknown>>, prefix: string,
): Refusal[] {
  if (seesAllUnits(p)) return [];
  const units = p.units ?? [];
  const out: Refusal[] = [];
  for (const field of Object.keys(input)) {
    const readers = readersOf(info, field);
    const id = readers.length > 0 ? relatedId(input, field) : null;
    if (id === null || seesSubject(ctx, units, round, id, field === info.cohortField)) continue;
    const msg = RSC.relatedNotYours({ field, subject, related: id, scheme: readers[0].scheme, input: readers[0].field, units: [...units], period: round.period });
    out.push({ ...problem(`${prefix}${field}`, 'related_not_allowed', msg), related: id });
  }
  return out;
}

/** GET round for a unit-limited caller: the related pending sources (those naming a `subject`) only
 * when a member the caller sees (`seen`) reads that subject; other entries as they are. */
export function seenPending(ctx: ServerCtx, p: Principal, round: Pick<RoundRow, 'id' | 'unit'>, info: SchemeInfo, pending: PendingSource[], seen: readonly RoundMemberRow[]): PendingSource[] {
  if (seesAllUnits(p) || !pending.some((x) => x.subject !== undefined)) return pending;
  const inputs = storedRelatedInputs(ctx.db, round, info);
  const read = new Set<string>();
  for (const spec of info.fields.map(relatedSpec)) {
    if (!spec) continue;
    for (const m of seen) {
      const id = relatedId(inputs.get(m.subjectId), spec.subjectField);
      if (id !== null) read.add(`${spec.field}\u0000${id}`);
    }
  }
  return pending.filter((x) => x.subject === undefined || read.has(`${x.input}\u0000${x.subject}`));
}
