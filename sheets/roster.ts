// A roster — rows of cells from any reader (table.ts) — read against the scheme's inputs into the
// engine's subjects ({id, input, display}): the header row planned once (columns.ts), then each row's
// cells converted by their column's type (cells.ts) and placed into the input (`满意度评价.群众` into
// the ratings, `工作任务[2].名称` into the second task). Rows stream through: a large file is never
// held as cells, only as the subjects the engine needs anyway.
//
// What the engine later finds wrong comes back as paths (`subjects[6].input.结案数`); locateErrors
// turns them into this roster's rows and columns, so a person is told `第 8 行 “结案数” 列`, not a
// JSON path. A required input without a column is reported once (columns.ts), not once per row.

import type { EvalError, SubjectInput } from '../engine/api.js';
import { nearest } from '../dsl/distance.js';
import type { ResultsSpec } from '../dsl/service/contract.js';
import type { FieldSpec, TypeSpec } from '../dsl/service/index.js';
import { render, type Msg } from '../dsl/i18n/index.js';
import { ballotCell, ballotsFromColumns, ballotType } from './ballots.js';
import { cellText, convert } from './cells.js';
import { lostDigits } from './decimal.js';
import { readDecision, type DecisionField, type DecisionRules } from './decisions.js';
import { looksLikeHeader, planHeader, SCORES, type ColumnPlan } from './columns.js';
import { describeType, listExample } from './describe.js';
import { valueAt } from './layout.js';
import { M } from './messages.js';
import { listExampleMsg, sheetFields } from './period-results.js';
import { resultsItemError } from './results-errors.js';
import { HEAD_ROWS } from './sheet-choice.js';
import { parseEnginePath, pathText, type Step } from './paths.js';
import { define, finish, place, Rec } from './place.js';
import { notice, problemAt, type SheetNotice, type SheetProblem, type Where } from './problems.js';
import { isTemplateExample, scientificId, totalRowWord, type TemplateExample } from './row-checks.js';
import { isBlank, NoValue, type Cell, type RowSource, type SheetRow } from './table.js';

/** Where each subject came from, for locating the engine's errors. */
export interface RosterIndex {
  /** `table`: rows and columns of a sheet; `lines`: JSON lines (a row is a line, no columns). */
  kind: 'table' | 'lines';
  fields: readonly FieldSpec[];
  /** Row (line) number of each subject, by subject index. */
  rows: number[];
  idColumn?: string;
  /** Input path (header form, items from 1) → the header of the column that holds it. */
  columns: Map<string, string>;
  /** Paths of required inputs that have no column (reported once; their per-row errors are not). */
  missing: Set<string>;
  /** Per subject, for lists built from numbered columns with gaps: list path → the item numbers kept. */
  slots: (Map<string, number[]> | undefined)[];
  /** Per subject, the paths of cells already reported (and left out): the engine's "missing" for
   * them, or for the input holding them, would say the same thing again. */
  reported?: Map<number, string[]>;
  /** The headers of the committee decision columns the roster has (decisions.ts). */
  decisions?: Partial<Record<DecisionField, string>>;
  /** The worksheet read, when the roster is a workbook (sheet-choice.ts). */
  sheet?: string;
}

export interface Roster {
  subjects: SubjectInput[];
  /** Problems found while reading (header, unreadable cells); the engine's come from locateErrors. */
  problems: SheetProblem[];
  notices: SheetNotice[];
  index: RosterIndex;
}

/** What a roster is read with beyond its fields: the committee decision rules (decisions.ts) and the
 * template's example person, noticed once when a row is it (template-example.ts rosterRules makes both). */
export interface RosterRules extends DecisionRules { examples?: readonly TemplateExample[] }

/** How many leading non-blank rows are searched for the header row. */
const HEADER_SEARCH = HEAD_ROWS;
/** The 姓名 column kaohe's template adds: alone, a display field said without a notice. */
/** The headings a name column goes by (姓名, name): a roster's, a result sheet's. */
export const NAME_HEADERS: ReadonlySet<string> = new Set([render(M.nameHeader(), 'zh'), render(M.nameHeader(), 'en')]);

