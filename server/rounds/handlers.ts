// Handlers of the rounds core (issue 14): create, read, roster, input parts, evaluate, 公示,
// finalize. Every write to a round runs under the round's lock (lock.ts) and is one SQLite
// transaction; every refusal says where (`path`) and stores nothing.

import { createHash } from 'node:crypto';
import { faultMsg, whyNotDate } from '../../dsl/date-faults.js';
import { dateFault, isPeriod, parsePeriod, PERIOD_FORMS } from '../../dsl/dates.js';
import type { Msg } from '../../dsl/i18n/index.js';
import { validateDisplay } from '../../engine/display.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { seesAllUnits, seesUnit } from '../accounts/scope.js';
import { U } from '../accounts/scope-messages.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { now } from '../db/client.js';
import type { RoundMemberRow, RoundRow } from '../db/schema.js';
import { ApiError, conflict, notFound, said } from '../errors.js';
import { localized } from '../locale.js';
import { M } from '../messages.js';
import { newRouter } from '../openapi.js';
import { schemeOf } from '../schemes/service.js';
import { getVersion, latestPublished } from '../schemes/store.js';
import { evaluateRound, preparedOf, refuseUnknownSources, schemeNameOf } from './evaluate.js';
import { roundFinalized } from './events.js';
import { fillRound, pendingSources, unknownSources } from './fill.js';
import { roundLocks } from './lock.js';
import { changedSinceRevision } from './changed.js';
import { S } from './stale-messages.js';
import { R, unitNotYours } from './messages.js';
import type { SchemeInfo } from './scheme-info.js';
import { missingInputs } from './missing.js';
import * as routes from './routes.js';
import type { InputsBody, RosterBody } from './schemas.js';
import * as store from './store.js';
import type { z } from '@hono/zod-openapi';

/** A problem at a path, with its code: an entry of `error.details`. */
const problem = (path: string, code: string, msg: Msg) => ({ path, code, ...said(msg) });

/** 422 with every problem; `error.code` is the problems' code when they share one. */
function unprocessable(msg: Msg, details: { code: string }[]): ApiError {
  // A server code (snake_case) when all share one; engine codes (KH-E…) stay in the details.
  const codes = new Set(details.map((d) => d.code));
  const [only] = codes;
  return new ApiError(422, codes.size === 1 && /^[a-z_]+$/.test(only) ? only : 'invalid_input', msg, details);
}

const STATUS_WORD = { open: R.statusOpen, evaluated: R.statusEvaluated, publicity: R.statusPublicity, final: R.statusFinal } as const;

/** 403 `unit_not_allowed`: a step that decides or shows the whole cohort, refused to a unit officer. */
const allUnitsOnly = (msg: Msg) => new ApiError(403, 'unit_not_allowed', msg);

function roundOf(ctx: ServerCtx, p: Principal, id: string): RoundRow {
  const round = store.getRound(ctx.db, p.orgId, id);
  if (!round) throw notFound(R.roundNotFound({ id }));
  return round;
}

function roundView(ctx: ServerCtx, r: RoundRow) {
  const v = ctx.db.$client.prepare(
    'SELECT s.name AS scheme, v.n AS version, t.public_id AS by FROM scheme_versions v JOIN schemes s ON s.id = v.scheme_id, tokens t WHERE v.id = ? AND t.id = ?',
  ).get(r.versionId, r.createdBy) as { scheme: string; version: number; by: string };
  return {
    id: r.id, scheme: { id: v.scheme, version: v.version }, period: r.period, unit: r.unit, name: r.name, status: r.status,
    publicityUntil: r.publicityUntil, appealDays: r.appealDays, revision: r.revision, outOfDate: r.outOfDate,
    createdBy: v.by, createdAt: r.createdAt, finalizedAt: r.finalizedAt,
  };
}

const memberView = (m: RoundMemberRow) => ({
  id: m.subjectId, unit: m.unit, status: m.status, countsInBase: m.countsInBase,
  ...(m.display !== null && { display: JSON.parse(m.display) as Record<string, unknown> }),
});

