// A cohort evaluated as a stream (issue 16): subjects are read from a re-openable source and results
// written in input order as they are ready, keeping in memory only what ranks and quotas need.
//   Pass 1 — each subject up to its allowed grade, its id checked, then its cohort, rank key and
//   quota-table keys recorded in the CohortBook. On the compiled engine (compiled.ts) every member
//   runs as a cohort member of the generated program, quota competitors too: the program hands over
//   what the races read, kept as columns (rows.ts), and the result (final but for its rank, or a
//   competitor's provisional one) is spilled to disk (spill.ts). Otherwise (the closures: explain,
//   another rules runtime, a subject the program bails on) a subject that cannot compete is finished
//   now (engine/outcome.ts finish) and spilled; a competitor keeps a compact record (probe.ts) and
//   its state is dropped. A compiled competitor is no object at all until the settle: the book keeps
//   it as columns (cohort.ts WaitingMembers) beside its race reads (rows.ts), so the live heap of pass
//   1 does not grow with the competitors (≈ 35 MB at 1M that every major GC marked again).
//   Settle — the competitors made members (a CompactContender and a RowProbe each), then ranks and
//   quotas over them (cohort.ts, as the in-memory batch); keepFinals drops them again.
//   Pass 2 — the spilled results get their ranks; a compiled competitor the quotas left at its grade
//   is its spilled result made final, one they demoted that result with what the grade below changes
//   in it (worked out in pass 1, spilled before it: compiled.ts Demoted); any other competitor is
//   read again from the source and finished with its quota decisions (by the program with its final
//   grade, else the closures). Each result goes to the sink in input order.
// The outcome is the in-memory batch's (batch.ts evaluateCohortPlan), result for result and error for
// error: the same checks in the same order, all or nothing (the sink is told to discard what it got
// when pass 2 fails; file sinks write a temporary file renamed at the end, sinks.ts). A scheme with
// cohort aggregates (issue 13) needs every subject's values before anyone's score: it runs the
// in-memory batch instead (`fallback` says so).

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Period } from '../../dsl/dates.js';
import type { EvalError, EvalOptions, EvalOutcome, Rank, SubjectInput } from '../api.js';
import { evaluateCohortPlan } from '../batch.js';
import { AS_COLUMNS, CohortBook, competes, type Contender, type Settled } from '../cohort.js';
import type { Plan } from '../plan.js';
import { comparesWithCohort } from '../cohort-values.js';
import { orderValue } from '../decision.js';
import { toEvalError } from '../errors.js';
import type { SubjectState } from '../evaluate.js';
import { finish } from '../outcome.js';
import { resolvePeriod } from '../period.js';
import { Column } from '../ranks.js';
import { isPromise, type RulesRuntime } from '../rules.js';
import { runSubject, runtimeFor, stoppedAt, type Ran, type RunOptions } from '../run.js';
import { compiledPass, demotedLine, demotedPieces, finishedLine, keptPieces, type Pieces, type StreamMember } from './compiled.js';
import { FinalTexts } from './finals.js';
import { IdCheck } from './ids.js';
import { CompactProbe, replay } from './probe.js';
import type { SubjectSource } from './source.js';
import { spillFolder } from './litter.js';
import { CompetitorRows } from './rows.js';
import { rankedPieces, rankSplice, SpillReader, SpillWriter, textOf, unranked } from './spill.js';

/** The cohort's head and summaries, known before its results (after the quotas). */
export interface CohortHead {
  scheme: { id: string; version: string | null; hash: string };
  period?: string;
  cohorts: Settled['cohorts'];
  overall?: Settled['overall'];
}

/** Where results go, in input order: `result` gets each result's JSON text (no spaces). */
export interface ResultSink {
  start(head: CohortHead): void | Promise<void>;
  result(json: string, index: number): void | Promise<void>;
  /** Optional, the same as `result`: its JSON text in pieces, UTF-8 bytes or text, one after another
   * (pass 2 copies a spilled line's bytes without decoding them, its rank put in between). */
  resultPieces?(pieces: (Buffer | string)[]): void | Promise<void>;
  /** Optional, the same again: the text of bytes `line` with `text` in place of [at, at + cut) — a
   * spilled line with its rank, the common case, copied with nothing made per part. */
  resultSpliced?(line: Buffer, at: number, cut: number, text: string): void | Promise<void>;
  end(): void | Promise<void>;
  /** Pass 2 failed: forget everything written. */
  abort(): void | Promise<void>;
}

