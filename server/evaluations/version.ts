// Which version an evaluation runs on: the newest published one, `?version=n`, or (authors only)
// `?version=draft`. A draft number named by an evaluator is refused like `draft`. Lookups go
// through the request's snapshot of the tables (server/db/snapshot-cache.ts).

import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import type { SchemeRow } from '../db/schema.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { M } from '../messages.js';
import { getVersion, latestPublished, latestVersion, type VersionRef } from '../schemes/store.js';

/** The columns an evaluation needs: the cache must not hold every version's source text. */
const ref = (v: VersionRef | undefined): VersionRef | undefined => v && { id: v.id, n: v.n, hash: v.hash, status: v.status };

export async function resolveVersion(ctx: ServerCtx, p: Principal, scheme: SchemeRow, asked: string | undefined): Promise<VersionRef> {
  const { store, rows } = ctx;
  let version: VersionRef | undefined;
  if (asked === undefined) {
    version = await rows.get(`published ${scheme.id}`, () => latestPublished(store, scheme.id));
    if (!version) throw conflict('not_published', M.notPublished({ id: scheme.name }));
  } else if (asked === 'draft') {
    version = await rows.get(`draft ${scheme.id}`, async () => ref(await latestVersion(store, scheme.id, 'draft')));
    if (!version) throw notFound(M.draftNotFound({ id: scheme.name }));
  } else {
    version = await rows.get(`version ${scheme.id} ${asked}`, async () => ref(await getVersion(store, scheme.id, Number(asked))));
    if (!version) throw notFound(M.versionNotFound({ n: asked, id: scheme.name }));
  }
  if (version.status === 'draft' && !p.roles.includes('author')) {
    throw forbidden(M.draftNeedsAuthor());
  }
  return version;
}
