// The feedback sheet built from a real engine result (issue 15, report/feedback/): every figure on
// the page is the result's or derived from it exactly (unit averages recomputed here with plain
// integers); strengths and shortcomings are the indicators furthest above and below the unit
// average, at most three, ties in declaration order; `improve` areas become training needs; items,
// actions and the bonus in words; the Chinese sheet has no English, no rule syntax, no placeholder.

import { describe, expect, it } from 'vitest';
import { factsOf, schemeFactsOf } from '../../analytics/facts.js';
import { indicatorMeansByUnit } from '../../analytics/means.js';
import type { CohortMemberResult } from '../../engine/api.js';
import { engine } from '../../engine/index.js';
import type { Doc, Inline } from '../../report/model.js';
import { feedbackDoc } from '../../report/feedback/sheet.js';
import { termsOf } from '../../report/feedback/terms.js';
import type { FeedbackContext, FeedbackPerson } from '../../report/feedback/types.js';

// Five indicators read straight from the input, 20% each; a reward, a deduction with an action,
// an improve line of 75.
const SOURCE = `scheme 测试反馈 "反馈表测试方案" {
  period quarterly
  precision 2
  cohort by 单位
  input { 单位: text  甲: number  乙: number  丙: number  丁: number  戊: number  表彰: bool = false  投诉: integer >= 0 = 0 }
  indicator 政治素质 weight 20% = 甲
  indicator 工作能力 weight 20% = 乙
  indicator 工作作风 weight 20% = 丙
  indicator 工作实绩 weight 20% = 丁
  indicator 廉洁自律 weight 20% = 戊
  negative 扣分 { item 有效投诉 "被群众有效投诉" when 投诉 > 0 => deduct 1 per 投诉, action 约谈提醒 }
  reward 加分 { item 受表彰 "受到表彰" when 表彰 => add 2 }
  grades {
    优秀 when score >= 85 quota 50%
    称职 when score >= 60
    不称职 otherwise
  }
  outcomes {
    bonus by grade { 优秀: 1.5, 称职: 1, 不称职: 0 }
    improve below 75 max 3
  }
}`;

const prepared = engine.prepare(SOURCE).value!;
const scheme = schemeFactsOf(prepared);
// X: +10 on 政治素质, 工作能力, 工作作风, 廉洁自律 and −10 on 工作实绩 against the unit; Y the opposite.
const SUBJECTS = [
  { id: 'X', input: { 单位: '一科', 甲: 90, 乙: 80, 丙: 80, 丁: 60, 戊: 80, 表彰: true }, display: { 姓名: '赵一' } },
  { id: 'Y', input: { 单位: '一科', 甲: 70, 乙: 60, 丙: 60, 丁: 80, 戊: 60, 投诉: 2 }, display: { 姓名: '钱二' } },
];

async function sheets(lang: 'zh' | 'en'): Promise<{ doc: Doc; results: CohortMemberResult[] }> {
  const out = await engine.evaluateCohort(prepared, SUBJECTS, { period: '2026-Q1', lang });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  const facts = factsOf(out.value, SUBJECTS.map((s) => ({ id: s.id, unit: s.input.单位 })), scheme);
  const [means] = indicatorMeansByUnit(facts);
  const ctx: FeedbackContext = { lang, scheme, round: { id: 'rd_1', name: null, period: '2026-Q1' } };
  const people: FeedbackPerson[] = out.value.results.map((result) => ({
    result, unit: '一科', cohortSize: 2, unitMeans: means!, history: [{ period: '2025-Q4', score: '81.00', grade: '称职' }],
  }));
  return { doc: feedbackDoc(ctx, people, '一科'), results: out.value.results };
}

const runsText = (runs: Inline[]) => runs.map((r) => (typeof r === 'string' ? r : 'num' in r ? r.num : r.strong)).join('');

function pageText(page: Doc['pages'][number]): string {
  return page.blocks.map((b) => {
    switch (b.kind) {
      case 'paragraph': return b.text ?? runsText(b.runs ?? []);
      case 'list': return b.items.map(runsText).join('\n');
      case 'table': return [b.head.join(' '), ...b.rows.map((r) => r.join(' '))].join('\n');
      case 'fields': return b.items.map((x) => `${x.label} ${x.value ?? ''}`).join('\n');
      case 'heading': case 'lines': return 'text' in b ? b.text : b.label;
      case 'signatures': return b.items.join(' ');
    }
  }).join('\n');
}

const nums = (page: Doc['pages'][number]): string[] => page.blocks.flatMap((b) => {
  const of = (runs: Inline[]) => runs.flatMap((r) => (typeof r !== 'string' && 'num' in r ? [r.num] : []));
  if (b.kind === 'paragraph') return of(b.runs ?? []);
  if (b.kind === 'list') return b.items.flatMap(of);
  return [];
});

