// Node only: rosters and results as files, chosen by extension — what `kaohe eval … roster.xlsx
// --out results.xlsx` and `kaohe template … --out roster.xlsx` call. .xlsx is streamed both ways;
// .csv is read whole (its encoding — UTF-8 or GB18030 — is decided on all its bytes) and written
// with a byte-order mark; .jsonl is read line by line.

import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { FieldSpec } from '../../dsl/service/index.js';
import { parseCsv } from '../csv.js';
import { M } from '../messages.js';
import { problemAt } from '../problems.js';
import type { DecisionRules } from '../decisions.js';
import { readRoster, type Roster } from '../roster.js';
import { decodeText } from '../text.js';
import { sheetCsv, type WorkbookData } from '../workbook.js';
import { readJsonLines } from './jsonl.js';
import { streamXlsxRows, writeXlsxFile } from './xlsx-stream.js';

export type RosterFormat = 'xlsx' | 'csv' | 'jsonl';

export function rosterFormat(path: string): RosterFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' || ext === '.tsv' || ext === '.txt' ? 'csv' : ext === '.jsonl' ? 'jsonl' : undefined;
}

const failed = (fields: readonly FieldSpec[], what: ReturnType<typeof M.unreadableFile>): Roster => ({
  subjects: [], notices: [], problems: [problemAt('KH-E008', {}, what)],
  index: { kind: 'table', fields, rows: [], columns: new Map(), missing: new Set(), slots: [] },
});

/** Reads a roster file; an unreadable or unsupported file is a problem of the roster, not a throw.
 * `rules`: the scheme's grades and whether it is `by committee`, for the decision columns (issue 13). */
export async function readRosterFile(path: string, fields: readonly FieldSpec[], rules: DecisionRules = {}): Promise<Roster> {
  const file = basename(path);
  const format = rosterFormat(path);
  try {
    if (format === 'csv') return await readRoster(parseCsv(decodeText(await readFile(path)).text), fields, rules);
    if (format === 'jsonl') return await readJsonLines(path, fields);
    if (format === 'xlsx') {
      try {
        return await readRoster(streamXlsxRows(path), fields, rules);
      } catch (e) {
        if (isNoFile(e)) throw e;
        return failed(fields, M.unreadableXlsx({ file }));
      }
    }
    return failed(fields, M.unsupportedFile({ file }));
  } catch (e) {
    if (isNoFile(e)) return failed(fields, M.unreadableFile({ file }));
    throw e;
  }
}

const isNoFile = (e: unknown): boolean => ['ENOENT', 'EACCES', 'EISDIR'].includes((e as NodeJS.ErrnoException)?.code ?? '');

export type OutFormat = 'xlsx' | 'csv' | 'json';

export function outFormat(path: string): OutFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : undefined;
}

/** Writes a workbook as .xlsx (streamed) or its first sheet as .csv. */
export async function writeWorkbookFile(path: string, data: WorkbookData): Promise<void> {
  if (outFormat(path) === 'csv') await writeFile(path, sheetCsv(data.sheets[0]), 'utf8');
  else await writeXlsxFile(path, data);
}
