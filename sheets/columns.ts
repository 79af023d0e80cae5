// Reading a header row against the scheme's inputs: which column is the id, which hold inputs (and
// where inside an input: `满意度评价.群众` is a ratings category, `工作任务[2].名称` a field of a list
// item), and which are extra — 姓名, 科室, 职务 — kept as the person's display fields. Problems of the
// header are found here, once per column, never once per row: a part an input does not have
// (with "did you mean"), a column given twice, a required input with no column at all, and an extra
// column one slip away from an input that has no column (办件差措数 for 办件差错数): kept as a display
// field, that input would silently take its default and the score would be wrong, so it is an error.

import { nearest } from '../dsl/distance.js';
import type { Msg } from '../dsl/i18n/index.js';
import type { FieldSpec, TypeSpec } from '../dsl/service/index.js';
import { ballotCategoryType } from './ballots.js';
import { D } from './decision-words.js';
import { DECISION_HEADERS, decisionField, type DecisionField } from './decisions.js';
import { describeType } from './describe.js';
import { M } from './messages.js';
import { parseHeader, pathText, type Step } from './paths.js';
import { columnLetter, type Cell } from './table.js';

/** Headers taken as the id column, in this order of preference (compared in lower case). */
export const ID_HEADERS = ['编号', 'id', '人员编号', '工号', '身份证号', '身份证号码', '证件号码', 'subject'];

/** A ratings category holds one or more scores from 0 to 100. */
export const SCORES: TypeSpec = { kind: 'list', element: { kind: 'number', min: 0, max: 100 } };

export type ColumnPlan =
  | { kind: 'id'; col: number; header: string }
  | { kind: 'input'; col: number; header: string; steps: Step[]; key: string; type: TypeSpec; scores: boolean; ballot?: boolean }
  | { kind: 'display'; col: number; header: string }
  /** A committee decision column (研究决定等次 / 排序 / 理由: decisions.ts). */
  | { kind: 'decision'; col: number; header: string; field: DecisionField }
  | { kind: 'skip'; col: number; header: string };

/** A problem of the header: `column` names the column (absent for the header as a whole);
 * `atHeader`: located at the header row's cell of that column. */
export interface HeaderProblem { code: string; column?: string; what: Msg; atHeader?: boolean }

export interface HeaderPlan {
  columns: ColumnPlan[];
  /** Required inputs (or required parts of filled records) with no column: header text of each. */
  missing: Set<string>;
  problems: HeaderProblem[];
}

const cellHeader = (c: Cell | undefined): string =>
  c === null || c === undefined ? '' : (c instanceof Date ? c.toISOString() : String(c)).trim();

const byNameOrLabel = <T extends { name: string; label?: string }>(items: readonly T[], name: string): T | undefined =>
  items.find((x) => x.name === name) ?? items.find((x) => x.label === name);

/** Of the headers naming an id (ID_HEADERS, trimmed), the column of the one ranked first — 编号
 * before 身份证号 (U6 M-2) — for the command line, the batch page and the editor's round sheets;
 * -1 when none does. */
export function idColumnOf(headers: readonly string[]): number {
  let best = -1, rank = Infinity;
  headers.forEach((h, i) => {
    const r = ID_HEADERS.indexOf(h.toLowerCase());
    if (r >= 0 && r < rank) { rank = r; best = i; }
  });
  return best;
}

/** The input (or `id`) a header cell names, if any. */
function headerNames(c: Cell | undefined, fields: readonly FieldSpec[]): string | undefined {
  const h = cellHeader(c);
  if (h === '') return undefined;
  if (ID_HEADERS.includes(h.toLowerCase())) return '';
  const first = parseHeader(h)?.[0];
  return first !== undefined && 'name' in first ? byNameOrLabel(fields, first.name)?.name : undefined;
}

/** Does this header row name any input or the id? (The header is the first row that does: a title
 * row above it — “2026 年第一季度考核名单” — is skipped.) */
export function looksLikeHeader(cells: Cell[], fields: readonly FieldSpec[]): boolean {
  return cells.some((c) => headerNames(c, fields) !== undefined);
}

/** How many of the scheme's inputs (and the id) a header row names, each counted once: which of a
 * workbook's sheets is the roster (sheet-choice.ts). A notes sheet names one per row. */