/** `rules`: what the scheme says of committee decisions (its grades, whether it is `by committee`),
 * for the decision columns' cells — without them those cells are checked by the engine alone — and
 * the template's example, to notice it left in.
 * `source` may be made for the roster (a workbook's reader tells it which sheet it read: sheet-choice.ts). */
export async function readRoster(source: RowSource | ((roster: Roster) => RowSource), contractFields: readonly FieldSpec[], rules: RosterRules = {}): Promise<Roster> {
  const roster = emptyRoster(contractFields);
  const subjects: SubjectInput[] = [];
  for await (const s of streamRoster(typeof source === 'function' ? source(roster) : source, roster, rules)) subjects.push(s);
  roster.subjects = subjects;
  return roster;
}

/** A roster with nothing read yet (its fields: the scheme's inputs as a sheet reads them). */
export function emptyRoster(contractFields: readonly FieldSpec[]): Roster {
  // Results of periods (issue 14) read as a record's sub-columns or a JSON cell (period-results.ts).
  const fields = sheetFields(contractFields);
  const index: RosterIndex = { kind: 'table', fields, rows: [], columns: new Map(), missing: new Set(), slots: [] };
  return { subjects: [], problems: [], notices: [], index };
}

/** The roster's subjects one by one as their rows are read (issue 16: a streaming cohort holds no
 * subject it is done with); `roster` collects the problems, notices and index, not the subjects. */
export async function* streamRoster(source: RowSource, roster: Roster, rules: RosterRules = {}): AsyncGenerator<SubjectInput> {
  const { fields } = roster.index;
  const pending: SheetRow[] = [];
  let reader: RowReader | undefined;
  for await (const r of source) {
    if (reader) { reader.read(r); yield* drain(roster); continue; }
    if (r.cells.every(isBlank)) continue;
    pending.push({ row: r.row, cells: r.cells });
    if (looksLikeHeader(r.cells, fields) || pending.length >= HEADER_SEARCH) {
      const at = looksLikeHeader(r.cells, fields) ? pending.length - 1 : 0;
      reader = new RowReader(pending[at], roster, pending[0].row, rules);
      for (const rest of pending.slice(at + 1)) reader.read(rest);
      yield* drain(roster);
    }
  }
  if (!reader && pending.length > 0) {
    reader = new RowReader(pending[0], roster, pending[0].row, rules);
    for (const rest of pending.slice(1)) reader.read(rest);
    yield* drain(roster);
  }
  const sheet = roster.index.sheet; // a workbook's: the sheet read, whichever it is (sheet-choice.ts)
  if (!reader) roster.problems.push(problemAt('KH-E008', {}, sheet === undefined ? M.noHeader() : M.noHeaderSheet({ sheet })));
}

function* drain(roster: Roster): Generator<SubjectInput> {
  const got = roster.subjects;
  if (got.length) { roster.subjects = []; yield* got; }
}

class RowReader {
  private readonly inputs: Extract<ColumnPlan, { kind: 'input' }>[];
  private readonly displays: Extract<ColumnPlan, { kind: 'display' }>[];
  private readonly decisions: Extract<ColumnPlan, { kind: 'decision' }>[];
  private readonly idCol?: number;
  /** Display columns already noticed for a number that lost digits (one notice per column). */
  private readonly lossy = new Set<number>();
  /** Whether KH-E047 (decisions for a scheme not `by committee`) was said: once, not on every row
   * (nor by scanning the problems on every row). */
  private notCommitteeSaid = false;
  /** Whether the template's example row was said (once: a copy of it further down is a duplicate id). */
  private exampleSaid = false;
  private readonly width: number; // the header's cells: a value beyond them has no column (hostile F15)
  /** A list of period results' column → its example in the period's own form (`往年`: 2025, not a
   * quarter: V11 trial MED-3), for a cell that is not JSON. */
  private readonly examples = new Map<number, Msg>();

