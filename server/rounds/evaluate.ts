// Evaluating a round (issue 14): the roster's members who take part (参加, and 不定等次 with their
// standing), each person's input merged from the newest part per field, the `cohort by` field filled
// with the roster unit when nobody submitted it, `results of` / `past` filled from stored final
// results (fill.ts) and `results of SCHEME for FIELD` with the related subject's record
// (fill-related.ts), run as one cohort in the round's period with exact values, and stored as
// revision n+1 (inputs, result, exact values, the rounds it read) — with the round's subject_results
// rows replaced by this revision's — in one transaction (../store/types.ts). Nothing is stored when any input is
// invalid (422, every problem by path) or the cohort overruns its budget.
//
// `evaluateRound` takes no lock: call it inside `roundLocks.run(ctx.store, roundId, …)` (lock.ts), as the
// evaluate route and the amendments do, so no part or revision can slip in between reading the
// inputs and storing the revision. An amendment (S3) passes its parts in memory (`amendment.parts`,
// read as the newest) and writes them and its own row in the revision's transaction
// (`amendment.write`), so nothing of a refused amendment is ever stored and no reader sees its part
// before its revision. An amendment changes what it says, nothing else: everyone, the amended person
// too, keeps the roll-up values the previous revision filled (amend-reuse.ts) (a source that moved since does not
// move a final result under someone else's appeal); a plain evaluate re-reads every source and
// clears the round's out-of-date flag. A `results of` naming a scheme the organization does not have
// is refused (422 `unknown_source_scheme` at `input.FIELD`) before anything runs.

import type { Locale } from '../../dsl/i18n/index.js';
import type { CohortResult, EvalOptions, SubjectInput, SubjectStanding } from '../../engine/api.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { now } from '../store/types.js';
import type { RevisionRow, RoundMemberRow, RoundRow } from '../db/schema.js';
import { ApiError, MAX_DETAILS, said } from '../errors.js';
import { evaluateCohortWithin } from '../evaluations/budget.js';
import { limitCohort } from '../limits.js';
import { versionRefused } from '../version-errors.js';
import { schemeNameOf } from '../schemes/store.js';
import type { Tx } from '../store/types.js';
import { submittedDigest } from './changed.js';
import { withoutExplanations } from './explained.js';
import { keepAllBut, refillOf } from './amend-reuse.js';
import { fillRound, unknownSources, type Filled, type FillOwn, type PeriodRecord } from './fill.js';
import { parseSources, sourcesText } from './stale-imports.js';
import { roundProblems } from './evaluate-problems.js';
import { R } from './messages.js';
import { label, roundOf } from './round-common.js';
import { versionInfo, type SchemeInfo } from './scheme-info.js';
import { versionScheme, type StoredVersion, type VersionScheme } from './version-scheme.js';
import { inWorker, type Evaluated } from './evaluate-off-loop.js';
import { refuseGradeMismatches } from './source-grades.js';
import { factsTextOrNull } from '../stats/facts-text.js';
import * as store from './store.js';
import { fenced } from './lock.js';

/** An amendment's part of a revision: its parts (read as the newest, not yet stored), whose they are,
 * and the rows it writes in the revision's transaction — given the revision number, it returns the
 * amendment's id (the revision points to it). */
export interface RoundAmendment {
  subject: string; parts: store.NewPart[]; write: (tx: Tx, revision: number) => Promise<number>;
  /** A source refresh (amend-refresh.ts): nobody keeps the previous revision's filled values — every
   * roll-up and history source is read again — and the round is up to date again. */
  refresh?: boolean;
}

export interface EvaluateRoundOptions {
  amendment?: RoundAmendment;
  /** The language of the result's words (default en). */
  lang?: Locale;
  /** Rows to write in the revision's transaction (an amendment's own record), given the new revision number. */
  alongside?: (tx: Tx, revision: number) => Promise<void>;
  /** Also read the previous revision (default: only for an amendment — a round's revision of 10,000
   * people is tens of MB of JSON, which a plain evaluate does not need). */
  withPrevious?: boolean;
  /** Explain every member (`?explain=1`): the returned `result` carries the explanations, the stored
   * revision does not (explained.ts). */
  explain?: boolean;
}

/** `revision.result` is `result` as JSON text (answer it as it is, without serializing again) — less the
 * explanations when evaluated with `explain`. */
export interface EvaluatedRound { revision: RevisionRow; previous?: RevisionRow; result: CohortResult; round: RoundRow }

