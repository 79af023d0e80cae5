// POST /api/subjects/import (issue 14 item 6): results from before kaohe — per person, period,
// grade and score — so that history rules (`past 3 years`, 连续三年优秀) work in the first year. Rows
// go to subject_results marked imported and final (what roll-ups and history read).
//
// - Checked against the scheme's newest published version: the period's form against its `period`
//   kind, the grade against its grade names, the score within 0…its full score (exactly: Rational);
//   each row needs a grade or a score; a (subject, period) twice in one request is refused.
// - All or nothing: every problem of every row is answered at once (422 `invalid_import`, details
//   by path `results[3].grade`), nothing is stored; otherwise one transaction stores them all.
// - Re-importing a (subject, period) replaces the earlier imported row for the scheme (a correction
//   of the old records); rows of rounds are never touched. A replaced row whose grade or score
//   changed flags every round that read it out of date (rounds/stale-imports.ts), as an amendment of
//   a source round does.
// - A unit officer (accounts/scope.ts) may import only rows of their units, each naming the unit.
//   Nor may they replace an earlier imported row of another unit (or of none), nor import a person
//   the organization knows in a unit they do not cover (a roster, a result): 403, nothing stored.

import { Rational } from '../../dsl/rational.js';
import { isPeriod, parsePeriod, PERIOD_FORMS, type PeriodKind } from '../../dsl/dates.js';
import type { Msg } from '../../dsl/i18n/index.js';
import { D } from '../../engine/dates-messages.js';
import { periodSuggestion } from '../../engine/period-suggestion.js';
import { seesAllUnits, seesUnit } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { now } from '../db/client.js';
import { ApiError, conflict, said } from '../errors.js';
import { M } from '../messages.js';
import { schemeOf } from '../schemes/service.js';
import { versionRefused } from '../version-errors.js';
import { latestPublished } from '../schemes/store.js';
import { L } from '../rounds/late-messages.js';
import { beforePublicity } from '../rounds/void.js';
import { F } from './messages.js';
import { S } from '../rounds/stale-messages.js';
import { flagReadersOfArrived } from '../rounds/stale-arrivals.js';
import { flagReadersOfImported } from '../rounds/stale-imports.js';
import { versionScheme } from '../rounds/version-scheme.js';

export const MAX_IMPORT_ROWS = 10_000;

export interface ImportRow { subject: string; period: string; grade?: string | null; score?: number | string | null; unit?: string | null }
export interface ImportBody { scheme: string; results: ImportRow[] }

interface Checked { subject: string; period: string; grade: string | null; score: string | null; exact: string | null; unit: string | null }

/** What a row is checked against: the newest published version's period kind, grades, full score. */
interface Facts { scheme: string; n: number; kind?: PeriodKind; grades: string[]; total: Rational; precision: number }

function parseTotal(text: string | undefined): Rational {
  return text === undefined ? Rational.HUNDRED : (fraction(text) ?? Rational.parse(text) ?? Rational.HUNDRED);
}

async function factsOf(ctx: ServerCtx, p: Principal, name: string) {
  const scheme = schemeOf(ctx, p, name);
  const version = latestPublished(ctx.db, scheme.id);
  if (!version) throw conflict('not_published', M.notPublished({ id: scheme.name }));
  // Prepared in a worker when longer than the event loop prepares (rounds/version-scheme.ts).
  const prepared = await versionScheme(ctx, { id: version.id, hash: version.hash, n: version.n, owner: p.orgId });
  if ('errors' in prepared) throw versionRefused(version.n, prepared.errors);
  const v = prepared.scheme;
  const facts: Facts = { scheme: scheme.name, n: version.n, kind: v.periodKind as PeriodKind | undefined, grades: v.gradeNames ?? [], total: parseTotal(v.total), precision: v.precision };
  return { schemeId: scheme.id, facts };
}

/** The score as an exact value, or undefined when it is no number. */
function scoreOf(v: number | string): Rational | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Rational.fromNumber(v) : undefined;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Rational.parse(v) : undefined;
}

