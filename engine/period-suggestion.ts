// The period a mistyped period text was meant as (V11 trial: the command line corrected `2026Q3` to
// 2026-Q3, the library and the API only listed the scheme's example form, 2026-Q1 — advice that,
// copied, labels the results with the wrong quarter). One judgement for every caller: KH-E031 of the
// engine (engine/period.ts, "是否指“2026-Q3”") and `kaohe eval --period` (cli/commands/eval-period.ts,
// which words it as an option). Candidates are rewrites of the text, each checked by the period
// parser afterwards, so nothing suggested is ever a period the scheme refuses. Under a quarterly
// scheme a month names its quarter (2026-09 → 2026-Q3) and a lone digit 1–4 after the year is the
// quarter's number (2026-3, 2026.3 → 2026-Q3): a quarterly scheme's officer writes quarters.
// The text is NFKC-folded first (V11b LOW-6): a Chinese input method's full-width `２０２６-Ｑ３` is the
// same period to the reader, and was answered with the example form 2026-Q1. A two-digit year is
// read as 20xx only beside a quarter's Q (`26-Q3`, `Q3 26`), where nothing else could be meant.

import { isPeriod, parsePeriod, type PeriodKind } from '../dsl/dates.js';

const pad = (n: string) => n.padStart(2, '0');
const CN_DIGIT: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4' };

/** The quarter a month (1–12) lies in, as a quarterly period of year `y`; undefined for no month. */
function quarterOfMonth(y: string, month: string): string | undefined {
  const m = Number(month);
  return m >= 1 && m <= 12 ? `${y}-Q${Math.ceil(m / 3)}` : undefined;
}

/** What a slip of the hand in `text` was meant as, most likely first (each checked afterwards). */
function rewrites(text: string, kind: PeriodKind | undefined): string[] {
  const t = text.normalize('NFKC').trim();
  const out: string[] = [];
  let m: RegExpExecArray | null;
  if (t !== text.trim()) out.push(t); // full width, folded: itself when it is a period already
  if ((m = /^(\d{2})\s*[-_/. ]?\s*[Qq]\s*0?([1-4])$/.exec(t))) out.push(`20${m[1]}-Q${m[2]}`);
  if ((m = /^[Qq]\s*0?([1-4])\s*[-_/. ]?\s*(\d{2})$/.exec(t))) out.push(`20${m[2]}-Q${m[1]}`);
  if ((m = /^(\d{4})\s*[-_/. ]?\s*[Qq]\s*0?(\d)$/.exec(t))) out.push(`${m[1]}-Q${m[2]}`);
  if ((m = /^[Qq]\s*0?(\d)\s*[-_/. ]?\s*(\d{4})$/.exec(t))) out.push(`${m[2]}-Q${m[1]}`);
  if ((m = /^(\d{4})\s*年\s*第?\s*([1-4一二三四])\s*季度?$/.exec(t))) out.push(`${m[1]}-Q${CN_DIGIT[m[2]] ?? m[2]}`);
  if (kind === 'quarterly' && (m = /^(\d{4})\s*[-_/.]\s*([1-4])$/.exec(t))) out.push(`${m[1]}-Q${m[2]}`);
  if ((m = /^(\d{4})\s*(?:[-_/.年]\s*(\d{1,2})\s*月?|(\d{2}))$/.exec(t))) {
    const month = m[2] ?? m[3];
    out.push(`${m[1]}-${pad(month)}`);
    const quarter = kind === 'quarterly' ? quarterOfMonth(m[1], month) : undefined;
    if (quarter) out.push(quarter);
  }
  if ((m = /^(\d{4})\s*年度?$/.exec(t))) out.push(m[1]);
  const day = '(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})';
  if ((m = new RegExp(`^${day}\\s*(?:\\.{2,3}|~|～|至|到|—|–|-|－)\\s*${day}$`).exec(t))) {
    out.push(`${m[1]}-${pad(m[2])}-${pad(m[3])}..${m[4]}-${pad(m[5])}-${pad(m[6])}`);
  }
  return out;
}

/** The period `text` was probably meant as, if it is close to one `kind` takes (any kind when
 * undefined) and is not that period already. */
export function periodSuggestion(text: string, kind: PeriodKind | undefined): string | undefined {
  return rewrites(text, kind).find((c) => c !== text && isPeriod(parsePeriod(c, kind)));
}