const ROUND_VERSION = 'SELECT v.n, v.hash, s.org_id AS org FROM scheme_versions v JOIN schemes s ON s.id = v.scheme_id WHERE v.id = ?';

/** The stored version of a round. */
export async function roundVersion(ctx: ServerCtx, round: Pick<RoundRow, 'versionId'>): Promise<StoredVersion> {
  const v = (await ctx.store.get<{ n: number; hash: string; org: number }>(ROUND_VERSION, [round.versionId]))!;
  // Kept in the organization's share of the cache (prepared.ts OWNER_SHARE).
  return { id: round.versionId, hash: v.hash, n: v.n, owner: v.org };
}

/** The version of a round (published: checked when it was published), prepared on the event loop
 * or, when longer than it prepares, in a worker (version-scheme.ts) — what a round reads of it
 * (`info`), and how to evaluate it (`at`). */
export async function roundScheme(ctx: ServerCtx, round: Pick<RoundRow, 'versionId' | 'period'>): Promise<{ at: VersionScheme; info: SchemeInfo; n: number }> {
  const v = await roundVersion(ctx, round);
  const at = await versionScheme(ctx, v, [round.period]);
  if ('errors' in at) throw versionRefused(v.n, at.errors);
  return { at, info: versionInfo(await ctx.engine(), at), n: v.n };
}

/** The round as fill.ts reads it: its scheme (id and name) and period. */
export async function fillOwn(ctx: ServerCtx, round: Pick<RoundRow, 'schemeId' | 'period'>): Promise<FillOwn> {
  const name = await schemeNameOf(ctx.store, round.schemeId);
  return { schemeId: round.schemeId, schemeName: name, period: round.period };
}

/** 422 `unknown_source_scheme` at `input.FIELD` when a `results of` names a scheme the round's
 * organization does not have (evaluate, and create — it could never be filled). */
export async function refuseUnknownSources(ctx: ServerCtx, round: Pick<RoundRow, 'orgId' | 'schemeId' | 'period'>, info: SchemeInfo): Promise<void> {
  const unknown = await unknownSources(ctx.store, round.orgId, await fillOwn(ctx, round), info);
  if (unknown.length === 0) return;
  const details = unknown.map((u) => {
    const msg = R.unknownSourceScheme({ field: u.field, scheme: u.scheme });
    return { path: `input.${u.field}`, code: 'unknown_source_scheme', scheme: u.scheme, ...said(msg) };
  });
  throw new ApiError(422, 'unknown_source_scheme', R.unknownSourceScheme({ field: unknown[0].field, scheme: unknown[0].scheme }), details);
}

/** What an amendment reuses of the previous revision: its filled values and sources. */
interface Reuse {
  subject: string; previous: RevisionRow;
  /** The related fields the amendment's changed FIELD makes read again for `subject` (amend-reuse.ts). */
  refill?: readonly string[];
}

/** One member's input as submitted: the newest part per field, the decision, and the `cohort by`
 * field from the roster — without the fields the server fills. What evaluate runs on, and what
 * changed.ts compares with the newest revision. */
export function submittedInput(
  m: Pick<RoundMemberRow, 'unit'>, parts: ReadonlyMap<string, string> | undefined, round: Pick<RoundRow, 'unit'>, info: SchemeInfo,
): { input: Record<string, unknown>; decision: SubjectInput['decision']; unit: string | null } {
  const input: Record<string, unknown> = {};
  let decision: SubjectInput['decision'];
  for (const [field, text] of parts ?? []) {
    if (field === store.DECISION_FIELD) decision = JSON.parse(text) as SubjectInput['decision'];
    // The `cohort by` field comes from the roster only (a part stored before it was refused is passed over).
    else if (info.byName.get(field)?.fill === undefined && field !== info.cohortField) input[field] = JSON.parse(text);
  }
  const unit = m.unit ?? round.unit;
  if (info.cohortField && unit !== null) input[info.cohortField] = unit;
  return { input, decision, unit };
}

/** The subjects a round evaluates: members taking part, in roster order, with merged and filled
 * inputs (`extra` parts over the stored ones; `reuse`: everyone but `reuse.subject` keeps the values
 * the previous revision filled). */