/** What the server would fill for `roster` now (one query per source scheme), for the missing report;
 * none when the scheme rolls nothing up or names a source the organization lacks (pendingSources says so). */
function rollupsOf(ctx: ServerCtx, r: RoundRow, info: SchemeInfo, roster: readonly RoundMemberRow[]) {
  if (!info.fields.some((f) => f.fill)) return undefined;
  const own = { schemeId: r.schemeId, schemeName: schemeNameOf(ctx, r.schemeId), period: r.period };
  if (unknownSources(ctx.db, r.orgId, own, info).length > 0) return undefined;
  const ids = roster.filter((m) => m.status !== 'absent').map((m) => m.subjectId);
  return { values: fillRound(ctx.db, r.orgId, own, info, ids).values, period: r.period };
}

async function detail(ctx: ServerCtx, p: Principal, r: RoundRow) {
  const { info } = await preparedOf(ctx, r);
  const roster = store.members(ctx.db, r.id).filter((m) => seesUnit(p, m.unit ?? r.unit));
  const parts = store.newestParts(ctx.db, r.id);
  return {
    ...roundView(ctx, r),
    changed: changedSinceRevision(ctx, r, info),
    revisions: store.revisionList(ctx.db, r.id),
    members: roster.map(memberView),
    missing: missingInputs(info, roster.map((m) => ({ ...m, unit: m.unit ?? r.unit })), parts, rollupsOf(ctx, r, info, roster)),
    pendingSources: pendingSources(ctx.db, r.orgId, { schemeId: r.schemeId, schemeName: schemeNameOf(ctx, r.schemeId), period: r.period }, info),
  };
}

// ---------------------------------------------------------------- create

/** 409 `round_exists` when a round of the same scheme (any version), period and unit (none = the whole
 * organization) is in 公示 or final: its results are being announced or settled (corrections go
 * through amendments), a second round would give people a second result for the period. Drafts
 * (open, evaluated) may coexist — a round cannot be deleted and its version is fixed at creation, so
 * a round made on an outdated version must not block the period — and finalize refuses a second
 * final result per person (refuseSecondResult). */
function refuseSecondRound(ctx: ServerCtx, round: RoundRow, scheme: string): void {
  const other = ctx.db.$client.prepare(
    "SELECT id, name FROM rounds WHERE org_id = ? AND scheme_id = ? AND period = ? AND unit IS ? AND status IN ('publicity', 'final') ORDER BY id LIMIT 1",
  ).get(round.orgId, round.schemeId, round.period, round.unit) as { id: string; name: string | null } | undefined;
  if (!other) return;
  const unit = round.unit === null ? S.wholeOrganization() : S.unitNamed({ unit: round.unit });
  const msg = S.roundExists({ other: label(other), scheme, period: round.period, unit });
  throw new ApiError(409, 'round_exists', msg, [{ path: 'period', round: other.id, ...said(msg) }]);
}

async function createRound(ctx: ServerCtx, p: Principal, body: z.infer<typeof routes.create.request.body.content['application/json']['schema']>) {
  const scheme = schemeOf(ctx, p, body.scheme);
  const version = body.version === undefined ? latestPublished(ctx.db, scheme.id) : getVersion(ctx.db, scheme.id, body.version);
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
  const { info } = await preparedOf(ctx, round);
  const kind = info.periodKind;
  const parsed = parsePeriod(body.period, kind);
  if (!isPeriod(parsed)) {
    const form = kind ? PERIOD_FORMS[kind] : Object.values(PERIOD_FORMS).join(' | ');
    // The engine's reason when the text has the form but names no period (2026-Q5: quarters are Q1–Q4).
    const msg = parsed.problem === 'malformed' && parsed.fault ? R.periodFault({ period: body.period, why: faultMsg(parsed.fault), form })
      : kind ? R.periodWrongForm({ period: body.period, form }) : R.periodSpecial({ period: body.period });
    throw new ApiError(422, 'invalid_input', msg, [{ path: 'period', code: 'KH-E031', expected: form, found: body.period, ...said(msg) }]);
  }
  round.period = parsed.text;
  refuseUnknownSources(ctx, round, info);
  // One round per scheme, period and unit (checked and inserted in one transaction: two creates at once cannot both pass).
  ctx.db.$client.transaction(() => { refuseSecondRound(ctx, round, scheme.name); store.insertRound(ctx.db, round); }).immediate();
  return roundView(ctx, round);
}

