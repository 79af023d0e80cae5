// Rows of a roster that are not people (user trial U4, LOW-4): a 合计/总计/小计 row under the list —
// often `=SUM(…)` cells — would otherwise be read as a person with no id, no post and no ratings and
// be told ten times what it lacks. roster.ts asks here first and reports such a row once, as one
// problem, instead of evaluating it.

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
