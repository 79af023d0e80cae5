// A problem found in an uploaded roster, named the way its reader finds it in Excel: row and column
// (`第 7 行 “结案数” 列：…` / `row 7, column “结案数”: …`), or a column alone for a header problem, or
// a row alone for a whole-subject one. Problems are data: `msg` renders in either locale, `message`
// is the English text (as EvalError.message is), `code` the engine's KH-E code.

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

export interface Where { row?: number; column?: string; path?: string; subject?: string }

/** A problem at a place: the location words wrap `what`. */
export function problemAt(code: string, where: Where, what: Msg): SheetProblem {
  const { row, column, path } = where;
  const msg = row !== undefined && column !== undefined ? M.atCell({ row, column, text: what })
    : row !== undefined && path !== undefined ? M.atLine({ row, path, text: what })
    : row !== undefined ? M.atRow({ row, text: what })
    : column !== undefined ? M.atColumn({ column, text: what })
    : what;
  const p: SheetProblem = { code, msg, message: render(msg, 'en') };
  if (row !== undefined) p.row = row;
  if (column !== undefined) p.column = column;
  if (path !== undefined) p.path = path;
  if (where.subject !== undefined) p.subject = where.subject;
  return p;
}

export const notice = (msg: Msg): SheetNotice => ({ msg, message: render(msg, 'en') });
