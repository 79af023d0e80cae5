// A cohort example's subjects (issue 13): `given ID { … } [decision { … }]`, one subject per line
// (a roster reads best as rows), wrapping like any expression when a line is too long; a `given`
// holding lists of records or lists is printed one entry per line as in a single example. Ids print
// as names when they read back as one (quoted when reserved or starting with a digit), else as
// strings; decision keys and `ID.rank`/`ID.名次` follow the output keyword language.

import type { ExampleSubject, FieldExpr, Member, Scheme } from '../ast.js';
import { canonicalBuiltin, canonicalIn, COHORT_RESULT_NAMES, DECISION_FIELDS, EXAMPLE_RESULT_NAMES, RESULT_NAMES } from '../keywords.js';
import type { Printer } from './decls.js';
import type { Doc } from './doc.js';
import { braces, expr, quote, type Ctx } from './expr.js';
import { multiline } from './given.js';

/** A name the lexer reads back as one name (letters, CJK, `_`, digits not first, or digits then a word). */
const NAME = /^[0-9]*[\p{L}_][\p{L}\p{N}_]*$|^[0-9]+$/u;

export function subjectId(id: string, c: Ctx): string {
  return NAME.test(id) ? c.name(id) : quote(id);
}

/** X of `ID.X` in the output language: result and cohort result names are translated, declared
 * names are kept (quoted when reserved). A name the scheme declares is never translated (an indicator
 * called 名次 stays 名次 in English: it is that indicator, not the rank) nor translated into (`A.rank`
 * stays `rank` in Chinese when the scheme has an indicator 名次), so fmt never changes what it checks. */
export function subjectFieldName(x: string, c: Ctx): string {
  if (c.declared?.has(x)) return c.name(x);
  const canon = canonicalBuiltin(x);
  const target = canon !== undefined && (canon in RESULT_NAMES || canon in EXAMPLE_RESULT_NAMES) ? c.builtin(canon)
    : translatedCohortName(x, c);
  return target !== undefined && !c.declared?.has(target) ? target : c.name(x);
}

function translatedCohortName(x: string, c: Ctx): string | undefined {
  const cohort = canonicalIn(COHORT_RESULT_NAMES, x);
  return cohort && (c.lang === 'zh' ? COHORT_RESULT_NAMES[cohort] : cohort);
}

/** Every name the scheme declares: inputs, indicators and groups (at any depth), and the other
 * top-level declarations (lets, enums, tables, functions, …; not examples) — what `ID.X` must not be
 * translated into. */
export function declaredNames(s: Scheme): Set<string> {
  const out = new Set<string>();
  const member = (m: Member): void => {
    if (m.kind !== 'When') out.add(m.name.name);
    if (m.kind !== 'Indicator') m.members.forEach(member);
  };
  for (const d of s.decls) {
    if (d.kind === 'Input') d.fields.forEach((f) => out.add(f.name.name));
    else if (d.kind === 'Indicator' || d.kind === 'Group' || d.kind === 'When') member(d);
    else if (d.kind !== 'Example' && 'name' in d && d.name && typeof d.name === 'object') out.add(d.name.name);
  }
  return out;
}

/** `ID.X` when the Field's object is one of the example's subjects, else undefined. */
export function subjectField(e: FieldExpr, c: Ctx): string | undefined {
  const o = e.object;
  const id = o.kind === 'Name' ? o.name : o.kind === 'String' ? o.value : undefined;
  if (id === undefined || !c.subjects?.has(id)) return undefined;
  return `${subjectId(id, c)}.${subjectFieldName(e.field.name, c)}`;
}

function decision(d: NonNullable<ExampleSubject['decision']>, c: Ctx): Doc[] {
  return [' ', c.kw('decision'), ' ', braces(d.entries.map((en) => {
    const canon = canonicalIn(DECISION_FIELDS, en.key.name);
    const key = canon ? (c.lang === 'zh' ? DECISION_FIELDS[canon] : canon) : c.name(en.key.name);
    return [key, ': ', expr(en.value, c)];
  }))];
}

export function subjectLines(s: ExampleSubject, ind: number, p: Printer): void {
  const { c, out } = p;
  const head = `${c.kw('given')} ${subjectId(s.id, c)} `;
  const dec: Doc[] = s.decision ? decision(s.decision, c) : [];
  if (!multiline(s.given)) {
    out.add(ind, [head, expr(s.given, c), ...dec], s.span.start, s.span.end);
    return;
  }
  const g = s.given;
  out.add(ind, `${head}{`, s.span.start, g.span.start + 1, { open: true });
  g.entries.forEach((en, i) => {
    out.add(ind + 1, [`${c.name(en.key.name)}: `, expr(en.value, c), i < g.entries.length - 1 ? ',' : ''], en.span.start, en.span.end);
  });
  out.add(ind, ['}', ...dec], g.span.end - 1, s.span.end, { close: true });
}
