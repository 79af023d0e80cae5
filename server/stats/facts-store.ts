// Where statistics read their facts (issue 15): `revision_facts` (migration 0010), one compact
// columnar summary per revision (analytics/facts.ts), so a year of 100,000 people × 4 rounds is
// four JSON texts of columns and never the megabytes of each revision's result.
//
// - Written with its revision: rounds/evaluate.ts computes the text before its transaction
//   (`factsText`) and store.insertRevision inserts it in the same transaction as the revision, so no
//   reader sees a revision without its facts (or facts of a revision that was rolled back);
//   facts-text.ts makes the text.
// - Revisions stored before migration 0010 (or whose facts could not be made when evaluated) get
//   theirs on first use (`revisionFacts`): computed once from the stored result, the roster units
//   and the round's version, inserted (ON CONFLICT DO NOTHING: two readers backfilling at once
//   store one), and logged. Made by a language worker (lang-pool/scheme-jobs.ts `revision-facts`): the
//   version's preparation and the parse of tens of MB of result never hold the event loop.

import type { RoundFacts } from '../../analytics/types.js';
import type { ServerCtx } from '../context.js';
import { roundVersion } from '../rounds/evaluate.js';
import { insertFacts } from '../rounds/store.js';
import type { Param, Sql } from '../store/types.js';
import { versionRefused } from '../version-errors.js';
import { versionSource } from '../schemes/store.js';

/** A revision to read facts of: the round, its revision number, version and unit. */
export interface FactsWanted { id: string; revision: number; versionId: number; unit: string | null }

/** The facts texts of `wanted` in one statement (one round trip on PostgreSQL), by `round#n`. The
 * text is one shape per count of revisions (a year's query asks 4–13). */
async function storedFacts(sql: Sql, wanted: readonly FactsWanted[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (wanted.length === 0) return out;
  const where = wanted.map(() => '(round_id = ? AND n = ?)').join(' OR ');
  const params: Param[] = wanted.flatMap((w) => [w.id, w.revision]);
  const rows = await sql.all<{ roundId: string; n: number; facts: string }>(`SELECT round_id AS "roundId", n, facts FROM revision_facts WHERE ${where}`, params);
  for (const r of rows) out.set(`${r.roundId}#${r.n}`, r.facts);
  return out;
}

/** The facts of each wanted revision, in order; missing ones are made from the stored result first. */
export async function revisionFacts(ctx: ServerCtx, wanted: readonly FactsWanted[]): Promise<RoundFacts[]> {
  const stored = await storedFacts(ctx.store, wanted);
  const out: RoundFacts[] = [];
  for (const w of wanted) {
    const text = stored.get(`${w.id}#${w.revision}`) ?? (await backfill(ctx, w));
    out.push(JSON.parse(text) as RoundFacts);
  }
  return out;
}

const RESULT = 'SELECT result FROM revisions WHERE round_id = ? AND n = ?';
const MEMBER_UNITS = 'SELECT subject_id AS id, unit FROM round_members WHERE round_id = ?';

/** Makes, stores and answers the facts of a revision stored without them. */
async function backfill(ctx: ServerCtx, w: FactsWanted): Promise<string> {
  const started = process.hrtime.bigint();
  const v = await roundVersion(ctx, w);
  const result = (await ctx.store.get<{ result: string }>(RESULT, [w.id, w.revision]))!.result;
  const rows = await ctx.store.all<{ id: string; unit: string | null }>(MEMBER_UNITS, [w.id]);
  const units = rows.map((m): [string, string | null] => [m.id, m.unit ?? w.unit]);
  const source = await versionSource(ctx.store, w.versionId);
  const made = await ctx.language({ kind: 'revision-facts', source, hash: v.hash, owner: v.owner, result, units });
  if ('unprepared' in made) throw versionRefused(v.n, made.errors);
  await insertFacts(ctx.store, w.id, w.revision, made.facts);
  ctx.log({ level: 'info', msg: 'revision facts backfilled', round: w.id, revision: w.revision, subjects: made.subjects, ms: Number(process.hrtime.bigint() - started) / 1e6 });
  return made.facts;
}
