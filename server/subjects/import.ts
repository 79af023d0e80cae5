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
import { now } from '../store/types.js';
import { dialects, type SqlDialect } from '../store/dialect.js';
import type { Tx } from '../store/types.js';
import { ApiError, conflict, said } from '../errors.js';
import { M } from '../messages.js';
import { schemeOf } from '../schemes/service.js';
import { versionRefused } from '../version-errors.js';
import { latestPublished } from '../schemes/store.js';
import { L } from '../rounds/late-messages.js';
import { insertRows } from '../rounds/store.js';
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
  const scheme = await schemeOf(ctx, p, name);
  const version = await latestPublished(ctx.store, scheme.id);
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
  const { replaced, outOfDate } = await store(ctx, p, schemeId, rows as Checked[]);
  if (outOfDate.length > 0) ctx.log({ msg: 'rounds out of date', import: facts.scheme, outOfDate });
  // `outOfDate`: the rounds that had read a replaced row (flagged; a source refresh reads the new one).
  return { scheme: facts.scheme, version: facts.n, imported: rows.length, replaced, ...(outOfDate.length > 0 && { outOfDate }) };
}

/** The (subject, period) of a row, as a map key. */
const keyOf = (subject: string, period: string) => JSON.stringify([subject, period]);

/** The SQL of this module, per dialect: the request's subjects are one JSON list (`IN (…)` over the
 * elements, one statement text for 1 or 10,000 people; one round trip each on PostgreSQL). */
function statements(d: SqlDialect) {
  const subjects = `(SELECT ${d.element('j')} FROM ${d.jsonElements('?', 'j')})`;
  return {
    // The scheme's row, locked: imports of one scheme wait for each other (PostgreSQL; SQLite's
    // BEGIN IMMEDIATE already does), so two cannot both read "no earlier row" and both insert one.
    lock: `SELECT id FROM schemes WHERE id = ?${d.forNoKeyUpdate}`,
    previous: `SELECT id, subject_id AS subject, period, score_exact AS exact, grade FROM subject_results
      WHERE org_id = ? AND scheme_id = ? AND imported = 1 AND subject_id IN ${subjects}`,
    remove: `DELETE FROM subject_results WHERE id IN (SELECT CAST(${d.element('j')} AS INTEGER) FROM ${d.jsonElements('?', 'j')})`,
    ofRound: `SELECT sr.subject_id AS subject, sr.period, sr.round_id AS round, r.name AS name, r.status AS status
      FROM subject_results sr JOIN rounds r ON r.id = sr.round_id
      WHERE sr.org_id = ? AND sr.scheme_id = ? AND sr.subject_id IN ${subjects} ORDER BY sr.id`,
    members: `SELECT m.subject_id AS subject, COALESCE(m.unit, r.unit) AS unit FROM round_members m JOIN rounds r ON r.id = m.round_id
      WHERE r.org_id = ? AND m.subject_id IN ${subjects}`,
    results: `SELECT DISTINCT subject_id AS subject, unit FROM subject_results WHERE org_id = ? AND subject_id IN ${subjects}`,
  };
}
const SQL = { sqlite: statements(dialects.sqlite), postgres: statements(dialects.postgres) };

const IMPORTED_COLUMNS = ['org_id', 'scheme_id', 'subject_id', 'period', 'round_id', 'revision', 'unit', 'score', 'score_exact', 'grade', 'final', 'imported', 'created_at'];

interface Previous { id: number; subject: string; period: string; exact: string | null; grade: string | null }

/** One transaction: the earlier imported row of each (subject, period) out, the new one in. A unit
 * officer imports only people known in their units alone (refuseOthersPeople: an earlier row of
 * another unit, or of none, is such a person): 403 `unit_not_allowed` at the row's path, naming
 * neither the other unit nor its rows (hostile H6 F13), and nothing is stored. */
function store(ctx: ServerCtx, p: Principal, schemeId: number, rows: Checked[]): Promise<{ replaced: number; outOfDate: string[] }> {
  const orgId = p.orgId;
  const subjects = JSON.stringify([...new Set(rows.map((r) => r.subject))]);
  const at = now();
  return ctx.store.tx(async (tx) => {
    const q = SQL[tx.dialect];
    await tx.get(q.lock, [schemeId]);
    if (!seesAllUnits(p)) {
      refuseOthersPeople(rows, await unitsKnown(tx, orgId, subjects), p);
    }
    refuseRoundResults(rows, await roundHits(tx, orgId, schemeId, subjects));
    const earlier = await earlierImports(tx, orgId, schemeId, subjects, rows);
    const { corrected, arrived } = changes(rows, earlier);
    const gone = [...earlier.values()].flat().map((old) => old.id);
    const replaced = gone.length === 0 ? 0 : await tx.run(q.remove, [JSON.stringify(gone)]);
    await insertRows(tx, 'subject_results', IMPORTED_COLUMNS, rows.map((r) => [orgId, schemeId, r.subject, r.period, null, null, r.unit, r.score, r.exact, r.grade, 1, 1, at]));
    const flagged = new Set(await flagReadersOfImported(tx, orgId, corrected));
    for (const [period, subjects] of arrived) for (const id of await flagReadersOfArrived(tx, orgId, schemeId, period, subjects)) flagged.add(id);
    return { replaced, outOfDate: [...flagged] };
  });
}

