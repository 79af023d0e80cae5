// Evaluating a draft (`?version=draft`, or its number) prepares it in-process, as any version: the
// engine needs the compiled closures. But a draft may be anything an author saved, up to the source
// cap — junk that takes a second or more to analyze — and a failed preparation is never cached
// (prepared.ts), so every such request would hold the event loop again. A draft not yet in the
// cache is therefore analyzed first in a language worker (server/lang-pool/) and refused there when
// it has errors; only a clean draft is prepared here, once, and cached. Published versions were
// checked clean when published and skip this.

import type { ServerCtx } from '../context.js';
import { isError } from '../lang-pool/jobs.js';
import { withOmitted } from '../limits.js';
import { versionRefused } from '../version-errors.js';
import { versionSource, type VersionRef } from '../schemes/store.js';

export async function checkDraftOffLoop(ctx: ServerCtx, version: VersionRef, owner: number): Promise<void> {
  if (version.status !== 'draft' || ctx.prepared.has(version.hash)) return;
  const analyzed = await ctx.language({ kind: 'analyze', source: await versionSource(ctx.store, version.id), owner });
  const errors = analyzed.diagnostics.filter(isError);
  if (errors.length > 0) throw versionRefused(version.n, withOmitted(errors, analyzed.omitted));
}
