// Which periods a statistics query covers (issue 15): one period, or a span `from`..`to` of the
// scheme's kind, at most MAX_SPAN periods — and the period just before the first, with which the
// first is compared ("change against the previous period": 2026-Q1 → 2025-Q4, 2026 → 2025,
// 2026-03 → 2026-02). Periods are read by dsl/dates.ts (the rounds' own parser) and placed on
// their unit's line as ordinals (years, quarters or months since year 0), so the span and "the one
// before" are integer arithmetic. Special periods (date ranges) have no line: their span is the
// stored periods lying inside `from`..`to`, and the one before is the stored one ending last
// before the first starts (decided here: the nearest earlier stored period is what a user compares
// with).

import { isPeriod, parsePeriod, PERIOD_FORMS, type Period, type PeriodKind } from '../../dsl/dates.js';

/** Most periods one query covers (a span over more is 422 `span_too_long`). */
export const MAX_SPAN = 12;

type Regular = Exclude<PeriodKind, 'special'>;
const PER_YEAR: Record<Regular, number> = { annual: 1, quarterly: 4, monthly: 12 };

/** The ordinal of a period on its kind's line (`2026-Q2` → 2026·4 + 1). */
export function ordinalOf(p: Period, kind: Regular): number {
  const y = Number(p.start.slice(0, 4)), m = Number(p.start.slice(5, 7));
  if (kind === 'annual') return y;
  return kind === 'quarterly' ? y * 4 + Math.floor((m - 1) / 3) : y * 12 + (m - 1);
}

/** The text of the period with ordinal `n` (`2026`, `2026-Q2`, `2026-05`). */
export function periodText(n: number, kind: Regular): string {
  const per = PER_YEAR[kind];
  const y = Math.floor(n / per), k = n - y * per + 1;
  const year = String(y).padStart(4, '0');
  if (kind === 'annual') return year;
  return kind === 'quarterly' ? `${year}-Q${k}` : `${year}-${String(k).padStart(2, '0')}`;
}

/** The kind a period text has (any kind), for schemes whose kind is not known. */
export function kindOfText(text: string): PeriodKind | undefined {
  for (const kind of ['annual', 'quarterly', 'monthly', 'special'] as const) if (isPeriod(parsePeriod(text, kind))) return kind;
  return undefined;
}

export type ParsedPeriod = { period: Period } | { expected: string };

/** `text` as a period of `kind` (any kind when undefined), or the form expected. */
export function readPeriod(text: string, kind: PeriodKind | undefined): ParsedPeriod {
  const p = parsePeriod(text, kind);
  if (isPeriod(p)) return { period: p };
  return { expected: kind ? PERIOD_FORMS[kind] : Object.values(PERIOD_FORMS).join(' | ') };
}

/** A span of regular periods, oldest first: `from`..`to` inclusive (undefined when `to` is before
 * `from`), and the period before `from`. `count` is the number of periods even when it is over the
 * limit (the list is then not built). */
export function regularSpan(from: Period, to: Period, kind: Regular): { periods: string[]; before: string; count: number } | undefined {
  const a = ordinalOf(from, kind), b = ordinalOf(to, kind);
  if (b < a) return undefined;
  const count = b - a + 1;
  const periods: string[] = [];
  if (count <= MAX_SPAN) for (let n = a; n <= b; n++) periods.push(periodText(n, kind));
  return { periods, before: periodText(a - 1, kind), count };
}

/** The period before `p` on its line (undefined for special periods and year 1's first period). */
export function periodBefore(p: Period, kind: PeriodKind): string | undefined {
  if (kind === 'special') return undefined;
  const n = ordinalOf(p, kind) - 1;
  return n < PER_YEAR[kind] ? undefined : periodText(n, kind);
}

/** Of stored special periods, those inside `from`..`to` (by days), oldest first, and the stored one
 * ending last before the first of them starts. */
export function specialSpan(stored: readonly Period[], from: Period, to: Period): { periods: string[]; before?: string } | undefined {
  if (to.end < from.start) return undefined;
  const inside = stored.filter((p) => p.start >= from.start && p.end <= to.end).sort(byStart);
  const first = inside[0];
  const earlier = first ? stored.filter((p) => p.end < first.start).sort((x, y) => (x.end < y.end ? -1 : x.end > y.end ? 1 : 0)) : [];
  return { periods: inside.map((p) => p.text), ...(earlier.length > 0 && { before: earlier[earlier.length - 1].text }) };
}

const byStart = (x: Period, y: Period) => (x.start < y.start ? -1 : x.start > y.start ? 1 : x.end < y.end ? -1 : x.end > y.end ? 1 : 0);