type Problem = { path: string; message: string; msg: Msg; suggest?: string };

function checkRow(r: ImportRow, i: number, f: Facts, p: Principal, seen: Map<string, number>, problems: Problem[]): Checked | undefined {
  const at = `results[${i}]`;
  const before = problems.length;
  const add = (path: string, msg: Msg) => problems.push({ path, ...said(msg) });
  const parsed = parsePeriod(r.period, f.kind);
  const form = f.kind ? PERIOD_FORMS[f.kind] : Object.values(PERIOD_FORMS).join(' | ');
  if (!isPeriod(parsed)) {
    const problem = parsed.problem === 'wrongKind' ? F.periodWrongKind({ period: r.period, form, scheme: f.scheme }) : F.periodMalformed({ period: r.period, form });
    // the period it was probably meant as (2025-09 → 2025-Q3, V11b MED-3), also as `suggest`
    const suggest = periodSuggestion(r.period, f.kind);
    if (suggest) problems.push({ path: `${at}.period`, suggest, ...said(D.periodDidYouMean({ problem, suggest })) });
    else add(`${at}.period`, problem);
  }
  const grade = r.grade ?? null;
  if (grade !== null && !f.grades.includes(grade)) {
    add(`${at}.grade`, f.grades.length === 0 ? F.schemeHasNoGrades({ scheme: f.scheme, n: f.n }) : F.gradeUnknown({ grade, scheme: f.scheme, n: f.n, grades: f.grades }));
  }
  let score: Rational | undefined;
  if (r.score !== undefined && r.score !== null) {
    score = scoreOf(r.score);
    if (!score) {
      add(`${at}.score`, F.scoreNotDecimal({ score: String(r.score) }));
    } else if (score.cmp(Rational.ZERO) < 0 || score.cmp(f.total) > 0) {
      add(`${at}.score`, F.scoreOutOfRange({ score: String(r.score), total: f.total.toDecimalString(), scheme: f.scheme }));
    } else if (score.round(f.precision).cmp(score) !== 0) {
      // A roll-up reads an imported score as the reported one: more decimals than 公示 shows would be
      // rolled up unrounded (90.005 at precision 2).
      add(`${at}.score`, F.scoreTooPrecise({ score: String(r.score), precision: String(f.precision), scheme: f.scheme }));
    }
  }
  if (grade === null && (r.score === undefined || r.score === null)) add(at, F.gradeOrScore());
  const unit = r.unit ?? null;
  if (!seesAllUnits(p)) {
    const units = p.units ?? [];
    if (unit === null) add(`${at}.unit`, F.unitRequired({ units }));
    else if (!units.includes(unit)) add(`${at}.unit`, F.unitNotYours({ unit, units }));
  }
  if (isPeriod(parsed)) {
    const key = JSON.stringify([r.subject, parsed.text]);
    const first = seen.get(key);
    if (first !== undefined) add(at, F.duplicateResult({ subject: r.subject, period: parsed.text, first: `results[${first}]` }));
    else seen.set(key, i);
  }
  if (problems.length > before || !isPeriod(parsed)) return undefined;
  return {
    subject: r.subject, period: parsed.text, grade, unit,
    score: score ? score.toDecimalString() : null, exact: score ? score.toString() : null,
  };
}

/** 413 `import_too_large` for more than MAX_IMPORT_ROWS rows. The route asks it before zod checks a
 * row (handlers.ts): zod walked 130,000 rows of `0` into a stack overflow, a 500 (hostile audit H6 F3). */
export function limitImportRows(rows: number): void {
  if (rows <= MAX_IMPORT_ROWS) return;
  throw new ApiError(413, 'import_too_large', F.importTooLarge({ rows: String(rows), max: MAX_IMPORT_ROWS.toLocaleString('en') }), [
    { path: 'results', rows, limit: MAX_IMPORT_ROWS },
  ]);
}

