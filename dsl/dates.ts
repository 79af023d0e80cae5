// Calendar dates and evaluation periods (issue 12, item 6), shared by the checker (date literals and
// example periods are checked statically) and the engine (input dates, `date ± duration`, windows).
//
// A date is its ISO text `YYYY-MM-DD` (years 0001–9999, proleptic Gregorian): ISO text orders like the
// dates it names, so comparisons, equality and JSON need nothing else, and a result shows the text the
// input had. Arithmetic works on (year, month, day):
//   - `+ N days` moves N days along the calendar;
//   - `+ N months` / `+ N years` from the last day of a month give the last day of the target month
//     (end of month: 2026-06-30 − 6 months = 2025-12-31, 2026-02-28 + 1 months = 2026-03-31,
//     2024-02-29 − 1 years = 2023-02-28), so a window anchored at a period's end — periods end on month
//     ends — covers whole months: `(periodEnd - 6 months, periodEnd]` for 2026-Q2 is 01-01…06-30;
//   - from any other day they keep the day of the month, clamped to the target month's last day
//     (2026-01-30 + 1 months = 2026-02-28), as 组织部 documents count "一个月", "一年";
//   - `- N …` is the same backwards (2025-03-31 − 1 months = 2025-02-28).
// Results must stay within 0001–9999 (undefined otherwise, KH-E033 in the engine); the checker bounds
// the amounts a scheme may write (MAX_DURATION), so no arithmetic here ever runs long.
// A period is one of the scheme's `period` kind's forms: annual `2026`, quarterly `2026-Q1`…`Q4`,
// monthly `2026-03`, special `2026-03-01..2026-06-30` (both days included). A scheme without a
// `period` setting takes any of the four.

export type PeriodKind = 'annual' | 'quarterly' | 'monthly' | 'special';
export type DurationUnit = 'days' | 'months' | 'years';

export interface YMD { y: number; m: number; d: number }

/** The evaluation period: its text as given and its first and last day (ISO). */
export interface Period { text: string; start: string; end: string }

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** The date `text` names, or undefined when it is not ISO `YYYY-MM-DD` of a real calendar day. */
export function parseDate(text: string): YMD | undefined {
  const r = readDate(text);
  return 'fault' in r ? undefined : r;
}

/** Why a text is not a date or a period, for messages that say more than "malformed"
 * (dsl/date-faults.ts words them): `2026-02-29` → 2026 has no February 29. */
export type DateFault =
  | { fault: 'shape' } | { fault: 'year0' } | { fault: 'month'; m: number }
  | { fault: 'day'; y: number; m: number; d: number }
  | { fault: 'quarter' } | { fault: 'reversed'; start: string; end: string };

/** Why `text` is not a date, or undefined when it is one. */
export function dateFault(text: string): DateFault | undefined {
  const r = readDate(text);
  return 'fault' in r ? r : undefined;
}

/** The date `text` names, or why it names none: the one reading behind parseDate and dateFault. */
function readDate(text: string): YMD | DateFault {
  const m = ISO.exec(text);
  if (!m) return { fault: 'shape' };
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (y < 1) return { fault: 'year0' };
  if (mo < 1 || mo > 12) return { fault: 'month', m: mo };
  if (d < 1 || d > daysInMonth(y, mo)) return { fault: 'day', y, m: mo, d };
  return { y, m: mo, d };
}

/** Whether `text` is ISO `YYYY-MM-DD` in shape (digits and dashes), whatever the day. */
export function looksLikeDate(text: string): boolean {
  return ISO.test(text);
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export function formatDate(x: YMD): string {
  return `${pad(x.y, 4)}-${pad(x.m, 2)}-${pad(x.d, 2)}`;
}

/** Days since 0001-01-01 (day 0), for day arithmetic. */
function dayNumber({ y, m, d }: YMD): number {
  const yy = y - 1;
  let n = yy * 365 + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400);
  for (let k = 1; k < m; k++) n += daysInMonth(y, k);
  return n + d - 1;
}

/** The day number of 9999-12-31, the last date there is. */
const LAST_DAY = 3652058;

function fromDayNumber(n: number): YMD | undefined {
  if (!Number.isSafeInteger(n) || n < 0 || n > LAST_DAY) return undefined;
  // Estimate the year, then correct it: at most a step or two either way.
  let y = Math.floor(n / 365.2425) + 1;
  while (y > 1 && dayNumber({ y, m: 1, d: 1 }) > n) y--;
  while (dayNumber({ y: y + 1, m: 1, d: 1 }) <= n) y++;
  let rest = n - dayNumber({ y, m: 1, d: 1 });
  let m = 1;
  while (rest >= daysInMonth(y, m)) { rest -= daysInMonth(y, m); m++; }
  return { y, m, d: rest + 1 };
}

