// A stored (published) version as the rounds, the results import and a round's source checks read
// it, without holding the event loop to prepare a long one (issue 16, session 6). A version the
// event loop prepares itself — in its cache, or no longer than limits.mainPrepareMaxChars — is
// prepared here as before (server/prepared.ts preparesOnLoop); a longer one, seconds of
// preparation (hostile H5 F9), is prepared by a language worker, which answers the scheme's plain
// view (lang-pool/scheme-jobs.ts) and later evaluates the round's cohort itself. Views are kept
// here by hash, per app (a few hundred bytes to a few hundred KB each; server/kept.ts), so a
// version's second look costs no worker round trip.

import type { SchemeView } from '../lang-pool/scheme-jobs.js';
import type { EvalError, PreparedScheme } from '../../engine/api.js';
import type { ServerCtx } from '../context.js';
import { keptPer } from '../kept.js';
import { prepareHere, type VersionKey } from '../prepared.js';
import { versionSource } from '../schemes/store.js';

/** A stored version: its row id, source hash, number, and the organization owning it. */
export interface StoredVersion { id: number; hash: string; n: number; owner: number }

/** How a worker finds the version: its source (read from the store once, when a job is made), hash and owner. */
export interface WorkerVersion { source: () => Promise<string>; hash: string; owner: number }

/** Prepared on the event loop (`local`), or in a worker: then `periods` are the view's. `scheme` is
 * the prepared scheme's plain data either way; a worker can always be sent the version (a big
 * batch's parts are validated there even when the loop prepared it: validateParts). */
export type VersionScheme = WorkerVersion & (
  | { scheme: PreparedScheme; local: PreparedScheme }
  | { scheme: PreparedScheme; periods: SchemeView['periods'] });

/** The version's errors when it does not prepare (an error body's details). */
export interface Unprepared { errors: unknown[] }

/** How many versions' views (here) and papers' views (reports/paper-scheme.ts) an app keeps. */
export const VERSIONS_KEPT = 64;
/** Per app (its prepared-scheme cache stands for it), by hash (server/kept.ts). */
const viewsIn = keptPer<SchemeView>(VERSIONS_KEPT);

/** Where the version is prepared: on the event loop (in its cache, or no longer than
 * limits.mainPrepareMaxChars — as prepared.ts preparesOnLoop), else by a worker; `source` reads its
 * text once, when first asked (a cached version's is never read). */
export async function preparedWhere(ctx: ServerCtx, v: Pick<StoredVersion, 'id' | 'hash'>): Promise<{ onLoop: boolean; source: () => Promise<string> }> {
  let text: Promise<string> | undefined;
  const source = () => (text ??= versionSource(ctx.store, v.id));
  const onLoop = ctx.prepared.has(v.hash) || (await source()).length <= ctx.limits.mainPrepareMaxChars;
  return { onLoop, source };
}

/** The version prepared on the event loop, in its cache (prepared.ts prepareHere), its source read
 * only when the cache does not hold it. The cache is asked and used with no await in between: an
 * entry another request evicts meanwhile cannot leave it without the text. */
export async function prepareOnLoop(ctx: ServerCtx, v: VersionKey, source: () => Promise<string>): Promise<ReturnType<typeof prepareHere>> {
  const engine = await ctx.engine();
  const text = ctx.prepared.has(v.hash) ? undefined : await source();
  return prepareHere(ctx.prepared, engine, v, () => {
    if (text === undefined) throw new Error(`kaohe: version ${v.hash} left the prepared cache unread`);
    return text;
  });
}

/** The version prepared where its length says (`periods`: the periods whose filled-field periods a
 * worker's view must say — a round's own). */
export async function versionScheme(ctx: ServerCtx, v: StoredVersion, periods: readonly string[] = []): Promise<VersionScheme | Unprepared> {
  const { onLoop, source } = await preparedWhere(ctx, v);
  if (onLoop) {
    const here = await prepareOnLoop(ctx, v, source);
    return 'errors' in here ? here : { scheme: here.value, local: here.value, source, hash: v.hash, owner: v.owner };
  }
  const views = viewsIn(ctx.prepared);
  let view = views.get(v.hash);
  const wanted = periods.filter((p) => !view?.periods[p]);
  if (!view || wanted.length > 0) {
    const asked = [...new Set([...Object.keys(view?.periods ?? {}), ...wanted])];
    const ran = await ctx.language({ kind: 'scheme-view', source: await source(), hash: v.hash, owner: v.owner, periods: asked });
    if ('unprepared' in ran) return { errors: ran.errors };
    view = ran.view;
  }
  views.set(v.hash, view);
  return { scheme: view.scheme, periods: view.periods, source, hash: v.hash, owner: v.owner };
}

/** Parts of inputs checked against the version, each under its prefix: where it was prepared — and
 * a batch of at least limits.cohortOffLoopSubjects parts (a roster's or an upload's 10,000 people)
 * by a worker whatever the version, as a round's big cohort is evaluated (note16-s6 "Left" 5). */
export async function validateParts(ctx: ServerCtx, v: VersionScheme, parts: { input: Record<string, unknown>; prefix: string }[]): Promise<EvalError[][]> {
  if (parts.length === 0) return [];
  if ('local' in v && parts.length < ctx.limits.cohortOffLoopSubjects) {
    const engine = await ctx.engine();
    return parts.map((p) => engine.validatePart(v.local, p.input, p.prefix));
  }
  const ran = await ctx.language({ kind: 'validate-parts', source: await v.source(), hash: v.hash, owner: v.owner, parts });
  // It prepared for the view: only a worker that could not prepare it again would say otherwise.
  if ('unprepared' in ran) throw new Error('a published version no longer prepares in the worker');
  return ran.errors;
}

/** A part to check (validatePartsAt): `at` is how many problems had been found when it was met. */
export interface PartCheck { at: number; input: Record<string, unknown>; prefix: string }

/** The parts checked (validateParts), each one's problems put into `problems` at its `at`. */
export async function validatePartsAt(ctx: ServerCtx, v: VersionScheme, checks: PartCheck[], problems: unknown[]): Promise<void> {
  const found = await validateParts(ctx, v, checks);
  for (let k = checks.length - 1; k >= 0; k--) problems.splice(checks[k].at, 0, ...found[k]);
}
