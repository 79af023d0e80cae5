// sheets/: rosters in and results out as spreadsheets (issue 11, items 7 and 8) — plain data in and
// out, no node: imports here, so the editor uses the same code in the browser; Node-only stream and
// file wrappers live in sheets/node/. Imports dsl/ and engine/api.ts types only, never server/ or
// editor/.
//
//   rows  = parseCsv(decodeText(bytes).text)  |  await readXlsxRows(bytes)  |  streamXlsxRows(path)
//   roster = await readRoster(rows, contract.fields)      → {subjects, problems, notices, index}
//   …evaluate roster.subjects as a cohort…; errors → locateErrors(roster, errors)   (row + column)
//   book  = buildResults({contract, subjects, result, locale})  |  buildTemplate(contract, locale)
//   bytes = await writeXlsx(book)  |  text = sheetCsv(book.sheets[0])
//
// `contract` is the language service's input contract (LanguageService.contract() — in the editor
// from its worker; sheets/scheme.ts contractOf(source) builds it where the language service may be
// loaded, as on the command line); problems and notices are Msgs (messages.ts) rendered with
// dsl/i18n's render.

export { decodeText, type Encoding } from './text.js';
export { parseCsv, writeCsv, detectSeparator } from './csv.js';
export type { Cell, SheetRow, RowSource } from './table.js';
export { readRoster, locateErrors, type Roster, type RosterIndex, type RosterRules } from './roster.js';
export { rosterRules } from './template-example.js';
export type { SheetProblem, SheetNotice } from './problems.js';
export { ID_HEADERS, idColumnOf } from './columns.js';
export { shortestDecimal, readDecimal, MAX_EXPONENT } from './decimal.js';
export { jsonText } from './layout.js';
export { describeType } from './describe.js';
export { buildTemplate } from './template.js';
export { buildResults, type ResultsInput } from './results.js';
export { sheetCsv, cellCsvText, type WorkbookData, type SheetData, type SheetColumn, type OutCell } from './workbook.js';
export { controlsReplaced, readXlsxRows, readXlsxRoster, writeXlsx, type ControlCell } from './xlsx.js';
export { sheetChoice, type SheetChoice } from './sheet-choice.js';
export { unreadableXlsx, xlsxLimitProblem } from './xlsx-part-check.js';
export type { Contract } from './scheme.js';
export { M } from './messages.js';
