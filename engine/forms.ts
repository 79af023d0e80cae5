// Scoring forms (§4, §5): `bands` (first matching band), `levels` (enum member → score), `linear`
// (piecewise linear, clamped at both ends) and `rate` (multi-rater panels: per-category trim, mean,
// weights renormalized / zeroed / erroring for missing categories). Each records what it did in the
// trace when explaining.

import type { BandsExpr, Expr, LevelsExpr, LinearExpr, RateExpr } from '../dsl/ast.js';
import { Rational } from '../dsl/rational.js';
import { constNumber } from './contract.js';
import { fail } from './errors.js';
import type { Msg } from '../dsl/i18n/index.js';
import { M } from './messages.js';
import { num, type CompileEnv, type Compiler } from './expr.js';
import type { Compiled, Ctx, PathFn } from './plan.js';
import { compareValues, isEnum, show, type RatingsVal, type Value } from './values.js';
import { rateBallots } from './ballots.js';
import { meanOf, panelSettings, trimmedMean, trimRatings, trims, type PanelSettings } from './panels.js';

export function compileForm(e: BandsExpr | LevelsExpr | LinearExpr | RateExpr, env: CompileEnv, c: Compiler,
  path: PathFn): Compiled {
  switch (e.kind) {
    case 'Bands': return bands(e, env, c);
    case 'Levels': return levels(e, env, c);
    case 'Linear': return linear(e, env, c);
    case 'Rate': return rate(e, env, c, path);
  }
}

function bands(e: BandsExpr, env: CompileEnv, c: Compiler): Compiled {
  const subject = c(e.subject);
  const list = e.bands.map((b) => ({ op: b.op, threshold: c(b.threshold), score: c(b.score), text: env.file.slice(b.span) }));
  const otherwise = e.else && c(e.else);
  return (ctx) => {
    const v = subject(ctx);
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      const d = compareValues(v, b.threshold(ctx));
      const hit = b.op === '==' ? d === 0 : b.op === '!=' ? d !== 0 : b.op === '<' ? d < 0 : b.op === '<=' ? d <= 0
        : b.op === '>' ? d > 0 : d >= 0;
      if (hit) {
        const s = b.score(ctx);
        ctx.trace?.form({ form: 'bands', value: v, matched: b.text, band: i + 1, score: s });
        return s;
      }
    }
    if (otherwise) {
      const s = otherwise(ctx);
      ctx.trace?.form({ form: 'bands', value: v, matched: 'else', score: s });
      return s;
    }
    return fail('KH-E016', M.noBand({ code: env.file.slice(e.subject.span), value: show(v) }), env.file, e.span);
  };
}

function levels(e: LevelsExpr, env: CompileEnv, c: Compiler): Compiled {
  const subject = c(e.subject);
  const entries = new Map<string, Compiled>();
  for (const en of e.entries) {
    entries.set(env.checked.memberRefs.get(en.member)?.name ?? en.member.name, c(en.score));
  }
  const otherwise = e.else && c(e.else);
  return (ctx) => {
    const v = subject(ctx);
    const key = isEnum(v) ? v.name : show(v);
    const f = entries.get(key);
    const s = f ? f(ctx) : otherwise ? otherwise(ctx)
      : fail('KH-E016', M.noLevel({ code: env.file.slice(e.subject.span), key }), env.file, e.span);
    ctx.trace?.form({ form: 'levels', value: v, matched: f ? key : 'else', score: s });
    return s;
  };
}

function linear(e: LinearExpr, env: CompileEnv, c: Compiler): Compiled {
  const subject = c(e.subject);
  // Points are constants in practice; fall back to evaluating them per subject otherwise.
  const consts = e.points.map((p) => [constNumber(p.x), constNumber(p.y)] as const);
  const fixed = consts.every(([x, y]) => x && y) ? consts.map(([x, y]) => [x!, y!] as [Rational, Rational]) : undefined;
  const dyn = e.points.map((p) => [c(p.x), c(p.y)] as const);
  const at = (x: Expr) => x;
  return (ctx) => {
    const v = num(subject(ctx), env, e.subject);
    const pts = fixed ?? dyn.map(([x, y], i) => [num(x(ctx), env, at(e.points[i].x)), num(y(ctx), env, at(e.points[i].y))] as [Rational, Rational]);
    const last = pts.length - 1;
    // The segment: -1 below the first point, `last` above the last, else i for [pts[i], pts[i + 1]].
    let i: number, s: Rational;
    if (v.le(pts[0][0])) { i = -1; s = pts[0][1]; }
    else if (v.ge(pts[last][0])) { i = last; s = pts[last][1]; }
    else {
      i = 0;
      while (!(v.ge(pts[i][0]) && v.le(pts[i + 1][0]))) i++;
      const [x0, y0] = pts[i], [x1, y1] = pts[i + 1];
      s = y0.add(v.sub(x0).mul(y1.sub(y0)).div(x1.sub(x0)));
    }
    ctx.trace?.form({ form: 'linear', value: v, segment: ctx.trace.words(segmentWords(pts, i)), score: s });
    return s;
  };
}

/** The segment a `linear` value fell in, for its trace (built only when explaining). */
function segmentWords(pts: [Rational, Rational][], i: number): Msg | string {
  const d = (r: Rational) => r.toDecimalString();
  if (i < 0) return M.segmentBelow({ x: d(pts[0][0]) });
  if (i === pts.length - 1) return M.segmentAbove({ x: d(pts[i][0]) });
  return `${d(pts[i][0])} => ${d(pts[i][1])} .. ${d(pts[i + 1][0])} => ${d(pts[i + 1][1])}`;
}

