// Which worksheet of a workbook is the roster (user trial U4, MED-3: government workbooks often put a
// 填表说明 sheet first). Only the visible sheets are looked at (session 5): a hidden sheet is what
// the user does not see in Excel — a drop-down's list, last year's copy kept out of the way — and
// reading it instead of the visible list would evaluate people the user never looked at; also a
// hidden sheet named 名单 (the template's, hidden after its rows were copied elsewhere). Only a
// workbook whose every sheet is hidden (Excel cannot save one; other writers can) is chosen from all.
// Among them, in this order: the sheet named as kaohe's own template names it (名单 /
// roster); else the sheet whose header row names most of the scheme's inputs (columns.ts headerFit,
// looked for in its first rows, as roster.ts looks for the header); else the first sheet. The choice
// is the same for the in-memory reader (xlsx.ts, the editor) and the streaming one
// (node/xlsx-stream.ts), which decides from each sheet's first rows and reads only the chosen one
// whole. The roster is told which sheet was read (a notice when the workbook has more than one,
// saying how many hidden ones were not read), and that it read a workbook (an extra cell right of
// the header is then no CSV's stray comma; a sheet without a header is named).

import type { FieldSpec } from '../dsl/service/index.js';
import { render } from '../dsl/i18n/index.js';
import { headerFit } from './columns.js';
import { M } from './messages.js';
import { notice } from './problems.js';
import type { Roster } from './roster.js';
import { isBlank, type SheetRow } from './table.js';

/** How many leading non-blank rows of a sheet are searched for its header (roster.ts does the same). */
export const HEAD_ROWS = 20;

/** What a reader needs to choose a sheet, and whom to tell. */
export interface SheetChoice {
  fields: readonly FieldSpec[];
  /** The sheet read, how many the workbook has and how many hidden ones were passed over. */
  chosen(name: string, count: number, hidden: number): void;
}

/** A worksheet's state in workbook.xml (`<sheet state="hidden"/>`; absent: visible) is hidden. */
export const isHidden = (state: string | undefined): boolean => state === 'hidden' || state === 'veryHidden';

/** The sheets the choice looks at: the visible ones, or every sheet when all are hidden. */
export function readable<T extends { hidden?: boolean }>(sheets: readonly T[]): T[] {
  const visible = sheets.filter((s) => !s.hidden);
  return visible.length > 0 ? visible : [...sheets];
}

/** The names kaohe's template gives its roster sheet, in both languages. */
const ROSTER_NAMES = new Set([render(M.sheetRoster(), 'zh'), render(M.sheetRoster(), 'en')].map((n) => n.toLowerCase()));

/** The index among `names` of a sheet named as the template names the roster, if one is. */
export function namedRoster(names: readonly string[]): number | undefined {
  const i = names.findIndex((n) => ROSTER_NAMES.has(n.trim().toLowerCase()));
  return i < 0 ? undefined : i;
}

/** How well a sheet's first rows fit the scheme: the best header among them (0: none names an input). */
export function sheetFit(head: readonly SheetRow[], fields: readonly FieldSpec[]): number {
  let best = 0;
  for (const r of head) best = Math.max(best, headerFit(r.cells, fields));
  return best;
}

/** The first non-blank rows of a sheet, as many as are searched for its header. */
export function headOf(rows: readonly SheetRow[]): SheetRow[] {
  const head: SheetRow[] = [];
  for (const r of rows) {
    if (r.cells.every(isBlank)) continue;
    head.push(r);
    if (head.length >= HEAD_ROWS) break;
  }
  return head;
}

/** The index of the sheet to read, from every sheet's name, first rows and state: among the readable
 * ones, the template's name, else the best fit (the first of equals), else the first. */
export function pickSheet(sheets: readonly { name: string; head: readonly SheetRow[]; hidden?: boolean }[], fields: readonly FieldSpec[]): number {
  const looked = readable(sheets);
  const named = namedRoster(looked.map((s) => s.name));
  let pick = named ?? 0, best = 0;
  if (named === undefined) {
    looked.forEach((s, i) => {
      const fit = sheetFit(s.head, fields);
      if (fit > best) { best = fit; pick = i; }
    });
  }
  return sheets.indexOf(looked[pick]);
}

/** The choice for a roster being read: it learns the sheet's name (and that it is a workbook), and a
 * workbook of several sheets gets a notice naming the one read, unless it is named as the template's. */
export function sheetChoice(roster: Roster): SheetChoice {
  return {
    fields: roster.index.fields,
    chosen(name, count, hidden) {
      roster.index.sheet = name;
      // The template's own 名单 sheet goes without saying (every filled template has its 说明 sheet too).
      if (count <= 1 || namedRoster([name]) !== undefined) return;
      roster.notices.push(notice(hidden > 0 ? M.sheetReadHidden({ sheet: name, count, hidden }) : M.sheetRead({ sheet: name, count })));
    },
  };
}
