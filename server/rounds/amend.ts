// Appeals and amendments (复核, 申诉; issue 14 item 4). An authorized amendment — a corrected input or
// a committee decision for one person, with a required reason and the approving account — makes the
// round's next revision: the old revisions stay, nothing is overwritten. Allowed while the round is
// evaluated or in 公示, and after it is final within its appeal days (`appealDays` after
// `finalizedAt`); a final round stays final and its subject_results rows follow the new revision.
// The answer lists everyone whose score, grade or rank changed and why (diff.ts), and every round
// whose newest revision rolled this one up is flagged out of date.
//
// All or nothing: the corrected values go to evaluateRound in memory (read as the newest parts) and
// are stored — as an input part (part `amendment`) with the amendment row — in the revision's own
// transaction, with the subject_results rows and the out-of-date flags: a refused or crashed
// amendment leaves nothing behind, and no reader sees its part before its revision. Everyone, the
// amended person too, keeps the filled values of the previous revision (amend-reuse.ts); the reasons
// name what changed, old → new (amend-details.ts); in 公示 the answer says to restart 公示.

import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import type { CohortResult } from '../../engine/api.js';
import { seesAllUnits, seesUnit } from '../accounts/scope.js';
import type { Principal, TokenKind } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { now } from '../store/types.js';
import type { RoundRow } from '../db/schema.js';
import { dialectOf } from '../store/dialect.js';
import type { Sql } from '../store/types.js';
import { ApiError, conflict, said } from '../errors.js';
import { changeDetails } from './amend-details.js';
import { A } from './amend-messages.js';
import { unchangedProblems } from './amend-same.js';
import { diffResults, type Change } from './diff.js';
import { evaluateRound, roundScheme, type EvaluatedRound } from './evaluate.js';
import { validateParts } from './version-scheme.js';
import { filledByServer } from './related-messages.js';
import type { SchemeInfo } from './scheme-info.js';
import { roundLocks } from './lock.js';
import { R, unitNotYours } from './messages.js';
import { unknownFieldWords } from './unknown-field.js';
import { MAX_REASON } from './schemas.js';
import { label, roundOf } from './round-common.js';
import * as store from './store.js';
import { scopeChanges, seesMember } from './scope-result.js';
import { unseenRelated } from './related-scope.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AmendmentBody {
  subject: string;
  input?: Record<string, unknown>;
  decision?: { grade?: string; order?: number; reason: string };
  reason: string;
}

export interface AmendmentView {
  id: number;
  round: string;
  /** null for a source refresh (everyone; amend-refresh.ts). */
  subject: string | null;
  kind: 'input' | 'decision' | 'refresh';
  input?: Record<string, unknown>;
  decision?: AmendmentBody['decision'];
  reason: string;
  revision: number;
  by: string;
  account: string | null;
  /** The token's own name (`kaohe token create --name`), for a token without an account (U6 L-5). */
  byName: string | null;
  byKind: TokenKind;
  at: string;
}

export interface Amended {
  round: { id: string; status: RoundRow['status']; revision: number };
  revision: number;
  amendment: AmendmentView;
  changes: Change[];
  /** An amendment in 公示 that changed someone's result: 公示 should be restarted (publicize again with a
   * new end date; the end date is not moved automatically) — `notice` says so in words. */
  republish?: boolean;
  notice?: string;
}

const problem = (path: string, code: string, msg: Msg) => ({ path, code, ...said(msg) });

/** The 422 entry of a reason that is blank or longer than MAX_REASON characters (an amendment's, a refresh's). */
export function reasonProblems(reason: string) {
  const length = [...reason].length;
  if (reason.trim() === '') return [problem('reason', 'reason_required', A.reasonRequired())];
  return length > MAX_REASON ? [problem('reason', 'reason_too_long', A.reasonTooLong({ length, max: MAX_REASON }))] : [];
}

/** 409 unless the round takes amendments now: evaluated, in 公示, or final within its appeal days. */
export function checkAppealOpen(round: RoundRow, at: Date = new Date()): void {
  if (round.status === 'open' || round.revision === 0) throw conflict('round_not_evaluated', A.notEvaluated({ id: label(round) }));
  if (round.status !== 'final') return;
  const finalized = Date.parse(round.finalizedAt ?? '');
  const until = new Date(finalized + round.appealDays * DAY_MS);
  if (!Number.isFinite(finalized) || at.getTime() > until.getTime()) {
    throw conflict('appeal_closed', A.appealClosed({ id: label(round), until: Number.isFinite(finalized) ? until.toISOString().slice(0, 10) : '?', days: round.appealDays }));
  }
}

