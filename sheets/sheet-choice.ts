// Which worksheet of a workbook is the roster (user trial U4, MED-3: government workbooks often put a
// 填表说明 sheet first). In this order: the sheet named as kaohe's own template names it (名单 /
// roster); else the sheet whose header row names most of the scheme's inputs (columns.ts headerFit,
// looked for in its first rows, as roster.ts looks for the header); else the first sheet. The choice
// is the same for the in-memory reader (xlsx.ts, the editor) and the streaming one
// (node/xlsx-stream.ts), which decides from each sheet's first rows and reads only the chosen one
// whole. The roster is told which sheet was read (a notice when the workbook has more than one), and
// that it read a workbook (an extra cell right of the header is then no CSV's stray comma).

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
  /** The sheet read (`index` in the workbook's order of reading) and how many the workbook has. */
  chosen(name: string, count: number): void;
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

/** The sheet to read, from every sheet's name and first rows: the template's name, else the best
 * fit (the first of equals), else the first sheet. */
export function pickSheet(sheets: readonly { name: string; head: readonly SheetRow[] }[], fields: readonly FieldSpec[]): number {
  const named = namedRoster(sheets.map((s) => s.name));
  if (named !== undefined) return named;
  let pick = 0, best = 0;
  sheets.forEach((s, i) => {
    const fit = sheetFit(s.head, fields);
    if (fit > best) { best = fit; pick = i; }
  });
  return pick;
}

/** The choice for a roster being read: it learns the sheet's name (and that it is a workbook), and a
 * workbook of several sheets gets a notice naming the one read, unless it is named as the template's. */
export function sheetChoice(roster: Roster): SheetChoice {
  return {
    fields: roster.index.fields,
    chosen(name, count) {
      roster.index.sheet = name;
      // The template's own 名单 sheet goes without saying (every filled template has its 说明 sheet too).
      if (count > 1 && namedRoster([name]) === undefined) roster.notices.push(notice(M.sheetRead({ sheet: name, count })));
    },
  };
}
