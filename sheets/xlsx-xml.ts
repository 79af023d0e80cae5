// The XML parts of an .xlsx file read for a roster, with our own small reader (saxes, the XML parser
// exceljs itself uses) instead of exceljs's: its streaming reader took a phonetic guide (`<rPh>`) for
// the cell's text (hostile F10), kept only the last run of an inline rich-text cell (F3), decoded
// inline and formula texts twice (`R&amp;D` read as `R&D`, F3b) and held any number of shared
// strings of any length (F2: a 940 KB file took 4 GB). Read here, a text is what Excel shows: the
// `<t>` of a string item and of its runs, never those of a phonetic guide, decoded once. This module
// reads the workbook (sheet names, states, relationship ids), its relationships, the styles (which
// cell formats are dates) and the shared strings; xlsx-sheet-rows.ts reads a worksheet's rows.
// Platform-neutral: the command line (node/xlsx-stream.ts) and the editor (xlsx.ts) give it the
// parts' text, so both read a file alike. Element names are taken without their prefix (`x:c`).

import { SaxesParser } from 'saxes';
import { isHidden } from './sheet-choice.js';
import { BadXlsx } from './zip-directory.js';

/** The most characters a cell holds (Excel's limit, UTF-16 code units): a longer text is refused. */
export const MAX_CELL_TEXT = 32767;
/** The most shared strings a file may hold (4 Mi: a million people's ids, names and units). */
export const MAX_SHARED_STRINGS = 1 << 22;
/** The most characters the shared strings may hold in all (64 Mi). */
export const MAX_SHARED_TEXT = 1 << 26;

/** A cell's text is longer than MAX_CELL_TEXT. */
export class XlsxCellTooLong extends BadXlsx {}
/** The shared strings exceed MAX_SHARED_STRINGS strings or MAX_SHARED_TEXT characters. */
export class XlsxTooManyStrings extends BadXlsx {}

export type Attributes = Record<string, string>;

export interface XmlHandler {
  open?(name: string, attributes: Attributes): void;
  text?(text: string): void;
  close?(name: string): void;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Feeds a part's text to `handler`, yielding after each chunk (what the chunk produced can be handed
 * on). Throws BadXlsx for text that is not well-formed XML (no entity of a DOCTYPE is expanded). */
export async function* feedXml(part: string, chunks: AsyncIterable<string>, handler: XmlHandler): AsyncGenerator<void> {
  const parser = new SaxesParser();
  const { open, text, close } = handler;
  if (open) parser.on('opentag', (t) => open(local(t.name), t.attributes as Attributes));
  if (text) { parser.on('text', text); parser.on('cdata', text); }
  if (close) parser.on('closetag', (t) => close(local(t.name)));
  try {
    for await (const chunk of chunks) { parser.write(chunk); yield; }
    parser.close();
  } catch (e) {
    if (e instanceof BadXlsx) throw e;
    throw new BadXlsx(`${part}: ${(e as Error).message}`);
  }
}

async function feedAll(part: string, chunks: AsyncIterable<string>, handler: XmlHandler): Promise<void> {
  for await (const _ of feedXml(part, chunks, handler));
}

/** The text of a string item (`<si>`, `<is>`) being read: its `<t>` and its runs' `<t>`, not those of
 * a phonetic guide (`<rPh>`), fed the elements and text inside the item. */
export class ItemText {
  text = '';
  private guide = 0;
  private inText = false;

  constructor(private readonly part: string) {}

  open(name: string): void {
    if (name === 'rPh') this.guide++;
    else if (name === 't' && this.guide === 0) this.inText = true;
  }

  add(text: string): void {
    if (!this.inText) return;
    this.text += text;
    if (this.text.length > MAX_CELL_TEXT) throw new XlsxCellTooLong(this.part);
  }

  close(name: string): void {
    if (name === 'rPh') this.guide--;
    else if (name === 't') this.inText = false;
  }
}

/** The shared strings (xl/sharedStrings.xml), in order; throws XlsxCellTooLong / XlsxTooManyStrings
 * past `limits` (a test gives smaller ones). */
export async function readSharedStrings(part: string, chunks: AsyncIterable<string>, limits = { strings: MAX_SHARED_STRINGS, text: MAX_SHARED_TEXT }): Promise<string[]> {
  const strings: string[] = [];
  let item: ItemText | undefined, total = 0;
  await feedAll(part, chunks, {
    open(name) { if (name === 'si') item = new ItemText(part); else item?.open(name); },
    text(t) { item?.add(t); },
    close(name) {
      if (name !== 'si') { item?.close(name); return; }
      if (!item) return;
      strings.push(item.text);
      total += item.text.length;
      item = undefined;
      if (strings.length > limits.strings || total > limits.text) throw new XlsxTooManyStrings(part);
    },
  });
  return strings;
}

/** A sheet as the workbook lists it: its name, whether hidden, its relationship id. */
export interface ListedSheet { name: string; hidden: boolean; rel: string }

/** The workbook part: its sheets in order, and whether its dates count from 1904. */
export async function readWorkbook(part: string, chunks: AsyncIterable<string>): Promise<{ sheets: ListedSheet[]; date1904: boolean }> {
  const sheets: ListedSheet[] = [];
  let date1904 = false;
  await feedAll(part, chunks, {
    open(name, a) {
      if (name === 'sheet') {
        const rel = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
        sheets.push({ name: a.name ?? '', hidden: isHidden(a.state), rel });
      } else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    },
  });
  return { sheets, date1904 };
}

/** A relationships part: each id's target, as a part name of the zip (`xl/worksheets/sheet1.xml`),
 * a relative target resolved against `base` (`xl/`), an absolute one (`/xl/…`) taken from the root. */
export async function readRelationships(part: string, chunks: AsyncIterable<string>, base: string): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  await feedAll(part, chunks, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') targets.set(a.Id, partName(a.Target, base));
    },
  });
  return targets;
}

function partName(target: string, base: string): string {
  const path: string[] = [];
  for (const step of (target.startsWith('/') ? target.slice(1) : base + target).split('/')) {
    if (step === '..') path.pop();
    else if (step !== '.' && step !== '') path.push(step);
  }
  return path.join('/');
}

/** The built-in number formats that are dates or times: 14–22 and 45–47 (all locales), 27–36 and
 * 50–58 (the East Asian date formats, e.g. 31 `yyyy"年"m"月"d"日"`, which Chinese Excel writes). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a format code shows a date or time (exceljs's rule: y m d h s b outside quotes and []). */
export const isDateFormat = (code: string): boolean => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** The styles part: for each cell format (a cell's `s`), whether its number format is a date. */
export async function readDateStyles(part: string, chunks: AsyncIterable<string>): Promise<boolean[]> {
  const codes = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await feedAll(part, chunks, {
    open(name, a) {
      if (name === 'numFmt') codes.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formats.push(Number(a.numFmtId ?? 0));
    },
    close(name) { if (name === 'cellXfs') inCellXfs = false; },
  });
  return formats.map((id) => {
    const code = codes.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id);
  });
}
