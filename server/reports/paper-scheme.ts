// What the papers of a round read of its scheme version: its tables (analytics schemeFactsOf) and its
// terms in words, Chinese and English (report/feedback/terms.ts) — plain data, so it can be made
// where the version is prepared: on the event loop when the loop prepares it (in its cache, or no
// longer than limits.mainPrepareMaxChars: server/prepared.ts preparesOnLoop), else by a language
// worker (a long source is seconds of preparation, hostile H5 F9), as rounds/version-scheme.ts does
// for the rounds (preparedWhere, one decision for both). The papers used to prepare every version on
// the loop, whatever its length. Kept by source hash (a few KB to a few hundred KB each; server/kept.ts),
// so a round's next paper costs no preparation.

import { schemeFactsOf } from '../../analytics/facts.js';
import type { SchemeFacts } from '../../analytics/types.js';
import type { Locale } from '../../dsl/i18n/index.js';
import type { EngineApi, PreparedScheme } from '../../engine/api.js';
import { termsOf, type FeedbackTerms } from '../../report/feedback/terms.js';
import type { ServerCtx } from '../context.js';
import type { RoundRow } from '../db/schema.js';
import { prepared, type Unprepared } from '../lang-pool/scheme-jobs.js';
import { keptPer } from '../kept.js';
import { roundVersion } from '../rounds/evaluate.js';
import { prepareOnLoop, preparedWhere, VERSIONS_KEPT } from '../rounds/version-scheme.js';
import { versionRefused } from '../version-errors.js';

/** The scheme as the papers read it. `terms`: by language, absent where the words could not be made
 * (the sheets then leave those explanations out, as before). */
export interface PaperScheme { scheme: SchemeFacts; terms: Partial<Record<Locale, FeedbackTerms>> }

/** A version the event loop does not prepare, for a worker (lang-pool/jobs.ts). */
export interface PaperSchemeJob { kind: 'paper-scheme'; source: string; hash: string; owner?: number }
export type PaperSchemeMade = { made: PaperScheme } | Unprepared;

/** Per app (its prepared-scheme cache stands for it), by hash, least recently used first. */
const keptIn = keptPer<PaperScheme>(VERSIONS_KEPT);

function paperSchemeOf(s: PreparedScheme): PaperScheme {
  const terms: PaperScheme['terms'] = {};
  for (const lang of ['zh', 'en'] as const) {
    const t = termsOf(s, lang);
    if (t) terms[lang] = t;
  }
  return { scheme: schemeFactsOf(s), terms };
}

/** The worker's half: the version prepared in its measured cache, then made into plain data. */
export function runPaperScheme(job: PaperSchemeJob, engine: EngineApi): PaperSchemeMade {
  const s = prepared(engine, job);
  return 'unprepared' in s ? s : { made: paperSchemeOf(s) };
}

/** The round's version as the papers read it, made where its length says; 422 when it has errors. */
export async function paperScheme(ctx: ServerCtx, round: Pick<RoundRow, 'versionId'>): Promise<PaperScheme> {
  const v = await roundVersion(ctx, round);
  const kept = keptIn(ctx.prepared);
  const made = kept.get(v.hash);
  if (made) return made;
  const where = await preparedWhere(ctx, v);
  if (where.onLoop) {
    const here = await prepareOnLoop(ctx, v, where.source);
    if ('errors' in here) throw versionRefused(v.n, here.errors);
    return kept.set(v.hash, paperSchemeOf(here.value));
  }
  const ran = await ctx.language({ kind: 'paper-scheme', source: await where.source(), hash: v.hash, owner: v.owner });
  if ('unprepared' in ran) throw versionRefused(v.n, ran.errors);
  return kept.set(v.hash, ran.made);
}
