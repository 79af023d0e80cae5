// The scheme workflow on top of the store: naming a scheme from its source, the publish gate
// (no errors, every example passing) and the compare-and-set that keeps a draft edited during the
// (async) example run from being published unchecked.

import type { Diagnostic } from '../../dsl/diagnostics.js';
import { hasErrors } from '../../dsl/diagnostics.js';
import type { ExampleOutcome } from '../../engine/api.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { ApiError, conflict, notFound } from '../errors.js';
import { sourceHash } from '../prepared.js';
import { MAX_SCHEME_ID } from './schemas.js';
import * as store from './store.js';

export const invalidScheme = (message: string, diagnostics: Diagnostic[]) => new ApiError(422, 'invalid_scheme', message, diagnostics);

/** A name longer than the `{id}` path parameter allows: stored, the scheme could never be read,
 * drafted, published or evaluated (every /api/schemes/:id route would answer 400). */
function refuseLongName(name: string | undefined, diagnostics: Diagnostic[]): void {
  if (name !== undefined && name.length > MAX_SCHEME_ID) {
    throw new ApiError(422, 'scheme_name_too_long', `the scheme name has ${name.length} characters; at most ${MAX_SCHEME_ID} are allowed`, diagnostics);
  }
}

export function schemeOf(ctx: ServerCtx, p: Principal, id: string) {
  const scheme = ctx.rows.get(`scheme ${p.orgId} ${id}`, () => store.findScheme(ctx.db, p.orgId, id));
  if (!scheme) throw notFound(`scheme ${id}`);
  return scheme;
}

export async function createScheme(ctx: ServerCtx, p: Principal, source: string) {
  const lang = await ctx.lang();
  const { schemeName, diagnostics } = lang.analyze(source);
  if (!schemeName) throw invalidScheme('the source has no recognizable `scheme NAME { … }`', diagnostics);
  refuseLongName(schemeName, diagnostics);
  store.createScheme(ctx.db, p.orgId, schemeName, { source, hash: sourceHash(source), tokenId: p.tokenId });
  return { id: schemeName, version: store.versionInfo(ctx.db, store.findScheme(ctx.db, p.orgId, schemeName)!.id, 1)!, diagnostics };
}

export async function putDraft(ctx: ServerCtx, p: Principal, id: string, source: string) {
  const scheme = schemeOf(ctx, p, id);
  const lang = await ctx.lang();
  const { schemeName, diagnostics } = lang.analyze(source);
  // Checked before the rename (which it always is): the same source gets the same code as at create.
  refuseLongName(schemeName, diagnostics);
  // The id is the scheme's name: a draft may not rename it (a broken header is left to publish).
  if (schemeName !== undefined && schemeName !== id) {
    throw new ApiError(422, 'scheme_renamed', `the source names the scheme ${schemeName}, not ${id}; create a new scheme to rename`, diagnostics);
  }
  const { n, opened } = store.putDraft(ctx.db, scheme.id, { source, hash: sourceHash(source), tokenId: p.tokenId });
  return { id, opened, version: store.versionInfo(ctx.db, scheme.id, n)!, diagnostics };
}

export async function publish(ctx: ServerCtx, p: Principal, id: string) {
  const scheme = schemeOf(ctx, p, id);
  const draft = store.latestVersion(ctx.db, scheme.id, 'draft');
  if (!draft) throw conflict('no_draft', `the scheme ${id} has no draft to publish`);
  const engine = await ctx.engine();
  const prepared = ctx.prepared.get(engine, draft.source, draft.hash);
  if (!prepared.value || hasErrors(prepared.diagnostics)) {
    throw invalidScheme(`draft ${draft.n} has errors`, prepared.diagnostics.filter((d) => d.severity === 'error'));
  }
  const examples: ExampleOutcome[] = await engine.runExamples(prepared.value);
  const failing = examples.filter((e) => !e.passed);
  if (failing.length > 0) {
    throw new ApiError(422, 'failing_examples', `${failing.length} of ${examples.length} examples fail`, failing);
  }
  if (!store.publishDraft(ctx.db, scheme.id, draft.n, draft.hash, p.tokenId)) {
    throw conflict('draft_changed', `draft ${draft.n} changed or was published while it was being checked; retry`);
  }
  return {
    id,
    version: store.versionInfo(ctx.db, scheme.id, draft.n)!,
    diagnostics: prepared.diagnostics,
    examples: examples.map((e) => ({ name: e.name, passed: e.passed })),
  };
}
