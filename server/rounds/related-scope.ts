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

/** Ids asked at once (an IN list of at most this many, besides the units). */
const IDS_PER_QUERY = 500;

/** Of `ids`, the subjects a member of one of `units` in a round of `round`'s period (see the header)
 * — one statement per IDS_PER_QUERY ids, not one per id. */
async function seenSubjects(ctx: ServerCtx, units: readonly string[], round: Pick<RoundRow, 'orgId' | 'period'>, ids: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const inUnits = units.map(() => '?').join(', ');
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    const rows = await ctx.store.all<{ id: string }>(
      `SELECT DISTINCT m.subject_id AS id FROM round_members m JOIN rounds r ON r.id = m.round_id
       WHERE r.org_id = ? AND r.period = ? AND m.subject_id IN (${chunk.map(() => '?').join(', ')}) AND COALESCE(m.unit, r.unit) IN (${inUnits})`,
      [round.orgId, round.period, ...chunk, ...units],
    );
    for (const r of rows) seen.add(r.id);
  }
  return seen;
}

/** A 403 detail, naming the related subject refused. */
type Refusal = ReturnType<typeof problem> & { related: string };

/** The values of one part or amendment to check: `input` of `subject`, its paths under `prefix`. */
export interface RelatedCheck { subject: string; input: Readonly<Record<string, unknown>>; prefix: string }

/** Per check, the 403 details for the values naming a related subject the caller may not see; none
 * when the caller sees every unit. The subjects named by all the checks are looked up together. */
export async function unseenRelatedEach(
  ctx: ServerCtx, p: Principal, round: Pick<RoundRow, 'orgId' | 'period'>, info: SchemeInfo, checks: readonly RelatedCheck[],
): Promise<Refusal[][]> {
  if (seesAllUnits(p)) return checks.map(() => []);
  const units = p.units ?? [];
  // A `cohort by` FIELD's value is a unit name: one of the caller's is seen without a look-up.
  const named = checks.map((c) => Object.keys(c.input).flatMap((field) => {
    const readers = readersOf(info, field);
    const id = readers.length > 0 ? relatedId(c.input, field) : null;
    return id === null ? [] : [{ field, readers, id, free: units.length > 0 && field === info.cohortField && units.includes(id) }];
  }));
  const asked = [...new Set(named.flat().filter((x) => !x.free).map((x) => x.id))];
  const seen = units.length === 0 || asked.length === 0 ? new Set<string>() : await seenSubjects(ctx, units, round, asked);
  return checks.map((c, k) => named[k].filter((x) => !x.free && !seen.has(x.id)).map(({ field, readers, id }) => {
    const msg = RSC.relatedNotYours({ field, subject: c.subject, related: id, scheme: readers[0].scheme, input: readers[0].field, units: [...units], period: round.period });
    return { ...problem(`${c.prefix}${field}`, 'related_not_allowed', msg), related: id };
  }));
}

/** The 403 details for the values of `input` (a part or an amendment of `subject`, paths under
 * `prefix`) naming a related subject the caller may not see; [] when none or the caller sees every unit. */
export async function unseenRelated(
  ctx: ServerCtx, p: Principal, round: Pick<RoundRow, 'orgId' | 'period'>, info: SchemeInfo,
  subject: string, input: Readonly<Record<string, unknown>>, prefix: string,
): Promise<Refusal[]> {
  return (await unseenRelatedEach(ctx, p, round, info, [{ subject, input, prefix }]))[0];
}

/** GET round for a unit-limited caller: the related pending sources (those naming a `subject`) only
 * when a member the caller sees (`seen`) reads that subject; other entries as they are. */
export async function seenPending(ctx: ServerCtx, p: Principal, round: Pick<RoundRow, 'id' | 'unit'>, info: SchemeInfo, pending: PendingSource[], seen: readonly RoundMemberRow[]): Promise<PendingSource[]> {
  if (seesAllUnits(p) || !pending.some((x) => x.subject !== undefined)) return pending;
  const inputs = await storedRelatedInputs(ctx.store, round, info);
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
