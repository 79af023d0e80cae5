// An .xlsx workbook opened for reading its rosters: the worksheets the workbook lists (in its order,
// each with its name and whether hidden), the shared strings and date styles their cells refer to,
// and each worksheet's rows (xlsx-sheet-rows.ts). The parts come from `part(name)` — the text of a
// zip entry as the central directory lists it, or undefined when the file has none — so the command
// line (node/xlsx-stream.ts, reading the file) and the editor (xlsx.ts, holding the bytes) open a
// workbook through the same code and read the same cells. A worksheet part the workbook does not
// list is not read (Excel does not show it); a file without a workbook part is not an .xlsx file.

import { BadXlsx } from './zip-directory.js';
import { readDateStyles, readRelationships, readSharedStrings, readWorkbook } from './xlsx-xml.js';
import { sheetRows, type SheetContext } from './xlsx-sheet-rows.js';
import type { SheetRow } from './table.js';

/** A zip entry's text, chunk by chunk (undefined: no such entry). */
export type PartText = (name: string) => AsyncIterable<string> | undefined;

export interface BookSheet { name: string; hidden: boolean; part: string }

export interface OpenBook {
  /** The worksheets the workbook lists, in its order. */
  sheets: BookSheet[];
  /** A worksheet's non-blank rows, read from its part. */
  rows(sheet: BookSheet): AsyncGenerator<SheetRow>;
}

const WORKBOOK = 'xl/workbook.xml';
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/** The parts a roster is read from, before the worksheets (a reader may check just these). */
export const BOOK_PARTS = [WORKBOOK, 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
export const isWorksheetPart = (name: string): boolean => WORKSHEET.test(name);

/** Reads the workbook's parts (not the worksheets yet). Throws BadXlsx when the file is not an .xlsx
 * workbook, or XlsxCellTooLong / XlsxTooManyStrings (xlsx-xml.ts) for its shared strings. */
export async function openBook(part: PartText): Promise<OpenBook> {
  const workbook = part(WORKBOOK);
  if (!workbook) throw new BadXlsx(`no ${WORKBOOK}`);
  const book = await readWorkbook(WORKBOOK, workbook);
  const relsText = part(BOOK_PARTS[1]);
  const rels = relsText ? await readRelationships(BOOK_PARTS[1], relsText, 'xl/') : new Map<string, string>();
  const stringsText = part(BOOK_PARTS[2]), stylesText = part(BOOK_PARTS[3]);
  const context: SheetContext = {
    strings: stringsText ? await readSharedStrings(BOOK_PARTS[2], stringsText) : [],
    dates: stylesText ? await readDateStyles(BOOK_PARTS[3], stylesText) : [],
    date1904: book.date1904,
  };
  const sheets: BookSheet[] = [];
  for (const s of book.sheets) {
    const target = rels.get(s.rel);
    if (target !== undefined && isWorksheetPart(target)) sheets.push({ name: s.name, hidden: s.hidden, part: target });
  }
  return {
    sheets,
    rows(sheet) {
      const text = part(sheet.part);
      if (!text) throw new BadXlsx(`no ${sheet.part}`);
      return sheetRows(sheet.part, text, context);
    },
  };
}
