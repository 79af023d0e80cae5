// Node only: large .xlsx files as streams. A 10,000-person roster is read row by row from the file
// (exceljs's WorkbookReader, first worksheet only) instead of being loaded as a whole workbook
// model, and results are written row by row (WorkbookWriter) — the same cells and formats as the
// in-memory xlsx.ts, which the browser uses.

import { open } from 'node:fs/promises';
import { isBlank, type SheetRow } from '../table.js';
import { fillSheet, loadExcel, rowCells, sheetOptions } from '../xlsx.js';
import type { WorkbookData } from '../workbook.js';
import { decodeStreamedPartsWhole } from './exceljs-utf8.js';
import { checkXlsxParts, MAX_RUN, XlsxRunTooLong } from './xlsx-check.js';
import { rangesStream, xlsxLayout } from './xlsx-parts.js';
import { M } from '../messages.js';

/** The rows of the first worksheet of an .xlsx file, as they are read. Rejects (on iteration) when
 * the file is not an .xlsx file, or with the file system's error (ENOENT…) when it cannot be opened:
 * the file is opened here, because exceljs's own read stream has no 'error' listener and a missing
 * file would end the process. The zip's parts are handed over strings first (xlsx-parts.ts), so any
 * file streams, whatever order its writer chose; they are checked whole first (xlsx-check.ts: a
 * damaged file is refused, not read as a shorter roster or left hanging). */
export async function* streamXlsxRows(path: string): AsyncGenerator<SheetRow> {
  const Excel = await loadExcel();
  decodeStreamedPartsWhole(Excel);
  const handle = await open(path, 'r');
  try {
    const layout = await xlsxLayout(handle);
    if (layout) await checkXlsxParts(handle, layout); // a damaged file is refused before any row (xlsx-check.ts)
    const input = layout ? rangesStream(handle, layout.ranges) : handle.createReadStream({ autoClose: false });
    const reader = new Excel.stream.xlsx.WorkbookReader(input, {
      worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
    });
    // A part the file does not have is known not to come: without these exceljs would inflate the
    // worksheet into a temporary file to wait for it (a file with inline strings has no string table).
    const parts = reader as unknown as { sharedStrings?: unknown[]; workbookRels?: unknown[] };
    if (layout && !layout.has.sharedStrings) parts.sharedStrings = [];
    if (layout && !layout.has.workbookRels) parts.workbookRels = [];
    try {
      for await (const sheet of reader) {
        for await (const row of sheet as AsyncIterable<{ number: number; values: Parameters<typeof rowCells>[0] }>) {
          const cells = rowCells(row.values);
          if (cells.some((c) => !isBlank(c))) yield { row: row.number, cells }; // an empty row: nothing kept (hostile F4)
        }
        return; // the first worksheet only
      }
    } finally {
      input.destroy();
    }
  } finally {
    await handle.close();
  }
}

/** Why an .xlsx roster could not be read, for its one problem: a run of text too long to be a cell,
 * or (anything else exceljs or the checks threw) not a valid .xlsx file. */
export const unreadableXlsx = (e: unknown, file: string) =>
  e instanceof XlsxRunTooLong ? M.xlsxRunTooLong({ file, max: MAX_RUN / (1 << 20) }) : M.unreadableXlsx({ file });

/** Writes a workbook to a file, streaming its rows; how many cells were cut to fit Excel (xlsx.ts fitCell). */
export async function writeXlsxFile(path: string, data: WorkbookData): Promise<number> {
  const Excel = await loadExcel();
  const book = new Excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  let cut = 0;
  for (const sheet of data.sheets) {
    const ws = book.addWorksheet(sheet.name, sheetOptions(sheet));
    cut += fillSheet(ws, sheet, true, data.locale);
    ws.commit();
  }
  await book.commit();
  return cut;
}