async function roundSubjects(ctx: ServerCtx, round: RoundRow, info: SchemeInfo, extra: readonly store.NewPart[] = [], reuse?: Reuse): Promise<{ subjects: SubjectInput[]; filled: Filled; units: Map<string, string | null> }> {
  const roster = (await store.members(ctx.store, round.id)).filter((m) => m.status !== 'absent');
  const parts = await store.newestParts(ctx.store, round.id);
  for (const x of extra) {
    let m = parts.get(x.subjectId);
    if (!m) parts.set(x.subjectId, (m = new Map()));
    m.set(x.field, x.value);
  }
  const kept = reuse ? previousFilled(reuse.previous, info) : new Map<string, Record<string, unknown>>();
  // The amended person keeps them too (never old and new sources side by side), but for the related
  // fields whose FIELD the amendment changes: read afresh (amend-reuse.ts).
  const partial = reuse?.refill?.length ? kept.get(reuse.subject) : undefined;
  if (partial) kept.delete(reuse!.subject);
  // Merged first: a related field (`results of SCHEME for FIELD`) reads FIELD from it, an amendment's part included.
  const submitted = new Map(roster.map((m) => [m.subjectId, submittedInput(m, parts.get(m.subjectId), round, info)]));
  const inputs = new Map([...submitted].map(([s, x]) => [s, x.input]));
  const filled = await fillRound(ctx.store, round.orgId, await fillOwn(ctx, round), info, roster.map((m) => m.subjectId).filter((s) => !kept.has(s)), inputs);
  if (reuse) {
    // The previous revision's sources stay (its values do), with those the fresh reads added (the
    // amended person may read a newer revision of a source than the others kept: both are listed).
    const key = (x: { roundId: string; revision: number }) => `${x.roundId}\u0000${x.revision}`;
    const seen = new Set(filled.sources.map(key));
    const before = parseSources(reuse.previous.sources);
    filled.sources = [...before.rounds.filter((x) => !seen.has(key(x))), ...filled.sources];
    filled.imported = [...new Set([...before.imported, ...filled.imported])];
    filled.absent = [...new Map([...before.absent, ...filled.absent].map((a) => [JSON.stringify(a), a])).values()];
    for (const [s, v] of kept) filled.values.set(s, v as Record<string, PeriodRecord[]>);
    if (partial) keepAllBut(filled, reuse.subject, partial, reuse.refill!);
  }
  const units = new Map<string, string | null>();
  const subjects = roster.map((m): SubjectInput => {
    const { input, decision, unit } = submitted.get(m.subjectId)!;
    units.set(m.subjectId, unit);
    Object.assign(input, filled.values.get(m.subjectId));
    // A related subject's record, or null without one (the engine applies the missing policy).
    for (const [field, v] of Object.entries(filled.related.get(m.subjectId) ?? {})) input[field] = v.record;
    const standing: SubjectStanding | undefined = m.status === 'ungraded'
      ? { ungraded: true, countsInBase: m.countsInBase }
      : m.countsInBase ? undefined : { countsInBase: false };
    return {
      id: m.subjectId, input,
      ...(m.display !== null && { display: JSON.parse(m.display) as Record<string, string> }),
      ...(decision !== undefined && { decision }),
      ...(standing && { standing }),
    };
  });
  return { subjects, filled, units };
}

/** Per person of a stored revision, the values of the fields the server fills. */
function previousFilled(previous: RevisionRow, info: SchemeInfo): Map<string, Record<string, unknown>> {
  const fillable = info.fields.filter((f) => f.fill).map((f) => f.name);
  const out = new Map<string, Record<string, unknown>>();
  if (fillable.length === 0) return out;
  const inputs = JSON.parse(previous.inputs) as { subjects: { id: string; input: Record<string, unknown> }[] };
  for (const s of inputs.subjects) {
    const v: Record<string, unknown> = {};
    for (const f of fillable) if (f in s.input) v[f] = s.input[f];
    out.set(s.id, v);
  }
  return out;
}

/** Reported score text at the scheme's precision (as 公示 shows it). */
const reported = (score: number | null | undefined, precision: number): string | null =>
  typeof score === 'number' && Number.isFinite(score) ? score.toFixed(precision) : null;