export interface StreamStats {
  subjects: number;
  /** The quota competitors … */
  competitors: number;
  /** … and how many of them were read again from the source in pass 2 (the others' final results
   * were worked out in pass 1: compiled.ts). */
  again: number;
  /** Set when the in-memory batch ran instead, and why. */
  fallback?: 'cohort-aggregates';
}

const maxErrorsOf = (opts?: EvalOptions): number => Math.max(0, opts?.maxErrors ?? Infinity);

/** The options of one subject's run (as batch.ts's). */
function runOptions(opts: EvalOptions | undefined, at: string, maxErrors: number, period?: Period): RunOptions {
  return { ...(opts as object), explain: !!opts?.explain, lang: opts?.lang, at, maxErrors, period, exactValues: !!opts?.exactValues } as RunOptions;
}

/** The subject as the batch reads it (a malformed entry reads as empty: its problems are reported). */
const inputOf = (sub: SubjectInput | undefined): SubjectInput =>
  ({ id: String(sub?.id ?? ''), input: sub?.input as SubjectInput['input'], display: sub?.display, decision: sub?.decision, standing: sub?.standing });

/** Adds one subject's problems; false when the batch stops here (past `maxErrors`: KH-E009). */
function addErrors(errors: EvalError[], i: number, budget: number, errs: EvalError[]): boolean {
  if (budget === 0) { errors.push(stoppedAt(`subjects[${i}]`)); return false; }
  errors.push(...errs);
  return errs[errs.length - 1].code !== 'KH-E009';
}

const orderOf = (st: SubjectState) => orderValue(st.subject.decision);

/** `tmp`: where the spill file goes (default the OS's); `proceed`: asked after pass 1 succeeded,
 * false stops before any result is written (the CLI: its roster had problems) — an outcome with
 * no errors. */
export interface StreamHooks { tmp?: string; proceed?: () => boolean }

/** Evaluates the cohort of `source` into `sink`. */
export async function streamCohort(plan: Plan, source: SubjectSource, sink: ResultSink, opts?: EvalOptions, hooks: StreamHooks = {}): Promise<EvalOutcome<StreamStats>> {
  const rt = await runtimeFor(opts);
  if (!('matchLists' in rt)) return { ok: false, errors: [rt] };
  const p = resolvePeriod(plan, opts?.period);
  if ('error' in p) return { ok: false, errors: [p.error] };
  if (comparesWithCohort(plan)) return inMemory(plan, source, sink, opts, hooks);
  const { dir, done } = spillFolder(hooks.tmp ?? tmpdir());
  try {
    const run = new StreamRun(plan, rt, opts, p.period, join(dir, 'spill'));
    const first = await run.pass1(source);
    if (!first.ok) return first;
    if (hooks.proceed && !hooks.proceed()) return { ok: false, errors: [] };
    return await run.pass2(source, sink);
  } finally {
    done();
  }
}

/** A placeholder rank: a spilled result is written without its rank (spill.ts unranked). */
const UNRANKED: Rank = { overall: null, cohort: null };

/** Subject index → rank slot, 4 bytes a subject (a growable Int32Array). */
class Slots {
  private data: Int32Array = null as unknown as Int32Array; // stored twice: never a constant to V8 (ranks.ts Column)
  constructor() { this.data = new Int32Array(1024); }
  push(i: number, slot: number): void {
    while (i >= this.data.length) { const d = new Int32Array(this.data.length * 2); d.set(this.data); this.data = d; }
    this.data[i] = slot;
  }
  at(i: number): number { return this.data[i]; }
}

class StreamRun {
  private readonly book: CohortBook;
  private readonly max: number;
  private readonly spill: SpillWriter;
  /** The competitors by member number (input order), from the book once settled (none before: the
   * book keeps most of them as columns until then); after keepFinals only those pass 2 evaluates again. */
  private members: (Contender | undefined)[] = [];
  /** After the settle: what pass 2 does with each subject (`fates`), and for each compiled competitor
   * whose spilled lines are made final, what goes into them (finals.ts), by entry: `finalAt` by member
   * number (−1: none, a member evaluated again). */
  private fate?: { fate: Uint8Array; again: number };
  private readonly finals = new FinalTexts();
  private readonly finalAt = new Column(new Int32Array(1024));
  private readonly slots = new Slots(); // subject index → rank slot (cohort.ts joinCompact), non-competitors
  private errors: EvalError[] = [];
  private ids: IdCheck;
  private keyError?: { err: unknown };
  private finishError?: { index: number; err: unknown };
  private n = 0;
  private settled?: Settled;
  /** Pass 1 through the compiled engine, when it applies (compiled.ts). */
  private readonly fast?: (sub: SubjectInput) => StreamMember | undefined;
  /** The competitors the compiled engine ran, spilled with their provisional results (rows.ts: what
   * their races read, their allowed grade, the grade a quota demotes them to when that result was
   * spilled too, how many of their reasons say why a better grade was missed) … */
  private readonly rows: CompetitorRows;
  /** … and each member's row there, by member number (−1: a member the closures ran). */
  private readonly rowOf = new Column(new Int32Array(1024));

