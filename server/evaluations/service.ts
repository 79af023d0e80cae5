// Evaluating a subject or a cohort against a stored version, storing the answer, and replaying a
// stored evaluation. The engine runs before anything is written (the group-commit writer's
// transactions never span an await); a cohort with any invalid subject is refused before that. A
// big cohort is evaluated in a language worker, off the event loop (cohort-job.ts).

import { createHash } from 'node:crypto';
import type { Locale } from '../../dsl/i18n/index.js';
import type { CohortResult, EngineApi, EvalError, EvalOutcome, PreparedScheme, SubjectResult } from '../../engine/api.js';
import { seesAllUnits } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { isUniqueViolation, type Sql, type Tx } from '../store/types.js';
import type { SchemeRow } from '../db/schema.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { ApiError, conflict, MAX_DETAILS, notFound } from '../errors.js';
import { localizeEntry } from '../localize.js';
import { RawJson } from '../raw-json.js';
import { schemeOf } from '../schemes/service.js';
import { invalidScheme, versionRefused } from '../version-errors.js';
import { versionSource } from '../schemes/store.js';
import { reusedKey, withEvaluationId, withEvaluationIdBytes, type Answer, type InFlight } from './idempotency.js';
import type { EvaluationWriter, Stored } from './writer.js';
import type { EvaluateBody } from './schemas.js';
import * as store from './store.js';
import { resolveVersion } from './version.js';
import { utf8Bytes } from './utf8-slab.js';
import { evaluateCohortWithin, OVERRUN_RETRY_S } from './budget.js';
import { cohortJobBudgetMs } from './cohort-job.js';
import { uncarried } from '../lang-pool/carried.js';
import { checkDraftOffLoop } from './draft-check.js';
import { limitCohort, type Limits } from '../limits.js';
import { M } from '../messages.js';
import { prepareHere, preparedOrRefused, preparesOnLoop } from '../prepared.js';
import { stillActs } from '../auth/tokens.js';
import { revokedMeanwhile } from '../auth/middleware.js';
import { mayEvaluate } from './routes.js';

export interface EvaluateRequest {
  schemeId: string; version?: string; explain: boolean; body: EvaluateBody;
  /** `?exactValues=1` (user trial U7-14): each result carries `exact`, as EvalOptions.exactValues. */
  exactValues?: boolean;
  /** The body as sent: stored as the evaluation's input (JSON.stringify(body) when absent). */
  bodyText?: string;
  /** bodyText's UTF-8 bytes exactly (no byte-order mark), when the caller has them (the evaluate fast
   * lane): the row and the answer are then written from bytes, the text not encoded again. */
  bodyBytes?: Buffer;
  idempotencyKey?: string;
  /** The reader's language: the result's words (grade and quota reasons) are made in it and stored
   * with it; an Idempotency-Key replay answers in the language of the first request. Default en. */
  lang?: Locale;
  /** Rows to commit with the evaluation, inside its transaction: the audit record. */
  alongside?: (tx: Tx, stored: Stored & { version: number }) => Promise<void>;
  /** The snapshot generation the caller's checks used, when it did not refresh the snapshot cache
   * for this request (the evaluate fast lane): stored only if unchanged at the commit, else the
   * writer's StaleChecks (writer.ts). */
  checkedAt?: number;
  /** The snapshot generation the caller was authenticated at, when its other checks read current
   * rows (the app's route): if the counter moved by the commit, the token is asked again there. */
  authorizedAt?: number;
}

// `exactValues` joins the hash only when asked, so keys stored before it existed keep their hashes.
const requestHash = (r: EvaluateRequest) =>
  createHash('sha256').update(JSON.stringify([r.schemeId, r.version ?? null, r.explain, r.body, ...(r.exactValues ? [true] : [])])).digest('hex');

/** Per-app state of evaluation: requests in flight by idempotency key, and the group-commit writer. */
export interface EvalState { inflight: InFlight; writer: EvaluationWriter }

