// Emitting the arguments programs of a scheme with cohort aggregates (issue 16): emitProgram with
// `only: 'pre'` stops after the lets and nodes the 'pre' arguments read, `only: 'post'` after the
// score; either returns the subject's X of each slot of its stage as n, d pairs — 'pre' with the
// subject's cohort key (cohort.ts cohortKey: a text as it is, any other value as values.ts shows it).
// The aggregates' values over the cohort come back as the run's `C` (cohort-aggs.ts).

import type { ProgramIR } from './ir.js';
import type { Emitter } from './emit-expr.js';
import { cohortKeyOf } from './emit-cohort.js';

/** The signature of an arguments program. */
export const ARGS_SIGNATURE = 'args(I, lang, period, C)';

/** The return of an arguments program: `{ key, xs: [n0, d0, n1, d1, …] }` (key: 'post' null). */
export function emitArgs(e: Emitter, p: ProgramIR, stage: 'pre' | 'post'): void {
  e.note(`cohort aggregates: the arguments of the ${stage} stage`);
  const xs = p.aggs![stage].flatMap((x) => e.num(x));
  const key = stage === 'pre' ? cohortKeyOf(e, p) : 'null';
  e.line(`return { key: ${key}, xs: [${xs.join(', ')}] };`);
}