// ---------------------------------------------------------------- roster

const STATUS: Record<string, RoundMemberRow['status']> = { take: 'take', absent: 'absent', ungraded: 'ungraded', 参加: 'take', 不参加: 'absent', 不定等次: 'ungraded' };

/** `displays`: each member's `display` as sent (json-exact.ts: an 18-digit 身份证号 sent as a number
 * keeps every digit), checked and stored as text exactly like evaluate's display (engine/display.ts). */
function setRoster(ctx: ServerCtx, p: Principal, id: string, body: z.infer<typeof RosterBody>, displays: readonly unknown[]) {
  const round = roundOf(ctx, p, id);
  if (round.status === 'final') throw conflict('round_final', R.roundFinal({ id: label(round) }));
  if (round.status !== 'open' && round.status !== 'evaluated') throw conflict('round_not_open', R.rosterLocked({ id: label(round), status: STATUS_WORD[round.status]() }));
  // A unit officer cannot replace the whole roster (it holds other units' people).
  if (!seesAllUnits(p)) throw allUnitsOnly(R.rosterNeedsAllUnits());
  const problems: ReturnType<typeof problem>[] = [];
  const seen = new Set<string>();
  const list: store.NewMember[] = body.members.map((m, i) => {
    if (seen.has(m.id)) problems.push(problem(`members[${i}].id`, 'duplicate_member', R.duplicateMember({ subject: m.id })));
    seen.add(m.id);
    const status = STATUS[m.status];
    if (!status) problems.push(problem(`members[${i}].status`, 'unknown_status', R.unknownStatus({ status: m.status })));
    const shown = validateDisplay(displays[i], `members[${i}].display`);
    for (const e of shown.errors) problems.push(problem(e.path ?? `members[${i}].display`, e.code, e.msg ?? R.invalidRoster()));
    return {
      subjectId: m.id, unit: m.unit ?? null, status: status ?? 'take',
      countsInBase: m.countsInBase ?? true, display: shown.display ? JSON.stringify(shown.display) : null,
    };
  });
  if (problems.length > 0) throw unprocessable(R.invalidRoster(), problems);
  ctx.db.$client.transaction(() => store.replaceRoster(ctx.db, id, list)).immediate();
}

// ---------------------------------------------------------------- input parts

interface InputsAnswer { status: 200 | 201; json: string }

/** `sentInputs`: each subject's `input` as JSON.parse read it — zod's record drops a `__proto__` key,
 * which must be refused as an unknown field, not ignored. */
