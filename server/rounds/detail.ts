// GET /api/rounds/:id (issue 14): the round with its revisions, the members the caller sees, what
// each still lacks (missing.ts, with what the server would fill now), whether anything changed since
// the newest revision (changed.ts) and the roll-up sources not final yet (fill.ts).

import { seesUnit } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import type { RoundMemberRow, RoundRow } from '../db/schema.js';
import { changedSinceRevision } from './changed.js';
import { fillOwn, roundScheme } from './evaluate.js';
import { fillRound, pendingSources, unknownSources, type FillOwn } from './fill.js';
import { missingInputs } from './missing.js';
import { seenPending } from './related-scope.js';
import { memberView, roundView } from './round-common.js';
import type { SchemeInfo } from './scheme-info.js';
import * as store from './store.js';

/** What the server would fill for `roster` now (one query per source scheme), for the missing report;
 * none when the scheme rolls nothing up or names a source the organization lacks (pendingSources says so). */
async function rollupsOf(ctx: ServerCtx, r: RoundRow, own: FillOwn, info: SchemeInfo, roster: readonly RoundMemberRow[]) {
  if (!info.fields.some((f) => f.fill)) return undefined;
  if ((await unknownSources(ctx.store, r.orgId, own, info)).length > 0) return undefined;
  const ids = roster.filter((m) => m.status !== 'absent').map((m) => m.subjectId);
  const filled = await fillRound(ctx.store, r.orgId, own, info, ids);
  return { values: filled.values, related: filled.related, period: r.period };
}

export async function detail(ctx: ServerCtx, p: Principal, r: RoundRow) {
  const { info } = await roundScheme(ctx, r);
  const everyone = await store.members(ctx.store, r.id);
  const roster = everyone.filter((m) => seesUnit(p, m.unit ?? r.unit));
  const parts = await store.newestParts(ctx.store, r.id);
  const own = { ...(await fillOwn(ctx, r)), round: r };
  return {
    ...(await roundView(ctx, r)),
    changed: await changedSinceRevision(ctx, r, info, { roster: everyone, parts }),
    revisions: await store.revisionList(ctx.store, r.id),
    members: roster.map(memberView),
    missing: missingInputs(info, roster.map((m) => ({ ...m, unit: m.unit ?? r.unit })), parts, await rollupsOf(ctx, r, own, info, roster)),
    // An officer: only the related subjects their members read (related-scope.ts).
    pendingSources: await seenPending(ctx, p, r, info, await pendingSources(ctx.store, r.orgId, own, info), roster),
  };
}