  constructor(header: SheetRow, private readonly roster: Roster, firstRow: number, private readonly rules: RosterRules) {
    const plan = planHeader(header.cells, roster.index.fields);
    this.width = header.cells.length;
    const index = roster.index;
    this.inputs = plan.columns.filter((c) => c.kind === 'input');
    this.displays = plan.columns.filter((c) => c.kind === 'display');
    this.decisions = plan.columns.filter((c) => c.kind === 'decision');
    if (this.decisions.length > 0) index.decisions = Object.fromEntries(this.decisions.map((c) => [c.field, c.header]));
    const id = plan.columns.find((c) => c.kind === 'id');
    this.idCol = id?.col;
    index.idColumn = id?.header;
    for (const c of this.inputs) index.columns.set(c.key, c.header);
    for (const c of this.inputs) {
      const example = c.steps.length === 1 ? listExampleMsg(resultsAt(index.fields, c.steps)) : undefined;
      if (example) this.examples.set(c.col, example);
    }
    index.missing = plan.missing;
    for (const p of plan.problems) roster.problems.push(problemAt(p.code, { column: p.column, ...(p.atHeader ? { row: header.row } : {}) }, p.what));
    if (header.row > firstRow) roster.notices.push(notice(M.headerRow({ row: header.row })));
    // The template's own 姓名 column alone is no news (U4 LOW-6); 16,384 columns: not a 180 KB line.
    const names = this.displays.map((d) => d.header), more = names.length - 10;
    if (names.some((h) => !NAME_HEADERS.has(h))) {
      roster.notices.push(notice(M.extraColumns({ columns: more > 0 ? [...names.slice(0, 10), M.moreColumns({ count: more })] : names, count: names.length })));
    }
  }

  read(r: SheetRow): void {
    if (r.cells.every(isBlank)) return;
    const { roster } = this;
    const extra = r.cells.slice(this.width).filter((c) => !isBlank(c)).length; // cells the header has no column for
    if (extra > 0) roster.problems.push(problemAt('KH-E008', { row: r.row }, (roster.index.sheet === undefined ? M.csvExtraFields : M.sheetExtraFields)({ count: extra })));
    const total = totalRowWord(r.cells, this.idCol); // one problem, not one per empty column (U4 LOW-4)
    if (total !== undefined) { roster.problems.push(problemAt('KH-E008', { row: r.row }, M.looksLikeTotal({ cell: total }))); return; }
    const at = roster.index.rows.length; // the subject's index in the roster (its subjects may be streamed away)
    const idCell = this.idCol === undefined ? null : r.cells[this.idCol] ?? null;
    const id = cellText(idCell);
    const idLoss = typeof idCell === 'number' && lostDigits(idCell) ? M.idLostDigits() : scientificId(id) ? M.idScientific({ id }) : undefined;
    if (idLoss) roster.problems.push(problemAt('KH-E008', { row: r.row, column: roster.index.idColumn, subject: id }, idLoss));
    const slots = new Map<string, number[]>();
    const input = finish(this.input(r, id, at), [], slots) as Record<string, unknown>;
    ballotsFromColumns(input, roster.index.fields);
    const subject: SubjectInput = { id, input };
    const display = this.display(r);
    if (display) subject.display = display;
    const decision = this.decision(r, id);
    if (decision) subject.decision = decision;
    roster.index.slots[at] = slots.size > 0 ? slots : undefined;
    roster.index.rows.push(r.row);
    roster.subjects.push(subject);
    if (!this.exampleSaid && this.rules.examples && isTemplateExample(this.rules.examples, subject)) {
      this.exampleSaid = true;
      roster.notices.push(notice(M.exampleRowLeft({ row: r.row, id })));
    }
  }

  /** The row's input cells placed into one record; a cell that cannot be read is reported and left out. */
  private input(r: SheetRow, id: string, at: number): Rec {
    const { roster } = this;
    const input = new Rec();
    for (const c of this.inputs) {
      if (c.ballot && !(r.cells[c.col] instanceof NoValue)) { const xs = ballotCell(r.cells[c.col] ?? null); if (xs) place(input, c.steps, xs); continue; }
      const v = convert(r.cells[c.col] ?? null, c.type, this.examples.get(c.col));
      if ('empty' in v) continue;
      if ('value' in v) { place(input, c.steps, v.value); continue; }
      roster.problems.push(problemAt(v.problem.code, { row: r.row, column: c.header, ...(id ? { subject: id } : {}) }, v.problem.what));
      const reported = (roster.index.reported ??= new Map());
      reported.set(at, [...(reported.get(at) ?? []), c.key]);
    }
    return input;
  }