/** `date + sign × amount unit`, or undefined when the result is outside years 1–9999. */
export function addDuration(date: string, amount: number, unit: DurationUnit, sign: 1 | -1): string | undefined {
  const x = parseDate(date);
  if (!x) return undefined;
  let out: YMD | undefined;
  if (unit === 'days') out = fromDayNumber(dayNumber(x) + sign * amount);
  else {
    const months = (unit === 'years' ? 12 : 1) * amount * sign;
    const total = x.y * 12 + (x.m - 1) + months;
    const y = Math.floor(total / 12), m = total - y * 12 + 1;
    out = Number.isSafeInteger(total) && y >= 1 && y <= 9999 ? { y, m, d: shiftedDay(x, y, m) } : undefined;
  }
  return out && out.y >= 1 && out.y <= 9999 ? formatDate(out) : undefined;
}

/** The day of the month `x` moved to month `m` of year `y`: the last day from a month's last day (end
 * of month), else the same day clamped to the target month's length. */
function shiftedDay(x: YMD, y: number, m: number): number {
  const last = daysInMonth(y, m);
  return x.d === daysInMonth(x.y, x.m) ? last : Math.min(x.d, last);
}

/** The longest duration a scheme may write, per unit (10000 years): longer ones are a check error
 * (KH-C105) — no date in 0001–9999 moved that far stays in range. */
export const MAX_DURATION: Record<DurationUnit, number> = { days: 3660000, months: 120000, years: 10000 };

/** The form each period kind takes, as written in messages. */
export const PERIOD_FORMS: Record<PeriodKind, string> = {
  annual: '2026', quarterly: '2026-Q1', monthly: '2026-03', special: '2026-03-01..2026-06-30',
};

const YEAR = /^(\d{4})$/, QUARTER = /^(\d{4})-Q(\d)$/, MONTH = /^(\d{4})-(\d{2})$/, RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/** The kind whose form `text` has, if any (its days are not checked here). */
function formOf(text: string): PeriodKind | undefined {
  if (YEAR.test(text)) return 'annual';
  if (QUARTER.test(text)) return 'quarterly';
  if (MONTH.test(text)) return 'monthly';
  if (RANGE.test(text)) return 'special';
  return undefined;
}

export type PeriodProblem =
  /** Not a period of any kind (no `fault`), or one with a quarter 5, a month 13, a day 30 February, a
   * range that ends before it starts (`fault` says which). */
  | { problem: 'malformed'; fault?: DateFault }
  /** A well-formed period of another kind than the scheme's. */
  | { problem: 'wrongKind'; found: PeriodKind };

/** The period `text` names, checked against the scheme's kind (any kind when `kind` is undefined). */
export function parsePeriod(text: string, kind: PeriodKind | undefined): Period | PeriodProblem {
  const t = text.trim();
  const form = formOf(t);
  if (!form) return { problem: 'malformed' };
  if (kind && form !== kind) return { problem: 'wrongKind', found: form };
  let start: YMD, end: YMD;
  const bad = (fault: DateFault): PeriodProblem => ({ problem: 'malformed', fault });
  if (form === 'annual') {
    const y = Number(t);
    if (y < 1) return bad({ fault: 'year0' });
    start = { y, m: 1, d: 1 }; end = { y, m: 12, d: 31 };
  } else if (form === 'quarterly') {
    const [, ys, qs] = QUARTER.exec(t)!;
    const y = Number(ys), q = Number(qs);
    if (y < 1) return bad({ fault: 'year0' });
    if (q < 1 || q > 4) return bad({ fault: 'quarter' });
    start = { y, m: 3 * q - 2, d: 1 }; end = { y, m: 3 * q, d: daysInMonth(y, 3 * q) };
  } else if (form === 'monthly') {
    const [, ys, ms] = MONTH.exec(t)!;
    const y = Number(ys), m = Number(ms);
    if (y < 1) return bad({ fault: 'year0' });
    if (m < 1 || m > 12) return bad({ fault: 'month', m });
    start = { y, m, d: 1 }; end = { y, m, d: daysInMonth(y, m) };
  } else {
    const [, a, b] = RANGE.exec(t)!;
    const s = readDate(a), e = readDate(b);
    if ('fault' in s) return bad(s);
    if ('fault' in e) return bad(e);
    if (a > b) return bad({ fault: 'reversed', start: a, end: b });
    start = s; end = e;
  }
  return { text: t, start: formatDate(start), end: formatDate(end) };
}

export function isPeriod(x: Period | PeriodProblem): x is Period {
  return !('problem' in x);
}
