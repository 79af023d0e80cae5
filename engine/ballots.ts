// `rate` on a panel with criteria (issue 12, item 2): each rater fills one ballot, a rating per
// criterion (德 能 勤 绩 廉), and may leave a criterion out (不了解). The score, exactly:
//
//   for each criterion e and category c: the ratings of e in c (input order), `min` counted on them
//   before trimming (fewer, or none: c is missing for e), trimmed, averaged → m(c, e);
//   s(e) = Σ_c w_c · m(c, e) over the categories with ratings of e, under the panel's `missing`
//   policy applied per criterion (renormalize: divided by the present categories' Σ w_c; zero: the
//   missing ones count 0; error: KH-E014);
//   score = Σ_e v_e · s(e)   (v_e: the criteria weights, 100% in all).
//
// Trimming `trim K when count >= N`: per criterion (the default) drops the K highest and K lowest
// ratings of e in c when c has at least N (and more than 2K) of them; `per ballot` drops whole
// ballots instead — the K with the lowest and the K with the highest ballot total Σ_e v_e · r_e,
// ballots in input order: among equal totals the earliest counts as lower (so the earliest of tied
// lowest ballots and the latest of tied highest ballots go). Under `per ballot` every ballot is
// complete (validate.ts, KH-E022), so both rules see the same count for every criterion.
//
// With complete ballots and no missing categories the score equals Σ_c w_c · (Σ_e v_e · m(c, e)).

import type { PanelDecl, RateExpr } from '../dsl/ast.js';
import { defineMessages } from '../dsl/i18n/index.js';
import { Rational } from '../dsl/rational.js';
import type { CompileEnv } from './expr.js';
import { fail } from './errors.js';
import { M } from './messages.js';
import { meanOf, panelSettings, trimmedMean, trimRatings, trims, type Criterion, type PanelSettings } from './panels.js';
import type { RatingsVal, Value } from './values.js';

const B = defineMessages('engineBallots', {
  en: {
    criterionNone: 'no ratings of {criterion}',
    criterionFewer: 'fewer than {n} ratings of {criterion}',
    criterionAllMissing: '{path}: no category of panel {panel} rates {criterion}',
  },
  zh: {
    criterionNone: '没有对“{criterion}”的评分',
    criterionFewer: '对“{criterion}”的评分少于 {n} 个',
    criterionAllMissing: '{path}：测评组“{panel}”没有任何类别对“{criterion}”评分',
  },
});

export type { Criterion };
export type BallotPanel = PanelSettings;
type Ballot = Map<string, Rational>;

export const criteriaOf = (p: PanelDecl): Criterion[] => panelSettings(p).criteria;

/** A ballot's weighted mean over the criteria it rates: Σ v_e·r_e / Σ v_e (its total when complete). */
export function ballotMean(criteria: Criterion[], ballot: Ballot): Rational {
  let sum = Rational.ZERO, w = Rational.ZERO;
  for (const c of criteria) {
    const r = ballot.get(c.name);
    if (r) { sum = sum.add(r.mul(c.weight)); w = w.add(c.weight); }
  }
  return w.isZero() ? Rational.ZERO : sum.div(w);
}

/** Each category's ballot means (the value of `票.本处室` in expressions). */
export function ballotMeans(p: PanelDecl, ballots: Map<string, Ballot[]>): Map<string, Rational[]> {
  const criteria = criteriaOf(p);
  return new Map([...ballots].map(([k, list]) => [k, list.map((b) => ballotMean(criteria, b))]));
}

/** The trace of one criterion in one category. */
interface CellTrace { name: string; ratings: number; used?: Value; trimmed?: Value; mean?: Value; weight?: Value; missing?: true }
export interface BallotCategoryTrace {
  name: string; ratings: number; criteria: CellTrace[]; mean?: Value; trimmedBallots?: number[]; missing?: true;
}
export interface CriterionTrace { name: string; weight: Value; score: Value }

/** Where a `rate` is evaluated, for its errors. */
interface Site { v: RatingsVal; where: () => string; env: CompileEnv; e: RateExpr }

/** m(c, e) of one category for every criterion (undefined: missing for e), with its trace when asked. */
interface Row { means: (Rational | undefined)[]; trace?: BallotCategoryTrace }

/** The ballots of one category kept by `per ballot` trimming (input positions from 0), or all. */
function keptBallots(list: Ballot[], panel: BallotPanel): { kept: Set<number>; dropped?: number[] } {
  const all = new Set(list.map((_, i) => i));
  const t = panel.trim;
  if (!t?.perBallot || !trims(t, list.length)) return { kept: all };
  const totals = list.map((b, i) => ({ i, total: ballotMean(panel.criteria, b) }));
  totals.sort((a, b) => a.total.cmp(b.total) || a.i - b.i); // stable: ties in input order
  const low = totals.slice(0, t.count).map((x) => x.i);
  const high = totals.slice(totals.length - t.count).map((x) => x.i).reverse();
  for (const i of [...high, ...low]) all.delete(i);
  return { kept: all, dropped: [...high, ...low] };
}

