// Rows of a roster that are not what they seem (user trial U4). A 合计/总计/小计 row under the list
// (LOW-4) — often `=SUM(…)` cells — would otherwise be read as a person with no id, no post and no
// ratings and be told ten times what it lacks: roster.ts asks here first and reports such a row once,
// as one problem, instead of evaluating it. The template's example row left in (MED-4) is a valid
// person as far as the scheme can tell, so it is evaluated, but roster.ts says so in a notice: here is
// how a read subject is compared with the template's examples (made by template-example.ts).
// Cells that Excel or an input method changed (user trial U5): an 18-digit id Excel wrote in scientific
// notation into a .csv (`3.30100E+17`, its digits gone: A-11) is told as that rather than as a
// duplicate. (JSON typed with a Chinese input method's quotes: json-cell.ts.)

import type { SubjectInput } from '../engine/api.js';
import type { Cell } from './table.js';
import { cellText } from './cells.js';

/** Words a total row carries in its first cells (compared without spaces, in lower case). */
const TOTAL_WORDS = new Set(['合计', '总计', '小计', '共计', '总数', 'total', 'subtotal', 'sum', 'grandtotal']);

/** How many leading cells may hold the word (the id, then 姓名 or a unit column). */
const LEAD_CELLS = 3;

/** The text that makes this row a total row (`合计`), if it is one: the word in its id cell, or in one
 * of its first cells while the id cell is blank. */
export function totalRowWord(cells: readonly Cell[], idCol: number | undefined): string | undefined {
  const text = (c: Cell | undefined) => (c === undefined ? '' : cellText(c));
  const word = (c: Cell | undefined) => (TOTAL_WORDS.has(text(c).replace(/\s+/g, '').toLowerCase()) ? text(c) : undefined);
  if (idCol !== undefined && text(cells[idCol]) !== '') return word(cells[idCol]); // a person's id: no total row
  for (let i = 0; i < Math.min(LEAD_CELLS, cells.length); i++) {
    const w = word(cells[i]);
    if (w !== undefined) return w;
  }
  return undefined;
}

/** The template's example person as a filled template reads back: its id and its input as
 * canonicalInput gives it. */
export interface TemplateExample { id: string; input: string }

/** JSON with each object's keys in order: two inputs read from columns in another order are equal. */
export function canonicalInput(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}

/** Whether a subject read is one of the template's examples: the same id and the same input (the id
 * compared first, so a roster's other rows cost one look-up). */
export function isTemplateExample(examples: readonly TemplateExample[], subject: SubjectInput): boolean {
  if (!examples.some((x) => x.id === subject.id)) return false;
  const input = canonicalInput(subject.input);
  return examples.some((x) => x.id === subject.id && x.input === input);
}

/** An id as Excel writes a number it shows in scientific notation (`3.30100E+17`, `1.2E+16`): the digits
 * beyond the shown ones are gone, and such ids of different people read alike. */
export const scientificId = (id: string): boolean => /^\d(?:\.\d+)?E\+\d+$/i.test(id);

