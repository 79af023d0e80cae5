// A period as it is written on a paper: `2026-Q1` → 2026年第一季度 / Q1 2026, `2026` → 2026年度,
// `2026-03` → 2026年3月, `2026-03-01..2026-06-30` → 2026年3月1日至2026年6月30日. Text that is no period
// form (an imported result's own label) stands as it is.

import { render, type Locale } from '../../dsl/i18n/index.js';
import { M } from './messages.js';

/** A date `2026-03-01` as a paper writes it: 2026年3月1日 / March 1, 2026. */
export function dateWords(date: string, lang: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return render(M.date({ year: m[1]!, month: String(Number(m[2])), day: String(Number(m[3])) }), lang);
}

export function periodWords(period: string, lang: Locale): string {
  let m = /^(\d{4})$/.exec(period);
  if (m) return render(M.periodYear({ year: m[1]! }), lang);
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return render(M.periodQuarter({ year: m[1]!, quarter: m[2]! }), lang);
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return render(M.periodMonth({ year: m[1]!, month: String(Number(m[2])) }), lang);
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (m) return render(M.periodDays({ from: dateWords(m[1]!, lang), to: dateWords(m[2]!, lang) }), lang);
  return period;
}

/** A numbered section heading: 一、考核得分和等次 / 1. Score and grade. */
export const numbered = (no: number, title: string, lang: Locale): string => render(M.numbered({ no: String(no), title }), lang);