export async function importResults(ctx: ServerCtx, p: Principal, body: ImportBody) {
  limitImportRows(body.results.length);
  const { schemeId, facts } = await factsOf(ctx, p, body.scheme);
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const rows = body.results.map((r, i) => checkRow(r, i, facts, p, seen, problems));
  if (problems.length > 0) throw new ApiError(422, 'invalid_import', F.invalidImport({ count: String(problems.length) }), problems);
  const { replaced, outOfDate } = store(ctx, p, schemeId, rows as Checked[]);
  if (outOfDate.length > 0) ctx.log({ msg: 'rounds out of date', import: facts.scheme, outOfDate });
  // `outOfDate`: the rounds that had read a replaced row (flagged; a source refresh reads the new one).
  return { scheme: facts.scheme, version: facts.n, imported: rows.length, replaced, ...(outOfDate.length > 0 && { outOfDate }) };
}

/** One transaction: the earlier imported row of each (subject, period) out, the new one in. A unit
 * officer imports only people known in their units alone (refuseOthersPeople: an earlier row of
 * another unit, or of none, is such a person): 403 `unit_not_allowed` at the row's path, naming
 * neither the other unit nor its rows (hostile H6 F13), and nothing is stored. */
function store(ctx: ServerCtx, p: Principal, schemeId: number, rows: Checked[]): { replaced: number; outOfDate: string[] } {
  const db = ctx.db.$client;
  const orgId = p.orgId;
  const del = db.prepare(`DELETE FROM subject_results WHERE org_id = ? AND scheme_id = ? AND subject_id = ? AND period = ? AND imported = 1`);
  const previous = db.prepare(`SELECT id, score_exact AS exact, grade FROM subject_results WHERE org_id = ? AND scheme_id = ? AND subject_id = ? AND period = ? AND imported = 1`);
  const ins = db.prepare(`INSERT INTO subject_results (org_id, scheme_id, subject_id, period, round_id, revision, unit, score, score_exact, grade, final, imported, created_at)
    VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, 1, 1, ?)`);
  const ofRound = db.prepare(`SELECT sr.round_id AS round, r.name AS name, r.status AS status FROM subject_results sr JOIN rounds r ON r.id = sr.round_id
    WHERE sr.org_id = ? AND sr.scheme_id = ? AND sr.subject_id = ? AND sr.period = ? LIMIT 1`);
  const at = now();
  return db.transaction(() => {
    if (!seesAllUnits(p)) {
      refuseOthersPeople(rows, unitsKnown(ctx, orgId, rows), p);
    }
    refuseRoundResults(rows, (r) => ofRound.get(orgId, schemeId, r.subject, r.period) as RoundHit | undefined);
    let replaced = 0;
    // Replaced rows whose grade or score changed: the rounds that read them are out of date.
    const corrected: number[] = [];
    const arrived = new Map<string, string[]>();
    for (const r of rows) {
      for (const old of previous.all(orgId, schemeId, r.subject, r.period) as { id: number; exact: string | null; grade: string | null }[]) {
        if (old.grade !== r.grade || !sameScore(old.exact, r.exact)) corrected.push(old.id);
      }
      const had = del.run(orgId, schemeId, r.subject, r.period).changes;
      replaced += had;
      if (had === 0) arrived.set(r.period, [...(arrived.get(r.period) ?? []), r.subject]);
      ins.run(orgId, schemeId, r.subject, r.period, r.unit, r.score, r.exact, r.grade, at);
    }
    // New results (no earlier import): rounds that read them as missing are out of date too.
    const flagged = new Set(flagReadersOfImported(ctx.db, orgId, corrected));
    for (const [period, subjects] of arrived) for (const id of flagReadersOfArrived(ctx.db, orgId, schemeId, period, subjects)) flagged.add(id);
    return { replaced, outOfDate: [...flagged] };
  }).immediate();
}

/** Two exact scores alike (`91/1` and `91`, or both absent). */
function sameScore(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const x = Rational.parse(a) ?? fraction(a), y = Rational.parse(b) ?? fraction(b);
  return x !== undefined && y !== undefined ? x.cmp(y) === 0 : a === b;
}