/** Every problem of the body against the round and its scheme (422 entries), or the parts to store. */
async function validate(ctx: ServerCtx, p: Principal, round: RoundRow, body: AmendmentBody) {
  const problems: { code: string; path: string }[] = [];
  problems.push(...reasonProblems(body.reason));
  const member = (await store.members(ctx.store, round.id)).find((m) => m.subjectId === body.subject);
  if (!member) problems.push(problem('subject', 'not_in_roster', R.notInRoster({ subject: body.subject, id: label(round) })));
  else if (member.status === 'absent') problems.push(problem('subject', 'absent_member', A.absentMember({ subject: body.subject, id: label(round) })));
  if (member && !seesUnit(p, member.unit ?? round.unit)) {
    const msg = unitNotYours(body.subject, member.unit ?? round.unit);
    throw new ApiError(403, 'unit_not_allowed', msg, [problem('subject', 'unit_not_allowed', msg)]);
  }
  const input = body.input ?? {};
  if (Object.keys(input).length === 0 && body.decision === undefined) problems.push(problem('input', 'nothing_amended', A.nothingAmended()));
  const { at: scheme, info } = await roundScheme(ctx, round);
  const parts: store.NewPart[] = [];
  const checkable: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    const f = info.byName.get(field);
    const path = `input.${field}`;
    if (!f) problems.push(problem(path, 'unknown_field', unknownFieldWords(field, info.byName.keys())));
    else if (f.fill) problems.push(problem(path, 'filled_by_server', filledByServer(field, f.fill)));
    else if (field === info.cohortField) problems.push(problem(path, 'filled_by_server', R.unitFromRoster({ field })));
    else { checkable[field] = value; parts.push({ subjectId: body.subject, field, value: JSON.stringify(value) }); }
  }
  // Checked where the version was prepared (version-scheme.ts).
  problems.push(...((await validateParts(ctx, scheme, [{ input: checkable, prefix: 'input.' }]))[0] as unknown as { code: string; path: string }[]));
  // A related FIELD naming someone outside the officer's units (related-scope.ts): 403, nothing stored.
  const unseen = await unseenRelated(ctx, p, round, info, body.subject, checkable, 'input.');
  if (unseen.length > 0) throw new ApiError(403, 'unit_not_allowed', unseen[0].msg, unseen);
  if (body.decision) parts.push({ subjectId: body.subject, field: store.DECISION_FIELD, value: JSON.stringify(body.decision) });
  // The same values they have now: nothing to amend (amend-same.ts).
  if (problems.length === 0) problems.push(...(await unchangedProblems(ctx, round, body.subject, parts, info)));
  if (problems.length > 0) {
    // One server code for all of them names the error; engine codes (KH-E…) or a mix: `invalid_input`.
    const codes = new Set(problems.map((x) => x.code));
    const [only] = codes;
    const code = codes.size === 1 && /^[a-z_]+$/.test(only) ? only : 'invalid_input';
    throw new ApiError(422, code, code === 'reason_required' ? A.reasonRequired() : A.invalid(), problems);
  }
  return { parts, reason: body.reason.trim(), info };
}

