// What the papers of a round are made from (issue 15), read once per request: the round, its latest
// revision's stored result and inputs, the roster (each person's unit: the roster's, else the
// round's), the people the caller may see (a unit officer: its units only — accounts/scope.ts), the
// scheme's tables and terms (paper-scheme.ts: made on the loop or by a worker, by the source's
// length) and the revision's facts (analytics factsOf, the same units as subject_results).
// Refusals: 404 for an unknown round, a person not in the latest result or a unit with nobody in
// it; 409 `round_not_evaluated` before the first evaluation; 403
// `unit_not_allowed` for a unit officer asking for a unit that is not theirs, or whose units have
// nobody in the round (an empty file would read as "nothing to print", like statistics' 403). A unit
// officer asking for another unit's person gets the 404 of an unknown id, word for word (hostile
// F9): a 403 there would tell them which ids exist elsewhere in the organization.

import { factsOf } from '../../analytics/facts.js';
import { indicatorMeansByUnit, type UnitMeans } from '../../analytics/means.js';
import type { RoundFacts, SchemeFacts } from '../../analytics/types.js';
import type { CohortMemberResult, CohortResult, SubjectInput } from '../../engine/api.js';
import type { Locale } from '../../dsl/i18n/index.js';
import type { EarlierResult } from '../../report/feedback/types.js';
import type { PaperContext } from '../../report/papers/types.js';
import { seesAllUnits, seesUnit } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import type { RoundMemberRow, RoundRow } from '../db/schema.js';
import { ApiError, conflict, notFound } from '../errors.js';
import { chinaDayOf } from '../rounds/china-day.js';
import { publicityRecord } from '../rounds/records.js';
import { label, problem, roundOf } from '../rounds/round-common.js';
import * as store from '../rounds/store.js';
import { dialects, type SqlDialect } from '../store/dialect.js';
import type { Sql } from '../store/types.js';
import { Z } from '../zod-messages.js';
import { P } from './messages.js';
import { paperScheme, type PaperScheme } from './paper-scheme.js';
import { memoRevision, revisionKey } from './revision-cache.js';

/** Most pages one file may have (a whole round of 10,000 people is asked for unit by unit). */
export const MAX_PAGES = 1000;

export interface RoundPapers {
  round: RoundRow;
  scheme: SchemeFacts;
  /** The scheme's terms in words, by language (paper-scheme.ts). */
  terms: PaperScheme['terms'];
  result: CohortResult;
  facts: RoundFacts;
  /** Each member's unit (roster, else the round's). */
  unitOf: Map<string, string | null>;
  members: RoundMemberRow[];
  /** The stored input of each person the revision evaluated, by id. */
  inputs: Map<string, SubjectInput>;
  /** Whether the caller may see a person. */
  sees: (subject: string) => boolean;
  /** A 公示 already held, recorded late (rounds/publicity-late.ts), for the 公示名单. */
  late?: { from: string; at: string };
}

export async function roundPapers(ctx: ServerCtx, p: Principal, id: string): Promise<RoundPapers> {
  const round = await roundOf(ctx, p, id);
  if (round.revision === 0) throw conflict('round_not_evaluated', P.notEvaluated({ id: label(round) }));
  // Prepared where its length says: a long version by a worker, never on the loop (paper-scheme.ts).
  const { scheme, terms } = await paperScheme(ctx, round);
  const members = await store.members(ctx.store, round.id);
  const unitOf = new Map(members.map((m) => [m.subjectId, m.unit ?? round.unit]));
  // Parsed once per revision and roster (revision-cache.ts), not once per request.
  const { result, facts, inputs } = await memoRevision(ctx.store, revisionKey(round, unitOf), async () => {
    const revision = (await store.getRevision(ctx.store, round.id, round.revision))!;
    const result = JSON.parse(revision.result) as CohortResult;
    const facts = factsOf(result, result.results.map((r) => ({ id: r.subject, unit: unitOf.get(r.subject) ?? null })), scheme);
    const stored = JSON.parse(revision.inputs) as { subjects: (SubjectInput & { status?: string })[] };
    return { result, facts, inputs: new Map(stored.subjects.map(({ status: _status, ...s }) => [s.id, s])) };
  });
  const sees = (subject: string) => seesUnit(p, unitOf.has(subject) ? unitOf.get(subject) : round.unit);
  // The day it was recorded as China's calendar day (the paper's dates are China's).
  const record = await publicityRecord(ctx.store, round);
  const late = record && { from: record.from, at: chinaDayOf(record.at) };
  return { round, scheme, terms, result, facts, unitOf, members, inputs, sees, ...(late && { late }) };
}