  constructor(private readonly plan: Plan, private readonly rt: RulesRuntime, private readonly opts: EvalOptions | undefined,
    private readonly period: Period | undefined, spillPath: string) {
    this.rows = new CompetitorRows(plan);
    this.book = new CohortBook(plan, opts?.lang, (row) => this.rows.probe(row));
    this.max = maxErrorsOf(opts);
    this.ids = new IdCheck(this.max);
    this.spill = new SpillWriter(spillPath);
    this.fast = compiledPass(plan, opts, period);
  }

  /** Every subject to its allowed grade; the errors exactly as the in-memory batch reports them. */
  async pass1(source: SubjectSource): Promise<EvalOutcome<void>> {
    let evaluating = true;
    for await (const sub of source.open()) {
      const i = this.n++;
      if (!this.ids.see(i, sub?.id)) break;
      if (!evaluating) continue;
      if (this.fast && !this.errors.length && !this.keyError) {
        const s = inputOf(sub), f = this.fast(s);
        if (f) { const w = this.placeFast(i, s, f); if (w) await w; continue; }
      }
      const budget = this.max - this.errors.length;
      let ran: Ran | Promise<Ran> = runSubject(this.plan, inputOf(sub), this.rt, runOptions(this.opts, `subjects[${i}].`, budget, this.period));
      if (isPromise(ran)) ran = await ran;
      if (!ran.ok) { evaluating = addErrors(this.errors, i, budget, ran.errors); continue; }
      if (this.errors.length || this.ids.errors.length || this.keyError) continue; // failing: only collect errors
      await this.place(i, ran.state);
    }
    await this.spill.close();
    if (this.ids.stoppedAt !== undefined) return { ok: false, errors: [...this.ids.errors, stoppedAt(`subjects[${this.ids.stoppedAt}]`)] };
    if (this.ids.errors.length && this.errors.length) return { ok: false, errors: await this.errorsAgain(source) };
    if (this.ids.errors.length || this.errors.length) return { ok: false, errors: [...this.ids.errors, ...this.errors] };
    if (this.keyError) return { ok: false, errors: [toEvalError(this.keyError.err)] };
    this.ids.release();
    try {
      this.settled = this.book.settle();
      this.members = this.book.members();
      this.fate = this.fates();
      this.keepFinals();
    } catch (err) {
      return { ok: false, errors: [toEvalError(err)] };
    }
    return { ok: true, value: undefined };
  }

  /** A compiled competitor whose spilled lines are made final keeps only the bytes put into them
   * (finals.ts): its record and its decisions are dropped, here and in the book — up to ≈ 180,000
   * members of a dozen objects each, which V8 would mark at every major collection of pass 2. Those
   * evaluated again keep theirs, without the races' keys. */
  private keepFinals(): void {
    const lang = this.opts?.lang ?? 'en', fate = this.fate!.fate;
    this.members.forEach((c, k) => {
      if (fate[c!.index] === 1) { c!.raceValues = undefined; this.finalAt.push(-1); return; }
      this.finalAt.push(this.finals.add(c!, lang));
      this.members[k] = undefined;
    });
    this.book.release();
  }

