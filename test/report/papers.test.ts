// The official papers (issue 15, report/papers/) and the HTML renderer (report/render/html.ts): the
// 公示名单 按姓氏笔画 (stroke count of the surname first, equal names by id), its workbook with the same
// rows, the result notice's wording, the 登记表's form — and a hostile name from a roster printed as
// text in every kind of block, never as markup.

import { describe, expect, it } from 'vitest';
import type { Block, Doc } from '../../report/model.js';
import { noticeDoc } from '../../report/papers/notice.js';
import { publicityDoc, publicityWorkbook } from '../../report/papers/publicity.js';
import { registerDoc } from '../../report/papers/register.js';
import { byStroke } from '../../report/papers/stroke.js';
import type { PaperContext, PaperPerson } from '../../report/papers/types.js';
import { PAPER_CSS } from '../../report/render/css.js';
import { renderHtml } from '../../report/render/html.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const ctx = (lang: 'zh' | 'en' = 'zh', publicityUntil: string | null = '2026-04-10'): PaperContext => ({
  lang, scheme: '机关工作人员季度平时考核', round: { id: 'rd_1', name: null, period: '2026', publicityUntil, appealDays: 30 },
});
const person = (subject: string, name: string, grade: string | null, unit = '办公室'): PaperPerson => ({ subject, name, unit, grade });

describe('按姓氏笔画', () => {
  it('orders by the strokes of the surname: 丁 (2) 马 (3) 王 (4) 张 (7) 欧阳 (8); equal names by id', () => {
    const people = [person('9', '欧阳修', '称职'), person('3', '张三', '称职'), person('2', '王五', '优秀'), person('8', '丁一', '称职'),
      person('5', '马六', '称职'), person('1', '张三', '基本称职')];
    expect(byStroke(people).map((p) => `${p.name}${p.subject}`)).toEqual(['丁一8', '马六5', '王五2', '张三1', '张三3', '欧阳修9']);
  });

  it('the 公示名单 numbers the sorted rows; 职务 only when someone has one; the workbook has the same rows', () => {
    const people = [person('b', '王五', '优秀'), person('a', '丁一', null)];
    const doc = publicityDoc(ctx(), people);
    const table = doc.pages[0]!.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table')!;
    expect(table.head).toEqual(['序号', '姓名', '单位', '等次']);
    expect(table.rows).toEqual([['1', '丁一', '办公室', '不定等次'], ['2', '王五', '办公室', '优秀']]);
    const text = JSON.stringify(doc);
    expect(text).toContain('公示期至2026年4月10日（含当日）。');
    expect(text).toContain('监督电话：');
    const sheet = publicityWorkbook(ctx(), people).sheets[0]!;
    const head = sheet.rows.findIndex((r) => r[0] === '序号');
    expect(sheet.rows[head]).toEqual(table.head);
    expect(sheet.rows.slice(head + 1)).toEqual([[1, '丁一', '办公室', '不定等次'], [2, '王五', '办公室', '优秀']]);
    expect(sheet.headerRows).toBe(head + 2);
    expect(JSON.stringify(publicityDoc(ctx('zh', null), people))).toContain('公示期：　　年　　月　　日至');
  });

  it('the 公示名单 workbook is headed like the page: title, scheme and period with the unit, 公示期, 监督电话 above the table (officer #12)', () => {
    const sheet = publicityWorkbook(ctx(), [person('a', '丁一', '称职')], '办公室').sheets[0]!;
    expect(sheet.columns.map((c) => c.header)).toEqual(['考核结果公示', '', '', '']);
    const head = sheet.rows.findIndex((r) => r[0] === '序号');
    const above = sheet.rows.slice(0, head).map((r) => r[0] ?? '').join('\n');
    expect(above).toContain('机关工作人员季度平时考核　2026年度　办公室');
    expect(above).toContain('公示期至2026年4月10日（含当日）。');
    expect(above).toMatch(/^监督电话：/m);
    for (const r of sheet.rows.slice(0, head)) expect(r.slice(1).every((c) => c === null)).toBe(true);
  });
});

