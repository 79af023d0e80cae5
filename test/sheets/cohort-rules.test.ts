// sheets/ and issue 13 (cohort rules): a roster's committee decision columns (研究决定等次 / 排序 /
// 理由, or decision grade / order / reason) read into SubjectInput.decision with every problem at its
// cell; the engine's decision errors located back to the cell; and the results workbook's ranks
// (总名次, 组内名次), demotion scope, soft-quota flags, decisions and quotas sheet, in zh and en.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, placeholders, registeredCatalogs, render, type Msg } from '../../dsl/i18n/index.js';
import type { CohortResult, EvalError } from '../../engine/api.js';
import { evaluateCohort, prepare } from '../../engine/index.js';
import { parseCsv } from '../../sheets/csv.js';
import { D } from '../../sheets/decision-words.js';
import { readRosterFile } from '../../sheets/node/files.js';
import { readRoster, locateErrors } from '../../sheets/roster.js';
import { buildResults } from '../../sheets/results.js';
import { W } from '../../sheets/results-words.js';
import { contractOf } from '../../sheets/scheme.js';
import { buildTemplate } from '../../sheets/template.js';
import { sheetCsv } from '../../sheets/workbook.js';
import { en, zh } from './fixtures.js';

// Two teams of 4. 优秀: score ≥ 90, at most 50% per team (2) and normally 25% (1), and at most 40% of
// the batch (⌊8 × 40%⌋ = 3). Scores: 一班 98, 95, 93, 70; 二班 97, 91, 80, 50.
//   一班: 98, 95, 93 reach 优秀; the team's limit 2 keeps 98 and 95 and demotes 93 (本组比例);
//         the normal share 1 flags 95 (ranked 2 of 2 holders).
//   二班: 97, 91 reach 优秀 (80 is decided 优秀 by the committee, but 3 holders > 2: 80 ranks last
//         and is demoted by the team's limit to 称职, its own condition ≥ 60 holding).
//   batch: holders 98, 97, 95, 91 > 3: 91 (overall rank 5) is demoted by the overall quota (全体比例).
// Ranks by score: 98 → 1, 97 → 2, 95 → 3, 93 → 4, 91 → 5, 80 → 6, 70 → 7, 50 → 8.
const COMMITTEE = `scheme 班子考核 {
  cohort by 班子
  input { 班子: text, 得分: number in [0, 100] }
  indicator 实绩 weight 100% = 得分
  grades by committee {
    优秀 when score >= 90 quota 50% normally 25% quota 40% overall
    称职 when score >= 60
    不称职 otherwise
  }
}
`;
const committee = contractOf(COMMITTEE);
const prepared = (() => {
  const p = prepare(COMMITTEE, 'committee.kaohe');
  if (!p.value) throw new Error(p.diagnostics.map((d) => d.message).join('\n'));
  return p.value;
})();
const roster = (text: string, c = committee) => readRoster(parseCsv(text), c.fields, { grades: c.grades, committee: !!c.committee });

const ROSTER = [
  '编号,姓名,班子,得分,研究决定等次,研究决定排序,研究决定理由',
  'A1,甲,一班,98,,,',
  'A2,乙,一班,95,,,',
  'A3,丙,一班,93,,,',
  'A4,丁,一班,70,,,',
  'B1,戊,二班,97,,,',
  'B2,己,二班,91,,,',
  'B3,庚,二班,80,优秀,2,党委会研究决定',
  'B4,辛,二班,50,,,',
].join('\n');

