// The compiled competitors of a streaming cohort as columns (issue 16: a million-subject cohort has
// ≈ 180,000 of them, and their records were most of its memory). What a race reads of a competitor
// (race.ts Probe: its tiebreak keys' exact values, which lower grades' conditions hold, the
// committee's order) and what pass 2 needs to finish it (its allowed grade, the grade its second
// spilled line is for, how many reasons at the end of its result say why a better grade was missed)
// are kept in typed arrays by competitor number, not as an object, two arrays and a boxed value per
// key each. A number is kept as its value × 10^6 when that is a safe integer (ranks.ts `scaled`:
// a score of ≤ 6 decimals, an integer) and read back as the same exact Rational; any other value
// (a fraction such as 1/3, a text, an enum member, no value) is kept as it is, beside. The
// answers are copied from the program's probe when the competitor is recorded: the program's probe
// computes nothing when read (codegen/competitor.ts CompiledProbe), so reading it early changes nothing.

import type { Probe } from '../race.js';
import type { GradePlan, Plan } from '../plan.js';
import { Column, scaled, unscaled } from '../ranks.js';
import type { Value } from '../values.js';

/** A key's values by competitor number: scaled, or NaN and the value in `other`. */
class Values {
  private readonly scaled = new Column(new Float64Array(1024));
  private readonly other = new Map<number, Value | null>();

  push(v: Value | null): void {
    const x = v === null ? NaN : scaled(v);
    if (Number.isNaN(x) && v !== null) this.other.set(this.scaled.size, v); // no value: none there either
    this.scaled.push(x);
  }

  at(i: number): Value | null {
    const x = this.scaled.data[i];
    return Number.isNaN(x) ? this.other.get(i) ?? null : unscaled(x);
  }
}

/** A grade's index as kept (−1: no grade). */
const indexOf = (g: GradePlan | null): number => (g ? g.index : -1);
/** In `to`: the competitor has no second spilled line (compiled.ts demotedLine gave none). */
const NO_LINE = -2;

export class CompetitorRows {
  private readonly tiebreaks: Values[];
  private readonly order = new Values();
  /** Which grades' conditions hold, `grades` bytes a competitor (only the lower grades' are read). */
  private holds: Uint8Array = null as unknown as Uint8Array; // stored twice: never a constant to V8 (ranks.ts Column)
  private readonly allowed = new Column(new Int32Array(1024));
  private readonly to = new Column(new Int32Array(1024));
  private readonly missed = new Column(new Int32Array(1024));
  private readonly grades: number;

  constructor(private readonly plan: Plan) {
    this.holds = new Uint8Array(1024);
    this.tiebreaks = plan.tiebreak.map(() => new Values());
    this.grades = plan.grades.length;
  }

  get size(): number { return this.allowed.size; }

  /** Records a competitor the program ran (`probe`: what it computed for the races), its allowed
   * grade and its `missed` count; its row number (`probe(row)` answers from the columns instead). */
  add(probe: Probe, allowed: GradePlan, missed: number): number {
    const i = this.size, g = this.grades;
    this.tiebreaks.forEach((t, j) => t.push(probe.tiebreak(j)));
    this.order.push(probe.order());
    if ((i + 1) * g > this.holds.length) { const h = new Uint8Array(this.holds.length * 2 + g); h.set(this.holds); this.holds = h; }
    for (const lower of this.plan.grades.slice(allowed.index + 1)) this.holds[i * g + lower.index] = probe.holds(lower) ? 1 : 0;
    this.allowed.push(allowed.index);
    this.to.push(NO_LINE);
    this.missed.push(missed);
    return i;
  }

  /** Row i's probe: made when a race needs it (the book's settle, cohort.ts), not kept from pass 1. */
  probe(i: number): Probe { return new RowProbe(this, i); }

  /** Competitor i has a demoted line, for grade `to`. */
  demotedTo(i: number, to: GradePlan | null): void { this.to.data[i] = indexOf(to); }

  tiebreakAt(i: number, j: number): Value | null { return this.tiebreaks[j].at(i); }
  orderAt(i: number): Value | null { return this.order.at(i); }
  holdsAt(i: number, lower: GradePlan): boolean { return this.holds[i * this.grades + lower.index] === 1; }
  missedAt(i: number): number { return this.missed.data[i]; }
  allowedAt(i: number): GradePlan { return this.plan.grades[this.allowed.data[i]]; }

  /** What pass 2 does with competitor i now at `grade` (cohort-stream.ts fates): 2 its spilled
   * provisional line stands (kept at its allowed grade), 3 its demoted line (demoted to the grade
   * that line is for), 1 evaluated again. */
  fate(i: number, grade: GradePlan | null): 1 | 2 | 3 {
    const g = indexOf(grade);
    if (this.allowed.data[i] === g) return 2;
    return this.to.data[i] === g ? 3 : 1; // NO_LINE is no grade's index
  }
}

/** A competitor's probe over the columns: two fields instead of its values. */
class RowProbe implements Probe {
  constructor(private readonly rows: CompetitorRows, private readonly i: number) {}
  order(): Value | null { return this.rows.orderAt(this.i); }
  tiebreak(j: number): Value | null { return this.rows.tiebreakAt(this.i, j); }
  holds(lower: GradePlan): boolean { return this.rows.holdsAt(this.i, lower); }
}
