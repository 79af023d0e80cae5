// A fast-check arbitrary for random VALID kaohe schemes (source text plus the model it was built
// from): enums, panels, inputs of every type, tables, lets, adjust, a weighted or points indicator
// tree with `when` blocks, negative and reward lists, grades with quotas and tiebreaks, outcomes and
// examples whose `given` satisfies the input contract — spelled with random keyword languages,
// full-width punctuation, irregular spacing and comments (style.ts).
//
// Building blocks for other tests: `genScheme(rng, opts)` (plain function of an `Rng`, seedable via
// `seededRng`), `genInput(rng, model)` for engine inputs, `numExpr`/`boolExpr` for expressions.

import fc from 'fast-check';
import { boolExpr, numExpr, numLit, type Env } from './expr-gen.js';
import { writeTree } from './members.js';
import { Names, type EnumInfo, type InputInfo, type SchemeModel, type Ty } from './model.js';
import { partition, rngOf, seededRng, type Rng } from './rng.js';
import { Style, Writer, type StyleOptions } from './style.js';
import { genInput, inputEntries, valueTokens } from './values.js';

export interface GenOptions extends StyleOptions { examples?: boolean }
export interface Generated { source: string; model: SchemeModel }

export { genInput, seededRng, rngOf, numExpr, boolExpr };
export type { Rng, SchemeModel, Env };

export function schemeArb(opts: GenOptions = {}): fc.Arbitrary<Generated> {
  return fc.gen().map((g) => genScheme(rngOf(g), opts));
}

export function schemeSourceArb(opts: GenOptions = {}): fc.Arbitrary<string> {
  return schemeArb(opts).map((g) => g.source);
}

function genType(r: Rng, names: Names, m: SchemeModel, depth: number): Ty {
  const kind = r.int(0, depth > 0 ? 7 : 4);
  if (kind <= 1) {
    const integer = kind === 1;
    const lo = r.int(0, 10), hi = lo + r.int(1, 200);
    return { k: 'number', lo, hi, integer };
  }
  if (kind === 2) return { k: 'bool' };
  if (kind === 3) return r.bool(0.3) ? { k: 'text' } : { k: 'enum', e: r.pick(m.enums) };
  if (kind === 4) return m.panels.length && r.bool(0.6) ? { k: 'ratings', panel: r.pick(m.panels) } : { k: 'enum', e: r.pick(m.enums) };
  if (kind <= 6) return { k: 'list', el: genType(r, names, m, 0.5 > r.int(0, 1) ? 0 : -1), min: r.int(0, 1) };
  return { k: 'record', fields: Array.from({ length: r.int(1, 3) }, () => ({ name: names.fresh(), ty: genType(r, names, m, 0) })) };
}

/** Tokens of a type; number bounds come out as `in [lo, hi]`, `>= lo` or nothing. */
function typeTokens(ty: Ty, s: Style, r: Rng): string[] {
  switch (ty.k) {
    case 'number': {
      const base = s.kw(ty.integer ? 'integer' : 'number');
      const c = r.int(0, 2);
      if (c === 0) return [base, s.kw('in'), s.p('['), ...(r.bool(0.2) ? ['-', '0'] : [String(ty.lo)]), s.p(','), String(ty.hi), s.p(']')];
      if (c === 1) { ty.hi = ty.lo + 100; return [base, '>=', String(ty.lo)]; }
      ty.lo = 0; ty.hi = 100;
      return [base];
    }
    case 'bool': return [s.kw('bool')];
    case 'text': return [s.kw('text')];
    case 'enum': return [ty.e.name];
    case 'ratings': return [s.kw('ratingsOf'), ty.panel.name];
    case 'list': return [s.kw('listOf'), ...typeTokens(ty.el, s, r), ...(ty.min ? [s.kw('min'), String(ty.min)] : [])];
    case 'record':
      return ['{', ...ty.fields.flatMap((f, i) => [...(i ? [s.p(',')] : []), f.name, s.p(':'), ...typeTokens(f.ty, s, r)]), '}'];
  }
}