  /** The row's committee decision (研究决定等次 / 排序 / 理由), if it has one; a problem at its cell. */
  private decision(r: SheetRow, id: string) {
    if (this.decisions.length === 0) return undefined;
    const cells = Object.fromEntries(this.decisions.map((c) => [c.field, r.cells[c.col] ?? null]));
    const read = readDecision(cells, this.rules);
    for (const p of read.problems) {
      // A scheme not `by committee`: said once, at the first decision, not on every row.
      if (p.code === 'KH-E047') { if (this.notCommitteeSaid) continue; this.notCommitteeSaid = true; }
      this.roster.problems.push(problemAt(p.code, { row: r.row, column: this.roster.index.decisions?.[p.field], ...(id ? { subject: id } : {}) }, p.what));
    }
    return read.decision;
  }

  /** The display fields of a row (its non-blank extra cells, as text), if any. A number that lost
   * digits in Excel is kept as it is, with one notice for its column. */
  private display(r: SheetRow): Record<string, string> | undefined {
    let display: Record<string, string> | undefined;
    for (const d of this.displays) {
      const cell = r.cells[d.col] ?? null;
      if (isBlank(cell)) continue;
      define((display ??= {}), d.header, cellText(cell));
      if (typeof cell === 'number' && !this.lossy.has(d.col) && lostDigits(cell)) {
        this.lossy.add(d.col);
        this.roster.notices.push(notice(M.displayLostDigits({ column: d.header, row: r.row })));
      }
    }
    return display;
  }
}

// ---- the engine's errors, back to rows and columns

/** The engine's errors for `roster.subjects`, as problems at rows and columns. Errors about a
 * required input that has no column are dropped: the header problem already says it once. */
export function locateErrors(roster: Roster, errors: readonly EvalError[]): SheetProblem[] {
  const { index, subjects } = roster;
  // a JSON-lines roster's places are lines (problems.ts Where.line), a sheet's rows
  const lines = index.kind === 'lines';
  const at = (row: number | undefined): Pick<Where, 'row' | 'line'> => (lines ? { line: row } : { row });
  const byId = new Map<string, number>();
  const out: SheetProblem[] = [];
  for (const e of errors) {
    const parsed = parseEnginePath(e.path ?? '');
    let i = parsed.subject;
    if (i === undefined && e.subject !== undefined) {
      if (byId.size === 0) subjects.forEach((s, k) => { if (!byId.has(s.id)) byId.set(s.id, k); });
      i = byId.get(e.subject);
    }
    const row = i === undefined ? undefined : index.rows[i];
    const subject = i === undefined ? e.subject : subjects[i]?.id;
    if (parsed.id) {
      const id = subjects[i!]?.id ?? '';
      const first = subjects.findIndex((s) => s.id === id);
      const flaw = (e.msg?.args as { what?: Msg } | undefined)?.what; // an id the API refuses (engine/subject-id.ts)
      if (!flaw && scientificId(id)) continue; // a duplicate of an id Excel wrote as `3.3E+17`: said at its row (read)
      const what = id === '' ? M.noId() : flaw ?? (lines ? M.duplicateIdLine : M.duplicateId)({ id, first: index.rows[first] });
      out.push(problemAt(e.code, { ...at(row), column: index.idColumn, subject }, what, { path: 'id' }));
      continue;
    }
    // A committee decision's cell: the column of its part (`decision.order` → 研究决定排序), or the
    // first decision column for the decision as a whole.
    if (parsed.decision) {
      const part = parsed.steps[0] && 'name' in parsed.steps[0] ? parsed.steps[0].name as DecisionField : undefined;
      const cols = index.decisions ?? {};
      const column = (part && cols[part]) ?? cols.grade ?? cols.order ?? cols.reason;
      out.push(problemAt(e.code, { ...at(row), ...(index.kind === 'table' && column ? { column } : {}), subject }, M.evaluation({ text: located(e) })));
      continue;
    }
    // The evaluation's period (`kaohe eval --period`, the API's `period`) is no cell of the roster.
    if (e.path === 'period') {
      out.push(problemAt(e.code, {}, M.evaluation({ text: located(e) })));
      continue;
    }
    if (parsed.steps.length === 0 || !e.path) {
      // KH-E009 names where checking stopped as `subjects[500]`: the row says it (U4 LOW-7).
      const stopped = e.code === 'KH-E009' && row !== undefined;
      out.push(problemAt(e.code, { ...at(row), subject }, stopped ? (lines ? M.stoppedHereLine() : M.stoppedHere()) : M.evaluation({ text: e.msg ?? e.message })));
      continue;
    }
    const steps = translate(parsed.steps, i === undefined ? undefined : index.slots[i]);
    const key = pathText(steps);
    if (e.code === 'KH-E002' && (index.missing.has(key) || reportedBelow(index, i, key))) continue;
    const what = describeError(e, steps, index.fields, i === undefined ? undefined : subjects[i], index.kind !== 'lines');
    const ballot = index.kind === 'table' ? ballotColumn(index, steps) : undefined;
    if (ballot) {
      out.push(problemAt(e.code, { row, column: ballot.column, subject }, M.ballotAt({ n: ballot.n, what })));
      continue;
    }
    if (index.kind === 'lines') {
      const path = e.path.replace(/^subjects\[\d+\]\.input\./, '');
      out.push(problemAt(e.code, { line: row, path, subject }, what, { column: path }));
      continue;
    }
    out.push(problemAt(e.code, { row, column: columnOf(index, steps) ?? key, subject }, what, { path: key }));
  }
  return out;
}

