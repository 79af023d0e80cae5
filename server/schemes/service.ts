// The scheme workflow on top of the store: naming a scheme from its source, the publish gate
// (no errors, every example passing) and the compare-and-set that keeps a draft edited during the
// (async) example run from being published unchecked. The language work (analysis, the publish
// check and its examples) runs in the language workers (server/lang-pool/) within their budget, and
// every source is capped first (server/limits.ts).

import type { Msg } from '../../dsl/i18n/index.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import type { SchemeRow, VersionRow } from '../db/schema.js';
import { ApiError, conflict, notFound } from '../errors.js';
import { M } from '../messages.js';
import { diagnosticDetails as details, isError, type Diagnosed } from '../lang-pool/jobs.js';
import { limitSource, omittedField, withOmitted } from '../limits.js';
import { sourceHash } from '../prepared.js';
import { invalidScheme } from '../version-errors.js';
import { MAX_SCHEME_ID } from './schemas.js';
import * as store from './store.js';


/** A name longer than the `{id}` path parameter allows: stored, the scheme could never be read,
 * drafted, published or evaluated (every /api/schemes/:id route would answer 400). */
function refuseLongName(name: string | undefined, diagnosed: Diagnosed): void {
  if (name !== undefined && name.length > MAX_SCHEME_ID) {
    throw new ApiError(422, 'scheme_name_too_long', M.nameTooLong({ length: name.length, max: MAX_SCHEME_ID }), details(diagnosed));
  }
}

export async function schemeOf(ctx: ServerCtx, p: Principal, id: string): Promise<SchemeRow> {
  const scheme = await ctx.rows.get(`scheme ${p.orgId} ${id}`, () => store.findScheme(ctx.store, p.orgId, id));
  if (!scheme) throw notFound(M.schemeNotFound({ id }));
  return scheme;
}

/** The refusals of a route that reads a version: no draft (404), a draft read by a non-author (403). */
export interface VersionWords { noDraft(a: { id: string }): Msg; forAuthors(a: { n: number; id: string }): Msg }

/** A stored version by number or `draft` (the newest draft) as the reader may read it, for the
 * routes under /versions/:n that describe a version (its document, its input schema): 404 when
 * there is none, 403 when it is unpublished and the reader no author, in the route's words. */
export async function readableVersion(ctx: ServerCtx, p: Principal, id: string, n: string, words: VersionWords): Promise<VersionRow> {
  const scheme = await schemeOf(ctx, p, id);
  const row = n === 'draft' ? await store.latestVersion(ctx.store, scheme.id, 'draft') : await store.getVersion(ctx.store, scheme.id, Number(n));
  if (!row) throw notFound(n === 'draft' ? words.noDraft({ id }) : M.versionNotFound({ n, id }));
  if (row.status !== 'published' && !p.roles.includes('author')) throw new ApiError(403, 'forbidden', words.forAuthors({ n: row.n, id }));
  return row;
}

export async function createScheme(ctx: ServerCtx, p: Principal, source: string) {
  limitSource(source, ctx.limits.maxSourceBytes);
  const analyzed = await ctx.language({ kind: 'analyze', source, owner: p.orgId });
  const { schemeName, diagnostics, omitted } = analyzed;
  if (!schemeName) throw invalidScheme(M.noSchemeHeader(), details(analyzed));
  refuseLongName(schemeName, analyzed);
  const scheme = await store.createScheme(ctx.store, p.orgId, schemeName, { source, hash: sourceHash(source), tokenId: p.tokenId });
  const version = (await store.versionInfo(ctx.store, scheme.id, 1))!;
  return { id: schemeName, version, diagnostics, ...omittedField(omitted) };
}

export async function putDraft(ctx: ServerCtx, p: Principal, id: string, source: string) {
  const scheme = await schemeOf(ctx, p, id);
  limitSource(source, ctx.limits.maxSourceBytes);
  const analyzed = await ctx.language({ kind: 'analyze', source, owner: p.orgId });
  const { schemeName, diagnostics, omitted } = analyzed;
  // Checked before the rename (which it always is): the same source gets the same code as at create.
  refuseLongName(schemeName, analyzed);
  // The id is the scheme's name: a draft may not rename it (a broken header is left to publish).
  if (schemeName !== undefined && schemeName !== id) {
    throw new ApiError(422, 'scheme_renamed', M.renamed({ named: schemeName, id }), details(analyzed));
  }
  const { n, opened } = await store.putDraft(ctx.store, scheme.id, { source, hash: sourceHash(source), tokenId: p.tokenId });
  return { id, opened, version: (await store.versionInfo(ctx.store, scheme.id, n))!, diagnostics, ...omittedField(omitted) };
}

export async function publish(ctx: ServerCtx, p: Principal, id: string) {
  const scheme = await schemeOf(ctx, p, id);
  const draft = await store.latestVersion(ctx.store, scheme.id, 'draft');
  if (!draft) throw conflict('no_draft', M.noDraft({ id }));
  // Prepared and run in a worker: a draft may be anything an author saved (up to the source cap).
  // The evaluate path prepares it again, in-process, on first use.
  const ran = await ctx.language({ kind: 'examples', source: draft.source, owner: p.orgId });
  if (!ran.examples) {
    throw invalidScheme(M.draftHasErrors({ n: draft.n }), withOmitted(ran.diagnostics.filter(isError), ran.omitted));
  }
  if (ran.failing > 0) {
    const listed = ran.examples.filter((e) => !e.passed); // capped lists keep failing ones first
    const total = ran.examples.length + ran.examplesOmitted;
    throw new ApiError(422, 'failing_examples', M.failingExamples({ failing: ran.failing, total }), withOmitted(listed, ran.failing - listed.length));
  }
  if (!(await store.publishDraft(ctx.store, scheme.id, draft.n, draft.hash, p.tokenId))) {
    throw conflict('draft_changed', M.draftChanged({ n: draft.n }));
  }
  return {
    id,
    version: (await store.versionInfo(ctx.store, scheme.id, draft.n))!,
    diagnostics: ran.diagnostics,
    ...omittedField(ran.omitted),
    examples: ran.examples.map((e) => ({ name: e.name, passed: e.passed })),
  };
}
