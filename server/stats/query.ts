// What GET /api/statistics reads (issue 15): the query resolved into periods and rounds, their
// facts (facts-store.ts), and the analytics core run over them (analytics/tables.ts).
//
// - `period` / `from`..`to`: the FINAL rounds of the scheme in each period (their newest revision;
//   several final rounds of one period are different units' and are merged), at most MAX_SPAN
//   periods (422 `span_too_long`); periods without a final round are left out, none at all is 422
//   `no_rounds` naming the scheme and the span. The period before the first is read too when it
//   has final rounds: the first period's change compares with it.
// - `round`: one round of any status once evaluated (409 `round_not_evaluated` before), its
//   status in `rounds[]`; compared with the final rounds of the period before, limited to the units
//   the round has (a round of one unit is not compared with the whole organization: `scope`).
// - A unit officer sees only their units (`scope`; the answer says `scopedTo`); `unit=` another
//   unit, or rounds with nobody of their units, is 403 `unit_not_allowed`; a unit nobody in the
//   statistics belongs to is 422 `unknown_unit`.
// - Bad period text is 422 `invalid_period` at its parameter with the form expected (`expected`).

import type { Msg } from '../../dsl/i18n/index.js';
import { isPeriod, parsePeriod, PERIOD_FORMS, type Period, type PeriodKind } from '../../dsl/dates.js';
import type { PeriodFacts, StatisticsOptions } from '../../analytics/types.js';
import { seesAllUnits, seesUnit } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import type { RoundRow } from '../db/schema.js';
import { ApiError, said } from '../errors.js';
import { label, roundOf } from '../rounds/round-common.js';
import { versionScheme } from '../rounds/version-scheme.js';
import { schemeOf } from '../schemes/service.js';
import { versionRefused } from '../version-errors.js';
import { latestPublished, schemeNameOf } from '../schemes/store.js';
import type { Sql } from '../store/types.js';
import { revisionFacts } from './facts-store.js';
import { S } from './messages.js';
import { kindOfText, MAX_SPAN, periodBefore, readPeriod, regularSpan, specialSpan } from './periods.js';

export interface StatisticsQueryInput {
  scheme?: string; period?: string; from?: string; to?: string; round?: string; unit?: string; by?: 'unit' | 'indicator';
  cursor?: string; limit?: number;
}

/** What the analytics core is asked, and the scope the answer states. */
export interface Resolved { periods: PeriodFacts[]; options: StatisticsOptions; scopedTo?: string[] }

const problem = (status: 400 | 403 | 409 | 422, code: string, path: string, msg: Msg, extra: Record<string, unknown> = {}) =>
  new ApiError(status, code, msg, [{ path, code, ...extra, ...said(msg) }]);

type RoundPick = Pick<RoundRow, 'id' | 'name' | 'status' | 'revision' | 'versionId' | 'unit' | 'period'>;

/** The final rounds of a scheme in `periods`, by period. */
async function finalRounds(sql: Sql, orgId: number, schemeId: number, periods: readonly string[]): Promise<Map<string, RoundPick[]>> {
  const out = new Map<string, RoundPick[]>();
  if (periods.length === 0) return out;
  const rows = await sql.all<RoundPick>(
    `SELECT id, name, status, revision, version_id AS "versionId", unit, period FROM rounds
     WHERE org_id = ? AND scheme_id = ? AND status = 'final' AND revision > 0 AND period IN (${periods.map(() => '?').join(', ')})
     ORDER BY id`,
    [orgId, schemeId, ...periods],
  );
  for (const r of rows) {
    const list = out.get(r.period);
    if (list) list.push(r); else out.set(r.period, [r]);
  }
  return out;
}

/** The period facts of `rounds` (one period). */
async function periodFacts(ctx: ServerCtx, period: string, rounds: readonly RoundPick[]): Promise<PeriodFacts> {
  const facts = await revisionFacts(ctx, rounds);
  return { period, facts, rounds: rounds.map((r) => ({ id: r.id, name: label(r), status: r.status, revision: r.revision })) };
}

/** The scheme's period kind: its newest published version's (undefined: any form is read) — prepared
 * where its length says (rounds/version-scheme.ts: a long one by a worker, never on the loop). */
async function kindOf(ctx: ServerCtx, orgId: number, schemeId: number): Promise<PeriodKind | undefined> {
  const v = await latestPublished(ctx.store, schemeId);
  if (!v) return undefined;
  const at = await versionScheme(ctx, { id: v.id, hash: v.hash, n: v.n, owner: orgId });
  if ('errors' in at) throw versionRefused(v.n, at.errors);
  return at.scheme.periodKind as PeriodKind | undefined;
}

