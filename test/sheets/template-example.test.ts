// The template's example row left in a filled roster (user trial U4, MED-4) is noticed by the roster
// reader itself (sheets/roster.ts with template-example.ts rosterRules), so every reader says it:
// the editor's in-memory .xlsx reader (cohort panel, round inputs), a pasted or uploaded CSV, and the
// command line's file readers — once, naming the row, in zh and en; the row is still evaluated. A row
// changed from the example, the example's id with another input, or reading without the rules: no notice.

import { describe, expect, it } from 'vitest';
import { buildTemplate, parseCsv, readRoster, readXlsxRoster, rosterRules, sheetCsv, writeXlsx, type OutCell, type SheetData } from '../../sheets/index.js';
import { contractOf } from '../../sheets/scheme.js';
import { en, contract as rosterContract, SMALL_SCHEME, zh } from './fixtures.js';

const small = contractOf(SMALL_SCHEME);

/** The template's roster sheet with `rows` below its header (its example row replaced). */
function filled(c = small, locale: 'zh' | 'en' = 'zh', rows: (sheet: SheetData) => OutCell[][]): SheetData {
  const sheet = buildTemplate(c, locale).sheets[0];
  return { ...sheet, rows: rows(sheet) };
}
const person = (sheet: SheetData, id: string): OutCell[] => [id, ...sheet.rows[0].slice(1)];

describe('the template’s example row left in', () => {
  it('the editor’s .xlsx reader says it once, naming the row (zh and en), and still reads the row as a person', async () => {
    const sheet = filled(small, 'zh', (s) => [s.rows[0], person(s, 'B001'), person(s, 'B002')]);
    const bytes = await writeXlsx({ sheets: [sheet], locale: 'zh' });
    const roster = await readXlsxRoster(bytes, small.fields, await rosterRules(small));
    const id = String(sheet.rows[0][0]);
    expect(roster.problems).toEqual([]);
    expect(roster.subjects.map((s) => s.id)).toEqual([id, 'B001', 'B002']);
    expect(roster.notices.map(zh)).toEqual([`第 2 行是模板的示例（编号 “${id}”），被当作一个人计算了：请删除或改写该行`]);
    expect(roster.notices.map(en)).toEqual([`row 2 is the template’s example (id “${id}”), evaluated as a person: delete it or write over it`]);
    // Without the rules (a reader that does not know the scheme's template): nothing said.
    expect((await readXlsxRoster(bytes, small.fields)).notices).toEqual([]);
  });

  it('a CSV (uploaded or pasted) of the English template with a title row: the row as the file numbers it', async () => {
    const sheet = filled(rosterContract, 'en', (s) => [person(s, 'X1'), s.rows[0]]);
    const text = `Annual roster\n${sheetCsv(sheet)}`;
    const roster = await readRoster(parseCsv(text), rosterContract.fields, await rosterRules(rosterContract));
    const id = String(sheet.rows[1][0]);
    expect(roster.subjects.map((s) => s.id)).toEqual(['X1', id]);
    expect(roster.notices.map(en)).toContain(`row 4 is the template’s example (id “${id}”), evaluated as a person: delete it or write over it`);
  });

  it('no notice for a row written over, nor for the example’s id with another input', async () => {
    const sheet = filled(small, 'zh', (s) => {
      const changed = [...s.rows[0]];
      changed[changed.length - 1] = 61; // 得分
      return [changed, person(s, 'B001')];
    });
    expect(sheet.rows[0][0]).toBe(buildTemplate(small, 'zh').sheets[0].rows[0][0]);
    const roster = await readRoster(parseCsv(sheetCsv(sheet)), small.fields, await rosterRules(small));
    expect(roster.subjects).toHaveLength(2);
    expect(roster.notices).toEqual([]);
  });
});
