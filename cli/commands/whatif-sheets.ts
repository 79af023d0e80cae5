// `kaohe whatif --out report.xlsx`: the what-if as a workbook — the distribution per unit (one row
// per unit and grade, before and after), the changed people with their reasons, the declarations that
// differ with their lines and texts. Headings in the report's language.

import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import type { WhatIf } from '../../simulate/index.js';
import type { OutCell, SheetData, WorkbookData } from '../../sheets/workbook.js';
import { WC } from './whatif-messages.js';

export function whatIfWorkbook(w: WhatIf, locale: Locale): WorkbookData {
  const say = (m: Msg) => render(m, locale);
  const col = (m: Msg, extra: { width?: number; text?: boolean; wrap?: boolean; decimals?: number } = {}) => ({ header: say(m), ...extra });
  const units: SheetData = {
    name: say(WC.sheetUnits()),
    columns: [col(WC.colUnit(), { width: 16 }), col(WC.colGrade()), col(WC.colBefore()), col(WC.colAfter())],
    rows: [...w.units, w.overall].flatMap((row) => w.grades.map((g): OutCell[] => [
      row.unit === '' ? say(WC.overall()) : row.unit, g === 'none' ? say(WC.none()) : g, row.before[g] ?? 0, row.after[g] ?? 0,
    ])),
  };
  const people: SheetData = {
    name: say(WC.sheetPeople()),
    columns: [
      col(WC.colSubject(), { text: true, width: 14 }), col(WC.colName()), col(WC.colUnit(), { width: 16 }),
      // Scores at the scheme's precision (87.50); both ranks, each column saying which.
      col(WC.colScoreBefore(), { decimals: w.precision }), col(WC.colScoreAfter(), { decimals: w.precision }), col(WC.colGradeBefore()), col(WC.colGradeAfter()),
      col(WC.colRankBefore()), col(WC.colRankAfter()), col(WC.colOverallBefore()), col(WC.colOverallAfter()),
      col(WC.colReason(), { width: 60, wrap: true }),
    ],
    rows: w.changes.map((c) => [
      c.subject, c.name ?? '', c.unit, c.before.score, c.after.score, c.before.grade ?? '', c.after.grade ?? '',
      c.before.rank.cohort, c.after.rank.cohort, c.before.rank.overall, c.after.rank.overall, c.reason,
    ]),
  };
  const rules: SheetData = {
    name: say(WC.sheetRules()),
    columns: [
      col(WC.colKind()), col(WC.colRule(), { width: 36 }), col(WC.colChange()), col(WC.colLineBefore()), col(WC.colLineAfter()),
      col(WC.colTextBefore(), { width: 50, wrap: true }), col(WC.colTextAfter(), { width: 50, wrap: true }),
    ],
    rows: (w.rules ?? []).map((r) => [
      say(WC[`kind_${r.kind}`]()), r.title ?? r.name, say(WC[r.change]()), r.before?.line ?? null, r.after?.line ?? null, r.before?.text ?? '', r.after?.text ?? '',
    ]),
  };
  return { sheets: [units, people, rules], locale };
}