async function submitInputs(ctx: ServerCtx, p: Principal, id: string, body: z.infer<typeof InputsBody>, key: string | undefined, sentInputs: readonly unknown[]): Promise<InputsAnswer> {
  const round = roundOf(ctx, p, id);
  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  if (key !== undefined) {
    const first = store.findBatch(ctx.db, id, p.tokenId, key);
    if (first) {
      if (first.requestHash !== requestHash) throw conflict('idempotency_key_reused', M.keyReused());
      return { status: 200, json: first.response };
    }
  }
  if (round.status === 'final') throw conflict('round_final', R.roundFinal({ id: label(round) }));
  if (round.status === 'publicity') throw conflict('round_in_publicity', R.roundInPublicity({ id: label(round) }));
  const { info } = await preparedOf(ctx, round);
  const roster = new Map(store.members(ctx.db, id).map((m) => [m.subjectId, m]));
  const problems: { code: string }[] = [];
  const refused: ReturnType<typeof problem>[] = [];
  const seen = new Set<string>();
  const parts: store.NewPart[] = [];
  body.subjects.forEach((s, i) => {
    const m = roster.get(s.id);
    if (!m) { problems.push(problem(`subjects[${i}].id`, 'not_in_roster', R.notInRoster({ subject: s.id, id: label(round) }))); return; }
    if (seen.has(s.id)) problems.push(problem(`subjects[${i}].id`, 'duplicate_subject', R.duplicateSubject({ subject: s.id })));
    seen.add(s.id);
    const unit = m.unit ?? round.unit;
    if (!seesUnit(p, unit)) {
      refused.push(problem(`subjects[${i}].id`, 'unit_not_allowed', unitNotYours(s.id, unit)));
      return;
    }
    const checkable: Record<string, unknown> = {};
    for (const [field, value] of Object.entries((sentInputs[i] ?? s.input) as Record<string, unknown>)) {
      const f = info.byName.get(field);
      const path = `subjects[${i}].input.${field}`;
      if (!f) problems.push(problem(path, 'unknown_field', R.unknownField({ field })));
      else if (f.fill) problems.push(problem(path, 'filled_by_server', R.filledByServer({ field })));
      // The roster is authoritative for the unit: a part naming one could move a person into another
      // unit's cohort (and its quota places).
      else if (field === info.cohortField) problems.push(problem(path, 'filled_by_server', R.unitFromRoster({ field })));
      else { checkable[field] = value; parts.push({ subjectId: s.id, field, value: JSON.stringify(value) }); }
    }
    if (info.validate) problems.push(...info.validate(checkable, `subjects[${i}].input.`));
    if (s.decision) parts.push({ subjectId: s.id, field: store.DECISION_FIELD, value: JSON.stringify(s.decision) });
  });
  if (refused.length > 0) throw new ApiError(403, 'unit_not_allowed', refused[0].msg, refused);
  if (problems.length > 0) throw unprocessable(R.invalidParts(), problems);
  const at = now();
  const batch = store.newBatchId();
  const answer = { round: id, batch, part: body.part ?? null, subjects: body.subjects.length, fields: parts.length, at };
  const json = JSON.stringify(answer);
  ctx.db.$client.transaction(() => {
    store.insertParts(ctx.db, id, batch, body.part ?? null, p.tokenId, p.accountId ?? null, at, parts);
    store.insertBatch(ctx.db, { id: batch, roundId: id, tokenId: p.tokenId, key, requestHash: key === undefined ? undefined : requestHash, response: json, at });
  }).immediate();
  return { status: 201, json };
}

// ---------------------------------------------------------------- 公示 and final

/** China's UTC+8 (no daylight saving): 公示 days are China's calendar days, whatever the server's zone. */
const CHINA_MS = 8 * 60 * 60 * 1000;
const chinaDay = (ms: number) => new Date(ms + CHINA_MS).toISOString().slice(0, 10);
const chinaToday = () => chinaDay(Date.now());

/** `until` as a day: `YYYY-MM-DD`, or an instant with offset (its day in China); else why it is none
 * (`2026-13-01`: there is no month 13). */
function dayOf(text: string): { day: string } | { why: Msg } {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(text)?.[0];
  if (date !== undefined && dateFault(date)) return { why: whyNotDate(date) };
  if (date !== undefined && text === date) return { day: date };
  if (!/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(text)) return { why: R.untilForm() };
  const ms = new Date(text).getTime();
  return Number.isNaN(ms) ? { why: R.untilForm() } : { day: chinaDay(ms) };
}

/** The round as messages name it: its name when it has one (2026年度考核), else its id. */
const label = (r: Pick<RoundRow, 'id' | 'name'>): string => r.name ?? r.id;

/** 409 `round_out_of_date`: a round it rolled up was amended since; 公示 and final would show old figures. */
function refuseStale(round: RoundRow): void {
  if (round.outOfDate) throw conflict('round_out_of_date', S.roundOutOfDate({ id: label(round) }));
}

