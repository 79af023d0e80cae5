// A round's per-person results as a workbook (issue 16, U6 M-9): GET /api/rounds/:id/export?format=xlsx
// — the current revision (after appeals and amendments), one row per person: 序号, then the sheet the
// CLI and the batch page write (sheets/results.ts buildResults: 编号, display fields, inputs, each
// indicator's score under the scheme's words, 总分, 等次, 等次依据…, the distribution and quota
// sheets), with the roster's 单位 when the scheme itself shows none. One writer for all three, so a
// change of its headers (FL7: labels) reaches the round's file too. Pure: built in a language worker
// (server/reports/job.ts) from plain data.

import { render, type Locale } from '../../dsl/i18n/index.js';
import type { CohortResult, SubjectInput } from '../../engine/api.js';
import { buildResults } from '../../sheets/results.js';
import { NAME_HEADERS } from '../../sheets/roster.js';
import { contractOf } from '../../sheets/scheme.js';
import type { OutCell, SheetColumn, WorkbookData } from '../../sheets/workbook.js';
import { B } from './results-book-messages.js';

export interface ResultsBookData {
  /** The round's scheme version, as text (its contract names the columns). */
  source: string;
  /** The people of the result the caller sees, in its order, and what each was evaluated on. */
  result: CohortResult;
  subjects: SubjectInput[];
  /** Each person's unit from the roster (else the round's). */
  units: Record<string, string | null>;
  lang: Locale;
}

/** The workbook: the results sheet with 序号 first (and 单位 after 姓名 when missing), then the rest. */
export function resultsBook(d: ResultsBookData): WorkbookData {
  const book = buildResults({ contract: contractOf(d.source), subjects: d.subjects, result: d.result, locale: d.lang });
  const [sheet, ...rest] = book.sheets;
  const serial: SheetColumn = { header: render(B.serialHeader(), d.lang), width: 6 };
  const unitHeader = render(B.unitHeader(), d.lang);
  let columns = [serial, ...sheet.columns];
  let rows: OutCell[][] = sheet.rows.map((r, i) => [i + 1, ...r]);
  if (!columns.some((c) => c.header === unitHeader)) {
    // After 姓名 when the roster gave one, else after 编号.
    const name = columns.findIndex((c) => NAME_HEADERS.has(c.header));
    const at = (name > 0 ? name : 1) + 1;
    columns = [...columns.slice(0, at), { header: unitHeader, width: 16 }, ...columns.slice(at)];
    rows = rows.map((r, i) => [...r.slice(0, at), d.units[d.result.results[i].subject] ?? null, ...r.slice(at)]);
  }
  return { ...book, sheets: [{ ...sheet, columns, rows }, ...rest] };
}

/** The file's name: the round's name (else id) and what it is. */
export const resultsFileName = (round: { id: string; name: string | null }, lang: Locale): string =>
  render(B.fileName({ round: round.name ?? round.id }), lang);
