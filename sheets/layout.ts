// Where each input goes in a sheet, the inverse of columns.ts: the template's header and the
// results' input columns are laid out from the contract the same way the reader reads them back —
// one column per scalar, a ratings category per column (`满意度评价.群众`), a record's fields as
// `民主票.优秀`, a list of records as numbered items (`工作任务[1].名称`), a list of scalars in one cell
// joined with “、”, anything deeper as JSON in one cell. Values are written so that reading them back
// gives the same input (numbers as numbers, exact decimals as their text). A ballot panel gets a
// column per category and criterion (`测评票.本处室.德`, sheets/ballots.ts).

import type { Locale, Msg } from '../dsl/i18n/index.js';
import { Rational } from '../dsl/rational.js';
import type { FieldSpec, TypeSpec } from '../dsl/service/index.js';
import { ballotColumnType, criterionValues } from './ballots.js';
import { SCORES } from './columns.js';
import { decimalText, shortestDecimal } from './decimal.js';
import { describeBallotScores, describeScores, describeType } from './describe.js';
import { M } from './messages.js';
import { pathText, type Step } from './paths.js';
import type { OutCell } from './workbook.js';

export interface LeafColumn {
  header: string;
  steps: Step[];
  type: TypeSpec;
  /** A ratings category: one or more scores. */
  scores: boolean;
  /** The input it belongs to. */
  field: FieldSpec;
  /** What the column holds, for the notes sheet. */
  note: Msg | string;
  /** What it accepts. */
  accepts: Msg;
  required: boolean;
  default?: unknown;
  /** A criterion column of a ballot panel: its values are the ballots' ratings of `criterion`. */
  ballot?: { criterion: string };
}

type ListSpec = Extract<TypeSpec, { kind: 'list' }>;

/** Columns of the inputs; `items(path, list)` says how many numbered items a list of records gets. */
export function layoutInputs(fields: readonly FieldSpec[], items: (path: string, list: ListSpec) => number): LeafColumn[] {
  const out: LeafColumn[] = [];
  const visit = (f: FieldSpec, top: FieldSpec, steps: Step[], note: Msg | string, required: boolean, inList: boolean) => {
    const t = f.type;
    const base = { steps, field: top, required, default: f.default };
    if (t.kind === 'record') {
      for (const sub of t.fields) visit(sub, top, [...steps, { name: sub.name }], sub.label ?? `${pathText(steps)}.${sub.name}`, required && sub.required, inList);
    } else if (t.kind === 'ratings' && t.criteria) {
      for (const c of t.categories) {
        for (const e of t.criteria) {
          const at = [...steps, { name: c.name }, { name: e.name }];
          out.push({ ...base, header: pathText(at), steps: at, type: ballotColumnType(t), scores: true, ballot: { criterion: e.name },
            note: M.noteBallotCriterion({ field: f.label ?? f.name, category: c.label ?? c.name, element: e.label ?? e.name }), accepts: describeBallotScores(t.scale), required: false, default: undefined });
        }
      }
    } else if (t.kind === 'ratings') {
      for (const c of t.categories) {
        out.push({ ...base, header: pathText([...steps, { name: c.name }]), steps: [...steps, { name: c.name }], type: SCORES, scores: true,
          note: M.noteRatingsCategory({ field: f.label ?? f.name, category: c.label ?? c.name }), accepts: describeScores(), required: false, default: undefined });
      }
    } else if (t.kind === 'list' && t.element.kind === 'record' && !inList && !f.results) { // results of periods: one JSON cell
      const n = items(pathText(steps), t);
      for (let i = 0; i < n; i++) {
        for (const sub of t.element.fields) {
          const at = [...steps, { index: i }, { name: sub.name }];
          visit(sub, top, at, M.noteListItem({ field: f.label ?? f.name, index: i + 1, part: sub.label ?? sub.name }), required && i < (t.min ?? 0) && sub.required, true);
        }
      }
    } else {
      out.push({ ...base, header: pathText(steps), type: t, scores: false, note, accepts: describeType(t) });
    }
  };
  for (const f of fields) visit(f, f, [{ name: f.name }], f.label ?? '', f.required, false);
  return out;
}

/** The value a column shows for an input: the value at its path, or for a ballot column the
 * ballots' ratings of its criterion (`/` for a blank). */
export function leafValue(input: unknown, leaf: LeafColumn): unknown {
  return leaf.ballot ? criterionValues(valueAt(input, leaf.steps.slice(0, -1)), leaf.ballot.criterion) : valueAt(input, leaf.steps);
}

/** The value at a path of an input object (undefined when absent). */
export function valueAt(input: unknown, steps: readonly Step[]): unknown {
  let v = input;
  for (const s of steps) {
    if (v === null || typeof v !== 'object' || v instanceof Rational) return undefined;
    v = 'index' in s ? (Array.isArray(v) ? v[s.index] : undefined) : Object.hasOwn(v, s.name) ? (v as Record<string, unknown>)[s.name] : undefined;
  }
  return v;
}

const YES_NO: Record<Locale, [string, string]> = { zh: ['是', '否'], en: ['true', 'false'] };

/** An input value as a cell that reads back as the same value. */
export function inputCell(v: unknown, locale: Locale): OutCell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return v === 0 ? 0 : v;
  if (v instanceof Rational) {
    const d = v.toNumber();
    return Rational.fromNumber(d).eq(v) ? d : decimalText(v);
  }
  if (typeof v === 'boolean') return YES_NO[locale][v ? 0 : 1];
  if (typeof v === 'string') return v;
  // An empty list as `[]`, not an empty cell: an empty cell is a missing input (read back, the list
  // would be missing, not empty — a template's example row of `往年: []` did not evaluate).
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x instanceof Rational)) {
    return v.map((x) => scalarText(x, locale)).join('、');
  }
  return jsonText(v);
}

function scalarText(x: unknown, locale: Locale): string {
  if (typeof x === 'number') return shortestDecimal(x);
  if (x instanceof Rational) return decimalText(x);
  if (typeof x === 'boolean') return YES_NO[locale][x ? 0 : 1];
  return String(x);
}

/** JSON text with exact numbers (a Rational as its decimal, never rounded to a double). */
export function jsonText(v: unknown): string {
  if (v instanceof Rational) return decimalText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Choices of a drop-down for a column of this type. */
export function choicesOf(t: TypeSpec, locale: Locale): string[] | undefined {
  if (t.kind === 'enum') return t.members.map((m) => m.name);
  if (t.kind === 'bool') return [...YES_NO[locale]];
  if ((t.kind === 'number' || t.kind === 'integer') && t.oneOf) return t.oneOf.values.map(shortestDecimal);
  return undefined;
}
