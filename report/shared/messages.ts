// Words every paper shares (issue 15): a period as a person writes it on a paper (2026年第一季度,
// 2026年度, 2026年3月; Q1 2026, the year 2026, March 2026), numbered section headings (一、… / 1. …),
// and the dash of an empty cell.

import { defineMessages } from '../../dsl/i18n/index.js';

/** Chinese numerals by number (1 → 一); index 0 is unused. */
export const ZH_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const QUARTERS_ZH = ['', '第一季度', '第二季度', '第三季度', '第四季度'];
const MONTHS_EN = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const M = defineMessages('reportCommon', {
  en: {
    periodYear: 'the year {year}',
    periodQuarter: 'Q{quarter} {year}',
    periodMonth: (a) => `${MONTHS_EN[Number(a.month)] ?? a.month} ${a.year}`,
    periodDays: '{from} to {to}',
    date: (a) => `${MONTHS_EN[Number(a.month)] ?? a.month} ${a.day}, ${a.year}`,
    numbered: '{no}. {title}',
    empty: '—',
  },
  zh: {
    periodYear: '{year}年度',
    periodQuarter: (a) => `${a.year}年${QUARTERS_ZH[Number(a.quarter)] ?? `第${a.quarter}季度`}`,
    periodMonth: '{year}年{month}月',
    periodDays: '{from}至{to}',
    date: '{year}年{month}月{day}日',
    numbered: (a) => `${ZH_NUMERALS[Number(a.no)] ?? a.no}、${a.title}`,
    empty: '—',
  },
});
