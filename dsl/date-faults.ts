// Why a date or a period is not one, in words (issue 12 fixes, FD 5): "2026-02-29" is refused because
// 2026 has no February 29, "2026-Q5" because quarters are Q1–Q4. dsl/dates.ts finds the fault; this
// catalog words it for the checker (KH-C100, KH-C102) and the engine (KH-E030, KH-E031) alike, so
// both say the same thing about the same text.

import { dateFault, type DateFault } from './dates.js';
import { defineMessages, type Msg } from './i18n/index.js';

const F = defineMessages('dateFaults', {
  en: {
    shape: 'write it as YYYY-MM-DD, e.g. 2026-07-01',
    year0: 'there is no year 0000',
    month: 'there is no month {m}',
    day: '{y} has no {month} {d}',
    m1: 'January', m2: 'February', m3: 'March', m4: 'April', m5: 'May', m6: 'June',
    m7: 'July', m8: 'August', m9: 'September', m10: 'October', m11: 'November', m12: 'December',
    quarter: 'quarters are Q1–Q4',
    reversed: 'it ends ({end}) before it starts ({start})',
  },
  zh: {
    shape: '应写作“YYYY-MM-DD”，如“2026-07-01”',
    year0: '没有 0000 年',
    month: '没有 {m} 月',
    day: '{y} 年没有 {month} {d} 日',
    m1: '1 月', m2: '2 月', m3: '3 月', m4: '4 月', m5: '5 月', m6: '6 月',
    m7: '7 月', m8: '8 月', m9: '9 月', m10: '10 月', m11: '11 月', m12: '12 月',
    quarter: '季度只有“Q1”至“Q4”',
    reversed: '结束日期（{end}）早于开始日期（{start}）',
  },
});

const MONTHS = [F.m1, F.m2, F.m3, F.m4, F.m5, F.m6, F.m7, F.m8, F.m9, F.m10, F.m11, F.m12];

/** The words for `f`. */
export function faultMsg(f: DateFault): Msg {
  switch (f.fault) {
    case 'shape': return F.shape();
    case 'year0': return F.year0();
    case 'month': return F.month({ m: f.m });
    case 'day': return F.day({ y: f.y, month: MONTHS[f.m - 1](), d: f.d });
    case 'quarter': return F.quarter();
    case 'reversed': return F.reversed({ start: f.start, end: f.end });
  }
}

/** Why `text` is not a date (the shape fault when it is one: callers ask only about refused texts). */
export function whyNotDate(text: string): Msg {
  return faultMsg(dateFault(text) ?? { fault: 'shape' });
}
