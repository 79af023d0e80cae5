// Evaluating a subject or a cohort against a stored version, storing the answer, and replaying a
// stored evaluation. The engine runs before anything is written (the group-commit writer's
// transactions never span an await); a cohort with any invalid subject is refused before that.

import { createHash } from 'node:crypto';
import { hasErrors } from '../../dsl/diagnostics.js';
import type { EngineApi, EvalOutcome, PreparedScheme } from '../../engine/api.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { isUniqueViolation } from '../db/client.js';
import type { SchemeRow } from '../db/schema.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { ApiError, conflict, MAX_DETAILS, notFound } from '../errors.js';
import { RawJson } from '../raw-json.js';
import { invalidScheme, schemeOf } from '../schemes/service.js';
import { versionSource, type VersionRef } from '../schemes/store.js';
import { reusedKey, withEvaluationId, type Answer, type InFlight } from './idempotency.js';
import type { EvaluationWriter, Stored } from './writer.js';
import type { EvaluateBody } from './schemas.js';
import * as store from './store.js';
import { resolveVersion } from './version.js';
import { evaluateCohortWithin } from './budget.js';
import { checkDraftOffLoop } from './draft-check.js';
import { limitCohort, type Limits } from '../limits.js';

export interface EvaluateRequest {
  schemeId: string; version?: string; explain: boolean; body: EvaluateBody;
  /** The body as sent: stored as the evaluation's input (JSON.stringify(body) when absent). */
  bodyText?: string;
  idempotencyKey?: string;
  /** Rows to commit with the evaluation, inside its transaction: the audit record. */
  alongside?: (stored: Stored & { version: number }) => void;
}

const requestHash = (r: EvaluateRequest) =>
  createHash('sha256').update(JSON.stringify([r.schemeId, r.version ?? null, r.explain, r.body])).digest('hex');

/** Per-app state of evaluation: requests in flight by idempotency key, and the group-commit writer. */
export interface EvalState { inflight: InFlight; writer: EvaluationWriter }

export async function evaluate(ctx: ServerCtx, st: EvalState, p: Principal, r: EvaluateRequest): Promise<Answer> {
  const scheme = schemeOf(ctx, p, r.schemeId);
  if ('subjects' in r.body) limitCohort(r.body.subjects.length, ctx.limits.maxCohortSubjects);
  if (r.idempotencyKey === undefined) return run(ctx, st, p, r, scheme);
  const key = r.idempotencyKey;
  const hash = requestHash(r);
  return st.inflight.run(p.tokenId, key, hash, async () => {
    const stored = storedAnswer(ctx, p, key, hash);
    return stored ?? run(ctx, st, p, r, scheme, hash);
  });
}

function storedAnswer(ctx: ServerCtx, p: Principal, key: string, hash: string): Answer | undefined {
  const first = store.findByIdempotencyKey(ctx.db, p.tokenId, key);
  if (!first) return undefined;
  if (first.requestHash !== hash) throw reusedKey();
  return { status: 200, evaluationId: first.id, json: withEvaluationId(first.result, first.id), replayed: true };
}

async function run(ctx: ServerCtx, st: EvalState, p: Principal, r: EvaluateRequest, scheme: SchemeRow, hash?: string): Promise<Answer> {
  const version = resolveVersion(ctx, p, scheme, r.version);
  const engine = await ctx.engine();
  if (version.status === 'draft') await checkDraftOffLoop(ctx, version); // analyzed in a worker first
  const prepared = prepare(ctx, engine, version);
  const outcome = await runEngine(engine, prepared, r.body, r.explain, ctx.limits);
  if (!outcome.ok) throw new ApiError(422, 'invalid_input', 'the input does not satisfy the scheme', outcome.errors);
  const cohort = 'subjects' in r.body;
  const record: store.NewEvaluation = {
    versionId: version.id,
    hash: version.hash,
    tokenId: p.tokenId,
    kind: cohort ? 'cohort' : 'single',
    subjectIds: 'subjects' in r.body ? r.body.subjects.map((s) => s.id) : [r.body.id],
    input: r.bodyText ?? JSON.stringify(r.body),
    result: JSON.stringify(outcome.value),
    explain: r.explain,
    idempotencyKey: r.idempotencyKey,
    requestHash: hash,
  };
  try {
    const alongside = r.alongside && ((s: Stored) => r.alongside!({ ...s, version: version.n }));
    const { id } = await st.writer.write(record, alongside);
    return { status: 201, evaluationId: id, json: withEvaluationId(record.result, id), replayed: false };
  } catch (e) {
    // Another process stored the same key first: answer with its result.
    if (r.idempotencyKey !== undefined && hash !== undefined && isUniqueViolation(e)) {
      const stored = storedAnswer(ctx, p, r.idempotencyKey, hash);
      if (stored) return stored;
    }
    throw e;
  }
}

function prepare(ctx: ServerCtx, engine: EngineApi, version: VersionRef): PreparedScheme {
  const prepared = ctx.prepared.get(engine, () => versionSource(ctx.db, version.id), version.hash);
  if (!prepared.value || hasErrors(prepared.diagnostics)) {
    throw invalidScheme(`version ${version.n} has errors`, prepared.diagnostics.filter((d) => d.severity === 'error'));
  }
  return prepared.value;
}

function runEngine(engine: EngineApi, s: PreparedScheme, body: EvaluateBody, explain: boolean, limits: Limits): Promise<EvalOutcome<unknown>> {
  // No more problems than an error body shows (the last entry being KH-E009): checking stops there.
  const opts = { explain, maxErrors: MAX_DETAILS - 1 };
  // A cohort runs within its time budget (budget.ts): past it, 503 and nothing stored.
  return 'subjects' in body ? evaluateCohortWithin(engine, s, body.subjects, opts, limits) : engine.evaluate(s, body, opts);
}

/** A stored evaluation; with `replay`, re-run on its version and compared with what was stored. */
export async function getEvaluation(ctx: ServerCtx, p: Principal, id: string, replay: boolean) {
  const e = store.findEvaluation(ctx.db, p.orgId, id);
  if (!e) throw notFound(`evaluation ${id}`);
  const result = JSON.parse(e.result) as unknown;
  const input = parseJsonExact(e.input) as EvaluateBody;
  const view = {
    id: e.id,
    scheme: { id: e.scheme, version: e.version, hash: e.hash, status: e.status },
    caller: e.caller,
    createdAt: e.createdAt,
    kind: e.kind,
    subjects: JSON.parse(e.subjectIds) as string[],
    explain: e.explain,
    // As sent, not re-serialized: a number beyond a double's precision stays as written.
    input: new RawJson(e.input),
    result,
  };
  if (!replay) return view;
  // A draft replaced since the evaluation no longer holds the text it ran on.
  if (e.versionHash !== e.hash) throw conflict('version_changed', `draft ${e.version} has changed since this evaluation; it cannot be replayed`);
  const engine = await ctx.engine();
  const prepared = ctx.prepared.get(engine, e.source, e.hash);
  if (!prepared.value) throw invalidScheme(`version ${e.version} no longer prepares`, prepared.diagnostics);
  const again = await runEngine(engine, prepared.value, input, e.explain, ctx.limits);
  if (!again.ok) return { ...view, replay: { identical: false, errors: again.errors } };
  const identical = canonical(again.value) === canonical(result);
  return { ...view, replay: identical ? { identical } : { identical, result: again.value } };
}

/** JSON with object keys sorted, so equal results compare equal whatever their key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}