const INSERT_AMENDMENT = `INSERT INTO amendments (round_id, subject_id, kind, payload, reason, token_id, account_id, revision, at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;

/** In revision `n`'s transaction (`tx`): the amendment row (an amendment's or a refresh's), and every
 * round whose newest revision rolled this one up flagged out of date (`flagged`). */
export async function recordAmendment(
  tx: Sql, p: Principal, roundId: string, row: { subject: string; kind: AmendmentView['kind']; payload: string; reason: string; n: number; at: string },
): Promise<{ id: number; flagged: string[] }> {
  const { id } = (await tx.get<{ id: number }>(INSERT_AMENDMENT, [roundId, row.subject, row.kind, row.payload, row.reason, p.tokenId, p.accountId ?? null, row.n, row.at]))!;
  const flagged = await rollingUp(tx, p.orgId, roundId);
  await store.markOutOfDate(tx, flagged);
  return { id, flagged };
}

/** Round ids of the organization whose newest revision rolled up `roundId` (its `sources`: the
 * entries `{roundId, revision}`, compared as text). */
async function rollingUp(sql: Sql, orgId: number, roundId: string): Promise<string[]> {
  const d = dialectOf(sql);
  const rows = await sql.all<{ id: string }>(
    `SELECT DISTINCT r.id AS id FROM rounds r JOIN revisions rv ON rv.round_id = r.id AND rv.n = r.revision, ${d.jsonElements('rv.sources', 's')}
     WHERE r.org_id = ? AND r.id <> ? AND ${d.jsonField(d.element('s'), 'roundId')} = ?`,
    [orgId, roundId, roundId],
  );
  return rows.map((r) => r.id);
}

const AMENDMENT_SQL = `SELECT a.id, a.round_id AS round, a.subject_id AS subject, a.kind, a.payload, a.reason, a.revision, t.public_id AS by, ac.name AS account,
  ${store.BY_NAME_SQL} AS "byName", t.kind AS "byKind", a.at
  FROM amendments a JOIN tokens t ON t.id = a.token_id LEFT JOIN accounts ac ON ac.id = a.account_id`;

type AmendmentRow = Omit<AmendmentView, 'input' | 'decision' | 'subject'> & { subject: string; payload: string };

function viewOf(row: AmendmentRow): AmendmentView {
  const { payload, ...rest } = row;
  return { ...rest, ...(rest.kind === 'refresh' && { subject: null }), ...(JSON.parse(payload) as Pick<AmendmentView, 'input' | 'decision'>) };
}

export async function amendmentView(ctx: ServerCtx, id: number): Promise<AmendmentView> {
  return viewOf((await ctx.store.get<AmendmentRow>(`${AMENDMENT_SQL} WHERE a.id = ?`, [id]))!);
}

/** The round's amendments, oldest first (a unit officer's: of their units' people only). */
export async function listAmendments(ctx: ServerCtx, p: Principal, roundId: string): Promise<AmendmentView[]> {
  const round = await roundOf(ctx, p, roundId);
  // One query for all of them (not one per amendment).
  const all = (await ctx.store.all<AmendmentRow>(`${AMENDMENT_SQL} WHERE a.round_id = ? ORDER BY a.id`, [roundId])).map(viewOf);
  if (p.units === null) return all;
  const unitOf = new Map((await store.members(ctx.store, roundId)).map((m) => [m.subjectId, m.unit ?? round.unit]));
  // A source refresh concerns everyone: every reader sees it.
  return all.filter((a) => a.subject === null || seesUnit(p, unitOf.get(a.subject) ?? round.unit));
}

/** POST /api/rounds/:id/amendments: under the round's lock, all or nothing. */
export function amend(ctx: ServerCtx, p: Principal, roundId: string, body: AmendmentBody, lang: Locale = 'en'): Promise<Amended> {
  return roundLocks.run(ctx.store, roundId, async () => {
    const round = await roundOf(ctx, p, roundId);
    checkAppealOpen(round);
    const { parts, reason, info } = await validate(ctx, p, round, body);
    const at = now();
    const batch = store.newBatchId();
    const expected = round.revision + 1;
    const payload = { ...(body.input && Object.keys(body.input).length > 0 && { input: body.input }), ...(body.decision && { decision: body.decision }) };
    const kind = payload.input ? 'input' : 'decision';
    let amendmentId!: number;
    let flagged: string[] = [];
    const done = await evaluateRound(ctx, roundId, p, {
      lang,
      amendment: {
        subject: body.subject, parts,
        // In the revision's transaction: the parts, the amendment row, the out-of-date flags.
        write: async (tx, n) => {
          if (n !== expected) throw new Error(`amendment of ${roundId}: revision ${n}, expected ${expected}`);
          await store.insertParts(tx, roundId, batch, 'amendment', p.tokenId, p.accountId ?? null, at, parts);
          ({ id: amendmentId, flagged } = await recordAmendment(tx, p, roundId, { subject: body.subject, kind, payload: JSON.stringify(payload), reason, n, at }));
          return amendmentId;
        },
      },
    });
    // Everyone keeps the filled values (a changed related FIELD re-reads that record: `source` then).
    return amendedAnswer(ctx, p, {
      done, info, amendmentId, flagged, amended: [body.subject], lang,
      fields: Object.keys(body.input ?? {}), decision: body.decision !== undefined,
    });
  });
}

/** The answer of an amendment or a refresh: the new revision and everyone whose result changed, and
 * why — only their own units' people for a unit officer (the roster's unit, else the round's). */
export async function amendedAnswer(ctx: ServerCtx, p: Principal, a: {
  done: EvaluatedRound; info: SchemeInfo; amendmentId: number; flagged: string[]; amended?: string[]; lang: Locale;
  /** The amended input fields, and whether a decision was amended (named in the reasons). */
  fields?: string[]; decision?: boolean;
}): Promise<Amended> {
  const { done } = a, roundId = done.round.id;
  const previous = done.previous ? (JSON.parse(done.previous.result) as CohortResult) : undefined;
  const sees = seesMember(p, await store.members(ctx.store, roundId), done.round.unit);
  // Whose filled values differ (`source`) and what changed, in words — one pass over both revisions.
  const { details, sourced } = done.previous
    ? changeDetails(done.previous.inputs, done.revision.inputs, a.info, { subjects: a.amended ?? [], fields: a.fields ?? [], decision: a.decision ?? false })
    : { details: undefined, sourced: [] as string[] };
  const all = previous ? diffResults(previous, done.result, { ...(a.amended && { amended: a.amended }), sourced, ...(details && { details }) }, a.lang) : [];
  // A unit officer: their people, ranked among the people they see (scope-result.ts, hostile H6 F13).
  const changes = previous && !seesAllUnits(p) ? scopeChanges(all, previous, done.result, sees) : all;
  if (a.flagged.length > 0) ctx.log({ msg: 'rounds out of date', round: roundId, outOfDate: a.flagged });
  // In 公示 what is shown changed: say that 公示 should be restarted (its end date is left as it is).
  const republish = done.round.status === 'publicity' && changes.length > 0;
  return {
    round: { id: roundId, status: done.round.status, revision: done.revision.n },
    revision: done.revision.n,
    amendment: await amendmentView(ctx, a.amendmentId),
    changes,
    ...(republish && { republish, notice: render(A.republish({ id: label(done.round), until: done.round.publicityUntil ?? '?' }), a.lang) }),
  };
}
