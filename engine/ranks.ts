// Every member of a cohort result gets its rank (issue 13): overall (in the whole batch) and within its
// cohort, by the ranking key (`rank by E [asc|desc]`, default the reported score, best first). This
// is competition ranking: ties share a rank and the next rank skips (1, 1, 3), i.e. 1 + how many are
// strictly better. Everyone is ranked, nograde, vetoed and capped subjects too: the rank says where
// the subject stands, not what it was allowed — their own evaluation decided that. A member the
// round's roster leaves ungraded (不定等次: 试用期, 新录用; issue 14) is not: it was not assessed
// against the others at all, so it gets no rank (null) and takes none from them (cohort.ts never
// adds it here), and 公示 ranks only those who were. Only the key value is kept per subject (a finished
// result's state is dropped at once), and each result holds its Rank object, filled in at the end.

import type { Rank } from './api.js';
import { compareKey } from './race.js';
import { Rational } from '../dsl/rational.js';
import { isNum, type Value } from './values.js';

/** Competition ranks (1, 1, 3) of items sorted best first: `ranks[i]` is `sorted[i]`'s — its position,
 * or its predecessor's rank when `tied` says the two are equal (so 1 + how many are strictly better).
 * The one ranking rule of issue 13: the subjects' ranks (Ranks below), a quota's race (cohort.ts)
 * and `overall rank(x)` (cohort-values.ts Stats), each sorting once with its own order. */
export function competitionRanks<T>(sorted: readonly T[], tied: (a: T, b: T) => boolean): number[] {
  const ranks = new Array<number>(sorted.length);
  for (let i = 0; i < sorted.length; i++) ranks[i] = i > 0 && tied(sorted[i - 1], sorted[i]) ? ranks[i - 1] : i + 1;
  return ranks;
}

/** A ranking key as a number that compares exactly as the key: the key × 10^6 when that is a safe
 * integer (a score of `precision` ≤ 6 decimals, an integer key), else NaN (kept exactly beside). */
const SCALE = 1_000_000n;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);
export function scaled(v: Value): number {
  if (!isNum(v)) return NaN;
  const den = v.den;
  if (SCALE % den !== 0n) return NaN;
  const x = v.num * (SCALE / den);
  return x > MAX || x < -MAX ? NaN : Number(x);
}

/** The exact value of a key `scaled` gave as a number. */
export const unscaled = (x: number): Value => Rational.of(BigInt(x), SCALE);

/** A growable Float64Array / Int32Array (a plain array costs a pointer and often a boxed number each;
 * exported for engine/stream: rows.ts, texts.ts, cohort-stream.ts). */
export class Column<A extends Float64Array | Int32Array> {
  size = 0;
  data: A;
  constructor(data: A) {
    // Stored twice: V8 then never takes the field for a constant. Taken for one, the first time any
    // column grew, all code optimized on it was thrown away and compiled again (session 9, V8 traces).
    this.data = null as unknown as A;
    this.data = data;
  }
  push(x: number): void {
    if (this.size === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => A)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = x;
  }
}

/** The ranks of a batch, kept compactly (issue 16: a streamed cohort of a million keeps them all):
 * per ranked subject its key as a scaled number (`scaled`; the exact key only when that is not
 * safe), its cohort's number, and after `assign` its two ranks. A Rank object exists only for the
 * subjects whose result needs one before `assign` (`add`; a streamed subject's result is written
 * after it: `addCompact` + `rankAt`). Comparisons are exact either way. */
export class Ranks {
  private readonly keys = new Column(new Float64Array(1024));
  private readonly exact = new Map<number, Value>();
  private readonly cohorts = new Column(new Int32Array(1024));
  /** The Rank objects `add` made, and their slots (a list of every slot, mostly empty, was a million
   * entries a streamed cohort grew and the collector copied). */
  private readonly objects: Rank[] = [];
  private readonly objectSlots = new Column(new Int32Array(64));
  /** How many cohorts: 1 + the largest cohort number added. */
  private cohortCount = 0;
  private overall?: Int32Array;
  private inCohort?: Int32Array;

  constructor(private readonly dir: 'asc' | 'desc') {}

  /** Records a subject's ranking key, in cohort number `cohort` (the caller numbers its cohorts from 0);
   * the Rank returned is filled in by `assign`. */
  add(value: Value, cohort: number): Rank {
    const slot = this.addCompact(value, cohort);
    const rank: Rank = { overall: 0, cohort: 0 };
    this.objects.push(rank);
    this.objectSlots.push(slot);
    return rank;
  }

  /** Records a subject's ranking key without a Rank object; its slot for `rankAt`. `known`: the key
   * scaled (`scaled(value)`) when the caller has it — a number, or NaN to work it out. */
  addCompact(value: Value, cohort: number, known = NaN): number {
    if (cohort >= this.cohortCount) this.cohortCount = cohort + 1;
    const slot = this.keys.size, x = Number.isNaN(known) ? scaled(value) : known;
    if (Number.isNaN(x)) this.exact.set(slot, value);
    this.keys.push(x);
    this.cohorts.push(cohort);
    return slot;
  }

  /** The ranks of a slot (after `assign`). */
  rankAt(slot: number): Rank {
    return { overall: this.overall![slot], cohort: this.inCohort![slot] };
  }

  /** The exact key of a slot. */
  private keyAt(i: number): Value {
    const x = this.keys.data[i];
    return Number.isNaN(x) ? this.exact.get(i)! : unscaled(x);
  }

  /** Fills in every recorded Rank. */
  assign(): void {
    const n = this.keys.size, keys = this.keys.data, sign = this.dir === 'desc' ? -1 : 1;
    const cmp = (a: number, b: number): number => {
      const x = keys[a], y = keys[b];
      if (x === x && y === y) return x === y ? 0 : (x < y ? -sign : sign); // both scaled: exact
      return compareKey(this.dir, this.keyAt(a), this.keyAt(b));
    };
    const tied = (a: number, b: number) => cmp(a, b) === 0;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => cmp(a, b) || a - b);
    const overall = this.overall = new Int32Array(n);
    const inCohort = this.inCohort = new Int32Array(n);
    // competition ranks (competitionRanks, without an array of n boxed numbers)
    for (let pos = 0; pos < n; pos++) overall[order[pos]] = pos > 0 && tied(order[pos - 1], order[pos]) ? overall[order[pos - 1]] : pos + 1;
    // Within each cohort: the same order restricted to the cohort (one cohort: the overall ranks).
    if (this.cohortCount === 1) inCohort.set(overall);
    else {
      const cohorts = this.cohorts.data, last = new Int32Array(this.cohortCount).fill(-1), count = new Int32Array(this.cohortCount);
      for (let pos = 0; pos < n; pos++) {
        const i = order[pos], c = cohorts[i], prev = last[c];
        count[c]++;
        inCohort[i] = prev >= 0 && tied(prev, i) ? inCohort[prev] : count[c];
        last[c] = i;
      }
    }
    this.objects.forEach((r, k) => { const i = this.objectSlots.data[k]; r.overall = overall[i]; r.cohort = inCohort[i]; });
  }
}