export async function evaluate(ctx: ServerCtx, st: EvalState, p: Principal, r: EvaluateRequest): Promise<Answer> {
  const scheme = await schemeOf(ctx, p, r.schemeId);
  if ('subjects' in r.body) limitCohort(r.body.subjects.length, ctx.limits.maxCohortSubjects);
  if (r.idempotencyKey === undefined) return run(ctx, st, p, r, scheme);
  const key = r.idempotencyKey;
  const hash = requestHash(r);
  return st.inflight.run(p.tokenId, key, hash, async () => {
    const stored = await storedAnswer(ctx, p, key, hash);
    return stored ?? run(ctx, st, p, r, scheme, hash);
  });
}

async function storedAnswer(ctx: ServerCtx, p: Principal, key: string, hash: string): Promise<Answer | undefined> {
  const first = await store.findByIdempotencyKey(ctx.store, p.tokenId, key);
  if (!first) return undefined;
  if (first.requestHash !== hash) throw reusedKey();
  return { status: 200, evaluationId: first.id, json: withEvaluationId(first.result, first.id), replayed: true, lang: first.lang };
}

async function run(ctx: ServerCtx, st: EvalState, p: Principal, r: EvaluateRequest, scheme: SchemeRow, hash?: string): Promise<Answer> {
  const version = await resolveVersion(ctx, p, scheme, r.version);
  const engine = await ctx.engine();
  // A version the event loop does not prepare (too long, not cached) is evaluated in a worker (prepared.ts),
  // which refuses a draft with errors itself; one prepared here, if a draft, is analyzed in a worker first.
  // The source text is read only when the prepared-scheme cache lacks the version (the hot path copies
  // none), and read again if the cache dropped it while a draft was analyzed. (No named closures here:
  // a transpiler keeping names, as tsx runs the benchmarks, names each one per request.)
  let text = ctx.prepared.has(version.hash) ? undefined : await versionSource(ctx.store, version.id);
  const onLoop = r.bodyText === undefined || preparesOnLoop(ctx.prepared, version.hash, () => text!, ctx.limits.mainPrepareMaxChars);
  if (onLoop && version.status === 'draft') await checkDraftOffLoop(ctx, version, p.orgId);
  if (onLoop && text === undefined && !ctx.prepared.has(version.hash)) text = await versionSource(ctx.store, version.id);
  const prepared = onLoop ? preparedOrRefused(ctx.prepared, engine, { hash: version.hash, owner: p.orgId, n: version.n }, () => text!) : undefined;
  const lang = r.lang ?? 'en';
  const cohort = 'subjects' in r.body;
  const ran = await advisingOverrun(cohort, () => evaluated(ctx, engine, prepared, { text, id: version.id, hash: version.hash, n: version.n, owner: p.orgId }, r.body, r.bodyText, { explain: r.explain, lang, exactValues: r.exactValues === true }));
  if (!ran.ok) throw invalidInput(ran.errors);
  const result = ran.json;
  const record: store.NewEvaluation = {
    versionId: version.id,
    hash: version.hash,
    tokenId: p.tokenId,
    kind: cohort ? 'cohort' : 'single',
    subjectIds: 'subjects' in r.body ? r.body.subjects.map((s) => s.id) : [r.body.id],
    input: r.bodyText ?? JSON.stringify(r.body),
    result,
    explain: r.explain,
    lang,
    idempotencyKey: r.idempotencyKey,
    requestHash: hash,
    // As the engine read it (dsl/dates.ts parsePeriod trims): ` 2026-Q1` is found by `?period=2026-Q1`.
    period: r.body.period?.trim(),
    // The result encoded once: for the row and for the answer (withEvaluationIdBytes).
    bytes: r.bodyBytes && r.bodyText !== undefined ? { input: r.bodyBytes, result: utf8Bytes(result) } : undefined,
  };
  try {
    const alongside = r.alongside && ((tx: Tx, s: Stored) => r.alongside!(tx, { ...s, version: version.n }));
    const { id } = await st.writer.write(record, {
      alongside, checkedAt: r.checkedAt ?? r.authorizedAt,
      recheck: r.checkedAt === undefined && r.authorizedAt !== undefined ? recheck(p) : undefined,
    });
    const bytes = record.bytes && withEvaluationIdBytes(record.bytes.result, result, id);
    return { status: 201, evaluationId: id, json: withEvaluationId(result, id), replayed: false, lang, bytes };
  } catch (e) {
    // Another process stored the same key first: answer with its result.
    if (r.idempotencyKey !== undefined && hash !== undefined && isUniqueViolation(e)) {
      const stored = await storedAnswer(ctx, p, r.idempotencyKey, hash);
      if (stored) return stored;
    }
    throw e;
  }
}