  /** Joins the book; finishes and spills a subject that cannot compete. */
  private async place(i: number, st: SubjectState): Promise<void> {
    let joined: Contender | number;
    let key: string;
    try {
      const e = this.book.entryOf(i, st);
      key = e.key;
      if (competes(st.allowed)) e.probe = new CompactProbe(st, orderOf, !!this.opts?.explain);
      joined = this.book.joinCompact(e);
    } catch (err) { this.keyError = { err }; return; }
    if (typeof joined !== 'number') { this.rowOf.push(-1); return; } // a member: the book has it
    this.slots.push(i, joined);
    if (this.finishError) return;
    let r;
    try {
      r = finish(st, { grade: st.allowed, provisional: false, quotas: [], cohort: key, rank: UNRANKED }, this.rt); // spilled without its rank
      if (isPromise(r)) r = await r;
    } catch (err) { this.finishError = { index: i, err }; return; }
    await this.spill.add(unranked(r)); // a disk error is no finish error: it fails the run
  }

  /** A subject the compiled engine ran: it joins the book and is spilled (a competitor provisionally). */
  private placeFast(i: number, sub: SubjectInput, f: StreamMember): void | Promise<void> {
    if (this.ids.errors.length) return; // failing: only errors are collected
    let joined: Contender | number;
    const row = f.probe ? this.rows.add(f.probe, f.allowed!, f.missed) : undefined; // a competitor's record as columns
    try {
      joined = this.book.joinCompact({ index: i, id: sub.id, key: f.key, rankValue: f.rankValue, rankScaled: f.rankScaled, allowed: f.allowed, tableKey: f.tableKey, row });
    } catch (err) { this.keyError = { err }; return; }
    if (typeof joined !== 'number' || joined === AS_COLUMNS) { // what its result changes should it be demoted (or an empty line), then its provisional result
      this.rowOf.push(row!);
      const d = f.demoted !== undefined ? f.demoted ?? undefined : demotedLine(this.plan, sub, f, this.opts, this.period); // worked out in its run, or now
      if (d) this.rows.demotedTo(row!, d.to);
      const w = this.spill.add(d?.change ?? '');
      return w ? w.then(() => this.spill.add(f.result)) : this.spill.add(f.result);
    }
    this.slots.push(i, joined);
    if (!this.finishError) return this.spill.add(f.result);
  }

  /** With both id and evaluation errors, the batch's error budget counts every id error first: the
   * evaluation errors are collected again with it (a failing batch only; no subject is placed). */
  private async errorsAgain(source: SubjectSource): Promise<EvalError[]> {
    const errors = [...this.ids.errors];
    let i = 0;
    for await (const sub of source.open()) {
      const budget = this.max - errors.length;
      let ran: Ran | Promise<Ran> = runSubject(this.plan, inputOf(sub), this.rt, runOptions(this.opts, `subjects[${i}].`, budget, this.period));
      if (isPromise(ran)) ran = await ran;
      if (!ran.ok && !addErrors(errors, i, budget, ran.errors)) break;
      i++;
    }
    return errors;
  }

  /** What pass 2 does with each subject: 0 its spilled line and its rank; a competitor — 1 read again
   * from the source, 2 its spilled provisional result stands (kept at its grade), 3 demoted to the
   * grade its second spilled result is for. */
  private fates(): { fate: Uint8Array; again: number } {
    const fate = new Uint8Array(this.n);
    let again = 0;
    this.members.forEach((m, k) => { // before keepFinals: every member is there
      const row = this.rowOf.data[k];
      fate[m!.index] = row < 0 ? 1 : this.rows.fate(row, m!.grade);
      if (fate[m!.index] === 1) again++;
    });
    return { fate, again };
  }

  private head(): CohortHead {
    const plan = this.plan, settled = this.settled!;
    return { scheme: { id: plan.id, version: plan.version ?? null, hash: plan.hash }, ...(this.period ? { period: this.period.text } : {}),
      cohorts: settled.cohorts, ...(settled.overall ? { overall: settled.overall } : {}) };
  }