describe('notice and register', () => {
  it('the notice reads as a 公文: salutation, grade, appeal days, 特此通知', () => {
    const doc = noticeDoc(ctx(), [person('a', '张三', '称职')]);
    const text = doc.pages[0]!.blocks.map((b) => (b.kind === 'paragraph' ? b.text ?? b.runs!.map((r) => (typeof r === 'string' ? r : 'num' in r ? r.num : r.strong)).join('') : '')).join('');
    expect(text).toBe('张三同志：经考核，你2026年度考核等次为称职。如对考核结果有异议，可在收到本通知之日起30日内申请复核。特此通知。');
    expect(doc.title).toBe('张三考核结果通知书（2026年度）');
    const none = noticeDoc(ctx('en'), [person('a', 'Zhang San', null)]);
    expect(JSON.stringify(none)).toContain('you are given no grade for the year 2026');
  });

  it('the 年度考核登记表 of an annual round: its fields and three signature places', () => {
    const doc = registerDoc(ctx(), [person('a', '张三', '优秀'), person('b', '王五', '称职')]);
    expect(doc.pages.map((p) => p.title)).toEqual(['年度考核登记表', '年度考核登记表']);
    const fields = doc.pages[0]!.blocks.filter((b) => b.kind === 'fields').flatMap((b) => (b.kind === 'fields' ? b.items : []));
    expect(fields.find((x) => x.label === '考核年度')!.value).toBe('2026年度');
    expect(fields.find((x) => x.label === '个人总结')!.lines).toBe(10);
    expect(doc.pages[0]!.blocks.filter((b) => b.kind === 'signatures').length).toBe(3);
  });
});

describe('renderHtml', () => {
  const everyBlock = (t: string): Doc => ({
    lang: 'zh', title: t,
    pages: [{
      title: t, subtitle: t,
      blocks: [
        { kind: 'heading', level: 2, text: t },
        { kind: 'paragraph', text: t, tone: 'note' },
        { kind: 'paragraph', runs: [t, { strong: t }, { num: t }] },
        { kind: 'list', items: [[t]], ordered: true },
        { kind: 'table', caption: t, head: [t], rows: [[t]] },
        { kind: 'fields', items: [{ label: t, value: t }, { label: t, wide: true, lines: 2 }] },
        { kind: 'lines', label: t, count: 1 },
        { kind: 'signatures', items: [t] },
      ],
    }, { title: 'x', blocks: [] }],
  });

  it('prints a hostile name as text in every kind of block, and nothing as markup', () => {
    const html = renderHtml(everyBlock(HOSTILE));
    expect(html).not.toContain('<img');
    expect(html.split('&lt;img src=x onerror=alert(1)&gt;').length - 1).toBe(17);
    const quotes = renderHtml(everyBlock('"><script>alert(1)</script>&\''));
    expect(quotes).not.toContain('<script');
    expect(quotes.split('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;').length - 1).toBe(17);
  });

  it('drops control characters and bidi overrides from every piece of text, keeping the rest in order (hostile15 F4)', () => {
    const evil = 'X\u001b[2J\u001b]0;PWNED\u0007Y\u0000Z\u202eW\u009b31mV\u007f\u2066Q';
    const html = renderHtml(everyBlock(evil));
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(html.split('X[2J]0;PWNEDYZW31mVQ').length - 1).toBe(17);
  });

  it('a complete page: one section per Page, the one style exactly PAPER_CSS, no script', () => {
    const html = renderHtml(everyBlock('张三'));
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(html.match(/<section class="page">/g)!.length).toBe(2);
    expect(html.match(/<style>([\s\S]*?)<\/style>/)![1]).toBe(PAPER_CSS);
    expect(html).not.toMatch(/<script|style="/);
    expect(PAPER_CSS).toContain('@page { size: A4; margin: 12mm 16mm; }');
    expect(PAPER_CSS).toMatch(/tr \{ break-inside: avoid; \}/);
  });
});
