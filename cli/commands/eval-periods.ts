// `kaohe eval annual.kaohe roster.xlsx --period 2026 --periods q1.json,q2.json,q3.json,q4.json` (U6 M-11):
// a county without the server has its four quarterly `kaohe eval … --out qN.json` results and needs
// them as the annual's 季度结果 (`results of 县平时考核 quarterly`) — and last year's annual results as
// 往年 (`past 1 years`). Each file (.json, or the .jsonl of `--out x.jsonl`) is read whole, every
// result checked (its scheme, period, person, score, grade); a file of a scheme or period no input
// reads, a period given twice, a person twice in one: refused, naming the file and the result or line.
// Then each person's list inputs are filled as a round fills them on the server, by the same mapping
// (sheets/period-fill.ts: which fields, which periods, which score): a person without a result of a
// period has no record of it, and the scheme's `missing` rule decides (a whole period no file gives,
// under `missing error`, is refused here at once rather than once per person). Only a field that some
// file gives a period of is filled (往年 stays the roster's when only the quarters are given); the
// roster's column of a filled field is replaced, and a notice says so.

import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import { keywordText } from '../../dsl/keywords.js';
import type { PreparedScheme, SubjectInput } from '../../engine/api.js';
import { periodsOf } from '../../engine/index.js';
import type { SubjectSource } from '../../engine/stream/source.js';
import { fillTargets, periodRecord, recordsOf, type FillTarget, type PeriodRecord } from '../../sheets/period-fill.js';
import { withoutBom } from '../../sheets/csv.js';
import { reportUnreadable, type IO } from '../io.js';
import { jsonSyntaxError, jsonSyntaxWords } from '../json-syntax.js';
import { P } from '../periods-messages.js';
import { MAX_TEXT_INPUT } from './eval.js';

/** Where a results file stops being JSON, in our words with line and column (json-syntax.ts), not
 * JSON.parse's English; `line`: the line of a JSON-lines file the text is. */
function syntaxWhy(text: string, err: unknown, line?: number): Msg | string {
  const where = jsonSyntaxError(text);
  if (!where) return (err as Error).message;
  return jsonSyntaxWords(line === undefined ? where : { ...where, line });
}

/** One person's result of one period, as the file gave it. */
interface Given { score: string | null; exact?: string; grade: string | null }

/** The files read: scheme → period → person → result; and where each (scheme, period) came from. */
interface Read { results: Map<string, Map<string, Map<string, Given>>>; from: Map<string, string> }

export interface PeriodFill {
  /** The person with their list inputs filled. */
  /** `counted`: whether a replaced roster column counts towards the notice (false when a stream's pass 2
   * reads a person again). */
  fill(s: SubjectInput, counted?: boolean): SubjectInput;
  /** What to say on standard error once the batch ran (files read, roster columns replaced). */
  notices(): Msg[];
}

const key = (scheme: string, period: string) => `${scheme}\u0000${period}`;

/** The results files of `list` (comma-separated) for `prepared` in `period`; undefined after saying
 * why not (exit 2). */
export function readPeriodFiles(io: IO, prepared: PreparedScheme, list: string, period: string | undefined, locale: Locale): PeriodFill | undefined {
  const say = (m: Msg) => io.err(`${render(m, locale)}\n`);
  const prog = 'kaohe eval';
  if (period === undefined) { say(P.needsPeriod({ prog })); return undefined; }
  const targets = fillTargets(prepared.inputs, (field) => periodsOf(prepared, field, period) ?? []);
  if (targets.length === 0) { say(P.noTargets({ prog })); return undefined; }
  const read: Read = { results: new Map(), from: new Map() };
  const problems: Msg[] = [];
  const counts: Msg[] = [];
  let unreadable = false; // said at once (reportUnreadable); the other files still checked
  for (const file of list.split(',').map((f) => f.trim()).filter((f) => f !== '')) {
    let text: string;
    try { text = io.read(file, MAX_TEXT_INPUT); } catch (e) { reportUnreadable(io, 'eval', file, e, locale); unreadable = true; continue; }
    const before = problems.length;
    const results = resultsIn(file, text, problems);
    if (results === undefined || problems.length > before) continue;
    takeFile(file, results, targets, period, read, problems, counts);
  }
  // Only the fields some file gives a period of are filled: 往年 stays the roster's when only the
  // quarters are given.
  const given = targets.filter((t) => t.periods.some((p) => read.results.get(t.scheme)?.has(p)));
  if (problems.length === 0) {
    for (const t of given) {
      if (t.spec.missing !== 'error') continue;
      // `missing error` spelled in the reader's language (报错 / error)
      for (const p of t.periods) {
        if (!read.results.get(t.scheme)?.has(p)) problems.push(P.periodMissing({ scheme: t.scheme, period: p, field: t.field, missing: keywordText(t.spec.missing, locale) }));
      }
    }
  }
  // each problem a line of the command's, as its other lines are (`kaohe eval：…`, C10b)
  if (problems.length > 0 || unreadable) { for (const m of problems) say(P.problem({ prog, what: m })); return undefined; }
  return filler(given, read, counts);
}

interface Located { at: Msg; r: Record<string, unknown> }

/** The results of a file with where each is (result n / line n); undefined (and a problem) when the
 * file is no results file. */