function readOrRefuse(text: string, kind: PeriodKind | undefined, path: string, scheme: string): Period {
  const read = readPeriod(text, kind);
  if ('period' in read) return read.period;
  throw problem(422, 'invalid_period', path, S.periodForm({ period: text, scheme, form: read.expected }), { expected: read.expected, found: text });
}

const STORED_PERIODS = "SELECT DISTINCT period FROM rounds WHERE org_id = ? AND scheme_id = ? AND status = 'final'";

/** The stored special periods of a scheme (final rounds), parsed. */
async function storedSpecial(sql: Sql, orgId: number, schemeId: number): Promise<Period[]> {
  const rows = await sql.all<{ period: string }>(STORED_PERIODS, [orgId, schemeId]);
  return rows.map((r) => parsePeriod(r.period, 'special')).filter(isPeriod);
}

/** Which periods a `period` or `from`/`to` query covers, the one before, and the span's words. */
async function spanOf(ctx: ServerCtx, p: Principal, schemeId: number, scheme: string, q: StatisticsQueryInput) {
  const kind = await kindOf(ctx, p.orgId, schemeId);
  if (q.period !== undefined) {
    const one = readOrRefuse(q.period, kind, 'period', scheme);
    return { periods: [one.text], before: periodBefore(one, kind ?? 'special'), words: S.spanOne({ period: one.text }) };
  }
  const from = readOrRefuse(q.from!, kind, 'from', scheme);
  const to = readOrRefuse(q.to!, kind, 'to', scheme);
  const words = S.spanWords({ from: from.text, to: to.text });
  const effective = kind ?? kindOfText(from.text);
  if (effective === 'special' || effective === undefined) {
    const span = specialSpan(await storedSpecial(ctx.store, p.orgId, schemeId), from, to);
    if (!span) throw problem(422, 'invalid_span', 'to', S.spanReversed({ from: from.text, to: to.text }));
    if (span.periods.length > MAX_SPAN) throw tooLong(from.text, to.text, span.periods.length);
    return { periods: span.periods, before: span.before, words };
  }
  if (kindOfText(to.text) !== effective) {
    const form = PERIOD_FORMS[effective];
    throw problem(422, 'invalid_period', 'to', S.periodForm({ period: to.text, scheme, form }), { expected: form, found: to.text });
  }
  const span = regularSpan(from, to, effective);
  if (!span) throw problem(422, 'invalid_span', 'to', S.spanReversed({ from: from.text, to: to.text }));
  if (span.count > MAX_SPAN) throw tooLong(from.text, to.text, span.count);
  return { periods: span.periods, before: span.before, words };
}

const tooLong = (from: string, to: string, count: number) =>
  problem(422, 'span_too_long', 'to', S.spanTooLong({ from, to, count, max: MAX_SPAN }), { max: MAX_SPAN, count });

/** Exactly one selector: `period`, `from`+`to`, or `round`. */
function refuseSelectors(q: StatisticsQueryInput): void {
  if ((q.from === undefined) !== (q.to === undefined)) {
    throw problem(422, 'invalid_query', q.from === undefined ? 'from' : 'to', S.fromWithoutTo());
  }
  const given = [q.period, q.from, q.round].filter((x) => x !== undefined).length;
  if (given !== 1) throw problem(422, 'invalid_query', given === 0 ? 'period' : 'round', S.oneSelector());
  if (q.round === undefined && q.scheme === undefined) throw problem(422, 'invalid_query', 'scheme', S.schemeRequired());
}

/** The unit filter: one of a unit officer's units (403 otherwise). */
function refuseUnit(p: Principal, unit: string | undefined): void {
  if (unit === undefined || seesUnit(p, unit)) return;
  throw problem(403, 'unit_not_allowed', 'unit', S.unitNotYours({ unit, units: [...(p.units ?? [])] }));
}

/** 422 `unknown_unit` when nobody read belongs to `unit`. */
function refuseUnknownUnit(unit: string | undefined, all: readonly PeriodFacts[], scheme: string, words: Msg): void {
  if (unit === undefined) return;
  if (all.some((pf) => pf.facts.some((f) => f.units.includes(unit)))) return;
  throw problem(422, 'unknown_unit', 'unit', S.unknownUnit({ unit, scheme, span: words }));
}

