// Filling `results of SCHEME for FIELD` (issue 14 part 2, a related subject): ONE record of another
// subject — the one whose id is this person's FIELD value, e.g. the leader's 班子 — in the round's own
// period, from subject_results of the round's organization (the scheme resolved by name there, so
// another organization's scheme of the same name is never read). Only final rows (their round was
// finalized) or imported ones count; of two, the round's row wins over an imported one, and of two
// rounds' rows the newer. One query per source scheme for the whole round, whatever its size.
//
// The FIELD value is the person's merged submitted input (evaluate passes it, amendment parts
// included), else — when FIELD is the `cohort by` field — the roster unit, as evaluate fills that
// field. A person without a FIELD value, or whose related subject has no result, gets `null`: the
// engine then applies the field's missing policy (`error`: KH-E057 naming the subject and period;
// `zero`: the zero record). Related subjects without a result are pending sources (GET round), each
// with its id and the source round that has not been finalized yet, if any.

import { periodRecord, type PeriodRecord } from '../../sheets/period-fill.js';
import type { RoundRow } from '../db/schema.js';
import { dialectOf } from '../store/dialect.js';
import type { Sql } from '../store/types.js';
import type { FieldInfo, SchemeInfo } from './scheme-info.js';
import type { Absent } from './stale-arrivals.js';
import * as store from './store.js';

/** One period's result as read: the score as the source reported it (decimal text at its precision)
 * or, for `exact`, its exact value (fraction text); whether the row was imported. */
export type { PeriodRecord };

/** Per person and related field: the related subject's id (null: the person has no FIELD value) and
 * its record (null: no final or imported result). */
export interface RelatedValue { subject: string | null; record: PeriodRecord | null }

/** What the fill of a related field needs: the source scheme (its id when the organization has it),
 * the field naming the related subject, and which stored score to read. */
export interface RelatedSpec { field: string; scheme: string; subjectField: string; values: 'exact' | 'reported'; missing: string }

export interface RelatedTarget extends RelatedSpec { schemeId?: number }

/** A related field's fill spec, when `f` is one (`results of SCHEME for FIELD`). */
export function relatedSpec(f: FieldInfo): RelatedSpec | undefined {
  const fill = f.fill;
  if (fill?.form !== 'related' || fill.subjectField === undefined) return undefined;
  return { field: f.name, scheme: fill.scheme, subjectField: fill.subjectField, values: fill.values, missing: fill.missing };
}