function defaultTokens(ty: Ty, s: Style, r: Rng): string[] | undefined {
  if (ty.k === 'number') return [String(ty.integer ? ty.lo : ty.lo + 0.5)];
  if (ty.k === 'bool') return [s.kw(r.bool() ? 'true' : 'false')];
  if (ty.k === 'enum') return [r.pick(ty.e.members)];
  if (ty.k === 'text') return [s.str('默认')];
  return undefined;
}

export function genScheme(r: Rng, opts: GenOptions = {}): Generated {
  const s = new Style(r, opts);
  const w = new Writer(s);
  const names = new Names(r);
  const pointsMode = r.bool(0.25);
  const m: SchemeModel = {
    name: names.fresh(), enums: [], panels: [], inputs: [], tables: [], lets: [], indicators: [], groups: [],
    grades: [], pointsMode, total: pointsMode ? r.pick([100, 60, 150]) : 100,
  };
  const env: Env = { m, s, r, names, binders: [], results: false, indicators: false };
  const lbl = (p: number, text: string) => (r.bool(p) ? [s.str(text)] : []);

  for (let i = r.int(1, 3); i > 0; i--) {
    const e: EnumInfo = { name: names.fresh(), members: Array.from({ length: r.int(2, 4) }, () => names.fresh()), ordered: r.bool() };
    m.enums.push(e);
  }
  for (let i = r.int(0, 2); i > 0; i--) {
    const categories = partition(r, 100, r.int(1, 4), 10).map((weight) => ({ name: names.fresh(), weight, min: r.bool(0.2) ? r.int(1, 2) : undefined }));
    m.panels.push({ name: names.fresh(), categories, missing: r.pick(['renormalize', 'zero', 'error'] as const) });
  }
  const inputTokens: string[][] = [];
  for (let i = r.int(3, 8); i > 0; i--) {
    const ty = genType(r, names, m, 1);
    const info: InputInfo = { name: names.fresh(), ty, required: true };
    const toks = [info.name, ...lbl(0.2, `输入${info.name}`), s.p(':'), ...typeTokens(ty, s, r)];
    const dflt = r.bool(0.3) ? defaultTokens(ty, s, r) : undefined;
    if (dflt) { toks.push('=', ...dflt); info.required = false; }
    m.inputs.push(info);
    inputTokens.push(toks);
  }
  for (const e of m.enums) if (r.bool(0.4)) m.tables.push({ name: names.fresh(), e });

  // ---- write: header and settings
  w.open([s.kw('scheme'), m.name, ...lbl(0.5, `方案 ${m.name}`)]);
  if (r.bool(0.7)) w.line([s.kw('version'), s.str(`2026.${r.int(1, 9)}`)]);
  if (r.bool(0.7)) w.line([s.kw('period'), s.kw(r.pick(['annual', 'quarterly', 'monthly', 'special'] as const))]);
  if (r.bool(0.5)) w.line([s.kw('precision'), String(r.int(0, 3))]);
  if (pointsMode || r.bool(0.3)) w.line([s.kw('total'), String(m.total)]);
  const cohortKeys = m.inputs.filter((i) => i.ty.k === 'text' || i.ty.k === 'enum');
  if (cohortKeys.length && r.bool(0.4)) w.line([s.kw('cohortBy'), r.pick(cohortKeys).name]);
  if (r.bool(0.2)) w.line([s.kw('rankBy'), s.builtin('score'), ...(r.bool(0.5) ? [s.kw(r.pick(['asc', 'desc'] as const))] : [])]); // issue 13
  w.blank();
  for (const e of m.enums) {
    const ms = e.members.flatMap((x, i) => [...(i ? [s.p(',')] : []), x, ...lbl(0.1, `成员${x}`)]);
    w.line([s.kw('enum'), e.name, ...lbl(0.2, '枚举'), ...(e.ordered ? [s.kw('ordered')] : []), '{', ...ms, '}']);
  }
  for (const t of m.tables) {
    const es = t.e.members.flatMap((x, i) => [...(i ? [s.p(',')] : []), x, s.p(':'), numLit(r, true)]);
    w.line([s.kw('table'), t.name, ...lbl(0.2, '系数'), '{', ...es, '}']);
  }
  for (const p of m.panels) {
    w.open([s.kw('panel'), p.name, ...lbl(0.3, '测评')]);
    for (const c of p.categories) w.line([c.name, ...lbl(0.2, '类'), s.kw('weight'), `${c.weight}%`, ...(c.min ? [s.kw('min'), String(c.min)] : [])]);
    if (r.bool(0.4)) w.line([s.kw('trim'), '1', s.kw('when'), s.builtin('count'), '>=', String(r.int(3, 6))]);
    if (p.missing !== 'renormalize' || r.bool()) w.line([s.kw('missing'), s.kw(p.missing)]);
    w.close();
  }
  w.open([s.kw('input')]);
  for (const t of inputTokens) w.line(r.bool(0.1) ? [...t, s.p(',')] : t);
  w.close();
  w.blank();
  writeRest(env, w, lbl, opts);
  w.close();
  return { source: w.text(), model: m };
}

