// Issue 14 item 8 in the editor, as a 组织部 officer uses it (zh): the rounds view — create a round of
// the reference quarterly scheme (schemes/quarterly-review.kaohe), upload its roster (.xlsx) and its
// inputs in two parts (.csv), see what is missing per person, evaluate, 公示 with an end date,
// finalize, record an amendment (复核) that moves a quota line and see who changed and why — and the
// person's history page with its trend chart (a hand-written SVG: scores over periods, grade labels),
// fed by an imported result (2025-Q4), a round finalized through the API (2026-Q1) and the round made
// here (2026-Q2). Screenshots in test/artifacts/i14-*.png.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TESTS, englishWords, pageApi, ROOT, shot } from './harness.js';
import { chinaDay, historyRows, openPerson, RoundsSession, xlsx } from './rounds-harness.js';

const SCHEME = readFileSync(join(ROOT, 'schemes/quarterly-review.kaohe'), 'utf8');

// 综合科 (3 people: 40% → 1 place of 好) and 办公室. Exact scores (scheme header: 3/4 × 实绩 + sum/12):
//   A1 甲 3/4 × 96 + 279/12 = 72 + 23.25 = 95.25 → 好 (the one place in 综合科)
//   A2 乙 3/4 × 94 + 273/12 = 70.5 + 22.75 = 93.25 → reaches 好, second in 综合科 → 较好 (quota)
//   A3 丙 60 + 240/12 = 80 → 较好
//   B1 丁 67.5 + 270/12 = 90 → 好 (办公室: 40% of 1 → 0, at least 1)
//   B2 戊 试用期 → 不定等次, not in the quota base: 3/4 × 85 + 255/12 = 85, no grade
//   B3 己 不参加: not evaluated, nothing missing
// The amendment: A2's 实绩得分 94 → 99: 74.25 + 22.75 = 97 > 95.25 → A2 好, A1 moves below the
// quota line → 较好 (the amendment moved someone else).
const ROSTER: (string | number)[][] = [
  ['编号', '姓名', '单位', '状态', '计入基数'],
  ['A1', '张伟', '综合科', '参加', '是'],
  ['A2', '王芳', '综合科', '参加', '是'],
  ['A3', '李娜', '综合科', '参加', '是'],
  ['B1', '刘洋', '办公室', '参加', '是'],
  ['B2', '陈静', '办公室', '试用期', '否'],
  ['B3', '杨磊', '办公室', '不参加', '是'],
];
const PART_WORK = ['编号,实绩得分', 'A1,96', 'A2,94', 'A3,80', 'B1,90', 'B2,85'].join('\n');
const PART_RATERS = ['编号,姓名,测评票', 'A1,张伟,92、93、94', 'A2,王芳,90、90、93', 'A3,李娜,80、80、80', 'B1,刘洋,90、90、90', 'B2,陈静,85、85、85'].join('\n');

