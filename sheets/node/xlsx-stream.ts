// Node only: large .xlsx files as streams. A 10,000-person roster is read row by row from the file
// (exceljs's WorkbookReader, first worksheet only) instead of being loaded as a whole workbook
// model, and results are written row by row (WorkbookWriter) — the same cells and formats as the
// in-memory xlsx.ts, which the browser uses.

import { open, readFile } from 'node:fs/promises';
import { isBlank, type SheetRow } from '../table.js';
import { fillSheet, loadExcel, readXlsxRows, rowCells, sheetOptions } from '../xlsx.js';
import type { WorkbookData } from '../workbook.js';
import { decodeStreamedPartsWhole } from './exceljs-utf8.js';

/** The rows of the first worksheet of an .xlsx file, as they are read. Rejects (on iteration) when
 * the file is not an .xlsx file, or with the file system's error (ENOENT…) when it cannot be opened:
 * the file is opened here, because exceljs's own read stream has no 'error' listener and a missing
 * file would end the process. */
export async function* streamXlsxRows(path: string): AsyncGenerator<SheetRow> {
  if (await sharedStringsAfterSheet(path)) {
    yield* await readXlsxRows(await readFile(path));
    return;
  }
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
        const cells = rowCells(row.values);
        if (cells.some((c) => !isBlank(c))) yield { row: row.number, cells }; // an empty row: nothing kept (hostile F4)
      }
      return; // the first worksheet only
    }
  } finally {
    input.destroy();
  }
}

/** Whether xl/sharedStrings.xml is stored after a worksheet in the zip. exceljs's WorkbookReader then
 * emits the worksheet before it has the strings, and every shared-string cell comes back empty —
 * silently, so inputs fell to their defaults. Excel writes the strings first; for the files that do
 * not (some generators), the in-memory reader is used. Reads only the zip's central directory. */
export async function sharedStringsAfterSheet(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const tailLength = Math.min(size, 65557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0 || end + 22 > tail.length) return false;
    const dirSize = tail.readUInt32LE(end + 12), dirOffset = tail.readUInt32LE(end + 16);
    if (dirOffset + dirSize > size || dirSize > 64 * 1024 * 1024) return false;
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    let firstSheet = Infinity, strings = -1;
    for (let p = 0; p + 46 <= dir.length && dir.readUInt32LE(p) === 0x02014b50;) {
      const nameLength = dir.readUInt16LE(p + 28), extra = dir.readUInt16LE(p + 30), comment = dir.readUInt16LE(p + 32);
      const name = dir.toString('utf8', p + 46, p + 46 + nameLength), offset = dir.readUInt32LE(p + 42);
      if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) firstSheet = Math.min(firstSheet, offset);
      if (name === 'xl/sharedStrings.xml') strings = offset;
      p += 46 + nameLength + extra + comment;
    }
    return strings > firstSheet;
  } finally {
    await handle.close();
  }
}

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
