// The cohort phase (§8, issue 13), over per-subject states: the book. A batch is split by `cohort by`
// (no `cohort by`: one cohort, the whole batch); the book records each subject as its own evaluation
// finishes — its cohort, ranking key, quota tables' keys, head counts, and a competitor's compact
// member (a streamed one as columns until the settle: WaitingMembers) — then settles: everyone
// ranked (ranks.ts), and the quotas processed grade by grade, best first; for each grade, first its
// `cohort` quota in every cohort, then its `overall` quota over the holders left in the whole batch,
// then its soft shares (`normally P`) at each scope (one quota in one scope: quota.ts). A quota's
// share is fixed, or looked up in its table by an enum input/let that must be the same for every
// subject of the scope (else KH-E043). Every decision and flag names its scope. Restricted subjects
// (cap/veto/nograde) only ever hold what they are allowed, but count in a quota's base as `of
// graded|all` says. Deterministic: nothing depends on object identity.

import type { SubjectState } from './evaluate.js';
import type { Locale } from '../dsl/i18n/index.js';
import type { CohortSummary, QuotaSummary, Rank, SubjectStanding } from './api.js';
import { EvalFailure, evalError, fail } from './errors.js';
import { M } from './messages.js';
import { P } from './periods/messages.js';
import type { GradePlan, Plan, QuotaPlan, QuotaTablePlan } from './plan.js';
import { rankingValue, StateProbe, type Probe } from './race.js';
import { Column, Ranks, unscaled } from './ranks.js';
import { PackedTexts } from './stream/texts.js';
import { isEnum, show, type Value } from './values.js';
import { Race, type CohortCounts, type QuotaDecision, type QuotaFlagDecision, type Share } from './quota.js';

export { quotaLimit, type CohortCounts, type QuotaDecision, type QuotaFlagDecision } from './quota.js';

/** A cohort member that competes for a quota grade; `quotas` are the quota decisions that concerned
 * it, in processing order, `flags` the soft quotas it is above. The quota phase reads nothing else of
 * it: its race keys and the lower grades' conditions come through its `probe` (race.ts), so a member
 * may be a compact record (the streaming cohort, engine/stream/) as well as a live evaluation state. */
export interface Contender {
  index: number; id: string; key: string; grade: GradePlan | null;
  quotas: QuotaDecision[]; flags: QuotaFlagDecision[];
  /** Its rank (filled in when the book settles) and the ranking key's value. */
  rank: Rank; rankValue: Value;
  /** Its race keys' values, computed on first need (Race.of): kept on the member, not in a Map, as the
   * comparator reads them for every comparison of a sort. */
  raceValues?: (Value | null)[];
  probe: Probe;
  state?: SubjectState;
}

/** A competitor of the in-memory batch: its whole state, finished after the quotas (batch.ts). */
export interface Member extends Contender { state: SubjectState }

/** What the book records of a subject whose own evaluation is done. `tableKey(j)`: the value of the
 * plan's j-th quota table key (read in table order; may throw, as evaluating it may). */
export interface Entry {
  index: number; id: string; key: string; rankValue: Value; allowed: GradePlan | null;
  /** The ranking key × 10^6 when the caller has it as a safe integer (ranks.ts; NaN: not). */
  rankScaled?: number;
  standing?: SubjectStanding; tableKey: (j: number) => Value | null;
  /** For a competitor: how the race reads it — or, for a streamed one, `row`: the number the book's
   * `probeAt` makes its probe from, when the race needs it (its record then waits as columns). */
  probe?: Probe; state?: SubjectState; row?: number;
}

/** What `joinCompact` gives for a competitor kept as columns until the settle (`members()` then has it). */
export const AS_COLUMNS = -2;

/** The text key of a subject's cohort (`''` when the scheme has no `cohort by`). */
export function cohortKey(plan: Plan, st: Pick<SubjectState, 'subject'>): string {
  if (!plan.cohortBy) return '';
  const v = plan.cohortBy(st.subject);
  return typeof v === 'string' ? v : show(v);
}

/** Whether a member can be touched by the quota phase: only holders of a quota grade are ranked, and
 * demotion only moves them to lower grades, so a member whose allowed grade has no quota never is. */
export function competes(allowed: GradePlan | null): boolean { return !!allowed && allowed.quotas.length > 0; }

/** A quota table's key as seen in a scope: its value, and the first subject that had it. */
interface Seen { value: string; id: string }