describe.skipIf(!BROWSER_TESTS)('issue 14 in the editor: rounds, roster and input parts, 公示, final, amendment, a person’s history', () => {
  const session = new RoundsSession();
  const { api, endPublicity, upload } = session;
  let page: Page;
  let roundId = '';

  const toast = () => page.textContent('.toast-area');

  beforeAll(async () => {
    ({ page } = await session.open());
    // The server loads the reference schemes as published version 1; when this one was skipped (a
    // failing example while the engine is being changed), it is created and published here.
    const known = await pageApi(page, 'GET', `/api/schemes/${encodeURIComponent('平时考核')}`);
    if (known.status === 404) {
      await api('POST', '/api/schemes', { source: SCHEME });
      await api('POST', `/api/schemes/${encodeURIComponent('平时考核')}/publish`);
    }
    // History before this round: an imported 2025-Q4 (from before kaohe) and a 2026-Q1 round through final.
    await api('POST', '/api/subjects/import', { scheme: '平时考核', results: [{ subject: 'A2', period: '2025-Q4', grade: '好', score: 91.5, unit: '综合科' }] });
    const q1 = await api<{ id: string }>('POST', '/api/rounds', { scheme: '平时考核', period: '2026-Q1', name: '2026年第一季度平时考核' });
    await api('PUT', `/api/rounds/${q1.id}/roster`, { members: [{ id: 'A1', unit: '综合科', status: 'take' }, { id: 'A2', unit: '综合科', status: 'take' }] });
    await api('POST', `/api/rounds/${q1.id}/inputs`, { subjects: [
      { id: 'A1', input: { 实绩得分: 96, 测评票: [92, 93, 94] } },
      { id: 'A2', input: { 实绩得分: 88, 测评票: [90, 90, 93] } }, // 66 + 22.75 = 88.75 → 较好
    ] });
    await api('POST', `/api/rounds/${q1.id}/evaluate`);
    await api('POST', `/api/rounds/${q1.id}/publicize`, { until: chinaDay(0) });
    endPublicity(q1.id);
    await api('POST', `/api/rounds/${q1.id}/finalize`);
  });
  afterAll(session.close);

  it('creates a round of a published scheme from the rounds view', async () => {
    await page.click('header [data-action="rounds"]');
    await page.waitForSelector('.rounds-view .new-round');
    expect(await page.isHidden('main')).toBe(true);
    // The list has the 2026-Q1 round, final.
    expect(await page.textContent('.rounds-list tbody')).toContain('2026年第一季度平时考核');
    expect(await page.textContent('.rounds-list [data-round-status]')).toBe('已确定');
    await page.selectOption('.new-round select[name="scheme"]', '平时考核');
    // A period of another kind is refused in words, the field named as the form names it.
    await page.fill('.new-round input[name="period"]', '2026-13');
    await page.click('[data-action="create-round"]');
    await page.waitForSelector('.rounds-view .problems-box');
    expect(await page.textContent('.rounds-view .problems-box li')).toMatch(/^考核期：考核期“2026-13”与方案的考核期类型不符/);
    expect(await englishWords(page, '.rounds-view .problems-box')).toEqual([]);
    await page.fill('.new-round input[name="period"]', '2026-Q2');
    await page.fill('.new-round input[name="name"]', '2026年第二季度平时考核');
    await shot(page, 'i14-01-rounds-list-create');
    await page.click('[data-action="create-round"]');
    await page.waitForSelector('.rounds-view [data-round-id]');
    roundId = (await page.getAttribute('.rounds-view [data-round-id]', 'data-round-id'))!;
    expect(roundId).toMatch(/^rd_/);
    expect(page.url()).toContain(`#rounds/${roundId}`);
    expect(await page.textContent('.rounds-view .round-meta')).toBe('平时考核 版本 1 · 考核期 2026-Q2 · 单位 全部单位');
    expect(await page.textContent('.rounds-view h2 [data-round-status]')).toBe('未评定');
  });

  it('uploads the roster (.xlsx) and the inputs in two parts (.csv), showing what is missing per person', async () => {
    await upload('[data-upload-roster-file]', '二季度名册.xlsx', await xlsx(ROSTER));
    await page.waitForSelector('.members-table tr[data-subject="B3"]');
    expect(await toast()).toBe('名册已保存：共 6 人');
    const statuses = await page.$$eval('.members-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-subject'), tr.getAttribute('data-member-status')]));
    expect(statuses).toEqual([['A1', 'take'], ['A2', 'take'], ['A3', 'take'], ['B1', 'take'], ['B2', 'ungraded'], ['B3', 'absent']]);
    expect(await page.textContent('.members-table thead')).toBe('编号姓名单位状态计入基数未提交的输入总分等次名次');
    // Nothing submitted yet: 实绩得分 and 测评票 for everyone taking part; the inputs with a default
    // nobody sent are listed apart (the server's `defaulted`), as a reminder.
    const a1 = '.members-table tr[data-subject="A1"] td.missing';
    expect(await page.getAttribute(a1, 'data-missing')).toBe('实绩得分,测评票');
    expect(await page.getAttribute(a1, 'data-defaulted')).toBe('迟到早退次数,通报批评');
    expect(await page.$$eval(`${a1} .required`, (xs) => xs.map((x) => x.textContent))).toEqual(['实绩得分', '测评票']);
    expect(await page.textContent(`${a1} .default`)).toBe('迟到早退次数（有默认值）、通报批评（有默认值）');
    expect(await page.textContent('.members-table tr[data-subject="B3"] td.missing')).toBe('—'); // 不参加: nothing to submit

    await page.fill('.rounds-view input[name="part"]', '工作实绩');
    await upload('[data-upload-inputs-file]', '工作实绩.csv', PART_WORK);
    await page.waitForFunction(() => document.querySelector('.members-table tr[data-subject="A1"] td.missing')?.getAttribute('data-missing')?.startsWith('测评票'));
    expect(await toast()).toBe('已提交 5 人的输入数据');
    expect(await page.textContent('[data-missing-summary]')).toBe('5 人尚有输入项无人提交');
    await page.evaluate(() => document.querySelector('.members-table')!.scrollIntoView());
    await shot(page, 'i14-02-roster-missing');

    await page.fill('.rounds-view input[name="part"]', '同事测评');
    await upload('[data-upload-inputs-file]', '同事测评.csv', PART_RATERS);
    await page.waitForFunction(() => document.querySelector('[data-missing-summary]')?.getAttribute('data-missing-summary') === '0');
    expect(await page.textContent('[data-missing-summary]')).toBe('所有人员的输入项均已提交。');
    expect(await page.textContent('.members-table tr[data-subject="A1"] td.missing')).toBe('齐全迟到早退次数（有默认值）、通报批评（有默认值）');
  });

  it('an input part for someone not on the roster is refused and nothing is stored', async () => {
    await upload('[data-upload-inputs-file]', '错误.csv', '编号,实绩得分\nZ9,90');
    await page.waitForSelector('.round-output .problems-box');
    // The place is named as a person sees it (人员“Z9”), not as the request's JSON path.
    expect(await page.textContent('.round-output .problems-box li')).toMatch(/^人员“Z9”：“Z9”不在考核批次“2026年第二季度平时考核”的名册中$/);
    expect(await englishWords(page, '.round-output')).toEqual([]);
    expect(await page.getAttribute('.members-table tr[data-subject="A3"] td.missing', 'data-missing')).toBe('');
    expect(await page.getAttribute('.members-table tr[data-subject="A3"] td.missing', 'data-defaulted')).toBe('迟到早退次数,通报批评');
  });

  it('evaluates, moves to 公示 with an end date, and finalizes', async () => {
    await page.click('[data-action="evaluate-round"]');
    await page.waitForFunction(() => document.querySelector('.rounds-view h2 [data-round-status]')?.textContent === '已评定');
    const rows = await page.$$eval('.members-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-subject'), tr.querySelector('td.score')!.textContent, tr.querySelector('td.grade')!.textContent]));
    expect(rows).toEqual([
      ['A1', '95.25', '好'], ['A2', '93.25', '较好'], ['A3', '80.00', '较好'], ['B1', '90.00', '好'], ['B2', '85.00', '不定等次'], ['B3', '—', '—'],
    ]);
    // 不定等次 by the roster: no rank either, shown as —, not left blank.
    expect(await page.$$eval('.members-table tbody td.rank', (tds) => tds.map((td) => td.textContent))).toEqual(['1', '2', '4', '3', '—', '—']);
    await page.fill('.rounds-view input[name="until"]', chinaDay(0));
    await page.click('[data-action="publicize"]');
    await page.waitForFunction(() => document.querySelector('.rounds-view h2 [data-round-status]')?.textContent === '公示中');
    expect(await page.textContent('.rounds-view .round-meta')).toContain(`公示至 ${chinaDay(0)}`);
    await shot(page, 'i14-03-publicity');
    // During 公示 the round takes no inputs (amend instead): the uploads are closed, and say so.
    expect(await page.isDisabled('[data-action="upload-inputs"]')).toBe(true);
    expect(await page.textContent('[data-inputs-closed]')).toBe('公示期间和结果确定后不再接收名册和输入数据，如需更正请记录复核更正。');
    // A part sent anyway (a page left open since before 公示) is refused in words, nothing stored.
    await upload('[data-upload-inputs-file]', '迟交.csv', '编号,实绩得分\nA3,81');
    await page.waitForSelector('.round-output .problems-box');
    expect(await englishWords(page, '.round-output')).toEqual([]);
    endPublicity(roundId);
    await page.click('[data-action="finalize"]');
    await page.waitForSelector('dialog[data-dialog="finalize"]');
    expect(await page.textContent('dialog[data-dialog="finalize"] h2')).toBe('确定考核批次“2026年第二季度平时考核”的结果？');
    await page.click('dialog[data-dialog="finalize"] [data-answer="ok"]');
    await page.waitForFunction(() => document.querySelector('.rounds-view h2 [data-round-status]')?.textContent === '已确定');
    expect(await page.isDisabled('[data-action="evaluate-round"]')).toBe(true);
  });

  it('records an amendment that moves a quota line and lists who changed and why', async () => {
    await page.selectOption('select[name="amend-subject"]', 'A2');
    await page.waitForSelector('select[name="amend-field"] option[value="实绩得分"]', { state: 'attached' });
    await page.selectOption('select[name="amend-field"]', '实绩得分');
    await page.fill('input[name="amend-value"]', '99');
    // Without a reason nothing is sent.
    await page.click('[data-action="amend"]');
    expect(await page.textContent('.amend .error')).toBe('请写明更正理由');
    await page.fill('textarea[name="amend-reason"]', '主管领导复核后更正工作实绩评分');
    await page.click('[data-action="amend"]');
    await page.waitForSelector('.changes-table');
    const changes = await page.$$eval('.changes-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-subject'), tr.getAttribute('data-why')]));
    expect(changes).toEqual(expect.arrayContaining([['A2', expect.stringContaining('amended')], ['A1', expect.stringContaining('quota')]]));
    const a1 = await page.textContent('.changes-table tr[data-subject="A1"]');
    expect(a1).toContain('95.25 · 好');
    expect(a1).toContain('95.25 · 较好');
    expect(await page.textContent('.changes-table tr[data-subject="A2"]')).toContain('97.00 · 好');
    expect(await page.textContent('.changes .amended-by')).toContain('主管领导复核后更正工作实绩评分');
    // The round stays final; its table follows the new revision.
    expect(await page.textContent('.rounds-view h2 [data-round-status]')).toBe('已确定');
    expect(await page.textContent('.members-table tr[data-subject="A2"] td.grade')).toBe('好');
    await page.evaluate(() => document.querySelector('.changes')!.scrollIntoView());
    await shot(page, 'i14-04-amendment-changes');
    expect(await englishWords(page, '.rounds-view')).toEqual([]);
  });

  it('lists rounds newest first, filtered by status and period', async () => {
    await page.click('[data-action="all-rounds"]');
    await page.waitForSelector('.rounds-list');
    const names = () => page.$$eval('.rounds-list tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(await names()).toEqual(['2026年第二季度平时考核', '2026年第一季度平时考核']);
    await page.fill('input[name="filter-period"]', '2026-Q1');
    await page.press('input[name="filter-period"]', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('.rounds-list tbody tr').length === 1);
    expect(await names()).toEqual(['2026年第一季度平时考核']);
    await page.fill('input[name="filter-period"]', '');
    await page.press('input[name="filter-period"]', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('.rounds-list tbody tr').length === 2);
    await page.selectOption('select[name="filter-status"]', 'open');
    await page.waitForSelector('[data-no-rounds]');
    expect(await page.textContent('[data-no-rounds]')).toBe('没有符合条件的考核批次。');
    await page.selectOption('select[name="filter-status"]', '');
    await page.waitForFunction(() => document.querySelectorAll('.rounds-list tbody tr').length === 2);
    await page.evaluate((id) => { location.hash = `#rounds/${id}`; }, roundId);
    await page.waitForSelector('.members-table');
  });

  it('shows a person’s history across periods with a trend chart', async () => {
    await openPerson(page, 'A2');
    await page.waitForSelector('.rounds-view svg.trend');
    // Named as the newest round's roster names her (the history rows carry the roster's display).
    expect(await page.textContent('.rounds-view h2')).toBe('王芳（A2）的历次考核结果');
    expect(await historyRows(page)).toEqual([
      ['平时考核', '2025-Q4', '综合科', '91.5', '好', '导入'],
      ['平时考核', '2026-Q1', '综合科', '88.75', '较好', '已确定'],
      ['平时考核', '2026-Q2', '综合科', '97', '好', '已确定'],
    ]);
    // The chart: one point per period, oldest first, each labelled with its grade and score.
    const chart = await page.$eval('.rounds-view svg.trend', (svg) => ({
      title: svg.getAttribute('aria-label'),
      periods: Array.from(svg.querySelectorAll('text.period')).map((t) => t.textContent),
      grades: Array.from(svg.querySelectorAll('text.grade')).map((t) => t.textContent),
      points: svg.querySelectorAll('.point').length,
      line: !!svg.querySelector('polyline'),
    }));
    expect(chart).toEqual({ title: '平时考核：各考核期得分', periods: ['2025-Q4', '2026-Q1', '2026-Q2'], grades: ['好 91.5', '较好 88.75', '好 97'], points: 3, line: true });
    await shot(page, 'i14-05-person-history');
    expect(await englishWords(page, '.rounds-view')).toEqual([]);
    // Back to the editor: the two columns return.
    await page.click('[data-action="back-editor"]');
    await page.waitForSelector('main:not([hidden]) .monaco-editor');
  });

  it('speaks English when the page does, at the same addresses', async () => {
    await page.evaluate(() => { localStorage.setItem('kaohe.lang', 'en'); location.hash = '#person/A2'; });
    await page.reload();
    await page.waitForSelector('.rounds-view svg.trend');
    expect(await page.textContent('.rounds-view h2')).toBe('Results of 王芳 (A2)');
    expect(await page.getAttribute('.rounds-view svg.trend', 'aria-label')).toBe('平时考核: score by period');
    expect(await page.$$eval('.history-table tbody tr td:last-child', (tds) => tds.map((td) => td.textContent))).toEqual(['imported', 'final', 'final']);
    await page.evaluate((id) => { location.hash = `#rounds/${id}`; }, roundId);
    await page.waitForSelector('.members-table');
    expect(await page.textContent('.rounds-view h2 [data-round-status]')).toBe('final');
    expect(await page.textContent('.members-table thead')).toBe('ID姓名UnitStatusCounts in baseNot submittedScoreGradeRank');
    await shot(page, 'i14-06-round-en');
    await page.evaluate(() => localStorage.setItem('kaohe.lang', 'zh'));
  });

  // The annual 机关年度考核 (schemes/annual-review.kaohe) reads the quarters of 平时考核 (`引用结果 … 缺失
  // 跳过`): the server fills them, so nobody is asked for them, and the round says which quarters are
  // not final. A2: Q1 88.75 and Q2 97 (reported), Q3 and Q4 skipped: 季度平均 = (88.75 + 97) / 2 =
  // 92.875; 总分 = 95% × 92.875 + 5% × 90 = 88.23125 + 4.5 = 92.73125 → 92.73; 好 only once → 称职.
  it('an annual round rolls up the final quarters, names those not final, and is flagged when one is amended', async () => {
    // schemes/annual-review.kaohe (机关年度考核) is loaded at first start as published version 1.
    const version = 1;
    await page.evaluate(() => { location.hash = '#rounds'; });
    await page.reload();
    await page.waitForSelector('.rounds-view .new-round');
    await page.selectOption('.new-round select[name="scheme"]', '机关年度考核');
    await page.fill('.new-round input[name="version"]', String(version));
    await page.fill('.new-round input[name="period"]', '2026');
    await page.fill('.new-round input[name="name"]', '2026年度考核');
    await page.click('[data-action="create-round"]');
    await page.waitForSelector('.rounds-view [data-round-id]');
    const annual = (await page.getAttribute('.rounds-view [data-round-id]', 'data-round-id'))!;
    await upload('[data-upload-roster-file]', '年度名册.csv', '编号,姓名,单位\nA2,王芳,综合科');
    await page.waitForSelector('.members-table tr[data-subject="A2"]');
    // The roll-up and history inputs are the server's to fill: only 年度测评分 is missing.
    expect(await page.getAttribute('.members-table tr[data-subject="A2"] td.missing', 'data-missing')).toBe('年度测评分');
    expect(await page.textContent('[data-not-final]')).toBe('引用的结果尚未确定或没有结果：平时考核 2026-Q3（没有结果）、平时考核 2026-Q4（没有结果）、机关年度考核 2024（没有结果）、机关年度考核 2025（没有结果）');
    // Per person, the roll-up periods without a final or imported result and what the input's
    // `缺失` policy does with them; neither policy refuses the person, so nothing is marked blocking.
    const rollups = await page.$$eval('.members-table tr[data-subject="A2"] .rollup', (xs) => xs.map((x) => [x.getAttribute('data-rollup'), x.getAttribute('data-blocking'), x.textContent]));
    expect(rollups).toEqual([
      ['季度结果', 'false', '季度结果：平时考核 2026-Q3、2026-Q4 没有结果（缺失跳过：不计入）'],
      ['往年', 'false', '往年：机关年度考核 2024、2025 没有结果（缺失中断：连续记录在此中断）'],
    ]);
    await upload('[data-upload-inputs-file]', '民主测评.csv', '编号,年度测评分\nA2,90');
    await page.waitForFunction(() => document.querySelector('[data-missing-summary]')?.getAttribute('data-missing-summary') === '0');
    await page.click('[data-action="evaluate-round"]');
    await page.waitForFunction(() => document.querySelector('.rounds-view h2 [data-round-status]')?.textContent === '已评定');
    expect(await page.textContent('.members-table tr[data-subject="A2"] td.score')).toBe('92.73');
    expect(await page.textContent('.members-table tr[data-subject="A2"] td.grade')).toBe('称职');
    // Only what may be amended is offered: not the inputs the server fills, nor the unit (`分组 单位`:
    // it comes from the roster; the server refuses it in an amendment).
    await page.waitForSelector('select[name="amend-field"] option[value="年度测评分"]', { state: 'attached' });
    expect(await page.$$eval('select[name="amend-field"] option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['年度测评分']);
    await page.evaluate(() => document.querySelector('[data-not-final]')!.scrollIntoView());
    await shot(page, 'i14-07-annual-rollup');
    // A second appeal in the quarter (within its appeal days) makes the annual result out of date.
    await api('POST', `/api/rounds/${roundId}/amendments`, { subject: 'A2', input: { 实绩得分: 98 }, reason: '再次复核' });
    await page.click('[data-action="refresh-round"]');
    await page.waitForSelector('[data-out-of-date]');
    expect(await page.textContent('[data-out-of-date] .lead')).toBe('本批次引用的考核结果在最近一次评定之后已更正或新近确定，当前结果仍按原先读到的结果计算。');
    // Still `evaluated`: evaluating again is the way out (a source refresh too), and 公示 waits for it.
    expect(await page.textContent('[data-out-of-date] .way-out')).toBe('重新评定即可采用更正后的结果，也可在下面刷新引用结果（记为一次来源刷新）。');
    expect(await page.isDisabled('[data-action="publicize"]')).toBe(true);
    await page.click('[data-action="evaluate-round"]');
    await page.waitForSelector('[data-out-of-date]', { state: 'detached' });
    // 实绩得分 98 in 2026-Q2: 73.5 + 22.75 = 96.25 → (88.75 + 96.25) / 2 = 92.5; 95% × 92.5 + 4.5 = 92.375 → 92.38.
    expect(await page.textContent('.members-table tr[data-subject="A2"] td.score')).toBe('92.38');
    expect(await page.isDisabled('[data-action="publicize"]')).toBe(false);
    expect(annual).toMatch(/^rd_/);
  });
});
