// Every member of a cohort result gets its rank (issue 13): overall (in the whole batch) and within its
// cohort, by the ranking key (`rank by E [asc|desc]`, default the reported score, best first). This
// is competition ranking: ties share a rank and the next rank skips (1, 1, 3), i.e. 1 + how many are
// strictly better. Everyone is ranked, nograde, vetoed and capped subjects too: the rank says where
// the subject stands, not what it was allowed. Only the key value is kept per subject (a finished
// result's state is dropped at once), and each result holds its Rank object, filled in at the end.

import type { Rank } from './api.js';
import { compareKey } from './race.js';
import type { Value } from './values.js';

export class Ranks {
  private readonly values: Value[] = [];
  private readonly cohorts: number[] = [];
  private readonly ranks: Rank[] = [];
  private readonly cohortIndex = new Map<string, number>();

  constructor(private readonly dir: 'asc' | 'desc') {}

  /** Records a subject's ranking key; the Rank returned is filled in by `assign`. */
  add(value: Value, cohort: string): Rank {
    let c = this.cohortIndex.get(cohort);
    if (c === undefined) { c = this.cohortIndex.size; this.cohortIndex.set(cohort, c); }
    const rank: Rank = { overall: 0, cohort: 0 };
    this.values.push(value);
    this.cohorts.push(c);
    this.ranks.push(rank);
    return rank;
  }

  /** Fills in every recorded Rank. */
  assign(): void {
    const n = this.values.length;
    const cmp = (a: number, b: number) => compareKey(this.dir, this.values[a], this.values[b]);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp(a, b) || a - b);
    // Overall: walk best first; a subject equal to the previous shares its rank.
    const cohortSeen = new Array<number>(this.cohortIndex.size).fill(0);
    const cohortLast = new Array<number>(this.cohortIndex.size).fill(-1);
    order.forEach((i, pos) => {
      const prev = pos > 0 ? order[pos - 1] : -1;
      this.ranks[i].overall = prev >= 0 && cmp(prev, i) === 0 ? this.ranks[prev].overall : pos + 1;
      // Within its cohort: the same walk restricted to the cohort (the order is the same).
      const c = this.cohorts[i];
      const last = cohortLast[c];
      this.ranks[i].cohort = last >= 0 && cmp(last, i) === 0 ? this.ranks[last].cohort : cohortSeen[c] + 1;
      cohortSeen[c]++;
      cohortLast[c] = i;
    });
  }
}
