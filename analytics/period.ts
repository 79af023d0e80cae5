// "The previous period of the same scheme" (issue 15): 2026-Q1 → 2025-Q4, 2026 → 2025, 2026-03 →
// 2026-02. The period text is read by the language's own parser (dsl/dates.ts) and stepped with the
// calendar of roll-up inputs (engine/periods/calendar.ts), not parsed again here. A special period
// (`2026-03-01..2026-06-30`) has no defined predecessor: undefined.

import { isPeriod, parsePeriod } from '../dsl/dates.js';
import { periodsBefore, type PeriodUnit } from '../engine/periods/calendar.js';

const UNITS: PeriodUnit[] = ['annual', 'quarterly', 'monthly'];

/** The kind of a period text (`2026`, `2026-Q1`, `2026-03`), undefined for a special or malformed one. */
export function periodUnitOf(text: string): PeriodUnit | undefined {
  return UNITS.find((u) => isPeriod(parsePeriod(text, u)));
}

/** The period just before `text`, of the same kind; undefined for a special or malformed period or
 * before year 1. */
export function previousPeriod(text: string): string | undefined {
  const unit = periodUnitOf(text);
  if (!unit) return undefined;
  const p = parsePeriod(text, unit);
  return isPeriod(p) ? periodsBefore(p, unit, 1)[0] : undefined;
}

/** The periods from `from` to `to` inclusive, oldest first, when both are of the same kind and
 * `from` ≤ `to`; undefined otherwise or when there are more than `max` (the caller's span limit,
 * so a span of 9,999 years is never listed). */
export function periodSpan(from: string, to: string, max: number): string[] | undefined {
  const unit = periodUnitOf(from);
  if (!unit || periodUnitOf(to) !== unit) return undefined;
  const out = [to];
  while (out[0] !== from) {
    if (out.length > max) return undefined;
    const before = previousPeriod(out[0]!);
    if (!before) return undefined;
    out.unshift(before);
  }
  return out;
}
