// Batch work and results in the editor, as an organization department uses them (issue 11 items
// 7–10): a roster with more columns than the scheme's inputs, uploaded as .xlsx; a template and the
// results downloaded as .xlsx and .csv; errors that name the row and column; the try-it explanation;
// and the cohort table at 1366 px — grades on one line, scores with the scheme's precision, caps
// explained, a cohort without `cohort by` labelled 全体, effects in the UI language. Each step leaves
// a screenshot in test/artifacts/ (batch-*.png).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { BROWSER_TESTS, openSession, ROOT, shot } from './harness.js';

const PROVINCE = '省直年度考核';
const ANNUAL = '年度考核'; // no `cohort by`; caps, a veto and no-grade items
const WINDOW = '窗口季度考核'; // cohort by 窗口

/** A roster as an organization department keeps it: the scheme's inputs plus 姓名, 科室 and 职务.
 * Row 1 is the header, person i is on row i + 2. */
function windowRoster(n: number, edit: (row: (string | number)[], i: number) => void = () => {}): (string | number)[][] {
  const head = ['编号', '姓名', '科室', '职务', '岗位', '窗口', '办件量', '按时办结数', '满意度评价.群众', '满意度评价.同事', '满意度评价.负责人', '有效投诉'];
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周婷', '吴昊'];
  const rows = Array.from({ length: n }, (_, i) => {
    const row: (string | number)[] = [`W${String(i + 1).padStart(3, '0')}`, `${names[i % 10]}${i >= 10 ? '二' : ''}`, i % 2 ? '审批科' : '综合科', '科员',
      '受理', i < n / 2 ? '税务窗口' : '社保窗口', 500 + i * 37, 490 + i * 36, `${90 + (i % 7)}、88、92、95、86、91`, `${85 + (i % 5)}`, '90', i % 4 === 0 ? 1 : 0];
    edit(row, i);
    return row;
  });
  return [head, ...rows];
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名单');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The first sheet's rows (and the sheet names) of a downloaded .xlsx. */
async function readXlsx(d: Download): Promise<{ sheets: string[]; rows: unknown[][] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await d.path())!);
  const rows: unknown[][] = [];
  book.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return { sheets: book.worksheets.map((w) => w.name), rows };
}

type Subject = { id: string; input: Record<string, unknown> };

function cases(file: string): { name: string; subject?: Subject; subjects?: Subject[] }[] {
  return JSON.parse(readFileSync(join(ROOT, '../shared/spec/examples', file), 'utf8')).cases;
}

/** English words in the visible text of `selector`, outside code (names and numbers are allowed). */
async function englishWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const root of Array.from(document.querySelectorAll(sel))) {
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement!;
        if (el.closest('code, textarea, .monaco-editor') || !el.getClientRects().length) continue;
        // Names are quoted (“窗口名单.xlsx”); what is left must have no English word.
        out.push(...(n.textContent!.replace(/“[^”]*”/g, '').match(/[A-Za-z]{2,}(?:[\s,.:;]+[A-Za-z]{2,})*/g) ?? []));
      }
      // Attributes people read: placeholders and tooltips; and the chart's description.
      for (const el of Array.from(root.querySelectorAll('[placeholder], [title], [aria-label]'))) {
        for (const a of ['placeholder', 'title', 'aria-label']) out.push(...(el.getAttribute(a)?.match(/[A-Za-z]{2,}(?:\s+[A-Za-z]{2,})+/g) ?? []));
      }
    }
    return out;
  }, selector);
}

/** Whether the text of every element matched lies on one line. */
const oneLine = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((el) => {
  const r = document.createRange();
  r.selectNodeContents(el);
  const tops = new Set(Array.from(r.getClientRects()).map((x) => Math.round(x.top)));
  return { text: el.textContent, lines: tops.size };
}));