/** 403 `unit_not_allowed` when a unit officer's units have nobody in what was read: their tables
 * would all be empty, and an empty success would read as "nothing happened". */
function refuseNobodyInScope(scopedTo: string[] | undefined, all: readonly PeriodFacts[], scheme: string, words: Msg): void {
  if (!scopedTo) return;
  if (all.some((pf) => pf.facts.some((f) => f.units.some((u) => scopedTo.includes(u))))) return;
  throw problem(403, 'unit_not_allowed', 'scheme', S.nobodyOfYours({ units: scopedTo, scheme, span: words }));
}

/** The periods and options of a statistics query of the caller's organization. */
export async function resolveQuery(ctx: ServerCtx, p: Principal, q: StatisticsQueryInput): Promise<Resolved> {
  refuseSelectors(q);
  refuseUnit(p, q.unit);
  const scopedTo = seesAllUnits(p) ? undefined : [...(p.units ?? [])];
  const common: StatisticsOptions = {
    ...(q.unit !== undefined && { unit: q.unit }), ...(scopedTo && { scope: scopedTo }), by: q.by ?? 'indicator',
    ...(q.cursor !== undefined && { cursor: q.cursor }), ...(q.limit !== undefined && { limit: q.limit }),
  };
  if (q.round !== undefined) return roundQuery(ctx, p, q, common, scopedTo);
  const scheme = await schemeOf(ctx, p, q.scheme!);
  const span = await spanOf(ctx, p, scheme.id, scheme.name, q);
  const rounds = await finalRounds(ctx.store, p.orgId, scheme.id, span.before ? [...span.periods, span.before] : span.periods);
  const periods: PeriodFacts[] = [];
  for (const period of span.periods) {
    const list = rounds.get(period);
    if (list) periods.push(await periodFacts(ctx, period, list));
  }
  if (periods.length === 0) {
    throw problem(422, 'no_rounds', q.period !== undefined ? 'period' : 'from', S.noRounds({ scheme: scheme.name, span: span.words }), { scheme: scheme.name });
  }
  const earlier = span.before !== undefined ? rounds.get(span.before) : undefined;
  const before = earlier ? await periodFacts(ctx, span.before!, earlier) : undefined;
  refuseNobodyInScope(scopedTo, periods, scheme.name, span.words);
  refuseUnknownUnit(q.unit, periods, scheme.name, span.words);
  return { periods, options: { ...common, ...(before && { before }) }, ...(scopedTo && { scopedTo }) };
}

/** `round=`: that round's newest revision, compared with the final rounds of the period before
 * (only the units the round has). */
async function roundQuery(ctx: ServerCtx, p: Principal, q: StatisticsQueryInput, common: StatisticsOptions, scopedTo?: string[]): Promise<Resolved> {
  const round = await roundOf(ctx, p, q.round!);
  const schemeName = await schemeNameOf(ctx.store, round.schemeId);
  if (q.scheme !== undefined) {
    const scheme = await schemeOf(ctx, p, q.scheme);
    if (scheme.id !== round.schemeId) throw problem(422, 'invalid_query', 'round', S.roundOfOtherScheme({ round: label(round), other: schemeName, scheme: scheme.name }));
  }
  if (round.revision === 0) throw problem(409, 'round_not_evaluated', 'round', S.roundNotEvaluated({ id: label(round) }));
  const current = await periodFacts(ctx, round.period, [round]);
  const parsed = parsePeriod(round.period, undefined);
  const kind = isPeriod(parsed) ? kindOfText(parsed.text) : undefined;
  const prev = isPeriod(parsed) && kind ? periodBefore(parsed, kind) : undefined;
  const earlier = prev ? (await finalRounds(ctx.store, p.orgId, round.schemeId, [prev])).get(prev) : undefined;
  const before = earlier ? await periodFacts(ctx, prev!, earlier) : undefined;
  refuseNobodyInScope(scopedTo, [current], schemeName, S.spanOne({ period: round.period }));
  refuseUnknownUnit(q.unit, [current], schemeName, S.spanOne({ period: round.period }));
  // Compared person by person, people of units outside the round would all read as `gone`: the
  // scope is the round's units (and of those, a unit officer's).
  const units = [...new Set(current.facts.flatMap((f) => f.units))].filter((u) => !scopedTo || scopedTo.includes(u));
  return { periods: [current], options: { ...common, scope: units, ...(before && { before }) }, ...(scopedTo && { scopedTo }) };
}
