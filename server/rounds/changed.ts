// Whether a round's roster or inputs changed since its newest revision (issue 14, hostile finding):
// parts and roster changes are accepted while a round is `evaluated`, and without this check 公示
// and final went ahead with the result of the older inputs — a late part or a person taken off the
// roster silently left out of what became final. Publicize refuses such a round (409 `round_changed`,
// re-evaluate first) and GET /api/rounds/:id shows `changed`.
//
// Decided by content, not by a flag: what evaluate would merge now — the members taking part in
// roster order, their status, base standing and display fields, their newest part per field and
// their decision, the `cohort by` field from the roster — against what the newest revision evaluated.
// Values the server fills (`results of` / `past`) are left out on both sides: a source that moved is
// `outOfDate`'s business, not this. A change undone (the old value sent again) is no change. Only an
// `evaluated` round can differ: inputs and roster are refused in 公示 and when final, and every
// revision (an amendment's too) reads the current roster and newest parts. The merge is evaluate's
// own (submittedInput, evaluate.ts).
//
// Cost: each revision stores a digest of that content (revisions.submitted, migration 0009; sha256 of
// canonical JSON — keys sorted — one line per member), so the check hashes the current roster and
// parts (which GET /api/rounds/:id reads anyway for the missing report) instead of parsing the
// revision's inputs — for a 10,000-person annual round MBs of JSON, mostly the roll-up records the
// comparison leaves out (measured ≈ 550 ms a GET before; see server/README.md). A revision made
// before 0009 has no digest: its inputs are compared as they were.

import { createHash } from 'node:crypto';
import type { ServerCtx } from '../context.js';
import type { RoundMemberRow, RoundRow } from '../db/schema.js';
import { submittedInput } from './evaluate.js';
import type { SchemeInfo } from './scheme-info.js';
import * as store from './store.js';

interface Stored { id: string; input: Record<string, unknown>; display?: unknown; decision?: unknown; standing?: { ungraded?: boolean; countsInBase?: boolean } }

/** What is compared of one member: everything submitted for them, nothing the server fills. */
interface Submitted { id: string; ungraded: boolean; countsInBase: boolean; display: unknown; decision: unknown; input: Record<string, unknown> }

/** JSON with object keys sorted and undefined members left out: equal values, equal text (also
 * amend-same.ts). Not evaluations/service.ts `canonical`: that one orders integer-like keys first, and
 * stored digests (`revisions.submitted`) hash this text. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function digest(members: Iterable<Submitted>): string {
  const h = createHash('sha256');
  for (const m of members) h.update(`${canonical([m.id, m.ungraded, m.countsInBase, m.display ?? null, m.decision ?? null, m.input])}\n`);
  return h.digest('hex');
}

const withoutFilled = (input: Record<string, unknown>, info: SchemeInfo) =>
  Object.fromEntries(Object.entries(input).filter(([k]) => info.byName.get(k)?.fill === undefined));

/** As a revision stored them (`revisions.inputs` subjects, filled values left out). */
function* storedSide(subjects: readonly Stored[], info: SchemeInfo): Generator<Submitted> {
  for (const s of subjects) {
    yield {
      id: s.id, ungraded: s.standing?.ungraded ?? false, countsInBase: s.standing?.countsInBase ?? true,
      display: s.display, decision: s.decision, input: withoutFilled(s.input, info),
    };
  }
}

/** As evaluate would merge them now from the roster and the newest parts. */
function* currentSide(
  roster: readonly RoundMemberRow[], parts: ReadonlyMap<string, ReadonlyMap<string, string>>, round: Pick<RoundRow, 'unit'>, info: SchemeInfo,
): Generator<Submitted> {
  for (const m of roster) {
    if (m.status === 'absent') continue;
    const { input, decision } = submittedInput(m, parts.get(m.subjectId), round, info);
    yield {
      id: m.subjectId, ungraded: m.status === 'ungraded', countsInBase: m.countsInBase,
      display: m.display === null ? undefined : JSON.parse(m.display), decision, input,
    };
  }
}

/** The digest a revision stores (`revisions.submitted`) of the subjects it evaluated. */
export const submittedDigest = (subjects: readonly Stored[], info: SchemeInfo): string => digest(storedSide(subjects, info));

/** Whether the round's roster or inputs differ from what its newest revision evaluated. `now`: the
 * whole roster and the newest parts when the caller has read them already. */
export async function changedSinceRevision(
  ctx: ServerCtx, round: Pick<RoundRow, 'id' | 'status' | 'revision' | 'unit'>, info: SchemeInfo,
  now?: { roster: readonly RoundMemberRow[]; parts: ReadonlyMap<string, ReadonlyMap<string, string>> },
): Promise<boolean> {
  if (round.status !== 'evaluated' || round.revision === 0) return false;
  const row = await ctx.store.get<{ submitted: string | null }>('SELECT submitted FROM revisions WHERE round_id = ? AND n = ?', [round.id, round.revision]);
  if (!row) return false;
  const roster = now?.roster ?? (await store.members(ctx.store, round.id));
  const parts = now?.parts ?? (await store.newestParts(ctx.store, round.id));
  const current = currentSide(roster, parts, round, info);
  if (row.submitted !== null) return digest(current) !== row.submitted;
  // Before migration 0009: compare with the stored inputs, member by member.
  const { inputs } = (await ctx.store.get<{ inputs: string }>('SELECT inputs FROM revisions WHERE round_id = ? AND n = ?', [round.id, round.revision]))!;
  const stored = storedSide((JSON.parse(inputs) as { subjects: Stored[] }).subjects, info);
  for (const c of current) {
    const s = stored.next();
    if (s.done || canonical(s.value) !== canonical(c)) return true;
  }
  return !stored.next().done;
}