/** Whether `p` may still evaluate, asked inside the commit: a token revoked, or its account disabled,
 * while its request's body arrived stores nothing (401, hostile H5 F1). */
const recheck = (p: Principal) => async (sql: Sql) => ((await stillActs(sql, p.tokenId, mayEvaluate.roles)) ? undefined : revokedMeanwhile());

const invalidInput = (errors: unknown[]) => new ApiError(422, 'invalid_input', M.invalidInput(), errors);

/** The result as JSON text (as stored and answered), or the subjects' problems. A cohort of at
 * least `cohortOffLoopSubjects` subjects whose body text is at hand runs in a language worker
 * (cohort-job.ts: the same engine, options and budget, the same text out), and so does any request
 * on a version not prepared here (`s` undefined: the worker prepares it); anything else in-process.
 * `version.text`: its source when already read, else read (by `id`) only if a worker needs it. */
async function evaluated(
  ctx: ServerCtx, engine: EngineApi, s: PreparedScheme | undefined, version: { text: string | undefined; id: number; hash: string; n: number; owner: number },
  body: EvaluateBody, text: string | undefined, how: How,
): Promise<{ ok: true; json: string } | { ok: false; errors: EvalError[] }> {
  const subjects = 'subjects' in body ? body.subjects.length : 1;
  if (text !== undefined && (s === undefined || ('subjects' in body && subjects >= ctx.limits.cohortOffLoopSubjects))) {
    const ran = await ctx.language({
      kind: 'cohort', source: version.text ?? (await versionSource(ctx.store, version.id)), hash: version.hash, owner: version.owner, text, opts: engineOptions(body, how),
      limits: { cohortMsPerSubject: ctx.limits.cohortMsPerSubject, cohortMaxMs: ctx.limits.cohortMaxMs },
    }, cohortJobBudgetMs(subjects, ctx.limits) + (s === undefined ? ctx.limits.langBudgetMs : 0)); // + the preparation's own
    if ('json' in ran) return { ok: true, json: ran.json };
    if ('invalid' in ran) return { ok: false, errors: ran.invalid };
    if ('unprepared' in ran) throw versionRefused(version.n, ran.errors);
    uncarried(ran); // the cohort budget spent: 503, nothing stored
  }
  if (s === undefined) throw new Error('a version not prepared on the event loop, and no body text to evaluate it elsewhere');
  // One subject: the compiled program writes the result's text itself, when it answers (engine/index.ts).
  const json = 'subjects' in body ? undefined : engine.evaluateJson?.(s, body, engineOptions(body, how));
  if (json !== undefined) return { ok: true, json };
  const outcome = await runEngine(engine, s, body, how, ctx.limits);
  return outcome.ok ? { ok: true, json: JSON.stringify(outcome.value) } : outcome;
}

/** `run()`, a cohort's 503 `budget_exceeded` (budget.ts, or the pool's stop of the job) told when to
 * retry (`Retry-After`) and how to split the cohort (user trial U7-17: it fails when the server is
 * busy, and the bare 503 left a client guessing which size is safe). */
async function advisingOverrun<T>(cohort: boolean, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!cohort || !(e instanceof ApiError) || e.code !== 'budget_exceeded') throw e;
    const seconds = OVERRUN_RETRY_S;
    throw new ApiError(e.status, e.code, M.cohortOverranAdvice({ what: e.msg, seconds }), e.details, { ...e.headers, 'Retry-After': String(seconds) });
  }
}

/** How a request asks its result: traces, the words' language, exact values (U7-14). */
interface How { explain: boolean; lang: Locale; exactValues?: boolean }

/** Whether a stored result was asked with exact values: each of its results then carries `exact`
 * (engine/outcome.ts), so a replay asks for them again without a column of its own. */
