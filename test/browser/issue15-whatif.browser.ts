// Issue 15 in the editor (zh), the 发布前模拟 and the printable papers: a small annual scheme with two
// units and a 20% 优秀 quota is published and a round of 10 people evaluated through the API; in the
// editor its two weights are swapped (工作实绩 60% → 40%, 民主测评 40% → 60%) and the publish panel's
// 发布前模拟 runs the round's inputs under that text — the distribution per unit, the quotas, the
// changed rules (a click selects the rule in Monaco), the changed people and one person's two
// explanations side by side; a stricter negative list (an added item) names the item and its line;
// a text with an error is refused with its diagnostics; and nothing is stored (the round keeps its
// one revision). Then the round's papers: the links per unit, a feedback
// sheet opened in a new tab and shot with print media emulated, and the person page's links.
// Screenshots in test/artifacts/issue15-*.png.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, BROWSER_TESTS, englishWords, inPage, shot } from './harness.js';
import { RoundsSession } from './rounds-harness.js';

const SCHEME = `方案 模拟考核 "发布前模拟测试方案" {
  周期 年度
  精度 2
  分组 单位

  输入 {
    单位: 文本
    实绩: 数值 属于 [0, 100]
    测评分: 数值 属于 [0, 100]
    通报批评: 布尔 = 否
  }

  指标 工作实绩 权重 60% = 实绩
  指标 民主测评 权重 40% = 测评分

  负面清单 纪律 "纪律和作风" {
    事项 通报 "受到通报批评" 当 通报批评 => 最高 称职
  }

  等次 {
    优秀 当 总分 >= 90 比例 20% 至少 1
    称职 当 总分 >= 60
    不称职 其他
  }
}
`;
// The weights swapped: 0.4 × 实绩 + 0.6 × 测评分.
const SWAPPED = SCHEME.replace('工作实绩 权重 60%', '工作实绩 权重 40%').replace('民主测评 权重 40%', '民主测评 权重 60%');

// Before (0.6/0.4) → after (0.4/0.6); 优秀 needs 90 and is at most 20% of a unit (5 → 1 place):
//   A1 张伟 98/80: 58.8 + 32 = 90.8 优秀 → 39.2 + 48 = 87.2 称职 (down: 综合科 loses its 优秀)
//   A2 王芳 85/93: 51 + 37.2 = 88.2 → 34 + 55.8 = 89.8, 称职 both; rank 3 → 2
//   A3 80/80, A4 70/70, A5 50/50: the same either way
//   B1 95/95 优秀 both; B2 85/85; B3 75/75 (通报批评: at most 称职) rank 7 → 6;
//   B5 90/60: 54 + 24 = 78 → 36 + 36 = 72, rank 6 → 7
// So 综合科 优秀 1 → 0, 称职 3 → 4; 办公室 unchanged; four people change (A1, A2, B3, B5).
const PEOPLE: [string, string, string, number, number, boolean?][] = [
  ['A1', '张伟', '综合科', 98, 80], ['A2', '王芳', '综合科', 85, 93], ['A3', '李娜', '综合科', 80, 80],
  ['A4', '刘洋', '综合科', 70, 70], ['A5', '陈静', '综合科', 50, 50],
  ['B1', '杨磊', '办公室', 95, 95], ['B2', '赵敏', '办公室', 85, 85], ['B3', '黄强', '办公室', 75, 75, true],
  ['B4', '周杰', '办公室', 65, 65], ['B5', '吴霞', '办公室', 90, 60],
];

