// The scheme as sheets/ needs it — its input contract, example inputs, precision, cohort and grade
// names — taken from the language service's contract (dsl/service/contract.ts): plain data the
// editor already has in the browser, and which the command line builds from the source here.

import { LanguageService, type Contract } from '../dsl/service/index.js';

export type { Contract };

export function contractOf(source: string): Contract {
  const ls = new LanguageService();
  ls.update(source);
  return ls.contract();
}