describe('roster: committee decision columns', () => {
  it('the scheme says it is `by committee` and which grades it has (dsl/service/contract.ts)', () => {
    expect([committee.committee, committee.grades]).toEqual([true, ['优秀', '称职', '不称职']]);
    expect(contractOf(COMMITTEE.replace('grades by committee', 'grades')).committee).toBeUndefined();
    // A grade headed by two rules is one grade; a scheme with cohort aggregates says where the first is.
    const two = contractOf(COMMITTEE.replace('    称职 when', '    优秀 when 得分 >= 85 and 班子 == "一班"\n    称职 when'));
    expect(two.grades).toEqual(['优秀', '称职', '不称职']);
    const relative = contractOf(COMMITTEE.replace('= 得分\n', '= 得分 / overall max(得分) * 100\n'));
    expect(relative.cohortAggregate).toEqual({ line: 4, text: 'overall max(得分)' });
    expect(committee.cohortAggregate).toBeUndefined();
  });

  it('reads 研究决定等次 / 排序 / 理由 into the subject’s decision; blank cells give none', async () => {
    const r = await roster(ROSTER);
    expect(r.problems).toEqual([]);
    expect(r.subjects[6]).toEqual({ id: 'B3', input: { 班子: '二班', 得分: 80 }, display: { 姓名: '庚' }, decision: { grade: '优秀', order: 2, reason: '党委会研究决定' } });
    expect(r.subjects.filter((s) => s.decision)).toHaveLength(1);
    expect(r.notices.map(zh)).toEqual([]); // decision columns are not display fields; 姓名 alone is no news (U4 LOW-6)
  });

  it('reads the English headers in any case, an order alone, and an order typed as text', async () => {
    const r = await roster('id,班子,得分,Decision Grade,decision order,DECISION REASON\nA1,一班,90,,"3",tie broken by the committee\nA2,一班,90,称职,,x');
    expect(r.problems).toEqual([]);
    expect(r.subjects.map((s) => s.decision)).toEqual([{ order: 3, reason: 'tie broken by the committee' }, { grade: '称职', reason: 'x' }]);
  });

  it('says every wrong decision cell at its row and column, in both languages, and evaluates nothing', async () => {
    const r = await roster([
      '编号,班子,得分,研究决定等次,研究决定排序,研究决定理由',
      'A1,一班,90,优秀,1,',          // row 2: no reason
      'A2,一班,90,,,只有理由',        // row 3: a reason without a decision
      'A3,一班,90,良好,,研究',        // row 4: not a grade
      'A4,一班,90,优秀,0,研究',       // row 5: order 0
      'A5,一班,90,,1.5,研究',         // row 6: order 1.5
      'A6,一班,90,,第二,研究',        // row 7: order in words
    ].join('\n'));
    expect(r.problems.map(zh)).toEqual([
      '第 2 行 “研究决定理由” 列：集体研究决定须写明理由：已填研究决定的等次或排序，但理由为空',
      '第 3 行 “研究决定理由” 列：只有理由，没有研究决定：请填写研究决定的等次或排序，或清空理由',
      '第 4 行 “研究决定等次” 列：“良好” 不是方案的等次（可选：优秀、称职、不称职）',
      '第 5 行 “研究决定排序” 列：研究决定的排序应为从 1 起的整数（1 最靠前），实为 “0”',
      '第 6 行 “研究决定排序” 列：研究决定的排序应为从 1 起的整数（1 最靠前），实为 “1.5”',
      '第 7 行 “研究决定排序” 列：研究决定的排序应为从 1 起的整数（1 最靠前），实为 “第二”',
    ]);
    expect(en(r.problems[3])).toBe('row 5, column “研究决定排序”: a decision’s order is a whole number from 1 (1 comes first), found “0”');
    expect(r.problems.map((p) => [p.code, p.row, p.column, p.subject])).toContainEqual(['KH-E046', 5, '研究决定排序', 'A4']);
    expect(r.subjects.some((s) => s.decision)).toBe(false); // none of them half-read
  });

  it('refuses a reason longer than the engine takes', async () => {
    const r = await roster(`编号,班子,得分,研究决定等次,研究决定理由\nA1,一班,90,优秀,${'理'.repeat(1001)}`);
    expect(r.problems.map(zh)).toEqual(['第 2 行 “研究决定理由” 列：理由有 1001 个字，至多 1000 个字']);
  });

  it('asks once for a reason column when decisions have none, and refuses a decision column given twice', async () => {
    const r = await roster('编号,班子,得分,研究决定等次,研究决定排序\nA1,一班,90,优秀,1\nA2,一班,80,称职,2');
    expect(r.problems.map(zh)).toEqual(['集体研究决定须写明理由：请在 “研究决定等次”、“研究决定排序” 旁加一列 “研究决定理由”']);
    expect(r.subjects.some((s) => s.decision)).toBe(false);
    const twice = await roster('编号,班子,得分,研究决定等次,decision grade,研究决定理由\nA1,一班,90,优秀,称职,x');
    expect(twice.problems.map(zh)).toEqual(['“decision grade” 列：第 E 列与第 D 列（“研究决定等次”）重复：请删除其中一列或改正列名']);
  });

  it('refuses decisions once for a scheme not `by committee`; empty decision columns are no problem', async () => {
    const plain = contractOf(COMMITTEE.replace('grades by committee', 'grades'));
    const r = await roster([ROSTER, 'B5,壬,二班,85,称职,,研究'].join('\n'), plain);
    expect(r.problems.map(zh)).toEqual(['第 8 行 “研究决定等次” 列：方案的等次不由集体研究确定（没有 “集体研究”），名册不能填写研究决定：请删除研究决定各列，或在方案的 “等次” 后加 “集体研究”']);
    expect(r.problems[0].code).toBe('KH-E047');
    const blank = await roster(ROSTER.split('\n').filter((l) => !l.startsWith('B3')).join('\n'), plain);
    expect(blank.problems).toEqual([]);
  });

  it('reads decisions from a file: .csv checked against the scheme, JSON lines passed on as they are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-decisions-'));
    try {
      writeFileSync(join(dir, 'r.csv'), ROSTER.replace('优秀,2,', '良好,2,'));
      const csv = await readRosterFile(join(dir, 'r.csv'), committee.fields, { grades: committee.grades, committee: true });
      expect(csv.problems.map(zh)).toEqual(['第 8 行 “研究决定等次” 列：“良好” 不是方案的等次（可选：优秀、称职、不称职）']);
      writeFileSync(join(dir, 'r.jsonl'), '{"id": "B3", "input": {"班子": "二班", "得分": 80}, "decision": {"order": 1, "reason": "研究"}}\n');
      const lines = await readRosterFile(join(dir, 'r.jsonl'), committee.fields);
      expect(lines.subjects).toEqual([{ id: 'B3', input: { 班子: '二班', 得分: 80 }, decision: { order: 1, reason: '研究' } }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('locates the engine’s errors about a decision at the decision’s cell', async () => {
    const r = await roster(ROSTER);
    const errors: EvalError[] = [
      { code: 'KH-E046', path: 'subjects[6].decision.reason', subject: 'B3', message: 'the reason is empty' },
      { code: 'KH-E047', path: 'subjects[6].decision', subject: 'B3', message: 'not by committee' },
    ];
    expect(locateErrors(r, errors).map((p) => [p.code, p.row, p.column, en(p)])).toEqual([
      ['KH-E046', 8, '研究决定理由', 'row 8, column “研究决定理由”: the reason is empty'],
      ['KH-E047', 8, '研究决定等次', 'row 8, column “研究决定等次”: not by committee'],
    ]);
  });
});

async function evaluated() {
  const r = await roster(ROSTER);
  const out = await evaluateCohort(prepared, r.subjects, { lang: 'zh' });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return { subjects: r.subjects, result: out.value as CohortResult };
}

describe('results workbook: ranks, quota scopes, flags, decisions', () => {
  it('adds 总名次 and 组内名次 after the grade, the demotion’s scope, the flag and the decision, in zh', async () => {
    const { subjects, result } = await evaluated();
    const [sheet, dist, quotas] = buildResults({ contract: committee, subjects, result, locale: 'zh' }).sheets;
    const headers = sheet.columns.map((c) => c.header);
    const at = (h: string) => headers.indexOf(h);
    expect(headers.slice(at('总分'), at('等次依据') + 6)).toEqual(['总分', '评定等次', '总名次', '组内名次', '等次依据', '比例调整', '超通常比例', '研究决定等次', '研究决定排序', '研究决定理由']);
    const rows = parseCsv(sheetCsv(sheet)).map((r) => r.cells).slice(1);
    const cell = (id: string, h: string) => rows.find((r) => r[0] === id)![at(h)];
    expect(rows.map((r) => [r[0], r[at('评定等次')], r[at('总名次')], r[at('组内名次')]])).toEqual([
      ['A1', '优秀', '1', '1'], ['A2', '优秀', '3', '2'], ['A3', '称职', '4', '3'], ['A4', '称职', '7', '4'],
      ['B1', '优秀', '2', '1'], ['B2', '称职', '5', '2'], ['B3', '称职', '6', '3'], ['B4', '不称职', '8', '4'],
    ]);
    expect(cell('A3', '比例调整')).toBe('本组比例：优秀 → 称职');
    expect(cell('B2', '比例调整')).toBe('全体比例：优秀 → 称职');
    expect(cell('B3', '比例调整')).toBe('本组比例：优秀 → 称职');
    expect(cell('A1', '比例调整')).toBe('');
    expect(cell('A2', '超通常比例')).toMatch(/^按本组比例，“优秀”通常不超过 1 人/);
    expect(cell('A1', '超通常比例')).toBe('');
    expect([cell('B3', '研究决定等次'), cell('B3', '研究决定排序'), cell('B3', '研究决定理由')]).toEqual(['优秀', '2', '党委会研究决定']);
    expect(cell('B3', '等次依据')).toMatch(/^集体研究决定为优秀，排序第 2：党委会研究决定；按本组比例/);
    expect(dist.rows.at(-1)).toEqual(['合计', 8, 3, 4, 1, 0]);
    // The quotas per scope: each team's, then the batch's.
    expect(quotas.name).toBe('比例限额');
    expect(quotas.columns.map((c) => c.header)).toEqual(['范围', '班子', '等次', '计算基数', '限额', '通常不超过', '限额内人数', '超通常比例人员', '说明']);
    expect(quotas.rows.map((r) => r.slice(0, 8))).toEqual([
      ['本组比例', '一班', '优秀', 4, 2, 1, 2, 'A2'],
      ['本组比例', '二班', '优秀', 4, 2, 1, 2, null],
      ['全体比例', '全体', '优秀', 8, 3, null, 3, null],
    ]);
    expect(String(quotas.rows[0][8])).toMatch(/^按本组比例，“优秀”共 2 人，超过通常比例/);
  });

  it('has the same columns in English', async () => {
    const { subjects, result } = await evaluated();
    const [sheet, , quotas] = buildResults({ contract: committee, subjects, result, locale: 'en' }).sheets;
    const headers = sheet.columns.map((c) => c.header);
    expect(headers.slice(headers.indexOf('score'), headers.indexOf('reasons') + 6)).toEqual(['score', 'grade', 'overall rank', 'rank in unit', 'reasons', 'quota demotion', 'above the normal share', 'decision grade', 'decision order', 'decision reason']);
    const b2 = parseCsv(sheetCsv(sheet)).map((r) => r.cells).find((r) => r[0] === 'B2')!;
    expect(b2[headers.indexOf('quota demotion')]).toBe('overall quota: 优秀 → 称职');
    expect(quotas.name).toBe('quotas');
    expect(quotas.rows[2].slice(0, 2)).toEqual(['overall quota', 'everyone']);
  });

  it('read back as a roster, the results sheet gives the same decisions', async () => {
    const { subjects, result } = await evaluated();
    const [sheet] = buildResults({ contract: committee, subjects, result, locale: 'zh' }).sheets;
    const again = await roster(sheetCsv(sheet).slice(1));
    expect(again.problems).toEqual([]);
    expect(again.subjects.map((s) => s.decision)).toEqual(subjects.map((s) => s.decision));
  });

  it('a scheme without `cohort by`, overall or soft quotas, or decisions: one rank column, no quotas sheet', async () => {
    const plainSrc = COMMITTEE.replace('  cohort by 班子\n', '').replace('grades by committee', 'grades').replace(' normally 25% quota 40% overall', '');
    const p = prepare(plainSrc, 'plain.kaohe').value!;
    const c = contractOf(plainSrc);
    const r = await readRoster(parseCsv(ROSTER.split('\n').map((l) => l.split(',').slice(0, 4).join(',')).join('\n')), c.fields);
    const out = await evaluateCohort(p, r.subjects);
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    const book = buildResults({ contract: c, subjects: r.subjects, result: out.value, locale: 'zh' });
    const headers = book.sheets[0].columns.map((h) => h.header);
    expect(headers).toContain('总名次');
    expect(headers).not.toContain('组内名次');
    expect(headers).not.toContain('超通常比例');
    expect(headers).not.toContain('研究决定理由');
    expect(headers).toContain('比例调整'); // 50% of 8 = 4: 98, 97, 95, 93 keep 优秀, 91 is demoted
    expect(book.sheets).toHaveLength(2);
  });
});

describe('roster template of a scheme `by committee`', () => {
  it('has the decision columns, empty in the example row, with notes; read back it gives no decision', async () => {
    const book = buildTemplate(committee, 'zh');
    const [sheet, notes] = book.sheets;
    expect(sheet.columns.map((c) => c.header).slice(-3)).toEqual(['研究决定等次', '研究决定排序', '研究决定理由']);
    expect(sheet.columns.at(-3)!.choices).toEqual(['优秀', '称职', '不称职']);
    expect(notes.rows.map((r) => r[0])).toEqual(expect.arrayContaining(['研究决定等次', '研究决定排序', '研究决定理由']));
    expect(notes.rows.find((r) => r[0] === '研究决定理由')![2]).toBe('文本，至多 1000 个字');
    const back = await roster(sheetCsv(sheet).slice(1));
    expect(back.problems).toEqual([]);
    expect(back.subjects[0].decision).toBeUndefined();
    expect(buildTemplate(contractOf(COMMITTEE.replace('grades by committee', 'grades')), 'en').sheets[0].columns.map((c) => c.header)).not.toContain('decision grade');
  });
});

describe('the sheets-decision and sheets-results catalogs', () => {
  const ARGS = { found: '0', grades: ['优秀', '称职'], n: 1001, max: 1000, reason: '研究决定理由', columns: ['“研究决定等次”'], scope: '本组比例', from: '优秀', to: '称职',
    name: '实绩', text: '扣 1', item: '迟到', amount: '1', asked: '2' };
  for (const [name, catalog] of [['sheets-decision', D], ['sheets-results', W]] as const) {
    it(`${name}: same placeholders, everything filled, no English in the Chinese`, () => {
      const c = registeredCatalogs().get(name)!;
      expect(Object.keys(c.zh).sort()).toEqual(Object.keys(c.en).sort());
      for (const k of Object.keys(c.en)) {
        if (typeof c.en[k] === 'string') expect(placeholders(c.zh[k]), k).toEqual(placeholders(c.en[k]));
        const msg: Msg = (catalog as Record<string, (a: object) => Msg>)[k](ARGS);
        for (const l of LOCALES) expect(render(msg, l), `${k} ${l}`).not.toMatch(/\{\w+\}/);
        const text = render(msg, 'zh').replace(/“[^”]*”|`[^`]*`/g, '');
        expect(text, k).not.toMatch(/[A-Za-z]{2,}/);
        expect(text, k).not.toMatch(/。：|：。|，，|；；/);
      }
    });
  }
});