/** What every paper says of the round (report/papers): its scheme, name, period, 公示 and appeal days. */
export const paperContext = (papers: RoundPapers, lang: Locale): PaperContext => ({
  lang,
  scheme: papers.scheme.label ?? papers.scheme.id,
  round: {
    id: papers.round.id, name: papers.round.name, period: papers.round.period,
    publicityUntil: papers.round.publicityUntil, appealDays: papers.round.appealDays, status: papers.round.status,
    ...(papers.late && { publicityRecord: { from: papers.late.from, at: papers.late.at } }),
  },
});

/** The person's unit as the facts and subject_results say it: the roster's, else its cohort key. */
export const unitOfResult = (papers: RoundPapers, r: CohortMemberResult): string => papers.unitOf.get(r.subject) ?? r.cohort;

/** A unit officer's units, each quoted the way of the message's language. */
const unitsText = (p: Principal) => (p.units ?? []).map((u) => Z.quoted({ value: u }));

/** One person of the round's latest result, if the caller may see them. For a unit officer, a
 * person of another unit and an id nobody has are the same 404 with the same words. */
export function onePerson(papers: RoundPapers, p: Principal, subject: string): CohortMemberResult {
  const r = papers.result.results.find((x) => x.subject === subject);
  if (r && papers.sees(subject)) return r;
  if (seesAllUnits(p)) throw notFound(P.notInRound({ subject, id: label(papers.round) }));
  throw notFound(P.notAmongYours({ subject, id: label(papers.round), units: unitsText(p) }));
}

/** The people of a file: those of `unit` (when given) the caller sees, in roster (result) order. */
export function somePeople(papers: RoundPapers, p: Principal, unit: string | undefined, maxPages = Infinity): CohortMemberResult[] {
  if (unit !== undefined && !seesUnit(p, unit)) {
    const msg = P.otherUnit({ units: unitsText(p), unit });
    throw new ApiError(403, 'unit_not_allowed', msg, [problem('unit', 'unit_not_allowed', msg)]);
  }
  const people = papers.result.results.filter((r) => papers.sees(r.subject) && (unit === undefined || unitOfResult(papers, r) === unit));
  if (unit !== undefined && people.length === 0) throw notFound(P.unitNotInRound({ unit, id: label(papers.round) }));
  if (people.length === 0 && !seesAllUnits(p)) {
    const msg = P.nobodyOfYours({ units: unitsText(p), id: label(papers.round) });
    throw new ApiError(403, 'unit_not_allowed', msg, [problem('id', 'unit_not_allowed', msg)]);
  }
  if (people.length > maxPages) {
    throw new ApiError(422, 'too_many_pages', P.tooManyPages({ count: people.length, max: maxPages }), [problem('unit', 'too_many_pages', P.tooManyPages({ count: people.length, max: maxPages }))]);
  }
  return people;
}

/** The unit averages of every unit of the revision, by unit name. */
export function meansByUnit(papers: RoundPapers): Map<string, UnitMeans> {
  return new Map(indicatorMeansByUnit(papers.facts).map((u) => [u.unit, u]));
}

/** The cohort sizes of the result, by cohort key. */
export const cohortSizes = (result: CohortResult): Map<string, number> => new Map(result.cohorts.map((c) => [c.key, c.size]));

/** The earlier rows of a list of people (a JSON array of ids: one statement for a file of 1,000
 * sheets, one round trip on PostgreSQL), each person's oldest first (`id`: the order rows of one
 * instant were stored in). */
const earlierSql = (d: SqlDialect) => `SELECT subject_id AS subject, period, score, grade FROM subject_results
  WHERE org_id = ? AND scheme_id = ? AND period < ? AND (final = 1 OR imported = 1)
    AND subject_id IN (SELECT ${d.element('s')} FROM ${d.jsonElements('?', 's')})
  ORDER BY subject_id, period, created_at, id`;
const EARLIER = { sqlite: earlierSql(dialects.sqlite), postgres: earlierSql(dialects.postgres) };

/** Earlier final (or imported) results of the same scheme for `subjects`, oldest first: one per
 * period, the newest row of it. */
export async function earlierResults(sql: Sql, round: RoundRow, subjects: readonly string[]): Promise<Map<string, EarlierResult[]>> {
  const byPerson = new Map<string, Map<string, EarlierResult>>(subjects.map((s) => [s, new Map()]));
  const rows = await sql.all<EarlierResult & { subject: string }>(EARLIER[sql.dialect], [round.orgId, round.schemeId, round.period, JSON.stringify(subjects)]);
  for (const { subject, ...r } of rows) byPerson.get(subject)?.set(r.period, r);
  return new Map([...byPerson].map(([s, byPeriod]) => [s, [...byPeriod.values()]]));
}