export async function evaluateRound(ctx: ServerCtx, roundId: string, principal: Principal, opts: EvaluateRoundOptions = {}): Promise<EvaluatedRound> {
  const round = await roundOf(ctx, principal, roundId);
  const { at: scheme, info, n: version } = await roundScheme(ctx, round);
  await refuseUnknownSources(ctx, round, info);
  const am = opts.amendment;
  // The source may have published a version with other grades since the round was created (an
  // amendment keeps the values read before: only evaluate and refresh read sources afresh).
  if (!am || am.refresh) await refuseGradeMismatches(ctx, round.orgId, info);
  // An amendment follows a revision (it is refused before the first); it keeps its filled values.
  const base = am && round.revision > 0 ? await store.getRevision(ctx.store, roundId, round.revision) : undefined;
  const { subjects, filled, units } = await roundSubjects(ctx, round, info, am?.parts, base && am && !am.refresh ? { subject: am.subject, previous: base, refill: refillOf(info, base, am.subject, am.parts) } : undefined);
  if (subjects.length === 0) throw new ApiError(409, 'round_empty', R.nobodyToEvaluate({ id: label(round) }));
  limitCohort(subjects.length, ctx.limits.maxCohortSubjects);
  const engine = await ctx.engine();
  const lang = opts.lang ?? 'en';
  const evalOpts: EvalOptions = {
    maxErrors: MAX_DETAILS - 1, period: round.period, exactValues: true, ...(lang !== 'en' && { lang }), ...(opts.explain && { explain: true }),
  };
  // A version longer than the event loop prepares is evaluated where it was prepared, facts included;
  // so is a cohort of at least `cohortOffLoopSubjects` (as POST evaluate's: hostile H6 F5), whatever its version.
  const ran: Evaluated = 'local' in scheme && subjects.length < ctx.limits.cohortOffLoopSubjects
    ? { outcome: await evaluateCohortWithin(engine, scheme.local, subjects, evalOpts, ctx.limits), facts: (r) => factsTextOrNull(ctx.log, roundId, scheme.local, r, units) }
    : await inWorker(ctx, { source: scheme.source, hash: scheme.hash, owner: scheme.owner, n: version, roundId }, subjects, evalOpts, units);
  const outcome = ran.outcome;
  if (!outcome.ok) throw new ApiError(422, 'invalid_input', R.invalidInputs(), await roundProblems(outcome.errors, { subjects, info, filled, sql: ctx.store, lang }));
  const result = outcome.value;
  const exact: Record<string, unknown> = {};
  const rows: store.NewSubjectResult[] = result.results.map((r) => {
    const ex = (r as { exact?: { score?: string } }).exact;
    // Stored once, in revisions.exact (not again inside the result).
    if (ex) { exact[r.subject] = ex; delete (r as { exact?: unknown }).exact; }
    return {
      subjectId: r.subject, unit: units.get(r.subject) ?? null,
      score: reported(r.score, info.precision), scoreExact: ex?.score ?? reported(r.score, info.precision), grade: r.grade,
    };
  });
  const at = now();
  // Statistics facts (issue 15): made here, stored with the revision (server/stats/facts-text.ts).
  const facts = ran.facts(result);
  const inputs = { subjects: subjects.map((s) => ({ ...s, status: s.standing?.ungraded ? 'ungraded' : 'take' })) };
  return ctx.store.tx(async (tx) => {
    await fenced(tx, roundId); // this write still holds the round's lease (lock.ts)
    // Read again inside the transaction, locked (dialect.ts forUpdate): the lock serializes this
    // process, the transaction the database — a second writer of the round waits for this commit.
    const current = (await store.getRound(tx, principal.orgId, roundId, true))!;
    const n = current.revision + 1;
    const wanted = opts.withPrevious ?? am !== undefined;
    const previous = wanted && n > 1 ? (base?.n === n - 1 ? base : await store.getRevision(tx, roundId, n - 1)) : undefined;
    const amendmentId = am ? await am.write(tx, n) : null;
    const revision: RevisionRow = {
      roundId, n, inputs: JSON.stringify(inputs), result: JSON.stringify(opts.explain ? withoutExplanations(result) : result), exact: JSON.stringify(exact),
      sources: sourcesText(filled.sources, filled.imported, filled.absent), submitted: submittedDigest(inputs.subjects, info), amendmentId,
      tokenId: principal.tokenId, accountId: principal.accountId ?? null, createdAt: at,
    };
    await store.insertRevision(tx, revision, facts);
    const status = current.status === 'open' ? 'evaluated' : current.status;
    await store.updateRound(tx, roundId, { revision: n, status });
    // A plain evaluate read every source afresh: the round is up to date (an amendment kept the old values).
    if (!am || am.refresh) await tx.run('UPDATE rounds SET out_of_date = 0 WHERE id = ?', [roundId]);
    await store.replaceSubjectResults(tx, current, n, current.status === 'final', rows, at);
    await opts.alongside?.(tx, n);
    const after: RoundRow = { ...current, revision: n, status, ...((!am || am.refresh) && { outOfDate: false }) };
    return { revision, previous, result, round: after };
  });
}
