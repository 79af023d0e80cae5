// Node only: large .xlsx files as streams. A 10,000-person roster is read row by row from the file
// (exceljs's WorkbookReader, first worksheet only) instead of being loaded as a whole workbook
// model, and results are written row by row (WorkbookWriter) — the same cells and formats as the
// in-memory xlsx.ts, which the browser uses.

import { open } from 'node:fs/promises';
import type { SheetRow } from '../table.js';
import { fillSheet, loadExcel, rowCells, sheetOptions } from '../xlsx.js';
import type { WorkbookData } from '../workbook.js';
import { decodeStreamedPartsWhole } from './exceljs-utf8.js';

/** The rows of the first worksheet of an .xlsx file, as they are read. Rejects (on iteration) when
 * the file is not an .xlsx file, or with the file system's error (ENOENT…) when it cannot be opened:
 * the file is opened here, because exceljs's own read stream has no 'error' listener and a missing
 * file would end the process. */
export async function* streamXlsxRows(path: string): AsyncGenerator<SheetRow> {
  const Excel = await loadExcel();
  decodeStreamedPartsWhole(Excel);
  const handle = await open(path, 'r');
  const input = handle.createReadStream();
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<{ number: number; values: Parameters<typeof rowCells>[0] }>) {
        yield { row: row.number, cells: rowCells(row.values) };
      }
      return; // the first worksheet only
    }
  } finally {
    input.destroy();
  }
}

/** Writes a workbook to a file, streaming its rows. */
export async function writeXlsxFile(path: string, data: WorkbookData): Promise<void> {
  const Excel = await loadExcel();
  const book = new Excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  for (const sheet of data.sheets) {
    const ws = book.addWorksheet(sheet.name, sheetOptions(sheet));
    fillSheet(ws, sheet, true);
    ws.commit();
  }
  await book.commit();
}
