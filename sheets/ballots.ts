// Ballot panels in a roster (issue 12): a panel with criteria (德 能 勤 绩 廉) takes ballots — one
// object of ratings per rater — which a spreadsheet cannot hold in one cell a person would fill in.
// The layout chosen is one column per rater category and criterion, `测评票.本处室.德`, holding the
// ratings of that criterion in ballot order (`100、95、95、90、85`); the n-th value of every criterion
// column of one category is the n-th ballot, and a ballot that leaves a criterion blank (不了解) has
// `/` in its place (`-`, `—`, 不了解, 弃权 are read the same; `/` is written because a cell starting
// with `-` is one a spreadsheet might take for a formula, and CSV output guards it with a `'`). Reading transposes the columns back into ballots;
// writing (the template, the results' input columns) lays ballots out the same way. A whole
// category (`测评票.本处室`) or the whole input may still be one JSON cell.

import type { FieldSpec, TypeSpec } from '../dsl/service/index.js';
import { cellNumber, readDecimal } from './decimal.js';
import type { Cell } from './table.js';

type Ratings = Extract<TypeSpec, { kind: 'ratings' }>;

/** A criterion column's cell type: numbers on the panel's scale (the engine checks the scale). */
export function ballotColumnType(t: Ratings): TypeSpec {
  return { kind: 'list', element: { kind: 'number', min: 0, max: 100, ...(t.scale ? { oneOf: t.scale } : {}) } };
}

/** A category of a ballot panel as a header walks into it: a record of its criteria, each a ballot
 * column (a JSON cell for the whole category reads as a list of ballots). */
export function ballotCategoryType(t: Ratings): TypeSpec {
  return { kind: 'record', fields: (t.criteria ?? []).map((e) => ({ name: e.name, label: e.label, type: ballotColumnType(t), required: false })) };
}

/** The type at a ballot's place in an engine path (`测评票.本处室[2]`): one ballot, criteria by name. */
export function ballotType(t: Ratings): TypeSpec {
  return { kind: 'record', fields: (t.criteria ?? []).map((e) => ({ name: e.name, label: e.label, type: { kind: 'number', min: 0, max: 100, ...(t.scale ? { oneOf: t.scale } : {}) }, required: false })) };
}

/** What stands for a blank criterion on a ballot. */
export const BLANK_MARK = '/';
const BLANK = new Set(['-', "'-", '—', '－', '–', '/', '／', '不了解', '弃权', '空']);
const SPLIT = /[、;；,，\s]+/;

/** A criterion column's cell: the ratings in ballot order, `null` for a blank; a value that is not a
 * number is handed on as typed (the engine names it). Undefined for an empty cell. */
export function ballotCell(c: Cell): (unknown | null)[] | undefined {
  if (c === null) return undefined;
  if (typeof c === 'number') return [cellNumber(c)];
  const text = String(c).trim();
  if (text === '') return undefined;
  return text.split(SPLIT).filter((x) => x !== '').map((x) => {
    if (BLANK.has(x)) return null;
    const n = readDecimal(x);
    return n && 'value' in n ? n.value : x;
  });
}

/** The ballots of an input whose ballot categories came as criterion columns: `{德: [95, 90], 能: [90,
 * null]}` → `[{德: 95, 能: 90}, {德: 90}]`. A ballot with every criterion blank stays as `{}`, for the
 * engine to report (an empty ballot). Categories given as JSON (a list already) are left alone. */
export function ballotsFromColumns(input: Record<string, unknown>, fields: readonly FieldSpec[]): void {
  for (const f of fields) {
    if (f.type.kind !== 'ratings' || !f.type.criteria) continue;
    const panel = input[f.name];
    if (!isPlainObject(panel)) continue;
    for (const [cat, v] of Object.entries(panel)) {
      if (!isPlainObject(v) || !Object.values(v).every(Array.isArray)) continue;
      const cols = v as Record<string, unknown[]>;
      const n = Math.max(0, ...Object.values(cols).map((xs) => xs.length));
      const ballots = Array.from({ length: n }, (_, k) => {
        const b: Record<string, unknown> = {};
        for (const e of f.type.kind === 'ratings' ? f.type.criteria ?? [] : []) {
          const x = cols[e.name]?.[k];
          if (x !== null && x !== undefined) b[e.name] = x;
        }
        return b;
      });
      panel[cat] = ballots;
    }
  }
}

/** The cell text of a criterion column for one person: the ballots' ratings of `criterion`, `/`
 * for a ballot without it; undefined when the category has no ballots. */
export function criterionValues(ballots: unknown, criterion: string): unknown[] | undefined {
  if (!Array.isArray(ballots) || ballots.length === 0) return undefined;
  return ballots.map((b) => (isPlainObject(b) && b[criterion] !== undefined ? b[criterion] : BLANK_MARK));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}
