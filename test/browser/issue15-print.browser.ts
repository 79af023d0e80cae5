// Issue 15, officer #5 and lead L2: a typical feedback sheet prints on ONE A4 sheet. The sheet of a
// person with eight indicators, three earlier periods, a deduction counted per occurrence and capped,
// a capped reward, two follow-up actions and improve areas is built from a real engine result
// (report/feedback), rendered (report/render/html.ts) and printed by headless Chromium to an A4 PDF
// whose pages are counted; a unit file of two people prints two sheets (each person starts a new
// sheet); the signature row (each signer with a date of their own) stays inside the printable width.
// No server: the page is set as content, as the server would answer it.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { factsOf, schemeFactsOf } from '../../analytics/facts.js';
import { indicatorMeansByUnit } from '../../analytics/means.js';
import { engine } from '../../engine/index.js';
import { feedbackDoc } from '../../report/feedback/sheet.js';
import { termsOf } from '../../report/feedback/terms.js';
import type { FeedbackContext, FeedbackPerson } from '../../report/feedback/types.js';
import type { Doc } from '../../report/model.js';
import { renderHtml } from '../../report/render/html.js';
import { ARTIFACTS, BROWSER_TESTS, launch } from './harness.js';

const NAMES = ['政治素质', '理论学习', '工作能力', '工作作风', '工作实绩', '群众评价', '廉洁自律', '创新创优'];

const SOURCE = `方案 打印测试 "县直机关公务员季度平时考核" {
  周期 季度
  精度 2
  分组 科室
  输入 {
    科室: 文本
${NAMES.map((n, i) => `    f${i} "${n}得分": 数值 属于 [0, 100]`).join('\n')}
    迟到次数 "迟到早退次数": 整数 >= 0 = 0
    表彰 "受到表彰次数": 整数 >= 0 = 0
  }
${NAMES.map((n, i) => `  指标 ${n} 权重 ${i < 4 ? 15 : 10}% = f${i}`).join('\n')}
  负面清单 纪律 "纪律和作风负面清单" {
    事项 迟到 "迟到早退" 当 迟到次数 >= 2 => 扣 1 每 迟到次数 上限 3, 措施 约谈提醒
  }
  加分项 加分 "表彰加分" 上限 3 {
    事项 受表彰 "受到表彰" 当 表彰 > 0 => 加 1 每 表彰
  }
  等次 {
    优秀 当 总分 >= 90
    称职 当 总分 >= 70
    基本称职 当 总分 >= 60
    不称职 其他
  }
  结果运用 {
    奖金系数 { 优秀: 1.2, 称职: 1.0, 基本称职: 0.6, 不称职: 0 }
    措施 约谈提醒 "由科室负责人约谈提醒" 当 评定等次 == 基本称职
    措施 限期改进 "限期改进" 当 评定等次 == 不称职
    改进 低于 75 上限 3
  }
}`;

const scores = (seed: number) => Object.fromEntries(NAMES.map((_, i) => [`f${i}`, 62 + ((seed * 7 + i * 11) % 33)]));
const SUBJECTS = Array.from({ length: 6 }, (_, k) => ({
  id: `P${k + 1}`,
  input: { 科室: '综合科', ...scores(k), 迟到次数: k === 0 ? 4 : 0, 表彰: k === 0 ? 4 : 0 },
  display: { 姓名: ['董丽', '王五', '张三', '李四', '赵六', '钱七'][k]!, 职务: '一级科员' },
}));

/** The feedback sheets of the first `count` people, as the server builds them. */
async function sheets(count: number): Promise<Doc> {
  const prepared = engine.prepare(SOURCE).value!;
  const scheme = schemeFactsOf(prepared);
  const out = await engine.evaluateCohort(prepared, SUBJECTS, { period: '2026-Q3', lang: 'zh' });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  const facts = factsOf(out.value, SUBJECTS.map((s) => ({ id: s.id, unit: '综合科' })), scheme);
  const [means] = indicatorMeansByUnit(facts);
  const ctx: FeedbackContext = { lang: 'zh', scheme, round: { id: 'rd_1', name: null, period: '2026-Q3' }, terms: termsOf(prepared, 'zh') };
  const history = [{ period: '2025-Q4', score: '86.20', grade: '称职' }, { period: '2026-Q1', score: '88.05', grade: '称职' }, { period: '2026-Q2', score: '91.30', grade: '优秀' }];
  const people: FeedbackPerson[] = out.value.results.slice(0, count).map((result, i) => ({
    result, unit: '综合科', cohortSize: SUBJECTS.length, unitMeans: means!, history, input: SUBJECTS[i]!.input,
  }));
  return feedbackDoc(ctx, people, count > 1 ? '综合科' : undefined);
}

/** The pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
const pdfPages = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

describe.skipIf(!BROWSER_TESTS)('a feedback sheet prints on one A4 sheet (officer #5)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    page = await browser.newPage({ locale: 'zh-CN' });
  });
  afterAll(async () => { await browser?.close(); });

  const print = async (doc: Doc, name: string): Promise<number> => {
    await page.setContent(renderHtml(doc), { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    writeFileSync(join(ARTIFACTS, `${name}.pdf`), pdf);
    return pdfPages(pdf);
  };

  it('one person with 8 indicators, 3 earlier periods, deductions, rewards and actions: one page', async () => {
    const doc = await sheets(1);
    const text = JSON.stringify(doc, (_, v) => (v && typeof v === 'object' && 'num' in v ? v.num : v)).split('","').join('');
    expect(text).toContain('每次扣1分'); // the typical sheet really has the long parts
    expect(text).toContain('改进线');
    expect(await print(doc, 'issue15-print-one')).toBe(1);
  });

  it('a unit file starts each person on a new sheet: two people, two pages', async () => {
    expect(await print(await sheets(2), 'issue15-print-unit')).toBe(2);
  });

  it('the signature row, each signer with a date of their own, stays inside the printable width', async () => {
    await page.setContent(renderHtml(await sheets(1)), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: Math.round((210 - 36) / 25.4 * 96), height: 1200 }); // A4 less the margins
    const boxes = await page.evaluate(() => {
      const section = document.querySelector('section.page')!.getBoundingClientRect();
      // the right end of each place's text (a squeezed box lets its text run out of it)
      const textRight = (e: Element) => { const r = document.createRange(); r.selectNodeContents(e); return Math.max(...Array.from(r.getClientRects()).map((x) => x.right)); };
      return { right: section.right, sigs: Array.from(document.querySelectorAll('.signatures .sig')).map((e) => Math.max(e.getBoundingClientRect().right, textRight(e))) };
    });
    expect(boxes.sigs.length).toBe(4);
    for (const r of boxes.sigs) expect(r).toBeLessThanOrEqual(boxes.right + 0.5);
    await page.emulateMedia({ media: 'screen' });
  });
});
