// A problem found in an uploaded roster, named the way its reader finds it in Excel: row and column
// (`第 7 行 “结案数” 列：…` / `row 7, column “结案数”: …`), or a column alone for a header problem, or
// a row alone for a whole-subject one. A JSON-lines roster's problems are at lines, whole or at a
// key (`line 7: …`, ``line 7, `结案数`: …``; zh `第 7 行` either way): it said `row` for some of them.
// Problems are data: `msg` renders in either locale, `message` is the English text (as
// EvalError.message is), `code` the engine's KH-E code.

import { render, type Msg } from '../dsl/i18n/index.js';
import { M } from './messages.js';

export interface SheetProblem {
  code: string;
  /** Spreadsheet row (or JSON-lines line) number, from 1. */
  row?: number;
  /** The column's header as written in the file. */
  column?: string;
  /** JSON-lines: the path inside the line's input. */
  path?: string;
  subject?: string;
  msg: Msg;
  message: string;
}

export interface SheetNotice { msg: Msg; message: string }

/** `line`: a JSON-lines line number, instead of `row` (recorded as `row` all the same: one shape). */
export interface Where { row?: number; line?: number; column?: string; path?: string; subject?: string }

/** A problem at a place: the location words wrap `what`. `also`: the other key of the place, recorded
 * without changing the words — a JSON line's problem has its `column` as a sheet's has its `path`, so
 * a program reads one shape from every roster format (user trial U7-8). */
export function problemAt(code: string, where: Where, what: Msg, also: Pick<Where, 'column' | 'path'> = {}): SheetProblem {
  const { line } = where;
  const row = where.row ?? line;
  const column = where.column ?? also.column;
  const path = where.path ?? also.path;
  const msg = line !== undefined ? (where.path !== undefined ? M.atLine({ row: line, path: where.path, text: what }) : M.atLineAlone({ row: line, text: what }))
    : row !== undefined && where.column !== undefined ? M.atCell({ row, column: where.column, text: what })
    : row !== undefined && where.path !== undefined ? M.atLine({ row, path: where.path, text: what })
    : row !== undefined ? M.atRow({ row, text: what })
    : where.column !== undefined ? M.atColumn({ column: where.column, text: what })
    : what;
  const p: SheetProblem = { code, msg, message: render(msg, 'en') };
  if (row !== undefined) p.row = row;
  if (column !== undefined) p.column = column;
  if (path !== undefined) p.path = path;
  if (where.subject !== undefined) p.subject = where.subject;
  return p;
}

export const notice = (msg: Msg): SheetNotice => ({ msg, message: render(msg, 'en') });