describe.skipIf(!BROWSER_TESTS)('batch work and results', () => {
  let page: Page, close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ page, close } = await openSession({ width: 1366, height: 768 }));
  });
  afterAll(async () => {
    await close?.();
  });

  const open = async (id: string) => {
    await page.click('[data-tab="schemes"]');
    await page.click(`[data-scheme="${id}"] a`);
    await page.waitForFunction((s) => (window as any).kaohe.model.getValue().includes(` ${s} `), id);
    await page.waitForFunction(() => document.querySelector('.problems-head')?.textContent?.includes('0 个错误'));
  };

  /** Try-it on `input` (raw JSON box); resolves when a score is shown. */
  const tryInput = async (input: Record<string, unknown>) => {
    await page.click('[data-tab="tryIt"]');
    await page.waitForSelector('.tryit [data-action="evaluate"]');
    await page.evaluate(() => { (document.querySelector('.rawbox') as HTMLDetailsElement).open = true; });
    await page.fill('.rawbox textarea', JSON.stringify(input));
    await page.evaluate(() => document.querySelector('.tryit .output')!.replaceChildren());
    await page.click('[data-action="evaluate"]');
    await page.waitForSelector('.tryit [data-testid="score"]');
  };

  const provinceExample = () => cases('province-annual.cases.json')[0].subject!.input;

  it('explains a try-it result: raters with trimmed ratings, bands, rules fired, the formula, rounding', async () => {
    await open(PROVINCE);
    await tryInput(provinceExample());
    await page.waitForSelector('[data-testid="explain"]');
    // 同级: five ratings, one dropped at each end (trim 1 when count >= 5), mean of the rest 90.
    const peer = '[data-trace="政治素质"] tr[data-category="同级"]';
    expect(await page.textContent(`${peer} .trimmed`)).toBe('94、80');
    expect(await page.textContent(peer)).toContain('88、90、92');
    expect(await page.textContent('[data-trace="政治素质"]')).toContain('92.86');
    expect(await page.textContent('[data-trace="案件办结"]')).toContain('“>= 95%: 90”');
    expect(await page.textContent('[data-rule="加分.市级表彰"]')).toMatch(/表彰 市级 == 市级.*加 1\.5 分/);
    expect(await page.textContent('.explain .formula')).toContain('92.67 × 1 + 2.50 − 0.00 = 95.17');
    // 共性指标: its indicators' points are 11.14 + 7.20 + 6.90 + 8.00 + 3.80 = 37.04, the category's 37.05.
    expect(await page.textContent('[data-rounding="group"]')).toMatch(/共性指标.*37\.04.*37\.05/);
    // The scheme's precision: 个性指标's score is 92.7, shown 92.70.
    expect(await page.textContent('.result table.groups tr[data-group="个性指标"]')).toContain('92.70');
    await page.evaluate(() => document.querySelector('[data-testid="explain"]')!.scrollIntoView());
    await shot(page, 'batch-01-explain');
    await page.evaluate(() => document.querySelector('.explain .rules')!.scrollIntoView());
    await shot(page, 'batch-01b-explain-rules');
    expect(await englishWords(page, '.panel.tryit .result')).toEqual([]);
  });

  it('says why a capped grade is lower, and names effects in the UI language', async () => {
    await tryInput({ ...provinceExample(), 处分: true, 瞒报次数: 2 });
    expect(await page.textContent('.grade-line .grade')).toBe('基本称职');
    expect(await page.textContent('.grade-line [data-note="cap"]')).toBe('因“受到处分或组织处理”最高评为基本称职');
    const negative = await page.locator('.result section:has(h4:text("负面清单事项")) li').allTextContents();
    expect(negative).toEqual(['政治负面清单 · 受到处分或组织处理：最高评为“基本称职”', '政治负面清单 · 迟报、漏报、瞒报重要情况：扣 4 分']);
    await page.evaluate(() => document.querySelector('.tryit .result')!.scrollIntoView());
    await shot(page, 'batch-02-capped');
    expect(await englishWords(page, '.panel.tryit .result')).toEqual([]);

    // The English UI says the same in English.
    await page.evaluate(() => localStorage.setItem('kaohe.lang', 'en'));
    await page.reload();
    await page.waitForSelector('[data-tab="tryIt"]:has-text("Try it")');
    await page.waitForFunction(() => document.querySelector('.problems-head')?.textContent?.includes('0 errors'));
    await tryInput({ ...provinceExample(), 处分: true, 瞒报次数: 2 });
    expect(await page.textContent('.grade-line [data-note="cap"]')).toBe('capped at 基本称职 by “受到处分或组织处理”');
    expect(await page.locator('.result section:has(h4:text("Negative items")) li').allTextContents())
      .toEqual(['政治负面清单 · 受到处分或组织处理: at most “基本称职”', '政治负面清单 · 迟报、漏报、瞒报重要情况: deduct 4']);
    await page.evaluate(() => document.querySelector('[data-testid="explain"]')!.scrollIntoView());
    await shot(page, 'batch-02b-english-explain');
    await page.evaluate(() => localStorage.setItem('kaohe.lang', 'zh'));
    await page.reload();
    await page.waitForSelector('[data-tab="tryIt"]:has-text("试算")');
  });

  it('brings the try-it result into view at 1366×768 and focuses its heading, after every evaluation', async () => {
    await page.click('[data-tab="tryIt"]');
    await page.waitForSelector('.tryit .example-pick');
    await page.evaluate(() => { (document.querySelector('.rawbox') as HTMLDetailsElement).open = false; });
    await page.selectOption('.tryit .example-pick', { index: 1 });
    /** The outcome's first line: inside the visible part of the panel, and focused. */
    const outcome = () => page.evaluate(() => {
      const head = document.querySelector('.tryit .output > :first-child') as HTMLElement;
      const box = document.querySelector('.panel-box')!.getBoundingClientRect(), r = head.getBoundingClientRect();
      return { text: head.textContent, visible: r.top >= box.top && r.bottom <= Math.min(box.bottom, innerHeight), focused: document.activeElement === head };
    });
    for (let i = 0; i < 2; i++) {
      await page.evaluate(() => { document.querySelector('.panel-box')!.scrollTop = 0; document.querySelector('.tryit .output')!.replaceChildren(); });
      await page.click('[data-action="evaluate"]');
      await page.waitForSelector('.tryit [data-testid="score"]');
      await page.waitForTimeout(100); // a smooth scroll would still be moving
      expect(await outcome()).toMatchObject({ text: expect.stringContaining('计算完成'), visible: true, focused: true });
    }
    await shot(page, 'batch-02c-tryit-1366x768');
  });

  it('shows a cohort at 1366 px: grades on one line, precision, caps and no-grade explained, 全体 for a cohort without `cohort by`', async () => {
    await open(ANNUAL);
    const cohort = cases('annual-composite.cases.json').find((c) => c.subjects)!;
    await page.click('[data-tab="cohort"]');
    await page.fill('.cohort-input', JSON.stringify({ subjects: cohort.subjects }));
    await page.click('[data-action="evaluate-cohort"]');
    await page.waitForSelector('.cohort-result .subjects tbody tr');
    const row = (id: string) => `.cohort-result tr[data-subject="${id}"]`;
    expect(await page.textContent(`${row('冯二')} td.n`)).toBe('83.40');
    expect(await page.textContent(`${row('王五')} td.note`)).toBe('因“称职以上得票率不足三分之二”最高评为称职');
    expect(await page.textContent(`${row('陈三')} td.note`)).toBe('因“受记过及以上处分”不定等次');
    expect(await page.textContent(`${row('陈三')} td.grade`)).toBe('不定等次');
    // A quota demotion: the grade once, then the server's reason after a colon, not nested in （）.
    const quota = await page.locator('.cohort-result td.note[data-note="quota"]').allTextContents();
    expect(quota.length).toBeGreaterThan(0);
    for (const q of quota) expect(q).toMatch(/^按比例调整为[^（：]+：“[^”]+”名额 /);
    for (const cell of await oneLine(page, '.cohort-result td.grade')) expect(cell, String(cell.text)).toMatchObject({ lines: 1 });
    await page.waitForSelector('.cohort-result .chart canvas');
    expect(await page.getAttribute('.cohort-result .chart', 'aria-label')).toContain('全体（13）');
    await shot(page, 'batch-03-cohort-1366');
    expect(await englishWords(page, '.panel.cohort')).toEqual([]);
  });

  /** Uploads `rows` as an .xlsx roster and evaluates it. */
  const upload = async (name: string, rows: (string | number)[][]) => {
    await page.click('[data-tab="cohort"]');
    await page.setInputFiles('[data-roster-input]', { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx(rows) });
    await page.waitForSelector(`[data-roster-file="${name}"]`);
    await page.evaluate(() => document.querySelector('.cohort .output')!.replaceChildren());
    await page.click('[data-action="evaluate-cohort"]');
    await page.waitForSelector('.cohort .output > *:not(p.muted)');
  };

  it('reads an .xlsx roster with extra columns: kept as display fields, one notice, 姓名 and the unit in each row', async () => {
    await open(WINDOW);
    await upload('窗口名单.xlsx', windowRoster(20));
    await page.waitForSelector('.cohort-result .subjects tbody tr');
    const notices = await page.locator('.cohort .notices li').allTextContents();
    expect(notices.filter((n) => n.includes('姓名、科室、职务'))).toHaveLength(1);
    const heads = await page.locator('.cohort-result .subjects thead th').allTextContents();
    expect(heads.slice(0, 3)).toEqual(['编号', '姓名', '窗口']);
    expect(await page.textContent('.cohort-result tr[data-subject="W001"] td.name')).toBe('张伟');
    expect(await page.textContent('.cohort-result tr[data-subject="W020"] td.unit')).toBe('社保窗口');
    expect(await page.locator('.cohort-result .subjects tbody tr').count()).toBe(20);
    await shot(page, 'batch-04-roster-xlsx');
    expect(await englishWords(page, '.panel.cohort')).toEqual([]);
  });

  it('downloads the results as .xlsx (people, then the distribution per unit) and .csv, with 姓名 and the scheme\'s precision', async () => {
    const [x] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-xlsx"]')]);
    expect(x.suggestedFilename()).toBe(`${WINDOW}-考核结果.xlsx`);
    const book = await readXlsx(x);
    expect(book.sheets).toEqual(['考核结果', '等次分布']);
    const [head, ...people] = book.rows;
    expect(head.slice(0, 4)).toEqual(['编号', '姓名', '科室', '职务']);
    expect(head).toContain('总分');
    expect(people).toHaveLength(20);
    expect(people[0].slice(0, 2)).toEqual(['W001', '张伟']);
    const [c] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-csv"]')]);
    expect(c.suggestedFilename()).toBe(`${WINDOW}-考核结果.csv`);
    const csv = readFileSync((await c.path())!, 'utf8');
    expect(csv.startsWith('\ufeff编号,姓名,科室,职务')).toBe(true);
    // Scores with the scheme's precision: every total has two decimals.
    const total = csv.split('\r\n')[0].split(',').indexOf('总分');
    for (const line of csv.split('\r\n').slice(1, 21)) expect(line.split(',')[total]).toMatch(/^\d+\.\d\d$/);
  });

  it('downloads a roster template generated from the scheme, with a notes sheet', async () => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-template"]')]);
    expect(d.suggestedFilename()).toBe(`${WINDOW}-名册模板.xlsx`);
    const book = await readXlsx(d);
    expect(book.sheets).toEqual(['名单', '说明']);
    expect(book.rows[0]).toEqual(expect.arrayContaining(['编号', '姓名', '岗位', '窗口', '满意度评价.群众']));
    expect(book.rows).toHaveLength(2); // the header and one example row
  });

  it('reads a table pasted from Excel (tab-separated), with its extra columns', async () => {
    await page.click('.roster-file button.link'); // 改为粘贴: back from the uploaded file to the text box
    await page.fill('.cohort-input', windowRoster(4).map((r) => r.join('\t')).join('\n'));
    await page.click('[data-action="evaluate-cohort"]');
    await page.waitForFunction(() => document.querySelectorAll('.cohort-result .subjects tbody tr').length === 4);
    expect(await page.textContent('.cohort-result tr[data-subject="W004"] td.name')).toBe('刘洋');
  });

  it('names the row and column of a wrong cell, and of a wrong value the server finds', async () => {
    // 第 7 行: person 6 (row 1 is the header). A number cell with text, and a post that is no 岗位.
    await upload('有误的名单.xlsx', windowRoster(8, (row, i) => { if (i === 5) row[6] = '七百'; if (i === 6) row[4] = '窗口'; }));
    await page.waitForSelector('.cohort .problems-box');
    const lines = await page.locator('.cohort .problems-box li').allTextContents();
    expect(lines.some((l) => l.startsWith('第 7 行 “办件量” 列'))).toBe(true);
    expect(lines.some((l) => l.startsWith('第 8 行 “岗位” 列'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/subjects\[|input\./);
    await shot(page, 'batch-05-roster-errors');
    expect(await englishWords(page, '.panel.cohort')).toEqual([]);
  });

  it('refuses a column one slip from an input that has no column (有效投诉数 for 有效投诉): it would take its default', async () => {
    const rows = windowRoster(4);
    rows[0][rows[0].indexOf('有效投诉')] = '有效投诉数';
    await upload('列名有误的名单.xlsx', rows);
    await page.waitForSelector('.cohort .problems-box');
    const lines = await page.locator('.cohort .problems-box li').allTextContents();
    expect(lines.some((l) => l.startsWith('第 1 行 “有效投诉数” 列') && l.includes('“有效投诉”'))).toBe(true);
    expect(await page.locator('.cohort-result .subjects tbody tr').count()).toBe(0);
    await shot(page, 'batch-06-near-miss-column');
  });
});
