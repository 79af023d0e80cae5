// The checker's output vocabulary: the static `Type` of every expression and what every `NameRef`
// resolves to. The engine compiles from these maps and never re-resolves a name, so the shapes
// below are a contract:
//
//   refs: Map<NameRef, Resolved>  — by node identity, for EVERY NameRef in the scheme:
//     - a declared name → its `Sym` from dsl/symbols.ts (kind 'input' | 'let' | 'adjust' | 'table' |
//       'panel' | 'indicator' | 'group' | 'negative' | 'reward' | 'item' | 'action' | 'example');
//     - an enum member → `Sym` of kind 'member' ({ enumName, index }), chosen by the expected type
//       when the member name repeats across enums; a grade → `Sym` of kind 'grade'
//       ({ enumName: GRADE_ENUM, index }, index 0 = best grade);
//     - an aggregate binder (`t` in `avg(t in 工作任务 : …)`) → { kind: 'binder', name, decl, element };
//     - a result name (`score`/`总分`, …) → { kind: 'result', name: 'score' } (canonical English);
//     - a function's parameter in its body → { kind: 'param', fn, index, type }.
//   A NameRef that could not be resolved (an error was reported) is absent.
//
//   types: Map<Expr, Type> — by node identity, for every expression the checker visited (all of
//     them in a scheme without errors), including `given` values of examples.
//
//   memberRefs: Map<Name, MemberSym> — the plain `Name`s that denote enum members or grades outside
//     expressions: `levels` entries, `table` keys, `bonus by grade` entries and `cap G` effects.

import type { AggregateExpr, Expr, FunctionDecl, Name, NameRef, Scheme } from '../ast.js';
import type { Msg } from '../i18n/index.js';
import type { MemberSym, Sym, SymbolTable } from '../symbols.js';
import { M } from './messages.js';
import { D } from './messages/dates.js';

export type ResultName = 'score' | 'base' | 'rewards' | 'deductions' | 'grade' | 'bonus'
  /** Only in an example's `expect` (issue 12): its actions, whether its grade is provisional, its matched items. */
  | 'actions' | 'provisional' | 'items';

export type Type =
  /** `integer` is true for integer inputs, counts and integer literals (integers are numbers too). */
  | { kind: 'number'; integer?: boolean }
  | { kind: 'bool' }
  | { kind: 'text' }
  /** A calendar day (ISO text at run time); a `duration` only appears right of `date ±` (dates). */
  | { kind: 'date' }
  | { kind: 'duration' }
  /** An enum value; `name` is the enum's name or GRADE_ENUM for grades (ordered, best first). */
  | { kind: 'enum'; name: string; ordered: boolean }
  | { kind: 'list'; element: Type }
  /** `periodResult`: one period's result of a `results of`/`past` input (issue 14), keys canonical
   * (period, score, grade, imported); a field written in Chinese (PERIOD_RESULT_FIELDS) means the same. */
  | { kind: 'record'; fields: ReadonlyMap<string, Type>; periodResult?: true }
  /** `ratings of PANEL`; `x.上级` on it is a list of numbers. */
  | { kind: 'ratings'; panel: string }
  /** A table's name: `key` is the enum it maps (absent if unknown), `value` the entries' type. */
  | { kind: 'table'; name: string; key?: string; value: Type }
  /** A panel's name used as a value (always an error; recorded so nothing is left untyped). */
  | { kind: 'panel'; name: string }
  /** Already reported or unknowable: accepted everywhere so one mistake gives one diagnostic. */
  | { kind: 'error' };

export type Resolved =
  | Sym
  | { kind: 'result'; name: ResultName }
  /** `periodStart`/`周期开始`, `periodEnd`/`周期结束`: the evaluation period's first and last day. */
  | { kind: 'period'; name: 'periodStart' | 'periodEnd' }
  | { kind: 'binder'; name: string; decl: AggregateExpr; element: Type }
  /** A parameter of a function, inside its body (issue 12): `index` is its position. */
  | { kind: 'param'; name: string; fn: FunctionDecl; index: number; type: Type }
  /** A subject's id in a cohort example's `expect` (`A1` of `A1.grade`, issue 13). */
  | { kind: 'subject'; id: string };

export interface CheckedScheme {
  scheme: Scheme;
  symbols: SymbolTable;
  refs: Map<NameRef, Resolved>;
  types: Map<Expr, Type>;
  memberRefs: Map<Name, MemberSym>;
}

export const NUMBER: Type = { kind: 'number' };
export const INTEGER: Type = { kind: 'number', integer: true };
export const BOOL: Type = { kind: 'bool' };
export const TEXT: Type = { kind: 'text' };
export const ERROR: Type = { kind: 'error' };
export const DATE: Type = { kind: 'date' };

/** Human-readable type name for messages. */
export function typeName(t: Type): string {
  switch (t.kind) {
    case 'number': return t.integer ? 'integer' : 'number';
    case 'enum': return t.name.startsWith('#') ? 'grade' : `enum ${t.name}`;
    case 'list': return `list of ${typeName(t.element)}`;
    case 'record': return `record { ${[...t.fields.keys()].join(', ')} }`;
    case 'ratings': return `ratings of ${t.panel}`;
    case 'table': return `table ${t.name}`;
    case 'panel': return `panel ${t.name}`;
    default: return t.kind;
  }
}

/** The type's name as a message (typeName's words in the reader's locale). */
export function typeMsg(t: Type): Msg {
  switch (t.kind) {
    case 'number': return t.integer ? M.tInteger() : M.tNumber();
    case 'bool': return M.tBool();
    case 'text': return M.tText();
    case 'date': return D.tDate();
    case 'duration': return D.tDuration();
    case 'enum': return t.name.startsWith('#') ? M.tGrade() : M.tEnum({ name: t.name });
    case 'list': return M.tList({ element: typeMsg(t.element) });
    case 'record': return M.tRecord({ fields: [...t.fields.keys()] });
    case 'ratings': return M.tRatings({ panel: t.panel });
    case 'table': return M.tTable({ name: t.name });
    case 'panel': return M.tPanel({ name: t.name });
    case 'error': return M.tError();
  }
}

/** `a number`, `an enum 岗位` (Chinese: the bare type). */
export function article(t: Type): Msg {
  return M.a({ x: typeMsg(t) });
}

/** Whether a value of type `a` may be used where `b` is expected (error types match anything). */
export function compatible(a: Type, b: Type): boolean {
  if (a.kind === 'error' || b.kind === 'error') return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'enum': return a.name === (b as typeof a).name;
    case 'list': return compatible(a.element, (b as typeof a).element);
    case 'ratings': return a.panel === (b as typeof a).panel;
    case 'table': case 'panel': return a.name === (b as typeof a).name;
    case 'record': {
      const bf = (b as typeof a).fields;
      if (a.fields.size !== bf.size) return false;
      for (const [k, t] of a.fields) { const u = bf.get(k); if (!u || !compatible(t, u)) return false; }
      return true;
    }
    default: return true;
  }
}