async function publicize(ctx: ServerCtx, p: Principal, id: string, until: string): Promise<RoundRow> {
  const round = roundOf(ctx, p, id);
  if (!seesAllUnits(p)) throw allUnitsOnly(U.publicizeNeedsAllUnits());
  if (round.status === 'final') throw conflict('round_final', R.roundFinal({ id: label(round) }));
  if (round.status === 'open') throw conflict('round_not_evaluated', R.notEvaluated({ id: label(round), step: R.stepPublicity() }));
  const read = dayOf(until);
  if ('why' in read) {
    const msg = R.untilInvalid({ until, why: read.why });
    throw unprocessable(msg, [problem('until', 'invalid_date', msg)]);
  }
  const day = read.day;
  if (day < chinaToday()) {
    const msg = R.untilPast({ until: day, today: chinaToday() });
    throw unprocessable(msg, [problem('until', 'date_in_past', msg)]);
  }
  // 公示 runs its announced days: a second publicize may extend it, never cut it short.
  if (round.status === 'publicity' && round.publicityUntil !== null && day < round.publicityUntil) {
    throw conflict('publicity_shortened', S.publicityShortened({ id: label(round), until: round.publicityUntil, wanted: day }));
  }
  refuseStale(round);
  if (round.status === 'evaluated' && changedSinceRevision(ctx, round, (await preparedOf(ctx, round)).info)) throw conflict('round_changed', S.roundChanged({ id: label(round) }));
  ctx.db.$client.transaction(() => store.updateRound(ctx.db, id, { status: 'publicity', publicityUntil: day })).immediate();
  return { ...round, status: 'publicity', publicityUntil: day };
}

/** 409 `result_exists` when someone of the round already has a final result of the scheme for the
 * period — from another round (of another unit, or a whole-organization one) or an import: a person
 * gets one result per period (roll-ups and history would pick one of two). Run in finalize's
 * transaction, so two rounds finalizing at once cannot both pass. */
function refuseSecondResult(ctx: ServerCtx, round: RoundRow): void {
  const rows = ctx.db.$client.prepare(
    `SELECT mine.subject_id AS subject, other.round_id AS round, other.imported AS imported FROM subject_results mine
     JOIN subject_results other ON other.org_id = mine.org_id AND other.scheme_id = mine.scheme_id AND other.period = mine.period
       AND other.subject_id = mine.subject_id AND other.final = 1 AND other.round_id IS NOT mine.round_id
     WHERE mine.round_id = ? ORDER BY mine.subject_id LIMIT 20`,
  ).all(round.id) as { subject: string; round: string | null; imported: number }[];
  if (rows.length === 0) return;
  const msg = S.resultExists({ id: label(round), period: round.period, subjects: rows.map((r) => r.subject) });
  throw new ApiError(409, 'result_exists', msg, rows.map((r) => ({
    path: 'roster', subject: r.subject, round: r.round, imported: r.imported === 1,
    ...said(r.round === null ? S.importedExists({ subject: r.subject, period: round.period }) : S.roundResultExists({ subject: r.subject, other: r.round, period: round.period })),
  })));
}

function finalize(ctx: ServerCtx, p: Principal, id: string): RoundRow {
  const round = roundOf(ctx, p, id);
  if (!seesAllUnits(p)) throw allUnitsOnly(U.finalizeNeedsAllUnits());
  if (round.status === 'final') throw conflict('round_final', R.alreadyFinal({ id: label(round) }));
  if (round.status !== 'publicity') throw conflict('round_not_in_publicity', R.notInPublicity({ id: label(round), status: STATUS_WORD[round.status]() }));
  refuseStale(round);
  // 公示 runs through its `until` day (China time): finalize from the day after.
  if (round.publicityUntil !== null && round.publicityUntil >= chinaToday()) {
    throw conflict('publicity_running', R.publicityRunning({ id: label(round), until: round.publicityUntil }));
  }
  const at = now();
  ctx.db.$client.transaction(() => {
    refuseSecondResult(ctx, round);
    store.updateRound(ctx.db, id, { status: 'final', finalizedAt: at });
    store.finalizeResults(ctx.db, id);
  }).immediate();
  return { ...round, status: 'final', finalizedAt: at };
}

