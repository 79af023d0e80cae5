// POST /api/rounds (issue 14): a round of one published scheme version for one period (and unit),
// the period checked against the scheme's kind, its roll-up sources known, one 公示/final round per
// scheme, period and unit.

import { faultMsg } from '../../dsl/date-faults.js';
import { isPeriod, parsePeriod, PERIOD_FORMS } from '../../dsl/dates.js';
import { seesUnit } from '../accounts/scope.js';
import { U } from '../accounts/scope-messages.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { now } from '../store/types.js';
import type { RoundRow } from '../db/schema.js';
import type { Tx } from '../store/types.js';
import { ApiError, conflict, notFound, said } from '../errors.js';
import { M } from '../messages.js';
import { schemeOf } from '../schemes/service.js';
import { getVersion, latestPublished } from '../schemes/store.js';
import { D } from '../../engine/dates-messages.js';
import { periodSuggestion } from '../../engine/period-suggestion.js';
import { roundScheme, refuseUnknownSources } from './evaluate.js';
import { R } from './messages.js';
import { lockScheme } from './one-result.js';
import { label, roundView } from './round-common.js';
import type * as routes from './routes.js';
import { refuseSourceProblems } from './source-checks.js';
import { refuseGradeMismatches } from './source-grades.js';
import { S } from './stale-messages.js';
import * as store from './store.js';
import type { z } from '@hono/zod-openapi';

// Read after lockScheme (one-result.ts): on PostgreSQL a lock on the rows read would lock none when
// there is none yet, and two creates at once would both pass; the scheme's row makes them wait.
const SECOND_ROUND = `SELECT id, name FROM rounds WHERE org_id = ? AND scheme_id = ? AND period = ? AND unit IS NOT DISTINCT FROM ?
  AND status IN ('publicity', 'final') ORDER BY id LIMIT 1`;

/** 409 `round_exists` when a round of the same scheme (any version), period and unit (none = the whole
 * organization) is in 公示 or final: its results are being announced or settled (corrections go
 * through amendments), a second round would give people a second result for the period. Drafts
 * (open, evaluated) may coexist — a round cannot be deleted and its version is fixed at creation, so
 * a round made on an outdated version must not block the period — and publicize refuses a round any
 * of whose people already has a result of the period in 公示 or final, of any unit or none
 * (one-result.ts): a whole-organization round beside a unit round is decided there, when its results
 * would be announced, not here, where it has none yet. */
async function refuseSecondRound(tx: Tx, round: RoundRow, scheme: string): Promise<void> {
  const other = await tx.get<{ id: string; name: string | null }>(SECOND_ROUND, [round.orgId, round.schemeId, round.period, round.unit]);
  if (!other) return;
  const unit = round.unit === null ? S.wholeOrganization() : S.unitNamed({ unit: round.unit });
  const msg = S.roundExists({ other: label(other), scheme, period: round.period, unit });
  throw new ApiError(409, 'round_exists', msg, [{ path: 'period', round: other.id, ...said(msg) }]);
}

export async function createRound(ctx: ServerCtx, p: Principal, body: z.infer<typeof routes.create.request.body.content['application/json']['schema']>) {
  const scheme = await schemeOf(ctx, p, body.scheme);
  const version = body.version === undefined ? await latestPublished(ctx.store, scheme.id) : await getVersion(ctx.store, scheme.id, body.version);
  if (!version) {
    throw body.version === undefined ? conflict('not_published', R.notPublished({ id: scheme.name })) : notFound(M.versionNotFound({ n: body.version, id: scheme.name }));
  }
  if (version.status !== 'published') throw conflict('not_published', R.versionNotPublished({ n: version.n, id: scheme.name }));
  // A unit officer makes rounds for their own units only (a round without a unit is everyone's).
  if (!seesUnit(p, body.unit ?? null)) {
    const units = p.units ?? [];
    const msg = body.unit === undefined ? U.roundUnitRequired({ units }) : U.roundUnitNotYours({ unit: body.unit, units });
    throw new ApiError(403, 'unit_not_allowed', msg, [{ path: 'unit', ...said(msg) }]);
  }
  const round: RoundRow = {
    id: store.newRoundId(), orgId: p.orgId, schemeId: scheme.id, versionId: version.id, period: body.period.trim(),
    unit: body.unit ?? null, name: body.name ?? null, status: 'open', publicityUntil: null, appealDays: body.appealDays ?? 30,
    revision: 0, outOfDate: false, createdBy: p.tokenId, createdAt: now(), finalizedAt: null,
  };
  const { info } = await roundScheme(ctx, round);
  const kind = info.periodKind;
  const parsed = parsePeriod(body.period, kind);
  if (!isPeriod(parsed)) {
    const form = kind ? PERIOD_FORMS[kind] : Object.values(PERIOD_FORMS).join(' | ');
    // The engine's reason when the text has the form but names no period (2026-Q5: quarters are Q1–Q4).
    const problem = parsed.problem === 'malformed' && parsed.fault ? R.periodFault({ period: body.period, why: faultMsg(parsed.fault), form })
      : kind ? R.periodWrongForm({ period: body.period, form }) : R.periodSpecial({ period: body.period });
    // The period it was probably meant as (2026-09 → 2026-Q3, V11b MED-3): `expected` is only the form,
    // whose example quarter copied would make a round of the wrong period.
    const suggest = periodSuggestion(body.period, kind);
    const msg = suggest ? D.periodDidYouMean({ problem, suggest }) : problem;
    throw new ApiError(422, 'invalid_input', msg, [{ path: 'period', code: 'KH-E031', expected: form, found: body.period, ...(suggest && { suggest }), ...said(msg) }]);
  }
  round.period = parsed.text;
  await refuseUnknownSources(ctx, round, info);
  await refuseGradeMismatches(ctx, round.orgId, info);
  await refuseSourceProblems(ctx, round.orgId, scheme.name, info, round.period);
  // One round per scheme, period and unit: checked and inserted in one transaction holding the scheme's
  // row (one-result.ts), so two creates at once — here or on another server — cannot both pass.
  await ctx.store.tx(async (tx) => {
    await lockScheme(tx, round.schemeId);
    await refuseSecondRound(tx, round, scheme.name);
    await store.insertRound(tx, round);
  });
  return roundView(ctx, round);
}
