// `ID.X` in a cohort example's `expect` (issue 13): one subject's value. ID is one of the example's
// `given ID { … }` subjects (a name, a quoted name or a string); X is a result name (score, grade,
// actions, …), an indicator or group, or a cohort result name (rank, cohortRank, demoted, flagged).
// Typing lives here rather than in expr.ts's Field case so that case stays one line for it; the
// engine (engine/cohort-examples.ts) reads the same names through `subjectValueName`.

import type { Expr, FieldExpr, InExpr } from '../../ast.js';
import { nearest } from '../../distance.js';
import { canonicalBuiltin, COHORT_RESULT_NAMES, EXAMPLE_RESULT_NAMES, RESULT_NAMES } from '../../keywords.js';
import { GRADE_ENUM, type SymbolTable } from '../../symbols.js';
import { M } from '../messages/cohort-examples.js';
import { BOOL, ERROR, INTEGER, NUMBER, TEXT, type Type } from '../types.js';
import { report, type InferState, type Scope } from './state.js';

/** What X in `ID.X` stands for: a result name (canonical), an indicator or group, a cohort result. */
export type SubjectValueName =
  | { kind: 'result'; name: string }
  | { kind: 'indicator' | 'group'; name: string }
  | { kind: 'cohort'; name: 'rank' | 'cohortRank' | 'demoted' | 'flagged' };

const COHORT_BY_WORD = new Map<string, SubjectValueName>(
  Object.entries(COHORT_RESULT_NAMES).flatMap(([en, zh]) => {
    const v = { kind: 'cohort', name: en } as SubjectValueName;
    return [[en, v], [zh, v]];
  }),
);

/** X of `ID.X`, or undefined when it names nothing a subject has. A result name comes first (they
 * are reserved, so a declared name never hides one), then a declared indicator or group (cohort
 * result names are not reserved: an indicator called 名次 is that indicator), then rank etc. */
export function subjectValueName(symbols: SymbolTable, x: string): SubjectValueName | undefined {
  const canon = canonicalBuiltin(x);
  if (canon !== undefined && (canon in RESULT_NAMES || canon in EXAMPLE_RESULT_NAMES)) return { kind: 'result', name: canon };
  const s = symbols.names.get(x);
  if (s?.kind === 'indicator' || s?.kind === 'group') return { kind: s.kind, name: s.name };
  return COHORT_BY_WORD.get(x);
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

/** Every X a subject has, in the order a message lists them. */
function valueNames(symbols: SymbolTable): string[] {
  const nodes = symbols.all.flatMap((s) => (s.kind === 'indicator' || s.kind === 'group' ? [s.name] : []));
  return [...Object.keys(RESULT_NAMES), ...Object.keys(EXAMPLE_RESULT_NAMES), ...Object.keys(COHORT_RESULT_NAMES), ...nodes];
}

function allWords(symbols: SymbolTable): string[] {
  return [...valueNames(symbols), ...Object.values(RESULT_NAMES), ...Object.values(EXAMPLE_RESULT_NAMES), ...Object.values(COHORT_RESULT_NAMES)];
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
  const [meant] = nearest(e.field.name, allWords(ctx.symbols), 1);
  return report(st, 'KH-C154', e.field.span, meant
    ? M.unknownValueMeant({ id, name: e.field.name, meant })
    : M.unknownValue({ id, name: e.field.name, names: valueNames(ctx.symbols) }));
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