function reportedBelow(index: RosterIndex, subject: number | undefined, key: string): boolean {
  const keys = subject === undefined ? undefined : index.reported?.get(subject);
  return !!keys?.some((k) => k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`));
}

/** List indices of the engine (items kept, from 0) → the numbers of the columns they came from. */
function translate(steps: Step[], slots: Map<string, number[]> | undefined): Step[] {
  const out: Step[] = [];
  for (const s of steps) {
    if ('index' in s && slots) {
      const kept = slots.get(pathText(out));
      out.push(kept && kept[s.index] !== undefined ? { index: kept[s.index] } : s);
    } else out.push(s);
  }
  return out;
}

/** A ballot's place (`测评票.本处室[2].德`) read from criterion columns (sheets/ballots.ts): the
 * criterion's column (or, for the ballot as a whole, the category's first one) and the ballot's number. */
function ballotColumn(index: RosterIndex, steps: Step[]): { column: string; n: number } | undefined {
  const [f, c, k, e] = steps;
  if (!f || !c || !k || !('name' in f) || !('name' in c) || !('index' in k)) return undefined;
  const type = index.fields.find((x) => x.name === f.name)?.type;
  if (type?.kind !== 'ratings' || !type.criteria || index.columns.has(`${f.name}.${c.name}`)) return undefined;
  const prefix = `${f.name}.${c.name}.`;
  const own = e && 'name' in e ? index.columns.get(`${prefix}${e.name}`) : undefined;
  const column = own ?? [...index.columns].find(([key]) => key.startsWith(prefix))?.[1];
  return column === undefined ? undefined : { column, n: k.index + 1 };
}

/** The column holding a path: its own, or the nearest enclosing one (a ratings or JSON column). */
function columnOf(index: RosterIndex, steps: Step[]): string | undefined {
  for (let n = steps.length; n > 0; n--) {
    const h = index.columns.get(pathText(steps.slice(0, n)));
    if (h !== undefined) return h;
  }
  return undefined;
}

/** The type at a path of the input (a ratings category holds SCORES). */
function typeAt(fields: readonly FieldSpec[], steps: Step[]): TypeSpec | undefined {
  let type: TypeSpec | undefined;
  for (const s of steps) {
    if ('index' in s) { type = type?.kind === 'list' ? type.element : undefined; continue; }
    if (!type) type = fields.find((f) => f.name === s.name)?.type;
    else if (type.kind === 'record') type = type.fields.find((f) => f.name === s.name)?.type;
    else if (type.kind === 'ratings') type = !type.categories.some((c) => c.name === s.name) ? undefined : type.criteria ? { kind: 'list', element: ballotType(type) } : SCORES;
    else type = undefined;
    if (!type) return undefined;
  }
  return type;
}

/** The engine's `found` is JSON text (`"abc"`); a person typed abc. */
function foundText(e: EvalError): string {
  const f = e.found ?? '';
  if (f.startsWith('"') && f.endsWith('"')) {
    try { return JSON.parse(f) as string; } catch { return f; }
  }
  return f;
}

function describeError(e: EvalError, steps: Step[], fields: readonly FieldSpec[], subject: SubjectInput | undefined, inCells: boolean): Msg {
  const type = typeAt(fields, steps);
  const expected = type ? describeType(type, inCells) : (e.expected ?? '');
  const found = foundText(e);
  // inside a sheet's JSON cell of period results: which record, what was typed (a JSON line's path says where)
  const inItem = inCells ? resultsItemError(e, steps, fields, found, located(e)) : undefined;
  if (inItem) return inItem;
  switch (e.code) {
    case 'KH-E001': {
      const parent = typeAt(fields, steps.slice(0, -1));
      const known = parent?.kind === 'record' ? parent.fields.map((f) => f.name)
        : parent?.kind === 'ratings' ? parent.categories.map((c) => c.name) : fields.map((f) => f.name);
      const last = steps[steps.length - 1], name = 'name' in last ? last.name : pathText(steps);
      const near = nearest(name, known, 1)[0]; // as a header one slip from an input is told (columns.ts)
      return near ? M.unknownFieldNear({ name, near, known }) : M.unknownField({ name, known });
    }
    case 'KH-E002': return missingValue(type, expected, inCells, resultsAt(fields, steps));
    case 'KH-E004': return type?.kind === 'enum' ? M.notMember({ found, members: type.members.map((m) => m.name) }) : M.wrongType({ expected, found });
    case 'KH-E005': return M.notInteger({ found });
    case 'KH-E006': return M.outOfRange({ expected, found });
    case 'KH-E007': {
      const v = valueAt(subject?.input, steps);
      // a streamed subject's input is gone: the engine's count (`0 items`, not “0 items 项”)
      return M.listLength({ expected, found: Array.isArray(v) ? v.length : /^(\d+) items?$/.exec(found)?.[1] ?? found });
    }
    case 'KH-E003': return M.wrongType({ expected, found });
    // A period result's grade (issue 14) in a sheet column: one of the members (an empty cell is no grade).
    case 'KH-E052': return type?.kind === 'enum' ? M.notMember({ found, members: type.members.map((m) => m.name) }) : M.evaluation({ text: located(e) });
    default: return M.evaluation({ text: located(e) });
  }
}

/** The period-results spec of a top-level input (`往年: 过去 2 年`), if the path is one. */
function resultsAt(fields: readonly FieldSpec[], steps: Step[]): ResultsSpec | undefined {
  const [first] = steps;
  return steps.length === 1 && 'name' in first ? fields.find((f) => f.name === first.name)?.results : undefined;
}

/** A missing input; a list's says how to write it (black-box trial, session 10: an empty 往年 cell
 * said only “expected a list”): `[]` when it may be empty, and an example of its items. */
function missingValue(type: TypeSpec | undefined, expected: Msg | string, inCells: boolean, results: ResultsSpec | undefined): Msg {
  // A list of period results: its own period's form (`2025` for the year before), as the notes show it.
  const example = listExampleMsg(results) ?? (type?.kind === 'list' ? listExample(type, inCells) : undefined);
  if (type?.kind !== 'list' || example === undefined) return M.missingValue({ expected });
  return (type.min ?? 0) > 0 ? M.missingItems({ expected, example }) : M.missingList({ expected, example });
}

/** The engine's words without the JSON path it puts in front (`subjects[0].input.测评票.本处室[2].德：…`):
 * the row and column say where. */
function located(e: EvalError): Msg | string {
  const m = e.msg;
  if (m?.id === 'engine.at' && m.args && typeof m.args.what === 'object' && !Array.isArray(m.args.what)) return m.args.what as Msg;
  return m ?? e.message;
}
