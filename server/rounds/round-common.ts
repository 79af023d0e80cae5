// What every rounds handler shares (issue 14): finding a round in the caller's organization, the
// round and member views the answers carry, the round's label in messages, and the 4xx shapes
// (a problem at a path, 422 with every problem, 403 for whole-cohort steps).

import type { Msg } from '../../dsl/i18n/index.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import type { RoundMemberRow, RoundRow } from '../db/schema.js';
import { ApiError, notFound, said } from '../errors.js';
import { R } from './messages.js';
import { publicityRecord, voidedWords } from './records.js';
import * as store from './store.js';

/** A problem at a path, with its code: an entry of `error.details`. */
export const problem = (path: string, code: string, msg: Msg) => ({ path, code, ...said(msg) });

/** 422 with every problem; `error.code` is the problems' code when they share one. */
export function unprocessable(msg: Msg, details: { code: string }[]): ApiError {
  // A server code (snake_case) when all share one; engine codes (KH-E…) stay in the details.
  const codes = new Set(details.map((d) => d.code));
  const [only] = codes;
  return new ApiError(422, codes.size === 1 && /^[a-z_]+$/.test(only) ? only : 'invalid_input', msg, details);
}

/** 422 for one problem at one path (its message is the answer's). */
export const refusedAt = (path: string, code: string, msg: Msg): ApiError => unprocessable(msg, [problem(path, code, msg)]);

export const STATUS_WORD = { open: R.statusOpen, evaluated: R.statusEvaluated, publicity: R.statusPublicity, final: R.statusFinal } as const;

/** 403 `unit_not_allowed`: a step that decides or shows the whole cohort, refused to a unit officer. */
export const allUnitsOnly = (msg: Msg) => new ApiError(403, 'unit_not_allowed', msg);

/** The round as messages name it: its name when it has one (2026年度考核), else its id. */
export const label = (r: Pick<RoundRow, 'id' | 'name'>): string => r.name ?? r.id;

export async function roundOf(ctx: ServerCtx, p: Principal, id: string): Promise<RoundRow> {
  const round = await store.getRound(ctx.store, p.orgId, id);
  // A voided round's id says when, by whom and why (void.ts, records.ts); any other unknown id: not found.
  if (!round) throw notFound((await voidedWords(ctx.store, p.orgId, id)) ?? R.roundNotFound({ id }));
  return round;
}

const VIEW_NAMES = `SELECT s.name AS scheme, v.n AS version, t.public_id AS by
  FROM scheme_versions v JOIN schemes s ON s.id = v.scheme_id, tokens t WHERE v.id = ? AND t.id = ?`;

export async function roundView(ctx: ServerCtx, r: RoundRow) {
  const v = (await ctx.store.get<{ scheme: string; version: number; by: string }>(VIEW_NAMES, [r.versionId, r.createdBy]))!;
  const late = await publicityRecord(ctx.store, r);
  return {
    id: r.id, scheme: { id: v.scheme, version: v.version }, period: r.period, unit: r.unit, name: r.name, status: r.status,
    publicityUntil: r.publicityUntil, appealDays: r.appealDays, revision: r.revision, outOfDate: r.outOfDate,
    createdBy: v.by, createdAt: r.createdAt, finalizedAt: r.finalizedAt,
    ...(late && { publicityRecord: late }),
  };
}

export const memberView = (m: RoundMemberRow) => ({
  id: m.subjectId, unit: m.unit, status: m.status, countsInBase: m.countsInBase,
  ...(m.display !== null && { display: JSON.parse(m.display) as Record<string, unknown> }),
});
