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
import type { Value } from './values.js';

/** Competition ranks (1, 1, 3) of items sorted best first: `ranks[i]` is `sorted[i]`'s — its position,
 * or its predecessor's rank when `tied` says the two are equal (so 1 + how many are strictly better).
 * The one ranking rule of issue 13: the subjects' ranks (Ranks below), a quota's race (cohort.ts)
 * and `overall rank(x)` (cohort-values.ts Stats), each sorting once with its own order. */
export function competitionRanks<T>(sorted: readonly T[], tied: (a: T, b: T) => boolean): number[] {
  const ranks = new Array<number>(sorted.length);
  for (let i = 0; i < sorted.length; i++) ranks[i] = i > 0 && tied(sorted[i - 1], sorted[i]) ? ranks[i - 1] : i + 1;
  return ranks;
}

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
    const tied = (a: number, b: number) => cmp(a, b) === 0;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp(a, b) || a - b);
    const overall = competitionRanks(order, tied);
    for (let pos = 0; pos < n; pos++) this.ranks[order[pos]].overall = overall[pos];
    // Within each cohort: the same order restricted to the cohort (one cohort: the overall ranks).
    if (this.cohortIndex.size === 1) { for (const r of this.ranks) r.cohort = r.overall; return; }
    const byCohort = Array.from({ length: this.cohortIndex.size }, () => [] as number[]);
    for (const i of order) byCohort[this.cohorts[i]].push(i);
    for (const members of byCohort) {
      const ranks = competitionRanks(members, tied);
      for (let pos = 0; pos < members.length; pos++) this.ranks[members[pos]].cohort = ranks[pos];
    }
  }
}
