// `ID.X` in a cohort example's `expect` (issue 13): one subject's value. ID is one of the example's
// `given ID { … }` subjects (a name, a quoted name or a string); X is a result name (score, grade,
// actions, …), an indicator or group, or a cohort result name (rank, cohortRank, demoted, flagged).
// Typing lives here rather than in expr.ts's Field case so that case stays one line for it; the
// engine (engine/cohort-examples.ts) reads the same names through `subjectValueName`.

import type { Expr, FieldExpr, InExpr } from '../../ast.js';
import { levenshtein, nearest } from '../../distance.js';
import { names } from '../messages.js';
import { canonicalBuiltin, canonicalIn, COHORT_RESULT_NAMES, EXAMPLE_RESULT_NAMES, RESULT_NAMES, type Lang } from '../../keywords.js';
import { GRADE_ENUM, type SymbolTable } from '../../symbols.js';
import { M } from '../messages/cohort-examples.js';
import { BOOL, ERROR, INTEGER, NUMBER, TEXT, type Type } from '../types.js';
import { report, type InferState, type Scope } from './state.js';

/** What X in `ID.X` stands for: a result name (canonical), an indicator or group, a cohort result. */
export type SubjectValueName =
  | { kind: 'result'; name: string }
  | { kind: 'indicator' | 'group'; name: string }
  | { kind: 'cohort'; name: 'rank' | 'cohortRank' | 'demoted' | 'flagged' };


/** X of `ID.X`, or undefined when it names nothing a subject has. A result name comes first (they
 * are reserved, so a declared name never hides one), then a declared indicator or group (cohort
 * result names are not reserved: an indicator called 名次 is that indicator), then rank etc. */
export function subjectValueName(symbols: SymbolTable, x: string): SubjectValueName | undefined {
  const canon = canonicalBuiltin(x);
  if (canon !== undefined && (canon in RESULT_NAMES || canon in EXAMPLE_RESULT_NAMES)) return { kind: 'result', name: canon };
  const s = symbols.names.get(x);
  if (s?.kind === 'indicator' || s?.kind === 'group') return { kind: s.kind, name: s.name };
  const cohort = canonicalIn(COHORT_RESULT_NAMES, x);
  return cohort ? { kind: 'cohort', name: cohort as Extract<SubjectValueName, { kind: 'cohort' }>['name'] } : undefined;
}

/** The id `ID.X` names, when its object is a name or a string (else it is no subject reference). */
export function subjectIdOf(e: FieldExpr): string | undefined {
  const o = e.object;
  return o.kind === 'Name' ? o.name : o.kind === 'String' ? o.value : undefined;
}

function valueType(v: SubjectValueName): Type {
  if (v.kind === 'cohort') return v.name === 'rank' || v.name === 'cohortRank' ? INTEGER : BOOL;
  if (v.kind !== 'result') return NUMBER;
  if (v.name === 'grade') return { kind: 'enum', name: GRADE_ENUM, ordered: true };
  if (v.name === 'actions' || v.name === 'items') return { kind: 'list', element: TEXT };
  return v.name === 'provisional' ? BOOL : NUMBER;
}

/** Every X a subject has, in the order a message lists them, spelt in the file's keyword language
 * (a zh file reads 总分、评定等次、…、名次、组内名次, an en file score, grade, …, rank, cohortRank). */
function valueNames(symbols: SymbolTable, lang: Lang): string[] {
  const nodes = symbols.all.flatMap((s) => (s.kind === 'indicator' || s.kind === 'group' ? [s.name] : []));
  const spelt = (t: Readonly<Record<string, string>>) => (lang === 'zh' ? Object.values(t) : Object.keys(t));
  return [...spelt(RESULT_NAMES), ...spelt(EXAMPLE_RESULT_NAMES), ...spelt(COHORT_RESULT_NAMES), ...nodes];
}

/** A result name in the other keyword language (`rank` ⇄ `名次`). */
const OTHER_SPELLING = new Map<string, string>(
  [RESULT_NAMES, EXAMPLE_RESULT_NAMES, COHORT_RESULT_NAMES].flatMap((t) => Object.entries(t).flatMap(([en, zh]) => [[en, zh], [zh, en]] as const)),
);