  /** The results in input order: competitors evaluated again, the others from the spill. The source
   * is read only as far as the last competitor. */
  async pass2(source: SubjectSource, sink: ResultSink): Promise<EvalOutcome<StreamStats>> {
    const { fate, again } = this.fate!;
    const lines = new SpillReader(this.spill.path, this.spill.segments);
    const subjects = source.open((k) => fate[k] === 1)[Symbol.asyncIterator]();
    let read = 0; // subjects read from the source
    const subjectAt = async (k: number): Promise<SubjectInput | undefined> => {
      for (;;) {
        const next = await subjects.next();
        if (next.done) throw new Error('the subjects changed between the passes');
        if (read++ === k) return next.value;
      }
    };
    let m = 0;
    const failed = async (errors: EvalError[]): Promise<EvalOutcome<StreamStats>> => { await sink.abort(); return { ok: false, errors }; };
    // pieces of a result's JSON text: as bytes when the sink takes them
    const write = (pieces: Pieces, k: number) => (sink.resultPieces ? sink.resultPieces(pieces) : sink.result(textOf(pieces), k));
    try {
      await sink.start(this.head());
      for (let i = 0; i < this.n; i++) {
        if (this.finishError?.index === i) return await failed([toEvalError(this.finishError.err)]);
        let w;
        if (!fate[i]) { // its spilled line and its rank
          const line = lines.bytes(), rank = this.book.rankAt(this.slots.at(i));
          if (sink.resultSpliced) { const { at, cut, text } = rankSplice(line, rank); w = sink.resultSpliced(line, at, cut, text); } else w = write(rankedPieces(line, rank), i);
        } else {
          const row = this.rowOf.data[m], c = this.members[m], fin = this.finalAt.data[m++], state = fate[i];
          if (row >= 0) { // its two spilled lines, a demoted result's change and its provisional result: made final for its grade
            const first = lines.bytes();
            const change = state === 3 ? first.toString('utf8') : ''; // as text: the next read may move its bytes
            const kept = lines.bytes();
            if (state === 2) w = write(keptPieces(kept, this.rows.allowedAt(row), this.finals.at(fin), this.rows.missedAt(row)), i);
            else if (state === 3) w = write(demotedPieces(kept, change, this.finals.at(fin)), i);
          }
          if (state === 1) w = sink.result(await this.finishMember(c!, await subjectAt(i)), i);
        }
        if (isPromise(w)) await w;
      }
      await sink.end();
    } catch (err) {
      return failed([toEvalError(err)]);
    } finally {
      await subjects.return?.();
      await lines.close();
    }
    return { ok: true, value: { subjects: this.n, competitors: this.members.length, again } };
  }

  /** A competitor evaluated again and finished with its quota decisions (the batch's quotaPhase). */
  private async finishMember(c: Contender, sub: SubjectInput | undefined): Promise<string> {
    if (this.fast) { // the program with the final grade (compiled.ts); the closures when it bails
      const done = finishedLine(this.plan, inputOf(sub), c, this.opts, this.period);
      if (done) return done;
    }
    let ran: Ran | Promise<Ran> = runSubject(this.plan, inputOf(sub), this.rt, runOptions(this.opts, `subjects[${c.index}].`, Infinity, this.period));
    if (isPromise(ran)) ran = await ran;
    if (!ran.ok) throw new Error(`subject ${c.id} evaluated differently the second time`);
    const st = ran.state;
    if (this.opts?.explain) { // the batch evaluated the book's keys, then the race's reads, on this state
      this.book.entryOf(c.index, st);
      for (const t of tablesOf(this.plan)) t.key(st.subject);
      const log = (c.probe as CompactProbe).log;
      if (log) replay(log, st);
    }
    let r = finish(st, { grade: c.grade, provisional: false, quotas: c.quotas, cohort: c.key, rank: c.rank, flags: c.flags }, this.rt);
    if (isPromise(r)) r = await r;
    return JSON.stringify(r);
  }
}

const tablesOf = (plan: Plan) => plan.grades.flatMap((g) => g.quotas.flatMap((q) => (q.table ? [q.table] : [])));

/** A scheme with cohort aggregates: the in-memory batch, its result handed to the sink. */
async function inMemory(plan: Plan, source: SubjectSource, sink: ResultSink, opts: EvalOptions | undefined, hooks: StreamHooks): Promise<EvalOutcome<StreamStats>> {
  const subjects: SubjectInput[] = [];
  for await (const s of source.open()) subjects.push(s!);
  const out = await evaluateCohortPlan(plan, subjects, opts);
  if (!out.ok) return out;
  if (hooks.proceed && !hooks.proceed()) return { ok: false, errors: [] };
  const { results, cohorts, overall, ...rest } = out.value;
  try {
    await sink.start({ ...(rest as Pick<CohortHead, 'scheme' | 'period'>), cohorts, ...(overall ? { overall } : {}) });
    for (let i = 0; i < results.length; i++) await sink.result(JSON.stringify(results[i]), i);
    await sink.end();
  } catch (err) {
    await sink.abort();
    return { ok: false, errors: [toEvalError(err)] };
  }
  return { ok: true, value: { subjects: results.length, competitors: 0, again: 0, fallback: 'cohort-aggregates' } };
}