interface CategoryTrace { name: string; ratings: number; used?: Value; trimmed?: Value; mean?: Value; weight?: Value; missing?: boolean }

function rate(e: RateExpr, env: CompileEnv, c: Compiler, path: PathFn): Compiled {
  const subject = c(e.subject);
  return (ctx: Ctx) => {
    const v = subject(ctx);
    if (!(typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Rational) && v.kind === 'ratings')) {
      return fail('KH-E018', M.rateNeedsRatings({ value: show(v) }), env.file, e.span);
    }
    if (v.panel.criteria) return rateWithCriteria(v, ctx, () => path(ctx) ?? env.file.slice(e.subject.span), env, e);
    const panel = panelSettings(v.panel);
    // Without a Tracer nothing below is reported: skip the path text and the trace objects (hot path).
    if (!ctx.trace) return rateFast(v, panel, () => path(ctx) ?? env.file.slice(e.subject.span), env, e);
    const where = path(ctx) ?? env.file.slice(e.subject.span);
    const cats: CategoryTrace[] = [];
    let total = Rational.ZERO, weightSum = Rational.ZERO;
    const means: { mean: Rational; weight: Rational; t: CategoryTrace }[] = [];
    for (const k of panel.categories) {
      const ratings = v.categories.get(k.name) ?? [];
      const t: CategoryTrace = { name: k.name, ratings: ratings.length };
      cats.push(t);
      if (ratings.length === 0 || ratings.length < k.min) {
        t.missing = true;
        if (panel.missing === 'error') {
          categoryMissing(`${where}.${k.name}`, ratings.length, k.min, env, e);
        }
        if (panel.missing === 'zero') { weightSum = weightSum.add(k.weight); t.mean = Rational.ZERO; t.weight = k.weight; }
        continue;
      }
      let used = ratings;
      if (trims(panel.trim, ratings.length)) {
        const cut = trimRatings(ratings, panel.trim.count);
        used = cut.used;
        t.trimmed = cut.dropped;
      }
      const mean = meanOf(used);
      t.used = used;
      t.mean = mean;
      means.push({ mean, weight: k.weight, t });
      total = total.add(mean.mul(k.weight));
      weightSum = weightSum.add(k.weight);
    }
    let score: Rational;
    if (weightSum.isZero()) {
      if (panel.missing === 'zero') score = Rational.ZERO;
      else return allMissing(where, v, env, e);
    } else {
      // renormalize scales the present categories' weights to 100%; under `zero` weightSum is 100% already.
      score = total.div(weightSum);
      for (const m of means) m.t.weight = m.weight.div(weightSum);
    }
    ctx.trace?.form({ form: 'rate', input: where, panel: v.panel.name.name, missing: panel.missing, categories: cats, score });
    return score;
  };
}

/** `rate` on a panel with criteria: ballots (issue 12, ballots.ts). */
function rateWithCriteria(v: RatingsVal, ctx: Ctx, where: () => string, env: CompileEnv, e: RateExpr): Rational {
  const panel = panelSettings(v.panel);
  const r = rateBallots(v, panel, where, env, e, !!ctx.trace);
  ctx.trace?.form({
    form: 'rate', input: where(), panel: v.panel.name.name, missing: panel.missing,
    trim: panel.trim?.perBallot ? 'ballot' : 'criterion', categories: r.categories, criteria: r.criteria, score: r.score,
  });
  return r.score;
}

/** A category with no (or too few) ratings under `missing error` (KH-E014), at `path`. */
function categoryMissing(path: string, count: number, min: number, env: CompileEnv, e: RateExpr): never {
  const detail = count === 0 ? M.noRatings() : M.fewerRatings({ n: min });
  return fail('KH-E014', M.categoryMissing({ path, detail }), env.file, e.span, path);
}

/** Every category of the panel missing (KH-E013). */
function allMissing(path: string, v: RatingsVal, env: CompileEnv, e: RateExpr): never {
  return fail('KH-E013', M.allCategoriesMissing({ path, panel: v.panel.name.name }), env.file, e.span, path);
}

/** `rate` without a trace: the same arithmetic and errors as the traced path, fewer allocations. */
function rateFast(v: RatingsVal, panel: PanelSettings, whereOf: () => string, env: CompileEnv, e: RateExpr): Rational {
  let total = Rational.ZERO, weightSum = Rational.ZERO;
  for (const k of panel.categories) {
    const ratings = v.categories.get(k.name) ?? [];
    if (ratings.length === 0 || ratings.length < k.min) {
      if (panel.missing === 'error') {
        const where = whereOf();
        categoryMissing(`${where}.${k.name}`, ratings.length, k.min, env, e);
      }
      if (panel.missing === 'zero') weightSum = weightSum.add(k.weight);
      continue;
    }
    const mean = trimmedMean(ratings, trims(panel.trim, ratings.length) ? panel.trim.count : 0);
    total = total.add(mean.mul(k.weight));
    weightSum = weightSum.add(k.weight);
  }
  if (weightSum.isZero()) {
    if (panel.missing === 'zero') return Rational.ZERO;
    const where = whereOf();
    return allMissing(where, v, env, e);
  }
  return total.div(weightSum);
}