/** The earlier imported rows of each (subject, period) of `rows`, by keyOf. */
async function earlierImports(tx: Tx, orgId: number, schemeId: number, subjects: string, rows: Checked[]): Promise<Map<string, Previous[]>> {
  const wanted = new Set(rows.map((r) => keyOf(r.subject, r.period)));
  const earlier = new Map<string, Previous[]>();
  for (const old of await tx.all<Previous>(SQL[tx.dialect].previous, [orgId, schemeId, subjects])) {
    const key = keyOf(old.subject, old.period);
    if (!wanted.has(key)) continue;
    const list = earlier.get(key);
    if (list) list.push(old); else earlier.set(key, [old]);
  }
  return earlier;
}

/** What replacing the earlier rows changes: replaced rows whose grade or score changed (`corrected`:
 * the rounds that read them are out of date), and the people of each period without an earlier row
 * (`arrived`: rounds that read them as missing are out of date too). */
function changes(rows: Checked[], earlier: Map<string, Previous[]>): { corrected: number[]; arrived: Map<string, string[]> } {
  const corrected: number[] = [];
  const arrived = new Map<string, string[]>();
  for (const r of rows) {
    const olds = earlier.get(keyOf(r.subject, r.period)) ?? [];
    for (const old of olds) if (old.grade !== r.grade || !sameScore(old.exact, r.exact)) corrected.push(old.id);
    if (olds.length > 0) continue;
    const list = arrived.get(r.period);
    if (list) list.push(r.subject); else arrived.set(r.period, [r.subject]);
  }
  return { corrected, arrived };
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

/** The first round result (by when it was stored) of each (subject, period) of the request's people. */
async function roundHits(tx: Tx, orgId: number, schemeId: number, subjects: string): Promise<Map<string, RoundHit>> {
  const hits = new Map<string, RoundHit>();
  for (const { subject, period, ...hit } of await tx.all<RoundHit & { subject: string; period: string }>(SQL[tx.dialect].ofRound, [orgId, schemeId, subjects])) {
    const key = keyOf(subject, period);
    if (!hits.has(key)) hits.set(key, hit);
  }
  return hits;
}

/** 409 `result_exists` when a round of the scheme already has a result for a row's (subject, period):
 * an import beside it would give the person two results for the period (roll-ups and history would
 * pick one). The round's result is corrected by an amendment instead; a round not in 公示 yet (a
 * trial run) may also be voided to import instead (rounds/void.ts) — the message says both ways out
 * (issue 16, U6 M-3). Every such row is named. */
function refuseRoundResults(rows: Checked[], hits: Map<string, RoundHit>): void {
  const refused: { path: string; code: string; round: string; message: string; msg: Msg }[] = [];
  rows.forEach((r, i) => {
    const hit = hits.get(keyOf(r.subject, r.period));
    if (!hit) return;
    const exists = S.importRoundExists({ subject: r.subject, period: r.period, round: hit.name ?? hit.round });
    const msg = beforePublicity(hit.status) ? L.importWayOut({ problem: exists, round: hit.name ?? hit.round, roundId: hit.round }) : exists;
    refused.push({ path: `results[${i}]`, code: 'result_exists', round: hit.round, ...said(msg) });
  });
  if (refused.length > 0) throw new ApiError(409, 'result_exists', refused[0].msg, refused);
}

/** The units each subject of `rows` is known in, in the whole organization: its roster unit on any
 * round (else the round's unit) and the unit of any result, of any scheme (null: known without one).
 * `subjects`: the request's people as a JSON list. */
async function unitsKnown(tx: Tx, orgId: number, subjects: string): Promise<Map<string, Set<string | null>>> {
  const q = SQL[tx.dialect];
  const known = new Map<string, Set<string | null>>();
  const note = ({ subject, unit }: { subject: string; unit: string | null }) => {
    const units = known.get(subject) ?? new Set<string | null>();
    known.set(subject, units.add(unit));
  };
  type Known = { subject: string; unit: string | null };
  for (const row of await tx.all<Known>(q.members, [orgId, subjects])) note(row);
  for (const row of await tx.all<Known>(q.results, [orgId, subjects])) note(row);
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