function writeRest(env: Env, w: Writer, lbl: (p: number, t: string) => string[], opts: GenOptions): void {
  const { m, s, r, names } = env;
  for (let i = r.int(0, 3); i > 0; i--) {
    const name = names.fresh();
    const bool = r.bool(0.3);
    w.line([s.kw('let'), name, ...lbl(0.2, '中间值'), '=', ...(bool ? boolExpr(env, 2) : numExpr(env, 2)).t]);
    m.lets.push({ name, ty: bool ? 'bool' : 'number' });
  }
  if (r.bool(0.2)) w.line([s.kw('adjust'), names.fresh(), '=', ...numExpr(env, 1).t]);
  w.blank();
  writeTree({ ...env, indicators: true }, w, m.pointsMode, m.total);
  w.blank();
  m.grades = Array.from({ length: r.int(2, 4) }, () => names.fresh());
  for (let i = r.int(0, 2); i > 0; i--) ruleList(env, w, lbl, 'negative');
  if (r.bool(0.5)) ruleList(env, w, lbl, 'reward');
  grades({ ...env, results: true, indicators: true }, w, lbl);
  outcomes({ ...env, results: true, indicators: true }, w, lbl);
  if (opts.examples !== false) for (let i = r.int(0, 2); i > 0; i--) example({ ...env, results: true, indicators: true }, w, lbl);
}

function ruleList(env: Env, w: Writer, lbl: (p: number, t: string) => string[], kind: 'negative' | 'reward'): void {
  const { m, s, r, names } = env;
  w.open([s.kw(kind), names.fresh(), ...lbl(0.3, '清单'), ...(r.bool(0.4) ? [s.kw('max'), String(r.int(1, 20))] : [])]);
  for (let i = r.int(1, 3); i > 0; i--) {
    const ints = m.inputs.filter((x) => x.ty.k === 'number' && x.ty.integer);
    const amount = (k: 'deduct' | 'add') => [s.kw(k), numLit(r, true),
      ...(ints.length && r.bool() ? [s.kw('per'), r.pick(ints).name] : []),
      ...(r.bool(0.3) ? [s.kw('max'), String(r.int(1, 10))] : [])];
    const effects: string[][] = kind === 'reward' ? [amount('add')] : [r.pick([
      () => [s.kw('veto')], () => [s.kw('nograde')], () => [s.kw('cap'), r.pick(m.grades)], () => amount('deduct'),
    ])()];
    if (r.bool(0.3)) effects.push([s.kw('action'), names.fresh(), ...lbl(0.3, '措施')]);
    const effTokens = effects.flatMap((e, j) => [...(j ? [s.p(',')] : []), ...e]);
    w.line([s.kw('item'), names.fresh(), ...lbl(0.5, '事项'), s.kw('when'), ...boolExpr(env, 2).t, '=>', ...effTokens]);
  }
  w.close();
}