/** The related subject's id in a person's input: a non-empty text (an enum's member name is text too). */
export function relatedId(input: Readonly<Record<string, unknown>> | undefined, field: string): string | null {
  const v = input?.[field];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Each member's FIELD values as stored (GET round: what evaluate would read now) — the newest part,
 * else the roster unit for the `cohort by` field (a part naming that field is never read); members
 * marked 不参加 are left out. */
export async function storedRelatedInputs(sql: Sql, round: Pick<RoundRow, 'id' | 'unit'>, info: SchemeInfo): Promise<Map<string, Record<string, unknown>>> {
  const fields = new Set(info.fields.map(relatedSpec).filter((s) => s !== undefined).map((s) => s.subjectField));
  const out = new Map<string, Record<string, unknown>>();
  if (fields.size === 0) return out;
  // Only those fields: the typical FIELD is the `cohort by` one, which needs no part at all.
  const parts = await store.newestParts(sql, round.id, [...fields].filter((x) => x !== info.cohortField));
  for (const m of await store.members(sql, round.id)) {
    if (m.status === 'absent') continue;
    const input: Record<string, unknown> = {};
    for (const field of fields) {
      if (field === info.cohortField) {
        const unit = m.unit ?? round.unit;
        if (unit !== null) input[field] = unit;
      } else {
        const text = parts.get(m.subjectId)?.get(field);
        if (text !== undefined) input[field] = JSON.parse(text);
      }
    }
    out.set(m.subjectId, input);
  }
  return out;
}

/** subject_results rows as the fills read them, selected by `ROW_COLS`. */
export interface Row { id: number; subject: string; period: string; score: string | null; exact: string | null; grade: string | null; imported: number; roundId: string | null; revision: number | null }
export const ROW_COLS = 'id, subject_id AS subject, period, score, score_exact AS exact, grade, imported, round_id AS "roundId", revision';

/** Whether `r` is to be read instead of `had` (a person's row of one period): the round's over an
 * imported one; of two alike, the newer. */
export const better = (had: Row | undefined, r: Row): boolean =>
  !had || (had.imported !== 0 && r.imported === 0) || ((had.imported === 0) === (r.imported === 0) && r.id > had.id);

/** What a fill read: the rounds and revisions (revisions.sources) and the imported rows (their ids). */
export interface Read { sources: Map<string, { roundId: string; revision: number }>; imported: Set<number> }

/** Row `r` as a record, noted in `read`. */
export function recordOf(r: Row, values: 'exact' | 'reported', read: Read): PeriodRecord {
  const { roundId, revision } = r;
  if (roundId !== null && revision !== null && !read.sources.has(roundId)) read.sources.set(roundId, { roundId, revision });
  if (r.imported === 1) read.imported.add(r.id);
  return periodRecord({ period: r.period, score: r.score, exact: r.exact, grade: r.grade, imported: r.imported === 1 }, values);
}

/** The source scheme's final or imported rows of `period`, best per related subject (the round's over
 * an imported one; of two alike, the newer) — one statement, through the (org, scheme, period) index. */
async function bestRows(sql: Sql, orgId: number, schemeId: number, period: string, wanted: ReadonlySet<string>): Promise<Map<string, Row>> {
  const best = new Map<string, Row>();
  if (wanted.size === 0) return best;
  const rows = await sql.all<Row>(
    `SELECT ${ROW_COLS} FROM ${dialectOf(sql).indexedBy('subject_results', 'subject_results_scheme_period')}
     WHERE org_id = ? AND scheme_id = ? AND period = ? AND (final = 1 OR imported = 1)`,
    [orgId, schemeId, period],
  );
  for (const r of rows) {
    if (wanted.has(r.subject) && better(best.get(r.subject), r)) best.set(r.subject, r);
  }
  return best;
}

/** A related subject without a final or imported result: the newest source round that lists it and
 * is not final yet (`not_final`), else `none`. */
export interface RelatedPending { input: string; scheme: string; period: string; subject: string; status: 'not_final' | 'none'; round?: string; roundStatus?: string }

async function pendingOf(sql: Sql, orgId: number, schemeId: number, t: RelatedTarget, period: string, missing: readonly string[]): Promise<RelatedPending[]> {
  if (missing.length === 0) return [];
  const open = await sql.all<{ id: string; status: string }>(
    "SELECT id, status FROM rounds WHERE org_id = ? AND scheme_id = ? AND period = ? AND status <> 'final' ORDER BY id",
    [orgId, schemeId, period],
  );
  const inRound = new Map<string, { id: string; status: string }>();
  if (open.length > 0) {
    const byId = new Map(open.map((r) => [r.id, r]));
    const listed = await sql.all<{ round: string; subject: string }>(
      `SELECT round_id AS round, subject_id AS subject FROM round_members WHERE status <> 'absent' AND round_id IN (${open.map(() => '?').join(', ')})`,
      open.map((r) => r.id),
    );
    // Rounds come oldest first: the newest round listing a subject is the one named.
    for (const l of listed.sort((a, b) => (a.round < b.round ? -1 : 1))) inRound.set(l.subject, byId.get(l.round)!);
  }
  return missing.map((subject) => {
    const r = inRound.get(subject);
    return r
      ? { input: t.field, scheme: t.scheme, period, subject, status: 'not_final', round: r.id, roundStatus: r.status }
      : { input: t.field, scheme: t.scheme, period, subject, status: 'none' };
  });
}

export interface RelatedFilled {
  /** person → related field → value. */
  values: Map<string, Record<string, RelatedValue>>;
  sources: { roundId: string; revision: number }[];
  /** The imported rows read (subject_results ids): a re-import replacing one flags the round (stale-imports.ts). */
  imported: number[];
  /** The related subjects read as missing: their result arriving flags the round (stale-arrivals.ts). */
  absent: Absent[];
  pending: RelatedPending[];
}

/** The related fields' values for `subjects` (`inputs`: each person's FIELD values), the source
 * rounds read, and the related subjects still without a result. Targets without a scheme id (the
 * organization lacks the scheme) give null values and no pending entry here (fill.ts lists them). */
export async function fillRelated(
  sql: Sql, orgId: number, period: string, targets: readonly RelatedTarget[], subjects: readonly string[],
  inputs: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
): Promise<RelatedFilled> {
  const values = new Map<string, Record<string, RelatedValue>>(subjects.map((s) => [s, {}]));
  const read: Read = { sources: new Map(), imported: new Set() };
  const pending: RelatedPending[] = [];
  const absent: Absent[] = [];
  const bySchemeId = new Map<number, RelatedTarget[]>();
  for (const t of targets) {
    if (t.schemeId === undefined) {
      for (const s of subjects) values.get(s)![t.field] = { subject: relatedId(inputs.get(s), t.subjectField), record: null };
    } else bySchemeId.set(t.schemeId, [...(bySchemeId.get(t.schemeId) ?? []), t]);
  }
  for (const [schemeId, ts] of bySchemeId) {
    const wanted = new Set<string>();
    for (const t of ts) for (const s of subjects) {
      const id = relatedId(inputs.get(s), t.subjectField);
      if (id !== null) wanted.add(id);
    }
    const best = await bestRows(sql, orgId, schemeId, period, wanted);
    for (const t of ts) {
      const missing = new Set<string>();
      for (const s of subjects) {
        const id = relatedId(inputs.get(s), t.subjectField);
        const r = id === null ? undefined : best.get(id);
        if (id !== null && !r) missing.add(id);
        values.get(s)![t.field] = { subject: id, record: r ? recordOf(r, t.values, read) : null };
      }
      pending.push(...(await pendingOf(sql, orgId, schemeId, t, period, [...missing])));
      for (const id of missing) absent.push([schemeId, period, id]);
    }
  }
  return { values, sources: [...read.sources.values()], imported: [...read.imported], absent, pending };
}
