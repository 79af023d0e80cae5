// Scheme inputs carried by a round's roster (user trial U6 H-1): an HR export uploaded as the roster
// has columns such as 受党纪处分 and 缺勤天数 that are inputs of the scheme; kept as display only, the
// evaluation ran on their defaults (a vetoed person graded 称职). The editor reads those columns as
// the inputs upload reads them and sends them as each member's `input`; here they are checked exactly
// as an inputs part is (only declared top-level fields; the `cohort by` field and server-filled ones
// as provided-columns.ts treats them; values by the scheme: every problem at `members[i].input.FIELD`) and stored as input parts
// of a roster batch (`rb_…`), in the roster's own transaction.
//
// Which value wins: parts are newest-first (store.newestParts). A roster value that is the same as
// the previous roster gave for that person and field is not stored again, so an inputs part sent
// since (the later one) keeps winning when the same roster is uploaded again to change a status.

import { render, type Locale } from '../../dsl/i18n/index.js';
import type { ServerCtx } from '../context.js';
import type { RoundRow } from '../db/schema.js';
import type { Sql } from '../store/types.js';
import { roundScheme } from './evaluate.js';
import { unknownFieldWords } from './unknown-field.js';
import { providedColumns } from './provided-columns.js';
import { problem } from './round-common.js';
import { RO } from './roster-messages.js';
import * as store from './store.js';
import { validatePartsAt, type PartCheck } from './version-scheme.js';

/** The part name of a roster's inputs (as an amendment's are `amendment`). */
const ROSTER_PART = 'roster';

/** A roster batch id: an inputs batch's form with its own prefix (rosterValues finds them by it). */
const rosterBatchId = (): string => 'rb_' + store.newBatchId().slice(3);

export interface RosterInputs {
  /** The parts to store (those that differ from the previous roster's values). */
  parts: store.NewPart[];
  /** The fields the roster gave as inputs, in first-seen order; and for how many people. */
  fields: string[];
  people: number;
  problems: { code: string }[];
}

/** Checks the members' `input`s against the round's scheme version (nothing is stored here). */
export async function rosterInputs(
  ctx: ServerCtx, round: RoundRow, members: readonly { id: string; unit?: string | null; input?: Record<string, unknown> }[],
): Promise<RosterInputs> {
  const out: RosterInputs = { parts: [], fields: [], people: 0, problems: [] };
  if (!members.some((m) => m.input && Object.keys(m.input).length > 0)) return out;
  const { at: scheme, info } = await roundScheme(ctx, round);
  const fields = new Set<string>();
  const provided = providedColumns(info);
  const checks: PartCheck[] = [];
  const all: store.NewPart[] = [];
  members.forEach((m, i) => {
    const sent = Object.entries(m.input ?? {});
    if (sent.length === 0) return;
    out.people++;
    const checkable: Record<string, unknown> = {};
    for (const [field, value] of sent) {
      const path = `members[${i}].input.${field}`;
      if (!info.byName.has(field)) out.problems.push(problem(path, 'unknown_field', unknownFieldWords(field, info.byName.keys())));
      // The unit and the server-filled fields, as an inputs part has them (provided-columns.ts).
      else if (!provided.provided(field, value, { subject: m.id, unit: m.unit ?? round.unit, path })) {
        checkable[field] = value;
        fields.add(field);
        all.push({ subjectId: m.id, field, value: JSON.stringify(value) });
      }
    }
    checks.push({ at: out.problems.length, input: checkable, prefix: `members[${i}].input.` });
  });
  await validatePartsAt(ctx, scheme, checks, out.problems);
  out.problems.push(...provided.problems());
  const before = await rosterValues(ctx.store, round.id);
  out.parts = all.filter((p) => before.get(`${p.subjectId}\u0000${p.field}`) !== p.value);
  out.fields = [...fields];
  return out;
}

/** Stores the checked parts as one roster batch (inside the caller's transaction). */
export async function storeRosterInputs(sql: Sql, roundId: string, tokenId: number, accountId: number | null, at: string, parts: store.NewPart[]): Promise<void> {
  if (parts.length > 0) await store.insertParts(sql, roundId, rosterBatchId(), ROSTER_PART, tokenId, accountId, at, parts);
}

/** The newest value each person's field was given by a roster (subject NUL field → JSON text). */
async function rosterValues(sql: Sql, roundId: string): Promise<Map<string, string>> {
  // A prefix compared as text (batch ids are lower case: no LIKE, whose case rules differ by dialect).
  const rows = await sql.all<{ s: string; f: string; v: string }>(
    `SELECT p.subject_id AS s, p.field AS f, p.value AS v FROM input_parts p
     JOIN (SELECT MAX(id) AS id FROM input_parts WHERE round_id = ? AND substr(batch, 1, 3) = 'rb_' GROUP BY subject_id, field) n ON n.id = p.id`,
    [roundId],
  );
  return new Map(rows.map((r) => [`${r.s}\u0000${r.f}`, r.v]));
}

/** The answer's notice in words: which roster columns were taken as inputs (none: no notice). */
export function rosterNotice(taken: Pick<RosterInputs, 'fields' | 'people' | 'parts'>, lang: Locale): string | undefined {
  if (taken.fields.length === 0) return undefined;
  const fields = lang === 'zh' ? taken.fields.map((f) => `“${f}”`).join('、') : taken.fields.map((f) => `\`${f}\``).join(', ');
  return render(taken.parts.length > 0 ? RO.takenAsInputs({ fields, n: taken.people }) : RO.unchangedKept({ fields }), lang);
}
