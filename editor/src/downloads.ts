// Files the cohort panel offers: a roster template generated from the scheme on screen (its inputs
// as columns, one example row, a 说明 sheet of what each column accepts) and the results of the last
// evaluation as .xlsx (people, then the grade distribution per unit) or .csv (people) — built by
// sheets/ in the UI language and saved through a temporary link, so nothing leaves the browser.

import type { CohortResult, SubjectInput } from '../../engine/api.js';
import type { Contract } from '../../dsl/service/index.js';
import { render } from '../../dsl/i18n/index.js';
import { buildResults, buildTemplate, controlsReplaced, sheetCsv, writeXlsx, type ControlCell } from '../../sheets/index.js';
import { lang } from './i18n.js';
import { tb } from './i18n-batch.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Offers `data` as a download named `name`. */
export function save(data: BlobPart, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from the scheme's name: characters Windows refuses are replaced. */
const base = (scheme: string | undefined) => (scheme || 'kaohe').replace(/[\\/:*?"<>|]/g, '_');

export async function downloadTemplate(contract: Contract, scheme: string | undefined): Promise<void> {
  const bytes = await writeXlsx(buildTemplate(contract, lang));
  save(bytes as Uint8Array<ArrayBuffer>, tb('templateFile', { scheme: base(scheme) }), XLSX);
}

/** `idHeader`: the roster's id column heading (身份证号), kept in the results (U6 L-2). */
export interface Evaluated { contract: Contract; subjects: readonly SubjectInput[]; result: CohortResult; scheme?: string; idHeader?: string }

/** Saves the results; answers the notice to show when cells held control characters an .xlsx file
 * cannot keep (written as visible symbols: sheets/xlsx.ts xmlText), naming them. */
export async function downloadResults(e: Evaluated, format: 'xlsx' | 'csv'): Promise<string | undefined> {
  const book = buildResults({ contract: e.contract, subjects: e.subjects, result: e.result, locale: lang, idHeader: e.idHeader });
  const name = tb('resultsFile', { scheme: base(e.scheme), ext: format });
  if (format === 'csv') {
    save(sheetCsv(book.sheets[0]), name, 'text/csv;charset=utf-8');
    return undefined;
  }
  const controls: ControlCell[] = [];
  save((await writeXlsx(book, undefined, controls)) as Uint8Array<ArrayBuffer>, name, XLSX);
  return controls.length > 0 ? render(controlsReplaced(name, controls), lang) : undefined;
}
