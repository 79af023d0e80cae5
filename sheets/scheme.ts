// The scheme as sheets/ needs it — its input contract, example inputs, precision, cohort and grade
// names — taken from the language service's contract (dsl/service/contract.ts): plain data the
// editor already has in the browser, and which the command line builds from the source here. And
// the scheme's own language, for documents made for its users when nothing else names one.

import type { Locale } from '../dsl/i18n/index.js';
import { LanguageService, type Contract, type FieldSpec } from '../dsl/service/index.js';

export type { Contract };

export function contractOf(source: string): Contract {
  const ls = new LanguageService();
  ls.update(source);
  return ls.contract();
}

const HAN = /\p{Script=Han}/u;

/** The language of a scheme's users as its contract shows it: zh when an input's name or label, a
 * record part's, an enum member or a grade is written in Chinese (what a template's headers and a
 * results sheet's grades will be), else en. Simple and deterministic: a scheme of Chinese keywords
 * has Chinese names, one of English keywords and Chinese names (`结案数: number`) is for the same
 * readers; the CLI falls back to it when the environment names no language (cli/io.ts documentLocale). */
export function schemeLocale(contract: Contract): Locale {
  return contract.grades.some((g) => HAN.test(g)) || contract.fields.some(chineseField) ? 'zh' : 'en';
}

function chineseField(f: FieldSpec): boolean {
  if (HAN.test(f.name) || (f.label !== undefined && HAN.test(f.label))) return true;
  const t = f.type.kind === 'list' ? f.type.element : f.type;
  if (t.kind === 'record') return t.fields.some(chineseField);
  if (t.kind === 'enum') return t.members.some((m) => HAN.test(m.name));
  return false;
}