/** `no`: its number (first appearance); `fixedBy`: how many non-competitors hold each grade, by grade
 * index (the last: none) — `counts.fixed` is made from it when the book settles (an array indexed by
 * number, where a record keyed by grade name was a keyed lookup for every subject). */
interface Cohort { key: string; no: number; counts: CohortCounts; fixedBy: Int32Array; members: Contender[]; tables: Map<QuotaTablePlan, Seen>; summary: CohortSummary }

/** What the quota phase leaves: one summary per cohort, and the whole batch's when a quota is `overall`. */
export interface Settled {
  cohorts: CohortSummary[];
  overall?: { size: number; quotas: QuotaSummary[]; distribution: Record<string, number> };
}

/** The batch as the quota phase needs it, filled subject by subject in input order: cohorts with
 * their head counts and competitors, each subject's ranking key, and the quota tables' keys. */
export class CohortBook {
  private readonly cohorts = new Map<string, Cohort>();
  private readonly ranks: Ranks;
  private readonly tables: { q: QuotaPlan; g: GradePlan; t: QuotaTablePlan }[];
  private readonly overallTables = new Map<QuotaTablePlan, Seen>();
  /** The streamed competitors kept as columns until the settle (made at the first: an in-memory
   * batch has none), and after it every competitor in input order (`members`). */
  private waiting?: WaitingMembers;
  private everyone?: Contender[];

  /** `lang`: the language of the summaries' words (a soft quota's `flag`); `probeAt`: a streamed
   * competitor's probe from its `row` (Entry), made when the settle needs it. */
  constructor(private readonly plan: Plan, private readonly lang: Locale = 'en', private readonly probeAt?: (row: number) => Probe) {
    this.ranks = new Ranks(plan.rankBy?.dir ?? 'desc');
    this.tables = plan.grades.flatMap((g) => g.quotas.flatMap((q) => (q.table ? [{ q, g, t: q.table }] : [])));
  }

  /** Records a subject whose own evaluation is done: its cohort key, its Rank (filled in by `settle`)
   * and, when it competes for a quota grade, its member entry. Throws (an EvalFailure) when the
   * cohort key, the ranking key or a quota table's key cannot be evaluated, or the table's key
   * differs within a scope (KH-E043). */
  add(index: number, st: SubjectState): { key: string; rank: Rank; member?: Member } {
    const e = this.entryOf(index, st);
    if (competes(st.allowed)) { e.probe = new StateProbe(st); e.state = st; }
    const { rank, member } = this.join(e);
    return { key: e.key, rank, member: member as Member | undefined };
  }

  /** What `join` needs of a subject, from its state: its cohort key and ranking key are evaluated
   * now (either may throw), its quota tables' keys when `join` reads them. */
  entryOf(index: number, st: SubjectState): Entry {
    const key = cohortKey(this.plan, st);
    const rankValue = rankingValue(this.plan, st);
    return { index, id: st.id, key, rankValue, allowed: st.allowed, standing: st.subject.standing, tableKey: (j) => this.tables[j].t.key(st.subject) };
  }

  /** Records a subject from what was computed of it (`add` computes it from the state). */
  join(e: Entry): { rank: Rank; member?: Contender } {
    const r = this.record(e, false);
    return { rank: r.rank!, member: r.member };
  }

  /** As `join`, but a subject that does not compete gets no Rank object: a competitor's member, or
   * a non-competitor's slot for `rankAt` (−1: not ranked), so a streamed cohort keeps a few bytes per
   * subject (issue 16); a competitor with a `row` and a scaled ranking key gets no member object
   * before the settle either: AS_COLUMNS (`members()` has it once settled). */
  joinCompact(e: Entry): Contender | number {
    const r = this.record(e, true);
    return r.member ?? (r.waits ? AS_COLUMNS : r.slot);
  }

  /** The rank of a slot `joinCompact` gave, once settled. */
  rankAt(slot: number): Rank {
    return slot < 0 ? { overall: null, cohort: null } : this.ranks.rankAt(slot);
  }