const carriesExact = (result: SubjectResult | CohortResult): boolean =>
  'results' in result ? result.results.length > 0 && result.results.every((x) => x.exact !== undefined) : result.exact !== undefined;

/** The engine's options for a request. No more problems than an error body shows (the last entry
 * being KH-E009): checking stops there. English is the engine's default and not named, so an
 * English result is what it was before results had a language, and replays of evaluations stored
 * then stay identical. */
const engineOptions = (body: EvaluateBody, how: How) => ({
  explain: how.explain, maxErrors: MAX_DETAILS - 1, ...(how.lang !== 'en' && { lang: how.lang }),
  ...(how.exactValues && { exactValues: true }), // U7-14
  ...(body.period !== undefined && { period: body.period }), // one period for the request (issue 12)
});

function runEngine(engine: EngineApi, s: PreparedScheme, body: EvaluateBody, how: How, limits: Limits): Promise<EvalOutcome<SubjectResult | CohortResult>> {
  const opts = engineOptions(body, how);
  // A cohort runs within its time budget (budget.ts): past it, 503 and nothing stored.
  return 'subjects' in body ? evaluateCohortWithin(engine, s, body.subjects, opts, limits) : engine.evaluate(s, body, opts);
}

/** Whether `p` may read a stored evaluation. A unit officer (an account with units) reads only those
 * its own account made: an evaluation has no roster and no units, so nothing tells whether its people
 * are the officer's (which is why the list refuses them, list.ts); another's answers 404, as unseen. */
const seesEvaluation = (p: Principal, e: { accountId: number | null }): boolean =>
  seesAllUnits(p) || (p.accountId !== null && e.accountId === p.accountId);

/** A stored evaluation; with `replay`, re-run on its version and compared with what was stored. */
export async function getEvaluation(ctx: ServerCtx, p: Principal, id: string, replay: boolean) {
  const e = await store.findEvaluation(ctx.store, p.orgId, id);
  if (!e || !seesEvaluation(p, e)) throw notFound(M.evaluationNotFound({ id }));
  // The engine's result as it was stored (engine/result-schema.ts).
  const result = JSON.parse(e.result) as SubjectResult | CohortResult;
  const exactValues = carriesExact(result);
  const input = parseJsonExact(e.input) as EvaluateBody;
  const view = {
    id: e.id,
    scheme: { id: e.scheme, version: e.version, hash: e.hash, status: e.status },
    caller: e.caller,
    createdAt: e.createdAt,
    kind: e.kind,
    subjects: JSON.parse(e.subjectIds) as string[],
    explain: e.explain,
    exactValues,
    /** The language of the result's words, as stored: read back, never re-localized. */
    lang: e.lang,
    // As sent, not re-serialized: a number beyond a double's precision stays as written.
    input: new RawJson(e.input),
    result,
  };
  if (!replay) return view;
  // A draft replaced since the evaluation no longer holds the text it ran on.
  if (e.versionHash !== e.hash) throw conflict('version_changed', M.versionChanged({ n: e.version }));
  const engine = await ctx.engine();
  const onLoop = preparesOnLoop(ctx.prepared, e.hash, () => e.source, ctx.limits.mainPrepareMaxChars);
  const here = onLoop ? prepareHere(ctx.prepared, engine, { hash: e.hash, owner: p.orgId, n: e.version }, e.source) : undefined;
  if (here && 'errors' in here) throw invalidScheme(M.versionUnprepared({ n: e.version }), here.errors);
  // In the stored language: otherwise every reason would differ, and the replay never be identical.
  const ran = await evaluated(ctx, engine, here?.value, { text: e.source, id: e.versionId, hash: e.hash, n: e.version, owner: p.orgId }, input, e.input, { explain: e.explain, lang: e.lang, exactValues });
  if (!ran.ok) return { ...view, replay: { identical: false, errors: ran.errors.map((x) => localizeEntry(x, e.lang)) } };
  const again = JSON.parse(ran.json) as SubjectResult | CohortResult;
  const identical = canonical(again) === canonical(result);
  return { ...view, replay: identical ? { identical } : { identical, result: again } };
}

/** JSON with object keys sorted, so equal results compare equal whatever their key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}
