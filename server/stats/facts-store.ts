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
//   and the round's version, inserted (INSERT OR IGNORE: two readers backfilling at once store
//   one), and logged. Made by a language worker (lang-pool/scheme-jobs.ts `revision-facts`): the
//   version's preparation and the parse of tens of MB of result never hold the event loop.

import type { RoundFacts } from '../../analytics/types.js';
import type { ServerCtx } from '../context.js';
import { roundVersion } from '../rounds/evaluate.js';
import { insertFacts } from '../rounds/store.js';
import { versionRefused } from '../version-errors.js';
import { versionSource } from '../schemes/store.js';

/** A revision to read facts of: the round, its revision number, version and unit. */
export interface FactsWanted { id: string; revision: number; versionId: number; unit: string | null }

/** The facts of each wanted revision, in order; missing ones are made from the stored result first. */
export async function revisionFacts(ctx: ServerCtx, wanted: readonly FactsWanted[]): Promise<RoundFacts[]> {
  const read = ctx.db.$client.prepare('SELECT facts FROM revision_facts WHERE round_id = ? AND n = ?').pluck();
  const out: RoundFacts[] = [];
  for (const w of wanted) {
    const text = (read.get(w.id, w.revision) as string | undefined) ?? (await backfill(ctx, w));
    out.push(JSON.parse(text) as RoundFacts);
  }
  return out;
}

/** Makes, stores and answers the facts of a revision stored without them. */
async function backfill(ctx: ServerCtx, w: FactsWanted): Promise<string> {
  const started = process.hrtime.bigint();
  const v = roundVersion(ctx, w);
  const db = ctx.db.$client;
  const result = db.prepare('SELECT result FROM revisions WHERE round_id = ? AND n = ?').pluck().get(w.id, w.revision) as string;
  const rows = db.prepare('SELECT subject_id AS id, unit FROM round_members WHERE round_id = ?').all(w.id) as { id: string; unit: string | null }[];
  const units = rows.map((m): [string, string | null] => [m.id, m.unit ?? w.unit]);
  const made = await ctx.language({ kind: 'revision-facts', source: versionSource(ctx.db, w.versionId), hash: v.hash, owner: v.owner, result, units });
  if ('unprepared' in made) throw versionRefused(v.n, made.errors);
  insertFacts(ctx.db, w.id, w.revision, made.facts);
  ctx.log({ level: 'info', msg: 'revision facts backfilled', round: w.id, revision: w.revision, subjects: made.subjects, ms: Number(process.hrtime.bigint() - started) / 1e6 });
  return made.facts;
}