  private record(e: Entry, compact: boolean): { rank?: Rank; slot: number; member?: Contender; waits?: true } {
    const { key, allowed } = e;
    let c = this.cohorts.get(key);
    if (!c) {
      c = { key, no: this.cohorts.size, counts: { size: 0, graded: 0, fixed: {} }, fixedBy: new Int32Array(this.plan.grades.length + 1),
        members: [], tables: new Map(), summary: { key, size: 0, quotas: [], distribution: {} } };
      this.cohorts.set(key, c);
    }
    for (let j = 0; j < this.tables.length; j++) {
      const { q, g, t } = this.tables[j], overall = q.scope === 'overall';
      this.see(overall ? this.overallTables : c.tables, g, t, e.tableKey(j), e.id, overall ? null : key, e.index);
    }
    const standing = e.standing; // issue 14: only a roster member has one
    // 不定等次 on the roster: not ranked (ranks.ts says why a `nograde` subject still is)
    const ungraded = !!standing?.ungraded, competing = competes(allowed);
    // a streamed competitor whose ranking key is a scaled safe integer: a CompactContender, ranked by slot
    const small = compact && competing && e.rankScaled !== undefined && Number.isSafeInteger(e.rankScaled);
    let rank: Rank | undefined, slot = -1;
    if (ungraded) rank = { overall: null, cohort: null };
    else if (small || (compact && !competing)) slot = this.ranks.addCompact(e.rankValue, c.no, e.rankScaled);
    else rank = this.ranks.add(e.rankValue, c.no);
    c.counts.size++;
    if (allowed !== null) c.counts.graded++;
    if (standing?.countsInBase !== undefined) inBase(c.counts, standing.countsInBase, allowed !== null);
    if (competing) {
      if (small && e.row !== undefined && this.probeAt) { // columns until the settle: no object a GC of pass 1 marks
        (this.waiting ??= new WaitingMembers()).push(e.index, e.id, c.no, allowed!.index, slot, e.rankScaled!, e.row);
        return { rank, slot, waits: true };
      }
      if (!e.probe && e.row !== undefined) e.probe = this.probeAt!(e.row);
      const member: Contender = small
        ? new CompactContender(e.index, e.id, c.key, allowed, this.ranks, slot, e.rankScaled!, e.probe!)
        : { index: e.index, id: e.id, key: c.key, grade: allowed, quotas: NO_QUOTAS as QuotaDecision[], flags: NO_FLAGS as QuotaFlagDecision[], rank: rank!, rankValue: e.rankValue, probe: e.probe!, state: e.state };
      c.members.push(member);
      return { rank, slot, member };
    }
    c.fixedBy[allowed ? allowed.index : this.plan.grades.length]++;
    return { rank, slot };
  }

  /** A quota table's key for one subject (`index` in the batch), checked against the scope's first. */
  private see(seen: Map<QuotaTablePlan, Seen>, g: GradePlan, t: QuotaTablePlan, v: Value | null, id: string, cohort: string | null, index: number): void {
    if (v === null) this.keyNull(g, t, id, index); // issue 14 part 2: a related result ungraded or filled in
    const value = isEnum(v) ? v.name : show(v);
    const first = seen.get(t);
    if (!first) { seen.set(t, { value, id }); return; }
    if (first.value === value) return;
    const scope = cohort === null || !this.plan.cohortBy ? M.scopeWholeBatch() : M.scopeCohortNamed({ key: cohort });
    const msg = M.tableKeyVaries({ grade: g.name, key: t.name, scope, a: first.id, va: first.value, b: id, vb: value });
    const p = this.plan.file.position(t.span.start);
    // at the differing subject's key: its input (`subjects[7].input.班子等次`), or the subject when a let
    const path = this.plan.checked.symbols.inputs.has(t.name) ? `subjects[${index}].input.${t.name}` : `subjects[${index}]`;
    throw new EvalFailure({ ...evalError('KH-E043', M.atLine({ what: msg, line: p.line }), { subject: id, path, line: p.line, column: p.column }) });
  }

  /** KH-E058: a quota table's key is null for a subject (a related subject's result without a grade,
   * or filled in by `missing zero`), so the share cannot be looked up — an error at the key, not a crash. */
  private keyNull(g: GradePlan, t: QuotaTablePlan, id: string, index: number): never {
    const p = this.plan.file.position(t.span.start);
    const msg = P.tableKeyNull({ grade: g.name, key: t.name, subject: id });
    const path = this.plan.checked.symbols.inputs.has(t.name) ? `subjects[${index}].input.${t.name}` : `subjects[${index}]`;
    throw new EvalFailure({ ...evalError('KH-E058', M.atLine({ what: msg, line: p.line }), { subject: id, path, line: p.line, column: p.column }) });
  }

  /** Forgets the cohorts' competitors once settled (their summaries stay with the Settled; ranks
   * stay for `rankAt`): a streamed cohort keeps of them only what its pass 2 needs. */
  release(): void {
    for (const c of this.cohorts.values()) c.members = [];
    this.everyone = undefined;
  }

