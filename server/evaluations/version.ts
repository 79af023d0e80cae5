// Which version an evaluation runs on: the newest published one, `?version=n`, or (authors only)
// `?version=draft`. A draft number named by an evaluator is refused like `draft`.

import type { Principal } from '../auth/tokens.js';
import type { Conn } from '../db/client.js';
import type { SchemeRow } from '../db/schema.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { getVersion, latestPublished, latestVersion, type VersionRef } from '../schemes/store.js';

export function resolveVersion(db: Conn, p: Principal, scheme: SchemeRow, asked: string | undefined): VersionRef {
  let version: VersionRef | undefined;
  if (asked === undefined) {
    version = latestPublished(db, scheme.id);
    if (!version) throw conflict('not_published', `the scheme ${scheme.name} has no published version yet`);
  } else if (asked === 'draft') {
    version = latestVersion(db, scheme.id, 'draft');
    if (!version) throw notFound(`a draft of ${scheme.name}`);
  } else {
    version = getVersion(db, scheme.id, Number(asked));
    if (!version) throw notFound(`version ${asked} of ${scheme.name}`);
  }
  if (version.status === 'draft' && !p.roles.includes('author')) {
    throw forbidden('only authors may evaluate a draft');
  }
  return version;
}