/** The score of ballots `v` on `panel`; `where` is the data path of the ratings (for errors). The
 * trace objects are built only when `trace` (an explanation was asked for). */
export function rateBallots(v: RatingsVal, panel: BallotPanel, where: () => string, env: CompileEnv, e: RateExpr,
  trace: boolean): { score: Rational; categories?: BallotCategoryTrace[]; criteria?: CriterionTrace[] } {
  const site: Site = { v, where, env, e };
  const ballots = v.ballots ?? new Map<string, Ballot[]>();
  const rows = panel.categories.map((k) => categoryRow(ballots.get(k.name) ?? [], k, panel, site, trace));
  let score = Rational.ZERO;
  const crit: CriterionTrace[] = [];
  panel.criteria.forEach((c, j) => {
    const s = criterionScore(j, rows, panel, site);
    if (trace) crit.push({ name: c.name, weight: c.weight, score: s });
    score = score.add(c.weight.mul(s));
  });
  return trace ? { score, categories: rows.map((r) => r.trace!), criteria: crit } : { score };
}

/** Step 1, per category: the ballots kept, then m(c, e) for each criterion e. */
function categoryRow(list: Ballot[], k: BallotPanel['categories'][number], panel: BallotPanel, site: Site, trace: boolean): Row {
  const { kept, dropped } = keptBallots(list, panel);
  const cells: CellTrace[] = [];
  const means = panel.criteria.map((c) => criterionMean(list, kept, dropped, c.name, k, panel, site, trace ? cells : undefined));
  if (!trace) return { means };
  const t: BallotCategoryTrace = { name: k.name, ratings: list.length, criteria: cells };
  if (dropped) t.trimmedBallots = dropped.map((i) => i + 1);
  if (means.every((m) => m === undefined)) t.missing = true;
  else {
    // the category's ballot mean: Σ v_e·m(c, e) over the criteria it rates, renormalized
    let s = Rational.ZERO, w = Rational.ZERO;
    panel.criteria.forEach((c, j) => { const m = means[j]; if (m) { s = s.add(m.mul(c.weight)); w = w.add(c.weight); } });
    t.mean = s.div(w);
  }
  return { means, trace: t };
}

/** Step 2, one cell: the ratings of criterion `name` in one category, `min` counted before
 * trimming; undefined when the category is missing for it (KH-E014 under `missing error`). */
function criterionMean(list: Ballot[], kept: Set<number>, dropped: number[] | undefined, name: string,
  k: BallotPanel['categories'][number], panel: BallotPanel, site: Site, cells: CellTrace[] | undefined): Rational | undefined {
  const ratings: Rational[] = [], used: Rational[] = [];
  list.forEach((b, i) => {
    const r = b.get(name);
    if (!r) return;
    ratings.push(r);
    if (kept.has(i)) used.push(r);
  });
  if (ratings.length === 0 || ratings.length < k.min) {
    if (panel.missing === 'error') {
      const path = `${site.where()}.${k.name}`;
      const detail = ratings.length === 0 ? B.criterionNone({ criterion: name }) : B.criterionFewer({ n: k.min, criterion: name });
      fail('KH-E014', M.categoryMissing({ path, detail }), site.env.file, site.e.span, path);
    }
    cells?.push({ name, ratings: ratings.length, missing: true });
    return undefined;
  }
  const perCriterion = !panel.trim?.perBallot && trims(panel.trim, ratings.length);
  if (!cells) return perCriterion ? trimmedMean(ratings, panel.trim!.count) : meanOf(used);
  const cell: CellTrace = { name, ratings: ratings.length };
  if (perCriterion) {
    const t = trimRatings(ratings, panel.trim!.count);
    cell.used = t.used;
    cell.trimmed = t.dropped;
  } else {
    cell.used = used;
    if (dropped) cell.trimmed = dropped.map((i) => list[i].get(name)!);
  }
  const mean = meanOf(cell.used as Rational[]);
  cell.mean = mean;
  cells.push(cell);
  return mean;
}

/** Step 3: s(e) = Σ_c w_c·m(c, e) under the `missing` policy (KH-E013 when no category rates e);
 * each traced cell gets its category's share of s(e). */
function criterionScore(j: number, rows: Row[], panel: BallotPanel, site: Site): Rational {
  let s = Rational.ZERO, w = Rational.ZERO;
  panel.categories.forEach((k, i) => {
    const m = rows[i].means[j];
    if (m) { s = s.add(m.mul(k.weight)); w = w.add(k.weight); }
    else if (panel.missing === 'zero') w = w.add(k.weight);
  });
  if (w.isZero()) {
    if (panel.missing !== 'zero') {
      const path = site.where();
      fail('KH-E013', B.criterionAllMissing({ path, panel: site.v.panel.name.name, criterion: panel.criteria[j].name }), site.env.file, site.e.span, path);
    }
    return s;
  }
  panel.categories.forEach((k, i) => { const cell = rows[i].trace?.criteria[j]; if (cell && rows[i].means[j]) cell.weight = k.weight.div(w); });
  return s.div(w);
}