  /** Once settled: every competitor, in input order (the list is the caller's to change: the book
   * reads it only in `settle`, and forgets it at `release`). */
  members(): Contender[] {
    return (this.everyone ??= [...this.cohorts.values()].flatMap((c) => c.members).sort((a, b) => a.index - b.index));
  }

  /** The competitors kept as columns made members, each into its cohort's list in input order beside
   * those that were members already (and, when there were none, `everyone`: they are all in input order). */
  private unwait(cohorts: Cohort[]): void {
    const w = this.waiting, plan = this.plan;
    if (!w) return;
    const n = w.size;
    const objects = cohorts.some((c) => c.members.length > 0);
    const made: Contender[] = new Array(n), byCohort: Contender[][] = cohorts.map(() => []);
    for (let k = 0; k < n; k++) {
      const c = cohorts[w.cohort.data[k]];
      const m = new CompactContender(w.index.data[k], w.ids.at(k), c.key, plan.grades[w.grade.data[k]], this.ranks, w.slot.data[k], w.key.data[k], this.probeAt!(w.row.data[k]));
      made[k] = m;
      byCohort[c.no].push(m);
    }
    for (const c of cohorts) c.members = c.members.length ? byIndex(c.members, byCohort[c.no]) : byCohort[c.no];
    if (!objects) this.everyone = made; // else `members()` merges them
    this.waiting = undefined;
  }

  /** Ranks everyone, then applies the quotas (mutating the competing members' `grade`, `quotas` and
   * `flags`); the summaries in cohort order (first appearance). */
  settle(): Settled {
    this.ranks.assign();
    const plan = this.plan;
    const cohorts = [...this.cohorts.values()];
    for (const c of cohorts) c.counts.fixed = fixedOf(plan, c.fixedBy);
    this.unwait(cohorts);
    const race = new Race(plan, this.lang);
    const named = plan.grades.some((g) => g.quotas.some((q) => q.scope === 'overall')); // then words name the scope
    const all = named ? this.members() : [];
    const total = totals(cohorts);
    const overallQuotas: QuotaSummary[] = [];
    for (const g of plan.grades) {
      const soft: (() => void)[] = []; // after the grade's hard quotas at every scope
      const inCohort = g.quotas.find((q) => q.scope === 'cohort');
      if (inCohort) {
        for (const c of cohorts) {
          const a = race.hard(g, inCohort, holdersOf(c.members, g), c.counts, shareOf(plan, inCohort, c.tables), named);
          c.summary.quotas.push(a.summary);
          if (inCohort.normal) soft.push(() => race.soft(g, inCohort, holdersOf(c.members, g), c.counts, a, named));
        }
      }
      const overall = g.quotas.find((q) => q.scope === 'overall');
      if (overall) {
        const a = race.hard(g, overall, holdersOf(all, g), total, shareOf(plan, overall, this.overallTables), named);
        overallQuotas.push(a.summary);
        if (overall.normal) soft.push(() => race.soft(g, overall, holdersOf(all, g), total, a, named));
      }
      for (const f of soft) f();
    }
    const out: Settled = {
      cohorts: cohorts.map((c) => Object.assign(c.summary, { size: c.counts.size, distribution: distribution(plan, c.counts, c.members) })),
    };
    if (named) out.overall = { size: total.size, quotas: overallQuotas, distribution: distribution(plan, total, all) };
    return out;
  }
}

const holdersOf = (members: Contender[], g: GradePlan): Contender[] => members.filter((m) => m.grade === g);