function grades(env: Env, w: Writer, lbl: (p: number, t: string) => string[]): void {
  const { m, s, r } = env;
  const keys = [...m.indicators, ...m.groups, ...m.inputs.filter((i) => i.ty.k === 'number').map((i) => i.name), s.builtin('deductions')];
  const tie = r.bool(0.4) ? Array.from({ length: r.int(1, 2) }, () => [r.pick(keys), s.kw(r.pick(['asc', 'desc'] as const))]) : [];
  const committee = r.bool(0.2) ? [s.kw('byCommittee')] : []; // issue 13: `grades by committee`
  w.open([s.kw('grades'), ...committee, ...(tie.length ? [s.kw('tiebreak'), ...tie.flatMap((k, i) => [...(i ? [s.p(',')] : []), ...k])] : [])]);
  m.grades.forEach((g, i) => {
    if (i === m.grades.length - 1) return w.line([g, ...lbl(0.2, '等次'), s.kw('otherwise')]);
    const cond = [s.builtin('score'), '>=', String((m.pointsMode ? m.total : 100) - 10 * (i + 1))];
    if (r.bool(0.3)) cond.push(s.kw('and'), ...boolExpr(env, 1).t);
    const share = r.int(1, 5) * 10;
    const quota = i === 0 && r.bool(0.5) ? [s.kw('quota'), `${share}%`,
      ...(r.bool(0.2) ? [s.kw('normally'), `${share - 5}%`] : []), // issue 13: a soft share, at most the hard one
      ...(r.bool(0.3) ? [s.kw(r.pick(['roundDown', 'roundUp', 'roundNearest'] as const))] : []),
      ...(r.bool(0.3) ? [s.kw('min'), '1'] : []),
      ...(r.bool(0.3) ? [s.kw(r.pick(['ofGraded', 'ofAll'] as const))] : []),
      ...(r.bool(0.2) ? [s.kw('overall')] : [])] : [];
    w.line([g, ...lbl(0.2, '等次'), s.kw('when'), ...cond, ...quota]);
    // issue 13: a second rule for the same grade, on the next line
    if (i === 0 && r.bool(0.2)) w.line([g, s.kw('when'), ...boolExpr(env, 1).t]);
  });
  w.close();
}

function outcomes(env: Env, w: Writer, lbl: (p: number, t: string) => string[]): void {
  const { m, s, r, names } = env;
  if (r.bool(0.3)) return;
  w.open([s.kw('outcomes')]);
  if (r.bool(0.7)) w.line([s.kw('bonusByGrade'), '{', ...m.grades.flatMap((g, i) => [...(i ? [s.p(',')] : []), g, s.p(':'), numLit(r)]), '}']);
  for (let i = r.int(0, 2); i > 0; i--) {
    const cond = r.bool() ? [s.builtin('grade'), '==', r.pick(m.grades)] : boolExpr(env, 1).t;
    w.line([s.kw('action'), names.fresh(), ...lbl(0.3, '措施'), s.kw('when'), ...cond]);
  }
  if (r.bool(0.5)) w.line([s.kw('improve'), s.kw('below'), String(r.int(50, 90)), ...(r.bool() ? [s.kw('max'), String(r.int(1, 5))] : [])]);
  w.close();
}

function example(env: Env, w: Writer, lbl: (p: number, t: string) => string[]): void {
  const { m, s, r, names } = env;
  w.open([s.kw('example'), names.fresh(), ...lbl(0.5, '示例')]);
  const entries = inputEntries(r, m.inputs);
  if (!entries.length) w.line([s.kw('given'), '{', '}']);
  else {
    w.open([s.kw('given')]);
    entries.forEach(([k, v], i) => w.line([k, s.p(':'), ...valueTokens(v, s), ...(i < entries.length - 1 || r.bool(0.2) ? [s.p(',')] : [])]));
    w.close();
  }
  // `expect` may name only results and indicator/group scores (not inputs): keep to always-true facts.
  w.line([s.kw('expect'), s.builtin('score'), '>=', '0']);
  if (r.bool(0.5)) w.line([s.kw('expect'), s.builtin('deductions'), '>=', '0', s.kw('and'), s.builtin('rewards'), '>=', '0']);
  if (m.indicators.length && r.bool(0.5)) w.line([s.kw('expect'), r.pick(m.indicators), '>=', '0']);
  w.close();
}