// ---------------------------------------------------------------- the router

export function roundsRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(routes.create, async (c) => {
    const view = await createRound(ctx, c.get('principal'), c.req.valid('json'));
    c.header('Location', `/api/rounds/${view.id}`);
    return c.json(view, 201);
  });

  app.openapi(routes.get, async (c) => {
    const p = c.get('principal');
    localized(c);
    return c.json(await detail(ctx, p, roundOf(ctx, p, c.req.valid('param').id)), 200);
  });

  app.openapi(routes.roster, async (c) => {
    const p = c.get('principal');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    // The body as sent (hono keeps the validated text): zod saw JSON.parse's doubles, 110101199001011234 → …230.
    const sent = parseJsonExact(await c.req.text()) as { members: { display?: unknown }[] };
    await roundLocks.run(id, () => setRoster(ctx, p, id, body, sent.members.map((m) => m.display)));
    return c.json(await detail(ctx, p, roundOf(ctx, p, id)), 200);
  });

  app.openapi(routes.inputs, async (c) => {
    const p = c.get('principal');
    const { id } = c.req.valid('param');
    const key = c.req.valid('header')['idempotency-key'];
    const body = c.req.valid('json');
    const sent = JSON.parse(await c.req.text()) as { subjects: { input: unknown }[] };
    const answer = await roundLocks.run(id, () => submitInputs(ctx, p, id, body, key, sent.subjects.map((s) => s.input)));
    if (answer.status === 200) c.header('Idempotent-Replayed', 'true');
    return c.body(answer.json, answer.status, { 'Content-Type': 'application/json' }) as unknown as ReturnType<typeof c.json<z.infer<typeof import('./schemas.js').InputsAnswer>, 201>>;
  });

  app.openapi(routes.evaluate, async (c) => {
    const p = c.get('principal');
    const { id } = c.req.valid('param');
    const lang = localized(c);
    const done = await roundLocks.run(id, async () => {
      const round = roundOf(ctx, p, id);
      if (!seesAllUnits(p)) throw allUnitsOnly(U.evaluateNeedsAllUnits());
      if (round.status === 'final') throw conflict('round_final', R.roundFinal({ id: label(round) }));
      if (round.status === 'publicity') throw conflict('round_in_publicity', R.evaluateInPublicity({ id: label(round) }));
      return evaluateRound(ctx, id, p, { lang });
    });
    const r = done.round;
    const { info } = await preparedOf(ctx, r);
    const pending = pendingSources(ctx.db, r.orgId, { schemeId: r.schemeId, schemeName: schemeNameOf(ctx, r.schemeId), period: r.period }, info);
    // The result as stored (revision.result), not serialized a second time: for 10,000 people it is MBs.
    const json = `{"round":${JSON.stringify(roundView(ctx, r))},"revision":${done.revision.n},"result":${done.revision.result},"pendingSources":${JSON.stringify(pending)}}`;
    return c.body(json, 200, { 'Content-Type': 'application/json' }) as unknown as ReturnType<typeof c.json<z.infer<typeof import('./schemas.js').EvaluatedSchema>, 200>>;
  });

  app.openapi(routes.publicize, async (c) => {
    const p = c.get('principal');
    const { id } = c.req.valid('param');
    const { until } = c.req.valid('json');
    const r = await roundLocks.run(id, () => publicize(ctx, p, id, until));
    return c.json(roundView(ctx, r), 200);
  });

  app.openapi(routes.finalize, async (c) => {
    const p = c.get('principal');
    const { id } = c.req.valid('param');
    const r = await roundLocks.run(id, () => finalize(ctx, p, id));
    const view = roundView(ctx, r);
    roundFinalized(ctx, { ...r, scheme: view.scheme.id, version: view.scheme.version });
    return c.json(view, 200);
  });

  return app;
}