/** The items of the paragraph that starts `优势：` or `不足：`, one string each. */
const section = (page: Doc['pages'][number], lead: string): string[][] => {
  const text = page.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text ?? runsText(b.runs ?? [])] : [])).find((t) => t.startsWith(`${lead}：`))!;
  return text.slice(lead.length + 1, -1).split('；').map((t) => [t]);
};

describe('feedbackSheet from a real cohort result', () => {
  it('the indicator table is the result\'s, against unit averages recomputed here', async () => {
    const { doc, results } = await sheets('zh');
    results.forEach((r, i) => {
      const table = doc.pages[i]!.blocks.find((b) => b.kind === 'table')!;
      if (table.kind !== 'table') throw new Error();
      // unit mean of each indicator over X and Y in hundredths: (a + b) / 2, rounded half up (positive)
      const hundredths = (k: number) => Math.floor((Math.round(results[0]!.indicators[k]!.score * 100) + Math.round(results[1]!.indicators[k]!.score * 100) + 1) / 2);
      const text = (h: number) => `${h < 0 ? '-' : h > 0 ? '+' : ''}${(Math.abs(h) / 100).toFixed(2)}`;
      expect(table.rows).toEqual(r.indicators.map((x, k) => {
        const d = Math.round(x.score * 100) - hundredths(k);
        return [x.label, '20%', x.score.toFixed(2), x.points.toFixed(2), (hundredths(k) / 100).toFixed(2), text(d)];
      }));
    });
  });

  it('every figure in the sentences is one of the result\'s numbers, or an average or difference from them', async () => {
    const { doc, results } = await sheets('zh');
    results.forEach((r, i) => {
      const allowed = new Set([
        ...[r.score, r.base, r.rewards, r.deductions, ...r.indicators.map((x) => x.score), 1, 2].map((x) => x.toFixed(2)),
        String(r.bonus), '75', '5', '4', '1', '0', '10.00', '70.00', '80.00', '75.00',
      ]);
      expect(nums(doc.pages[i]!).filter((x) => !allowed.has(x))).toEqual([]);
      expect(nums(doc.pages[i]!)).toContain(r.score.toFixed(2));
    });
  });

  it('strengths and shortcomings: at most three, furthest first, ties in declaration order', async () => {
    const { doc } = await sheets('zh');
    const [x, y] = doc.pages;
    // X is 10 above on four indicators: the first three as declared; 10 below on 工作实绩.
    expect(section(x!, '优势').map(([t]) => t!.slice(0, 6))).toEqual(['“政治素质”', '“工作能力”', '“工作作风”']);
    expect(section(x!, '不足')).toEqual([['“工作实绩”得分60.00分，低于本单位平均（70.00分）10.00分']]);
    expect(section(y!, '优势')).toEqual([['“工作实绩”得分80.00分，高于本单位平均（70.00分）10.00分']]);
    expect(section(y!, '不足').map(([t]) => t!.slice(0, 6))).toEqual(['“政治素质”', '“工作能力”', '“工作作风”']);
  });

  it('improve areas as training needs; items, the action and the bonus in words', async () => {
    const { doc } = await sheets('zh');
    const [x, y] = doc.pages.map(pageText);
    expect(x).toContain('以下指标得分低于改进线（75分）');
    expect(x).toContain('缺什么补什么：“工作实绩”（60.00分），建议参加有针对性的培训');
    expect(x).toContain('加分事项：“受到表彰”加2.00分。');
    expect(y).toContain('扣分事项：“被群众有效投诉”扣2.00分。');
    // an action the scheme does not describe: the glossary's meaning, and the item that led to it
    expect(y).toContain('“约谈提醒”（因“被群众有效投诉”）：由主管领导或组织人事部门与本人谈话');
    expect(y).toContain('你本期的奖金系数为1');
    expect(x).toContain('2025年第四季度');
  });

  it('Chinese sheets have no English, no rule syntax, no unfilled placeholder; English sheets no Chinese words of ours', async () => {
    const zh = (await sheets('zh')).doc.pages.map(pageText).join('\n');
    expect(zh).not.toMatch(/[A-Za-z]|undefined|\{|>=|第 ?\d+ ?行/);
    const en = (await sheets('en')).doc;
    expect(en.pages[0]!.title).toBe('Assessment feedback sheet');
    // The scheme's and the roster's names stand as they are; everything else is English.
    const names = ['赵一', '钱二', '一科', '反馈表测试方案', ...scheme.indicators.map((x) => x.label), ...scheme.grades, '约谈提醒'];
    let text = en.pages.map(pageText).join('\n').replace(/“[^”]*”/g, '');
    for (const n of names) text = text.split(n).join('');
    expect(text).not.toMatch(/[\u4e00-\u9fff]|undefined|\{/);
  });
});

// The officer's scheme (officer #10, lead L2): an action the scheme describes itself (“由科室负责人约谈
// 提醒”), given by a grade condition and by an item; a deduction per count with a cap, in a list with a
// cap of its own; bonus factors written with one decimal (1.0).
const OFFICER = `方案 县机关季度考核 "县直机关公务员季度平时考核" {
  周期 季度
  精度 2
  分组 科室
  输入 {
    科室: 文本
    实绩: 数值 属于 [0, 100]
    迟到次数 "迟到早退次数": 整数 >= 0 = 0
    通报批评 "受到通报批评": 布尔 = 否
  }
  指标 工作实绩 权重 100% = 实绩
  负面清单 纪律 "纪律和作风负面清单" 上限 4 {
    事项 迟到 "迟到早退" 当 迟到次数 >= 2 => 扣 1 每 迟到次数 上限 3, 措施 约谈提醒
    事项 通报 "受到通报批评" 当 通报批评 => 扣 2
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
  }
}`;

describe('feedbackSheet in the scheme\'s own terms (officer #10, lead L2)', () => {
  const people = [
    { id: 'A', input: { 科室: '办公室', 实绩: 80 }, display: { 姓名: '甲' } },
    { id: 'B', input: { 科室: '办公室', 实绩: 90, 迟到次数: 4, 通报批评: true }, display: { 姓名: '乙' } },
    { id: 'C', input: { 科室: '办公室', 实绩: 65 }, display: { 姓名: '丙' } },
  ];
  async function officerSheets(lang: 'zh' | 'en' = 'zh'): Promise<string[]> {
    const prepared = engine.prepare(OFFICER).value!;
    const out = await engine.evaluateCohort(prepared, people, { period: '2026-Q3', lang });
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    const ctx: FeedbackContext = { lang, scheme: schemeFactsOf(prepared), round: { id: 'rd_1', name: null, period: '2026-Q3' }, terms: termsOf(prepared, lang) };
    const sheets: FeedbackPerson[] = out.value.results.map((result, i) => ({ result, unit: '办公室', unitMeans: null, history: [], input: people[i]!.input }));
    return feedbackDoc(ctx, sheets, '办公室').pages.map(pageText);
  }

  it('no “各项指标折合分合计 X 分，总分为 X 分” when nothing was added or deducted', async () => {
    const [a, b] = await officerSheets();
    expect(a).toContain('你本期考核总分为80.00分');
    expect(a).not.toContain('折合分合计');
    expect(b).toContain('各项指标折合分合计90.00分，扣分4.00分，总分为86.00分。');
  });

  it('a deduction per count says the count, the amount each and the caps that cut it', async () => {
    const [, b] = await officerSheets();
    expect(b).toContain('扣分事项：“受到通报批评”扣2.00分。');
    // the list's own cap closes the deductions
    expect(b).toContain('扣分事项：“迟到早退”，“迟到早退次数”为4，每次扣1分，计4.00分，超过上限，按3.00分计。扣分合计超过上限，按4.00分计。');
    const [, en] = await officerSheets('en');
    expect(en).toContain('Deduction “迟到早退”: “迟到早退次数” is 4, 1 each, 4.00 in all; above the limit, so 3.00 counts.');
  });

  it('an action means what the scheme says it means, and says what led to it: the grade or the item', async () => {
    const [a, b, c] = await officerSheets();
    expect(c).toContain('“约谈提醒”（因评定等次为“基本称职”）：按方案规定，由科室负责人约谈提醒。');
    expect(b).toContain('“约谈提醒”（因“迟到早退”）：按方案规定，由科室负责人约谈提醒。');
    for (const t of [b, c]) expect(t).not.toContain('组织人事部门');
    expect(a).toContain('不涉及约谈提醒');
  });

  it('the bonus factor as the scheme writes it (1.0); each signer has a date place of their own', async () => {
    const [a, , c] = await officerSheets();
    expect(a).toContain('你本期的奖金系数为1.0。');
    expect(c).toContain('你本期的奖金系数为0.6。');
    const sig = a.split('\n').at(-1)!;
    expect(sig.match(/年　　月　　日/g)).toHaveLength(2);
    expect(sig.indexOf('被考核人')).toBeLessThan(sig.indexOf('年'));
    expect(sig.indexOf('面谈人（签名）')).toBeLessThan(sig.lastIndexOf('年'));
    expect(sig.indexOf('面谈人（签名）')).toBeGreaterThan(sig.indexOf('年'));
  });
});