export function headerFit(cells: Cell[], fields: readonly FieldSpec[]): number {
  const named = new Set<string>();
  for (const c of cells) {
    const n = headerNames(c, fields);
    if (n !== undefined) named.add(n);
  }
  return named.size;
}

export function planHeader(cells: Cell[], fields: readonly FieldSpec[]): HeaderPlan {
  const problems: HeaderProblem[] = [];
  const columns: ColumnPlan[] = [];
  const seen = new Map<string, { header: string; col: number }>(); // path key → the column that has it
  cells.forEach((c, col) => {
    const header = cellHeader(c);
    if (header === '') { columns.push({ kind: 'skip', col, header }); return; }
    const steps = parseHeader(header);
    const root = steps?.[0];
    const field = root && 'name' in root ? byNameOrLabel(fields, root.name) : undefined;
    const decision = field ? undefined : decisionField(header);
    if (decision) {
      const other = columns.find((x) => x.kind === 'decision' && x.field === decision);
      if (other) problems.push({ code: 'KH-E008', column: header, what: repeated(col, other) });
      columns.push(other ? { kind: 'skip', col, header } : { kind: 'decision', col, header, field: decision });
      return;
    }
    if (!steps || !field) {
      columns.push({ kind: 'display', col, header });
      return;
    }
    const r = resolve(field, steps);
    if ('problem' in r) {
      problems.push({ code: 'KH-E001', column: header, what: r.problem });
      columns.push({ kind: 'skip', col, header });
      return;
    }
    const key = pathText(r.steps);
    const clash = [...seen].find(([k]) => k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`)
      || key.startsWith(`${k}.`) || key.startsWith(`${k}[`));
    if (clash) {
      problems.push({ code: 'KH-E008', column: header, what: repeated(col, clash[1]) });
      columns.push({ kind: 'skip', col, header });
      return;
    }
    seen.set(key, { header, col });
    columns.push({ kind: 'input', col, header, steps: r.steps, key, type: r.type, scores: r.scores, ...(r.ballot ? { ballot: true } : {}) });
  });
  // The id is one of the columns naming no input (an input named `id` stays an input).
  const idCol = idColumnOf(columns.map((x) => (x.kind === 'display' ? x.header : '')));
  if (idCol >= 0) columns[idCol] = { kind: 'id', col: idCol, header: columns[idCol].header };
  else if (columns.some((c) => c.kind !== 'skip')) problems.push({ code: 'KH-E008', what: M.noIdColumn({ names: ID_HEADERS.slice(1).map((n) => `“${n}”`) }) });

  const decided = columns.filter((c) => c.kind === 'decision');
  if (decided.length > 0 && !decided.some((c) => c.kind === 'decision' && c.field === 'reason')) {
    problems.push({ code: 'KH-E046', what: D.noReasonColumn({ reason: DECISION_HEADERS.reason[/\p{Script=Han}/u.test(decided[0].header) ? 'zh' : 'en'], columns: decided.map((c) => `“${c.header}”`) }) });
  }
  const displays = columns.filter((c) => c.kind === 'display').map((c) => c.header);
  const missing = new Set<string>();
  for (const [path, f] of missingFields(fields, [...seen.keys()], [])) {
    const column = headerOf(path, f, seen);
    const expected = describeType(f.type);
    missing.add(column);
    const near = displays.find((d) => nearest(d, [column, f.name, ...(f.label ? [f.label] : [])], 1).length > 0);
    problems.push({ code: 'KH-E002', what: near ? M.missingColumnNear({ column, expected, near }) : M.missingColumn({ column, expected }) });
  }
  // Only inputs without any column are near misses: 职务 beside a filled 职级 is not a misspelling of
  // it and stays a display field. Required ones are already reported above, with the near column.
  const keys = [...seen.keys()];
  const unfilled = fields.filter((f) => !missing.has(f.name) && !keys.some((k) => k === f.name || k.startsWith(`${f.name}.`) || k.startsWith(`${f.name}[`)));
  for (const c of columns) {
    if (c.kind !== 'display') continue;
    // Two characters one apart are usually two different words (职务 and 职级, 科室 and 处室), not a
    // slip: a roster with 职务 and a scheme whose 职级 has a default must still be read.
    if ([...c.header].length < 3) continue;
    const near = nearest(c.header, unfilled.flatMap((f) => [f.name, ...(f.label ? [f.label] : [])]), 1)[0];
    if (near === undefined) continue;
    problems.push({ code: 'KH-E001', column: c.header, atHeader: true, what: M.notAnInput({ near: byNameOrLabel(unfilled, near)!.name }) });
    columns[c.col] = { kind: 'skip', col: c.col, header: c.header };
  }
  return { columns, missing, problems };
}

/** `ballot`: a criterion column of a ballot panel (`测评票.本处室.德`, sheets/ballots.ts). */
type Resolved = { steps: Step[]; type: TypeSpec; scores: boolean; ballot?: boolean } | { problem: Msg };

/** Walks a header's steps through the input's type: names into records and ratings, items into lists. */
function resolve(field: FieldSpec, steps: Step[]): Resolved {
  const out: Step[] = [{ name: field.name }];
  let type = field.type;
  let scores = false, ballot = false, inBallots = false;
  for (const s of steps.slice(1)) {
    const parent = pathText(out);
    if ('index' in s) {
      if (type.kind !== 'list') return { problem: M.notList({ parent }) };
      const max = type.max ?? 9999;
      if (s.index < 0 || s.index >= max) return { problem: M.badIndex({ max }) };
      out.push(s);
      type = type.element;
      continue;
    }
    const parts: { name: string; label?: string; type: TypeSpec }[] | undefined = type.kind === 'record' ? type.fields
      : type.kind === 'ratings' ? type.categories.map((c) => ({ ...c, type: type.kind === 'ratings' && type.criteria ? ballotCategoryType(type) : SCORES })) : undefined;
    if (!parts) return { problem: M.notNested({ parent }) };
    const part = byNameOrLabel(parts, s.name);
    if (!part) {
      const near = nearest(s.name, parts.map((p) => p.name), 1)[0];
      return { problem: near ? M.unknownPartNear({ parent, name: s.name, near }) : M.unknownPart({ parent, name: s.name, known: parts.map((p) => p.name) }) };
    }
    ballot = inBallots;
    inBallots = type.kind === 'ratings' && !!type.criteria;
    scores = type.kind === 'ratings' || ballot;
    out.push({ name: part.name });
    type = part.type;
  }
  return { steps: out, type, scores, ...(ballot ? { ballot } : {}) };
}

/** A column (at `col`, from 0) that repeats `other`: both by letter, as the spreadsheet shows them
 * (V11 trial LOW-13: “实绩得分” repeating “实绩得分” said neither which nor where). */
function repeated(col: number, other: { header: string; col: number }): Msg {
  return M.duplicateColumn({ letter: columnLetter(col + 1), otherLetter: columnLetter(other.col + 1), other: other.header });
}

/** A missing column as the header row would write it: a record part by its label when its siblings'
 * headers use their labels (`班子结果.考核期` beside `班子结果.考核等次`, the reader's key being `period`). */
function headerOf(path: Step[], f: FieldSpec, seen: Map<string, { header: string }>): string {
  const key = pathText(path);
  if (path.length < 2 || !f.label) return key;
  const parent = pathText(path.slice(0, -1));
  const siblings = [...seen].filter(([k]) => k.startsWith(`${parent}.`)).map(([, c]) => c.header.normalize('NFKC'));
  const byLabel = siblings.length > 0 && siblings.every((h) => !h.endsWith(`.${key.slice(parent.length + 1)}`) && /\p{Script=Han}/u.test(h.slice(h.lastIndexOf('.') + 1)));
  return byLabel ? `${parent}.${f.label}` : key;
}

/** Required fields with no column: at the top, and inside a record or list item that has some. */
function* missingFields(fields: readonly FieldSpec[], keys: string[], at: Step[]): Generator<[Step[], FieldSpec]> {
  for (const f of fields) {
    const path = [...at, { name: f.name }];
    const key = pathText(path);
    if (keys.includes(key)) continue;
    const below = keys.filter((k) => k.startsWith(`${key}.`) || k.startsWith(`${key}[`));
    if (below.length === 0) {
      if (f.required) yield [path, f];
    } else if (f.type.kind === 'record') {
      yield* missingFields(f.type.fields, below, path);
    } else if (f.type.kind === 'list' && f.type.element.kind === 'record') {
      const items = new Set(below.map((k) => Number(/^\[(\d+)\]/.exec(k.slice(key.length))?.[1])).filter((n) => n > 0));
      for (const n of [...items].sort((a, b) => a - b)) yield* missingFields(f.type.element.fields, below, [...path, { index: n - 1 }]);
    }
  }
}
