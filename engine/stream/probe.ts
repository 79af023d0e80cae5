// A competitor's compact record for the quota phase of a streaming cohort: everything the race may
// read of it (race.ts Probe — the committee's order, the tiebreak keys, which lower grades' conditions
// hold) computed in pass 1 while its evaluation state is alive, so the state can be dropped. The
// in-memory batch reads these lazily, only when a quota binds; reading them eagerly must not change
// what happens, so a value whose evaluation threw keeps the error and rethrows it when (and only
// when) the race reads it — the batch fails exactly where the in-memory one would. With `explain`
// the reads are logged, so pass 2 can repeat them on the re-evaluated state before its result is
// written (a read may evaluate a let the explanation then shows).

import type { Probe } from '../race.js';
import type { SubjectState } from '../evaluate.js';
import type { GradePlan } from '../plan.js';
import type { Value } from '../values.js';

/** An evaluation that threw: rethrown when read. */
class Thrown { constructor(readonly err: unknown) {} }

type Kept<T> = T | Thrown;

const keep = <T>(f: () => T): Kept<T> => { try { return f(); } catch (err) { return new Thrown(err); } };
const read = <T>(k: Kept<T>): T => { if (k instanceof Thrown) throw k.err; return k; };

/** What pass 2 repeats on the re-evaluated state: `-1` the race keys, a grade index its condition. */
export type ProbeLog = number[];

export class CompactProbe implements Probe {
  private readonly tiebreaks: Kept<Value | null>[];
  /** By grade index below the allowed grade's (`lowers[g.index - first]`). */
  private readonly lowers: Kept<boolean>[];
  private readonly first: number;
  private readonly orderValue: Value | null;
  log?: ProbeLog;

  constructor(st: SubjectState, orderOf: (st: SubjectState) => Value | null, logging: boolean) {
    const s = st.subject;
    const plan = s.plan;
    this.orderValue = orderOf(st);
    this.tiebreaks = plan.tiebreak.map((t) => keep(() => t.key(s)));
    this.first = (st.allowed?.index ?? plan.grades.length) + 1;
    this.lowers = plan.grades.slice(this.first).map((g) => keep(() => !g.when || g.when(s) === true));
    if (logging) this.log = [];
  }

  order(): Value | null {
    this.raced();
    return this.orderValue;
  }

  tiebreak(j: number): Value | null {
    this.raced();
    return read(this.tiebreaks[j]);
  }

  /** The race reads all its keys at once, then keeps them (cohort.ts Race.of): logged once. */
  private raced(): void {
    if (this.log && !this.log.includes(-1)) this.log.push(-1);
  }

  holds(lower: GradePlan): boolean {
    this.log?.push(lower.index);
    return read(this.lowers[lower.index - this.first]);
  }
}

/** Repeats a competitor's logged reads on its re-evaluated state (explain only). */
export function replay(log: ProbeLog, st: SubjectState): void {
  const s = st.subject;
  for (const op of log) {
    if (op === -1) { for (const t of s.plan.tiebreak) t.key(s); continue; }
    const g = s.plan.grades[op];
    if (g.when) g.when(s);
  }
}