/** Two lists of members each in input order, merged in input order. */
function byIndex(a: Contender[], b: Contender[]): Contender[] {
  const out: Contender[] = new Array(a.length + b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i].index < b[j].index ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Streamed competitors waiting for the settle (issue 16, session 11): what their CompactContender
 * will hold, by number in input order, in typed arrays and one packed text of their ids. As objects
 * (a member, its probe, its id: ≈ 180 bytes) a million-subject cohort's ≈ 180,000 competitors were
 * ≈ 35 MB of live heap by the end of pass 1, which every major GC of pass 1 marked again. */
class WaitingMembers {
  readonly index = new Column(new Int32Array(1024));
  readonly cohort = new Column(new Int32Array(1024));
  readonly grade = new Column(new Int32Array(1024));
  readonly slot = new Column(new Int32Array(1024));
  readonly key = new Column(new Float64Array(1024));
  readonly row = new Column(new Int32Array(1024));
  readonly ids = new PackedTexts();

  get size(): number { return this.index.size; }

  push(index: number, id: string, cohort: number, grade: number, slot: number, key: number, row: number): void {
    this.index.push(index);
    this.ids.push(id);
    this.cohort.push(cohort);
    this.grade.push(grade);
    this.slot.push(slot);
    this.key.push(key);
    this.row.push(row);
  }
}

/** A member's decisions before any: one empty list shared by every member (quota.ts `added` gives a
 * member its own list with its first decision) — a streamed cohort keeps ≈ 180,000 members, and V8
 * marks every object they hold at each major GC (issue 16, session 8). */
const NO_QUOTAS: readonly QuotaDecision[] = Object.freeze([]);
const NO_FLAGS: readonly QuotaFlagDecision[] = Object.freeze([]);

/** A competitor of a streamed cohort whose ranking key is a scaled safe integer (ranks.ts `scaled`):
 * the key kept as that number, its exact value made when a race reads it (once a settle: Race
 * caches it in raceValues), instead of a Rational and its two BigInts for the whole run; its rank
 * read from its slot (−1: not ranked, 不定等次) once settled, instead of a Rank object of its own. */
class CompactContender implements Contender {
  quotas = NO_QUOTAS as QuotaDecision[];
  flags = NO_FLAGS as QuotaFlagDecision[];
  declare raceValues?: (Value | null)[]; // `declare`: no field until a race sets it (8 bytes × 180,000 members)
  declare state?: SubjectState; // never set: a compact member has no state
  constructor(readonly index: number, readonly id: string, readonly key: string, public grade: GradePlan | null, private readonly ranks: Ranks,
    private readonly slot: number, private readonly scaledKey: number, readonly probe: Probe) {}
  get rankValue(): Value { return unscaled(this.scaledKey); }
  get rank(): Rank { return this.slot < 0 ? { overall: null, cohort: null } : this.ranks.rankAt(this.slot); }
}

/** A cohort's head count per grade of its non-competitors (`Cohort.fixedBy`), by name (`none`: no grade). */
function fixedOf(plan: Plan, by: Int32Array): Record<string, number> {
  const fixed: Record<string, number> = {};
  by.forEach((n, i) => { if (n > 0) fixed[i < plan.grades.length ? plan.grades[i].name : 'none'] = n; });
  return fixed;
}

/** Records the roster's `countsInBase` for one member (issue 14). The roster's word wins over the
 * scheme's `of graded|all` for that member: false takes it out of every base (graded or not), true
 * puts it in every base — an ungraded member (不定等次 on the roster, or `nograde`) then counts in an
 * `of graded` base too; a graded one is in every base already. */
function inBase(counts: CohortCounts, isIn: boolean, graded: boolean): void {
  const r = (counts.roster ??= { out: 0, outGraded: 0, in: 0 });
  if (!isIn) { r.out++; if (graded) r.outGraded++; } else if (!graded) r.in++;
}

/** The whole batch's head counts. */
function totals(cohorts: Cohort[]): CohortCounts {
  const total: CohortCounts = { size: 0, graded: 0, fixed: {} };
  for (const c of cohorts) {
    total.size += c.counts.size;
    total.graded += c.counts.graded;
    const r = c.counts.roster;
    if (r) { const t = (total.roster ??= { out: 0, outGraded: 0, in: 0 }); t.out += r.out; t.outGraded += r.outGraded; t.in += r.in; }
    for (const [g, n] of Object.entries(c.counts.fixed)) total.fixed[g] = (total.fixed[g] ?? 0) + n;
  }
  return total;
}

/** Head count per grade, and `none`. */
function distribution(plan: Plan, counts: CohortCounts, members: Contender[]): Record<string, number> {
  const d: Record<string, number> = Object.fromEntries(plan.grades.map((g) => [g.name, 0]));
  d.none = 0;
  for (const [g, n] of Object.entries(counts.fixed)) d[g] += n;
  for (const m of members) d[m.grade ? m.grade.name : 'none']++;
  return d;
}

function shareOf(plan: Plan, q: QuotaPlan, tables: Map<QuotaTablePlan, Seen>): Share {
  if (!q.table) return q.percent ? { share: q.percent } : {};
  const seen = tables.get(q.table)!; // every scope has a subject, and each was seen
  const share = q.table.shares.get(seen.value);
  if (!share) fail('KH-E019', M.tableNoEntry({ table: q.table.name, key: seen.value }), plan.file, q.table.span);
  return { share, from: M.tableShare({ key: q.table.name, member: seen.value }) };
}