/** `1769/20` (an exact value as stored) as a Rational. */
function fraction(text: string): Rational | undefined {
  const m = /^(-?\d+)\/(\d+)$/.exec(text);
  return m ? Rational.of(BigInt(m[1]), BigInt(m[2])) : undefined;
}

interface RoundHit { round: string; name: string | null; status: string }

/** 409 `result_exists` when a round of the scheme already has a result for a row's (subject, period):
 * an import beside it would give the person two results for the period (roll-ups and history would
 * pick one). The round's result is corrected by an amendment instead; a round not in 公示 yet (a
 * trial run) may also be voided to import instead (rounds/void.ts) — the message says both ways out
 * (issue 16, U6 M-3). Every such row is named. */
function refuseRoundResults(rows: Checked[], roundOf: (r: Checked) => RoundHit | undefined): void {
  const refused: { path: string; code: string; round: string; message: string; msg: Msg }[] = [];
  rows.forEach((r, i) => {
    const hit = roundOf(r);
    if (!hit) return;
    const exists = S.importRoundExists({ subject: r.subject, period: r.period, round: hit.name ?? hit.round });
    const msg = beforePublicity(hit.status) ? L.importWayOut({ problem: exists, round: hit.name ?? hit.round, roundId: hit.round }) : exists;
    refused.push({ path: `results[${i}]`, code: 'result_exists', round: hit.round, ...said(msg) });
  });
  if (refused.length > 0) throw new ApiError(409, 'result_exists', refused[0].msg, refused);
}

/** The units each subject of `rows` is known in, in the whole organization: its roster unit on any
 * round (else the round's unit) and the unit of any result, of any scheme (null: known without one). */
function unitsKnown(ctx: ServerCtx, orgId: number, rows: Checked[]): Map<string, Set<string | null>> {
  const db = ctx.db.$client;
  const subjects = JSON.stringify([...new Set(rows.map((r) => r.subject))]);
  const known = new Map<string, Set<string | null>>();
  const note = ({ subject, unit }: { subject: string; unit: string | null }) => {
    const units = known.get(subject) ?? new Set<string | null>();
    known.set(subject, units.add(unit));
  };
  const members = db.prepare(`SELECT m.subject_id AS subject, COALESCE(m.unit, r.unit) AS unit FROM round_members m JOIN rounds r ON r.id = m.round_id
    WHERE r.org_id = ? AND m.subject_id IN (SELECT value FROM json_each(?))`);
  const results = db.prepare(`SELECT DISTINCT subject_id AS subject, unit FROM subject_results WHERE org_id = ? AND subject_id IN (SELECT value FROM json_each(?))`);
  for (const row of members.all(orgId, subjects) as { subject: string; unit: string | null }[]) note(row);
  for (const row of results.all(orgId, subjects) as { subject: string; unit: string | null }[]) note(row);
  return known;
}

/** 403 `unit_not_allowed` when a unit officer imports a person known in the organization in a unit
 * they do not cover (or without a unit): their rows would decide that person's roll-ups and history
 * unseen by the unit's own officer (hostile audit H6 F2). Every such row is named; the other unit is
 * not (the officer does not see it). */
function refuseOthersPeople(rows: Checked[], known: Map<string, Set<string | null>>, p: Principal): void {
  const refused: { path: string; code: string; message: string; msg: Msg }[] = [];
  rows.forEach((r, i) => {
    const units = [...(known.get(r.subject) ?? [])];
    const other = units.find((unit) => !seesUnit(p, unit));
    if (other === undefined) return;
    const msg = other === null ? F.personOfNoUnit({ subject: r.subject }) : F.personOfOtherUnit({ subject: r.subject });
    refused.push({ path: `results[${i}]`, code: 'unit_not_allowed', ...said(msg) });
  });
  if (refused.length > 0) throw new ApiError(403, 'unit_not_allowed', refused[0].msg, refused);
}