/** The name `x` most likely meant, spelt in the file's language: the nearest among the names in that
 * language, else the nearest in the other one, translated (`rnak` in a zh file → `名次`). Equally
 * near, the one sharing the longest start wins: `组名次` → `组内名次` rather than `名次` (one edit each). */
function meantName(x: string, symbols: SymbolTable, lang: Lang): string | undefined {
  const found = nearest(x, valueNames(symbols, lang), 5);
  const near = found.length ? found : nearest(x, valueNames(symbols, lang === 'zh' ? 'en' : 'zh'), 5);
  if (!near.length) return undefined;
  const d = levenshtein(x, near[0]);
  const prefix = (c: string) => { let i = 0; while (i < c.length && c[i] === x[i]) i++; return i; };
  const best = near.filter((c) => levenshtein(x, c) === d).reduce((a, b) => (prefix(b) > prefix(a) ? b : a));
  return found.length ? best : OTHER_SPELLING.get(best) ?? best;
}

/** The type of `e` when it is `ID.X` in a cohort example (recording the id's ref and type), else
 * undefined (the Field is typed as usual: a binder's field, or not in a cohort example). */
export function subjectField(st: InferState, e: FieldExpr, scope: Scope): Type | undefined {
  const subjects = scope.subjects;
  if (!subjects) return undefined;
  const id = subjectIdOf(e);
  if (id === undefined) return undefined;
  const o = e.object;
  if (o.kind === 'Name') for (let b = scope.binders; b; b = b.parent) if (b.name === id) return undefined;
  const { ctx } = st;
  ctx.types.set(o, ERROR); // a subject id is no value of its own
  if (!subjects.ids.includes(id)) {
    const [meant] = nearest(id, subjects.ids, 1);
    return report(st, 'KH-C152', o.span, meant
      ? M.unknownSubjectMeant({ example: subjects.example, id, meant })
      : M.unknownSubject({ example: subjects.example, id, ids: subjects.ids }));
  }
  if (o.kind === 'Name') ctx.refs.set(o, { kind: 'subject', id });
  const v = subjectValueName(ctx.symbols, e.field.name);
  if (v) return valueType(v);
  if (ctx.symbols.inputs.has(e.field.name)) return report(st, 'KH-C154', e.field.span, M.inputNotResult({ id, name: e.field.name }));
  const lang = ctx.parsed.keywordLang;
  const meant = meantName(e.field.name, ctx.symbols, lang);
  return report(st, 'KH-C154', e.field.span, meant
    ? M.unknownValueMeant({ id, name: e.field.name, meant })
    : M.unknownValue({ id, name: e.field.name, names: names(valueNames(ctx.symbols, lang)) }));
}

/** `X in A1.actions` / `X in A1.items` (issue 13): whether `A1` is a subject of the example and the
 * list one of its lists (recording the id's ref); reported (KH-C152, KH-C154) when not. */
export function subjectList(st: InferState, e: InExpr, scope: Scope): boolean {
  const o = e.ofSubject!, of = e.of!;
  const { ctx } = st;
  ctx.types.set(o, ERROR);
  if (o.kind !== 'Name' || of.kind !== 'Name') return false; // a hole the parser left (reported)
  const ids = scope.subjects?.ids ?? [];
  if (!ids.includes(o.name)) {
    const [meant] = nearest(o.name, ids, 1);
    report(st, 'KH-C152', o.span, meant
      ? M.unknownSubjectMeant({ example: scope.subjects?.example ?? '', id: o.name, meant })
      : M.unknownSubject({ example: scope.subjects?.example ?? '', id: o.name, ids }));
    ctx.types.set(of, ERROR);
    return false;
  }
  ctx.refs.set(o, { kind: 'subject', id: o.name });
  const v = subjectValueName(ctx.symbols, of.name);
  if (v?.kind === 'result' && (v.name === 'actions' || v.name === 'items')) return true;
  report(st, 'KH-C154', of.span, M.notAList({ id: o.name, name: of.name }));
  ctx.types.set(of, ERROR);
  return false;
}

/** `subjects` of a cohort example's scope. */
export interface ExampleSubjects { example: string; ids: string[] }

export type { Expr };
