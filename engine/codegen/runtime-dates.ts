// Date helpers the generated programs call (issue 16, `R` inside their source; index.ts merges them
// with runtime.ts): the evaluation period's days and `date ± duration`, through dsl/dates.ts — the
// code the closures engine runs (engine/dates.ts), so the days are the same. Anything the reference
// would report as an error bails (runtime.ts `bail`): the closures then write that error.

import { addDuration, isPeriod, parsePeriod, type DurationUnit, type Period } from '../../dsl/dates.js';
import { bail } from './runtime.js';

/** The last period read (a batch evaluates every subject in one period: parsed once). */
let lastText: unknown, last: Period | undefined;

/** The period `text` names (batch.ts resolved it before the run), or a bail. */
export function periodOf(text: unknown): Period {
  if (text === lastText && last) return last;
  const p = typeof text === 'string' ? parsePeriod(text, undefined) : undefined;
  if (!p || !isPeriod(p)) bail('KH-E032');
  lastText = text; last = p;
  return p;
}

/** `d + sign × amount unit` (a date's ISO text), or a bail when it leaves years 1–9999 (KH-E033). */
export function shift(d: unknown, amount: number, unit: DurationUnit, sign: 1 | -1): string {
  if (typeof d !== 'string') bail('KH-E018');
  const out = addDuration(d, amount, unit, sign);
  if (out === undefined) bail('KH-E033');
  return out;
}
