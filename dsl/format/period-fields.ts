// Printing results of other periods (issue 14): the `results of` / `past` field types, and the field
// names of one period's result (PERIOD_RESULT_FIELDS: period/考核期, score/得分, grade/考核等次,
// imported/导入) in the output language, so `kaohe fmt --keywords zh` turns `r.score` into `r.得分`.
//
// The formatter has no types, so which `x.score` is such a field is found from the tree: a field of
// a `results of`/`past` input (`季度结果.score`, a projection), a field of an aggregate's binder over
// one (`r.grade` in `streak(r in 往年 where r.grade == 优秀)`), and the keys of the records given to
// one in an example (`given { 季度结果: [{ score: 88.5 }] }`, or the one record of a related subject's
// result, `given { 班子结果: { grade: 好 } }`). Any other `x.score` — a record input's
// declared field — is the author's name and stays as written. The walk runs only when the scheme
// declares such an input.

import type { Expr, ObjectLit, PeriodResultsType, Scheme } from '../ast.js';
import { canonicalIn, FOR_SUBJECT_ZH, PERIOD_RESULT_FIELDS, type Lang } from '../keywords.js';
import type { Doc } from './doc.js';
import { num, quote, type Ctx } from './expr.js';

/** `results of 平时考核 quarterly grades 平时等次 missing skip exact` / `past 3 years missing breaks` /
 * `results of 领导班子考核 for 班子 …` (`for` written 对象 in Chinese, not 计入), options in a fixed order (grades, missing, exact|reported); a repeated option (KH-C168) is dropped. */
export function periodResultsType(t: PeriodResultsType, c: Ctx): Doc {
  const s: string[] = [];
  if (t.form === 'resultsOf') {
    s.push(c.kw('resultsOf'), t.scheme ? (t.schemeString ? quote(t.scheme.name) : c.name(t.scheme.name)) : '?', c.kw(t.unit ?? 'annual'));
  } else if (t.form === 'related') {
    s.push(c.kw('resultsOf'), t.scheme ? (t.schemeString ? quote(t.scheme.name) : c.name(t.scheme.name)) : '?', c.lang === 'zh' ? FOR_SUBJECT_ZH : c.kw('for'), t.subject ? c.name(t.subject.name) : '?');
  } else {
    s.push(c.kw('past'), t.count ? num(t.count) : '?', c.kw(t.unit === 'annual' ? 'years' : t.unit === 'quarterly' ? 'quarters' : 'months'));
  }
  if (t.grades) s.push(c.kw('grades'), c.name(t.grades.name));
  if (t.missing) s.push(c.kw('missing'), c.kw(t.missing.mode));
  if (t.values) s.push(c.kw(t.values.mode));
  return s.join(' ');
}

/** A period result's field name in `lang` (`score` ↔ `得分`); other names as written. */
export function periodFieldName(name: string, lang: Lang): string {
  const canonical = canonicalIn(PERIOD_RESULT_FIELDS, name);
  if (!canonical) return name;
  return lang === 'en' ? canonical : PERIOD_RESULT_FIELDS[canonical];
}

/** The Field expressions and given object entries whose names are period result fields; undefined
 * when the scheme has no `results of`/`past` input. */
export function periodFieldNodes(s: Scheme): ReadonlySet<object> | undefined {
  const inputs = new Set<string>();
  for (const d of s.decls) if (d.kind === 'Input') for (const f of d.fields) if (f.type.kind === 'PeriodResults') inputs.add(f.name.name);
  if (inputs.size === 0) return undefined;
  const marked = new Set<object>();
  walk(s.decls, new Set(), inputs, marked);
  for (const d of s.decls) {
    if (d.kind !== 'Example') continue;
    givenRecords(d.given, inputs, marked);
    for (const sub of d.subjects ?? []) givenRecords(sub.given, inputs, marked);
  }
  return marked;
}

function givenRecords(g: ObjectLit, inputs: ReadonlySet<string>, marked: Set<object>): void {
  for (const en of g.entries) {
    if (!inputs.has(en.key.name)) continue;
    if (en.value.kind === 'Object') for (const x of en.value.entries) marked.add(x); // a related subject's ONE record
    if (en.value.kind !== 'List') continue;
    for (const item of en.value.items) if (item.kind === 'Object') for (const x of item.entries) marked.add(x);
  }
}

const isNode = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Every expression below `x` (any AST value), with the binder names that stand for one period's
 * result where it is. Examples' givens are not expressions of this kind and are handled above. */
function walk(x: unknown, binders: ReadonlySet<string>, inputs: ReadonlySet<string>, marked: Set<object>): void {
  if (Array.isArray(x)) { for (const y of x) walk(y, binders, inputs, marked); return; }
  if (!isNode(x)) return;
  if (x.kind === 'Example') { walk((x as { expects: unknown }).expects, binders, inputs, marked); return; }
  const e = x as unknown as Expr;
  if (e.kind === 'Field' && e.object.kind === 'Name' && (inputs.has(e.object.name) || binders.has(e.object.name))) marked.add(e);
  if (e.kind === 'Aggregate') {
    walk(e.list, binders, inputs, marked);
    const inner = new Set(binders);
    if (e.list.kind === 'Name' && inputs.has(e.list.name)) inner.add(e.binder.name); else inner.delete(e.binder.name);
    walk([e.where, e.weight, e.body], inner, inputs, marked);
    return;
  }
  for (const k in x) if (k !== 'span') walk(x[k], binders, inputs, marked);
}
