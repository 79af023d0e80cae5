// The calendar of roll-up and history inputs (issue 14): which periods a `results of` input expects
// (the sub-periods of this evaluation's period, in the source scheme's unit: 2026 + quarterly →
// 2026-Q1…Q4) and which a `past N` input may hold (the N periods of the unit before this one: 2026 →
// 2023, 2024, 2025). Periods are read by engine/period.ts's parser (dsl/dates.ts); here each becomes
// an ordinal on its unit's line (years, quarters or months since year 0), so "the one before" and
// "inside" are integer arithmetic. Lists are oldest first, as the input's value is.

import { isPeriod, parsePeriod, type Period } from '../../dsl/dates.js';

export type PeriodUnit = 'annual' | 'quarterly' | 'monthly';

const PER_YEAR: Record<PeriodUnit, number> = { annual: 1, quarterly: 4, monthly: 12 };

/** The ordinal of the unit period containing the ISO day `iso` (`2026-05-01`, quarterly → 2026·4 + 1). */
function ordinalOf(iso: string, unit: PeriodUnit): number {
  const y = Number(iso.slice(0, 4)), m = Number(iso.slice(5, 7));
  if (unit === 'annual') return y;
  if (unit === 'quarterly') return y * 4 + Math.floor((m - 1) / 3);
  return y * 12 + (m - 1);
}

/** The text of the unit period with ordinal `n`: `2026`, `2026-Q2`, `2026-05`. */
function textOf(n: number, unit: PeriodUnit): string {
  const per = PER_YEAR[unit];
  const y = Math.floor(n / per), k = n - y * per + 1;
  const year = String(y).padStart(4, '0');
  if (unit === 'annual') return year;
  return unit === 'quarterly' ? `${year}-Q${k}` : `${year}-${String(k).padStart(2, '0')}`;
}

/** The first and last day of the unit period with ordinal `n`. */
function daysOf(n: number, unit: PeriodUnit): Period | undefined {
  const p = parsePeriod(textOf(n, unit), unit);
  return isPeriod(p) ? p : undefined;
}

/** The periods of `unit` that make up `p` (`2026-Q2` + monthly → 2026-04, 05, 06), oldest first, or
 * undefined when `p` is not made of whole periods of `unit` (`2026-Q2` + annual; a special period
 * that does not start and end on the unit's edges). */
export function subPeriods(p: Period, unit: PeriodUnit): string[] | undefined {
  const first = ordinalOf(p.start, unit), last = ordinalOf(p.end, unit);
  if (first < 1 * PER_YEAR[unit]) return undefined; // before year 1
  if (daysOf(first, unit)?.start !== p.start || daysOf(last, unit)?.end !== p.end) return undefined;
  const out: string[] = [];
  for (let n = first; n <= last; n++) out.push(textOf(n, unit));
  return out;
}

/** The `count` periods of `unit` just before the one `p` starts in (2026 + annual, 3 → 2023, 2024,
 * 2025; 2026-Q1 + quarterly, 2 → 2025-Q3, 2025-Q4), oldest first; none before year 1. */
export function periodsBefore(p: Period, unit: PeriodUnit, count: number): string[] {
  const here = ordinalOf(p.start, unit);
  const out: string[] = [];
  for (let n = Math.max(PER_YEAR[unit], here - count); n < here; n++) out.push(textOf(n, unit));
  return out;
}