function resultsIn(file: string, text: string, problems: Msg[]): Located[] | undefined {
  const body = withoutBom(text);
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (/\.jsonl$/i.test(file)) {
    const out: Located[] = [];
    let line = 0;
    for (const raw of body.split('\n')) {
      line++;
      if (raw.trim() === '') continue;
      let v: unknown;
      try { v = JSON.parse(raw); } catch (e) { problems.push(P.badJson({ file, why: syntaxWhy(raw, e, line) })); return undefined; }
      if (!isObject(v)) { problems.push(P.notResults({ file })); return undefined; }
      if (!('cohorts' in v)) out.push({ at: P.lineAt({ line: String(line) }), r: v }); // the first line of a cohort: its summaries
    }
    return out;
  }
  let v: unknown;
  try { v = JSON.parse(body); } catch (e) { problems.push(P.badJson({ file, why: syntaxWhy(body, e) })); return undefined; }
  if (isObject(v) && Array.isArray(v.results)) return v.results.map((r, i) => ({ at: P.resultAt({ n: String(i + 1) }), r: isObject(r) ? r : {} }));
  if (isObject(v) && typeof v.subject === 'string' && 'score' in v) return [{ at: P.resultAt({ n: '1' }), r: v }];
  problems.push(P.notResults({ file }));
  return undefined;
}

/** Checks a file's results and adds them to `read`; a problem per wrong result or file. */
function takeFile(file: string, results: Located[], targets: FillTarget[], evalPeriod: string, read: Read, problems: Msg[], counts: Msg[]): void {
  const schemes = [...new Set(targets.map((t) => t.scheme))];
  const seen = new Map<string, number>(); // (scheme, period) of this file → how many results
  for (const { at, r } of results) {
    const bad = (what: Msg) => problems.push(P.badResult({ file, where: at, what }));
    const scheme = (r.scheme as { id?: unknown } | undefined)?.id;
    if (typeof r.subject !== 'string' || r.subject === '') { bad(P.noSubject()); continue; }
    if (typeof scheme !== 'string') { bad(P.noScheme()); continue; }
    if (typeof r.period !== 'string') { bad(P.noPeriod()); continue; }
    if (r.score !== null && typeof r.score !== 'number') { bad(P.badScore()); continue; }
    if (r.grade !== null && typeof r.grade !== 'string') { bad(P.badGrade()); continue; }
    const period = r.period;
    const k = key(scheme, period);
    if (!seen.has(k)) {
      // The first result of a (scheme, period) in this file: is it read, and not given before?
      if (!schemes.includes(scheme)) { problems.push(P.otherScheme({ file, scheme, read: schemes })); return; }
      const periods = [...new Set(targets.filter((t) => t.scheme === scheme).flatMap((t) => t.periods))];
      if (!periods.includes(period)) { problems.push(P.otherPeriod({ file, scheme, period, evalPeriod, periods })); return; }
      const first = read.from.get(k);
      if (first !== undefined) { problems.push(P.twice({ file, scheme, period, first })); return; }
      seen.set(k, 0);
    }
    let byPeriod = read.results.get(scheme);
    if (!byPeriod) read.results.set(scheme, (byPeriod = new Map()));
    let people = byPeriod.get(period);
    if (!people) byPeriod.set(period, (people = new Map()));
    if (people.has(r.subject)) { problems.push(P.twiceSubject({ file, subject: r.subject, scheme, period })); continue; }
    const exact = (r.exact as { score?: unknown } | undefined)?.score;
    people.set(r.subject, { score: r.score === null ? null : String(r.score), ...(typeof exact === 'string' && { exact }), grade: r.grade as string | null });
    seen.set(k, seen.get(k)! + 1);
  }
  for (const [k, count] of seen) {
    read.from.set(k, file);
    const [scheme, period] = k.split('\u0000') as [string, string];
    counts.push(P.read({ count: String(count), scheme, file, period }));
  }
}

function filler(targets: FillTarget[], read: Read, counts: Msg[]): PeriodFill {
  const replaced = new Map<string, number>();
  return {
    fill(s, counted = true) {
      const input: Record<string, unknown> = { ...s.input };
      for (const t of targets) {
        if (counted && input[t.field] !== undefined && input[t.field] !== null) replaced.set(t.field, (replaced.get(t.field) ?? 0) + 1);
        const byPeriod = read.results.get(t.scheme);
        const records: PeriodRecord[] = recordsOf(t, (p) => {
          const g = byPeriod?.get(p)?.get(s.id);
          return g === undefined ? undefined : { period: p, ...g };
        }, (g) => periodRecord({ ...g, imported: false }, t.spec.values));
        input[t.field] = records;
      }
      return { ...s, input };
    },
    notices: () => [...counts, ...[...replaced].map(([field, count]) => P.replaced({ field, count: String(count) }))],
  };
}

/** `source` with every person filled (a roster read as a stream). Pass 1 (every subject, no `want`)
 * counts the roster columns replaced; pass 2 reads the quota competitors again and must not. */
export function filledSource(source: SubjectSource, f: PeriodFill): SubjectSource {
  return { async *open(want) { for await (const s of source.open(want)) yield s && f.fill(s, want === undefined); } };
}