describe.skipIf(!BROWSER_TESTS)('issue 15 in the editor: 发布前模拟 and the printable papers', () => {
  const session = new RoundsSession();
  const { api } = session;
  let page: Page;
  let roundId = '';

  beforeAll(async () => {
    ({ page } = await session.open());
    await api('POST', '/api/schemes', { source: SCHEME });
    await api('POST', `/api/schemes/${encodeURIComponent('模拟考核')}/publish`);
    roundId = (await api<{ id: string }>('POST', '/api/rounds', { scheme: '模拟考核', period: '2026', name: '2026年度考核' })).id;
    await api('PUT', `/api/rounds/${roundId}/roster`, { members: PEOPLE.map(([id, name, unit]) => ({ id, unit, status: 'take', display: { 姓名: name } })) });
    await api('POST', `/api/rounds/${roundId}/inputs`, { subjects: PEOPLE.map(([id, , , work, vote, warned]) => ({ id, input: { 实绩: work, 测评分: vote, ...(warned ? { 通报批评: true } : {}) } })) });
    await api('POST', `/api/rounds/${roundId}/evaluate`);
  }, 240_000);
  afterAll(session.close);

  /** Opens the scheme in the editor with `text` on screen (unsaved) and the publish tab shown. */
  const editTo = async (text: string) => {
    await inPage(page, async (k, a) => { if (k.app.state.schemeId !== '模拟考核') await k.app.open('模拟考核'); k.model.setValue(a); }, text);
    await page.click('[data-tab="publish"]');
    await page.waitForSelector(`select[name="whatif-round"] option[value="${roundId}"]`, { state: 'attached' });
  };
  const runWhatIf = async () => {
    await page.selectOption('select[name="whatif-round"]', roundId);
    await page.click('[data-action="whatif"]');
    await page.waitForSelector('.whatif-report, .whatif-output .problems-box');
  };

  it('runs the round’s inputs under the edited weights: per unit before → after, quotas, rules, the people who change', async () => {
    await editTo(SWAPPED);
    expect(await page.textContent('.whatif h3')).toBe('发布前模拟');
    await runWhatIf();
    expect(await page.isVisible('.whatif-report [data-nothing-stored]')).toBe(true);
    expect(await page.textContent('.whatif-summary')).toBe('10 人中有 4 人的结果变化：等次上升 0 人，下降 1 人；总分变化 3 人，仅名次变化 1 人，措施变化 0 人。');
    const cell = (unit: string, grade: string) => page.textContent(`.whatif-distribution tr[data-unit="${unit}"] td[data-grade="${grade}"]`);
    expect(await cell('综合科', '优秀')).toBe('1 → 0');
    expect(await cell('综合科', '称职')).toBe('3 → 4');
    expect(await cell('综合科', '不称职')).toBe('1');
    expect(await cell('办公室', '优秀')).toBe('1');
    expect(await cell('', '优秀')).toBe('2 → 1');
    expect(await page.$$eval('.whatif-distribution td.moved', (xs) => xs.map((x) => x.closest('tr')!.getAttribute('data-unit')))).toEqual(['综合科', '综合科', '', '']);
    // The quota of 综合科: 1 place either way (至少 1), held by 1 before and by nobody after.
    expect(await page.textContent('.whatif-quotas tr[data-unit="综合科"][data-grade="优秀"] td[data-admitted]')).toBe('1 → 0');
    // The two changed declarations, each with its line in the editor's text.
    expect(await page.$$eval('.whatif-rules li[data-rule]', (xs) => xs.map((x) => x.getAttribute('data-rule')))).toEqual(['indicator:工作实绩', 'indicator:民主测评']);
    // The people, in the round's order, with the direction of their grade.
    expect(await page.$$eval('.whatif-changes tr.whatif-person', (xs) => xs.map((x) => [x.getAttribute('data-subject'), x.getAttribute('data-direction')])))
      .toEqual([['A1', 'down'], ['A2', 'same'], ['B3', 'same'], ['B5', 'same']]);
    // Scores at the scheme's precision (精度 2), rules by their labels, the reason saying which rank (lead L1, officer #7, #11).
    expect(await page.textContent('.whatif-changes tr[data-subject="A1"] td.before')).toBe('90.80 · 优秀 · 第 2 名（组内第 1 名）');
    expect(await page.textContent('.whatif-changes tr[data-subject="A1"] td.after')).toBe('87.20 · 称职 · 第 3 名（组内第 2 名）');
    expect(await page.$$eval('.whatif-rules li[data-rule] > b', (xs) => xs.map((x) => x.textContent))).toEqual(['指标“工作实绩”', '指标“民主测评”']);
    expect(await page.textContent('.whatif-reason[data-reason-of="A1"]')).toContain('得分 90.80 → 87.20');
    expect(await page.textContent('.whatif-reason[data-reason-of="A1"]')).toContain('组内名次 1 → 2');
    expect(await englishWords(page, '.whatif')).toEqual([]);
    await page.evaluate(() => document.querySelector('.whatif')!.scrollIntoView());
    await shot(page, 'issue15-whatif-table');
  });

  it('shows a changed person’s two explanations side by side, and a changed rule’s line in Monaco', async () => {
    await page.click('.whatif-changes tr[data-subject="A1"]');
    const detail = '.whatif-detail[data-detail="A1"]';
    await page.waitForSelector(detail);
    expect(await page.textContent(`${detail} h4`)).toBe('张伟（A1）：之前与之后');
    expect(await page.$$eval(`${detail} [data-part="totals"] tr[data-row="grade"] td`, (xs) => xs.map((x) => [x.textContent, x.classList.contains('moved')])))
      .toEqual([['优秀', false], ['称职', true]]);
    // Both indicators differ: weight, and points (the scores are the inputs, the same).
    const rows = await page.$$eval(`${detail} [data-part="indicators"] tbody tr`, (trs) => trs.map((tr) => [tr.getAttribute('data-node'),
      ...Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)]));
    expect(rows).toEqual([['工作实绩', '60% → 40%', '98.00', '58.80 → 39.20'], ['民主测评', '40% → 60%', '80.00', '32.00 → 48.00']]);
    expect(await page.$$eval(`${detail} [data-part="rules"] li`, (xs) => xs.map((x) => x.getAttribute('data-rule')))).toEqual(['indicator:工作实绩', 'indicator:民主测评']);
    expect(await page.textContent(`${detail} [data-part="reasons"] td.before`)).not.toBe(await page.textContent(`${detail} [data-part="reasons"] td.after`));
    expect(await englishWords(page, detail)).toEqual([]);
    await page.evaluate((sel) => document.querySelector(sel)!.scrollIntoView(), detail);
    await shot(page, 'issue15-whatif-detail');

    // A rule's line: the editor selects the declaration as the simulated text has it.
    await page.click(`${detail} [data-part="rules"] li[data-rule="indicator:民主测评"] a.rule-line`);
    const selected = await inPage(page, (k) => { const s = k.editor.getSelection(); return k.model.getValueInRange(s); });
    expect(selected.trim()).toBe('指标 民主测评 权重 60% = 测评分');
  });

  it('stores nothing: the round keeps its one revision and the editor its unsaved text', async () => {
    const r = await api<{ revision: number; status: string }>('GET', `/api/rounds/${roundId}`);
    expect([r.revision, r.status]).toEqual([1, 'evaluated']);
    expect(await page.getAttribute('[data-dirty]', 'data-dirty')).toBe('true');
    const versions = await api<{ versions: { n: number }[] }>('GET', `/api/schemes/${encodeURIComponent('模拟考核')}`);
    expect(versions.versions.map((v) => v.n)).toEqual([1]);
  });

  it('names a negative-list item that applies only under the edited text, its line a click away', async () => {
    // A stricter negative list: 民主测评 below 65 costs 2 points — B5 (60) and A5 (50) only.
    const stricter = SWAPPED.replace('    事项 通报 ', '    事项 低分 "民主测评偏低" 当 测评分 < 65 => 扣 2\n    事项 通报 ');
    await editTo(stricter);
    await runWhatIf();
    expect(await page.$$eval('.whatif-rules li[data-rule]', (xs) => xs.map((x) => [x.getAttribute('data-rule'), x.getAttribute('data-change')])))
      .toEqual([['indicator:工作实绩', 'changed'], ['indicator:民主测评', 'changed'], ['item:纪律.低分', 'added']]);
    // B5: 36 + 36 − 2 = 70 (was 78).
    expect(await page.textContent('.whatif-changes tr[data-subject="B5"] td.after')).toMatch(/^70\.00 · 称职 · /);
    expect(await page.textContent('.whatif-rules li[data-rule="item:纪律.低分"] > b')).toBe('“纪律和作风”中的“民主测评偏低”事项');
    await page.click('.whatif-changes tr[data-subject="B5"]');
    const item = '.whatif-detail[data-detail="B5"] [data-part="items"] tr[data-item="纪律.低分"]';
    await page.waitForSelector(item);
    expect(await page.$$eval(`${item} td`, (xs) => xs.map((x) => x.textContent))).toEqual(['不适用', '适用（第 17 行）']);
    await page.click(`${item} a.rule-line`);
    const selected = await inPage(page, (k) => k.model.getValueInRange(k.editor.getSelection()));
    expect(selected.trim()).toBe('事项 低分 "民主测评偏低" 当 测评分 < 65 => 扣 2');
    await page.evaluate((sel) => document.querySelector(sel)!.closest('.whatif-detail')!.scrollIntoView(), item);
    await shot(page, 'issue15-whatif-item');
  });

  it('refuses a text with an error, listing its diagnostics with their lines', async () => {
    await editTo(SWAPPED.replace('权重 60% = 测评分', '权重 60% = 测评'));
    await runWhatIf();
    const box = '.whatif-output .problems-box';
    expect(await page.getAttribute(box, 'data-refused')).toBeTruthy();
    expect(await page.textContent(`${box} p b`)).toBe('编辑器中的文本无法模拟，请先改正以下问题。');
    expect(await page.$$eval(`${box} a.rule-line`, (xs) => xs.length)).toBeGreaterThan(0);
    await shot(page, 'issue15-whatif-refused');
    await editTo(SWAPPED);
  });

  it('links the round’s papers per unit; a feedback sheet opens in a new tab and prints on A4', async () => {
    await page.evaluate((id) => { location.hash = `#rounds/${id}`; }, roundId);
    await page.waitForSelector('.round-papers [data-papers-unit="综合科"]');
    expect(await page.$$eval('.round-papers tr[data-papers-unit]', (xs) => xs.map((x) => x.getAttribute('data-papers-unit')))).toEqual(['综合科', '办公室']);
    expect(await page.$$eval('.round-papers [data-papers-unit="综合科"] a', (xs) => xs.map((x) => [x.textContent, x.getAttribute('target')])))
      .toEqual([['反馈表', '_blank'], ['登记表', '_blank'], ['结果通知', '_blank'], ['公示名单', '_blank'], ['公示名单（Excel）', '_blank']]);
    expect(await englishWords(page, '.round-papers')).toEqual([]);
    // Every link is a page the server has: an A4 page (HTML), or the workbook for the Excel ones.
    const answers = await page.$$eval('.round-papers a.paper-link', (as) => Promise.all(as.map(async (a) => {
      const res = await fetch((a as HTMLAnchorElement).href);
      return [a.getAttribute('data-paper'), res.status, (res.headers.get('content-type') ?? '').split(';')[0]];
    })));
    expect(answers).toEqual([
      ['publicity', 200, 'text/html'], ['publicity-xlsx', 200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['results-xlsx', 200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], // the round's results (session 7, U6 M-9)
      ...[1, 2].flatMap(() => [['feedback', 200, 'text/html'], ['register', 200, 'text/html'], ['notice', 200, 'text/html'],
        ['publicity', 200, 'text/html'], ['publicity-xlsx', 200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']]),
    ]);
    await page.evaluate(() => document.querySelector('.round-papers')!.scrollIntoView());
    await shot(page, 'issue15-round-papers');

    // A person's page: the papers of each round they were evaluated in.
    await page.click('.members-table tr[data-subject="A1"] td.id a');
    await page.waitForSelector(`.person-papers li[data-papers-round="${roundId}"]`);
    expect(await page.$$eval(`.person-papers li[data-papers-round="${roundId}"] a`, (as) => as.map((a) => a.textContent))).toEqual(['反馈表', '登记表', '结果通知']);
    const personal = await page.$$eval('.person-papers a.paper-link', (as) => Promise.all(as.map(async (a) => (await fetch((a as HTMLAnchorElement).href)).status)));
    expect(personal).toEqual([200, 200, 200]);
    const [sheet] = await Promise.all([
      page.context().waitForEvent('page'),
      page.click(`.person-papers li[data-papers-round="${roundId}"] a[data-paper="feedback"]`),
    ]);
    await sheet.waitForLoadState();
    expect(sheet.url()).toContain(`/api/rounds/${roundId}/feedback/A1?lang=zh`);
    const text = (await sheet.textContent('body')) ?? '';
    expect(text).toContain('张伟');
    expect(text).toContain('90.8');
    await sheet.emulateMedia({ media: 'print' });
    await sheet.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    // The whole sheet down to the signatures, as it prints.
    await sheet.screenshot({ path: join(ARTIFACTS, 'issue15-feedback-print.png'), fullPage: true });
    await sheet.close();
  });

  it('links the open scheme version in plain words from the schemes panel', async () => {
    // Back to the editor, where 模拟考核 version 1 is open (its text edited, not saved).
    await page.click('[data-action="back-editor"]');
    await page.click('[data-tab="schemes"]');
    await page.waitForSelector('.scheme-document a[data-paper="scheme-document"]');
    expect(await page.textContent('.scheme-document a')).toBe('方案说明（版本 1）');
    const [doc] = await Promise.all([page.context().waitForEvent('page'), page.click('.scheme-document a')]);
    await doc.waitForLoadState();
    expect(doc.url()).toContain(`/api/schemes/${encodeURIComponent('模拟考核')}/versions/1/document?lang=zh`);
    expect((await doc.textContent('body')) ?? '').toContain('工作实绩');
    await shot(doc, 'issue15-scheme-document');
    await doc.close();
  });
});
