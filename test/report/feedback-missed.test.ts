// The feedback sheet says why a better grade was missed (U6 M-6) and counts a per-count deduction in
// the scheme's own unit (U6 L-1): a county annual scheme where 优秀 needs 总分 >= 90 and no quarter
// 一般 or below; 李 (92, a 一般 quarter) read only “你符合“称职”等次的条件”; now the sheet names the
// condition in the scheme document's words. 缺勤 is 扣 0.5 每 缺勤天数 → “每天扣0.5分”, as `kaohe doc`
// says. Goldens of the whole zh and en sheets: test/report/__golden__/feedback-missed.*.txt
// (KAOHE_UPDATE_GOLDEN=1 rewrites them). A grade missed on the score line alone adds nothing.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemeFactsOf } from '../../analytics/facts.js';
import { engine } from '../../engine/index.js';
import { feedbackDoc } from '../../report/feedback/sheet.js';
import { termsOf } from '../../report/feedback/terms.js';
import type { FeedbackContext, FeedbackPerson } from '../../report/feedback/types.js';
import { schemeDocument } from '../../report/scheme/index.js';
import { planOf } from '../../engine/index.js';
import { docText } from './scheme-text.js';

const SOURCE = `方案 县年度 "县直机关年度考核" {
  周期 年度
  精度 2
  枚举 平时等次 有序 { 较差, 一般, 较好, 好 }
  输入 {
    实绩: 数值 属于 [0, 100]
    缺勤天数 "全年缺勤天数": 数值 属于 [0, 366] = 0
    季度结果 "四个季度平时考核": 列表 { 考核期: 文本, 得分: 数值, 考核等次: 平时等次 }
  }
  指标 工作实绩 "工作实绩" 权重 100% = 实绩
  负面清单 出勤扣分 "出勤" 上限 5 {
    事项 缺勤 "无故缺勤" 当 缺勤天数 > 0 => 扣 0.5 每 缺勤天数
  }
  等次 {
    优秀 当 总分 >= 90 且 非 任一(q 属于 季度结果 : q.考核等次 <= 一般)
    称职 当 总分 >= 70
    不称职 其他
  }
}`;

const quarters = (grades: string[]) => grades.map((g, i) => ({ 考核期: `2026-Q${i + 1}`, 得分: 85, 考核等次: g }));
const PEOPLE = [
  { id: 'L', input: { 实绩: 93.5, 缺勤天数: 3, 季度结果: quarters(['好', '一般', '好', '好']) }, display: { 姓名: '李伟' } },
  { id: 'Z', input: { 实绩: 85, 季度结果: quarters(['好', '好', '好', '好']) }, display: { 姓名: '张明' } },
  { id: 'W', input: { 实绩: 95, 季度结果: quarters(['好', '好', '较好', '好']) }, display: { 姓名: '王芳' } },
];

const GOLDEN = join(import.meta.dirname, '__golden__');
function golden(name: string, text: string): void {
  const path = join(GOLDEN, name);
  if (process.env.KAOHE_UPDATE_GOLDEN === '1') writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

async function sheets(lang: 'zh' | 'en', resultLang: 'zh' | 'en' = lang): Promise<string[]> {
  const prepared = engine.prepare(SOURCE).value!;
  const out = await engine.evaluateCohort(prepared, PEOPLE, { period: '2026', lang: resultLang });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  // the terms cross to a language worker on the server (structured clone): plain data only
  const ctx: FeedbackContext = { lang, scheme: schemeFactsOf(prepared), round: { id: 'rd_1', name: null, period: '2026' }, terms: structuredClone(termsOf(prepared, lang)) };
  const people: FeedbackPerson[] = out.value.results.map((result, i) => ({ result, unit: '县委办', unitMeans: null, history: [], input: PEOPLE[i]!.input }));
  const doc = feedbackDoc(ctx, people, '县委办');
  return doc.pages.map((p) => docText({ ...doc, pages: [p] }));
}

describe('feedback sheet: why the better grade was missed (U6 M-6)', () => {
  it('a 一般 quarter keeps a ≥ 90 person from 优秀, said in the scheme\'s words', async () => {
    const [li] = await sheets('zh');
    expect(li).toContain('你本期考核总分为92.00分，评定等次为“称职”。');
    expect(li).toContain('未评为“优秀”等次，是因为：“四个季度平时考核”中至少有一项（其“考核等次”为“一般”或以下）。');
    expect(li).not.toMatch(/任一|<=|= 是/u);
    const [liEn] = await sheets('en');
    expect(liEn).toMatch(/The grade “优秀” was not given because: .*“四个季度平时考核”.*“一般”/u);
  });

  it('the result\'s reasons may be in the other language than the sheet', async () => {
    const [zhSheetOfEnResult] = await sheets('zh', 'en');
    expect(zhSheetOfEnResult).toContain('未评为“优秀”等次，是因为：“四个季度平时考核”中至少有一项');
  });

  it('missed on the score line alone, or not missed: no such sentence', async () => {
    const [, zhang, wang] = await sheets('zh');
    expect(zhang).toContain('评定等次为“称职”');
    expect(zhang).not.toContain('未评为');
    expect(wang).toContain('评定等次为“优秀”');
    expect(wang).not.toContain('未评为');
  });

  it('a deduction per day says 每天, as the scheme document does (U6 L-1)', async () => {
    const [li] = await sheets('zh');
    expect(li).toContain('扣分事项：“无故缺勤”，“全年缺勤天数”为3，每天扣0.5分，计1.50分。');
    const doc = docText(schemeDocument(planOf(engine.prepare(SOURCE).value!).checked.scheme, 'zh'));
    expect(doc).toContain('每天扣0.5分');
    const [liEn] = await sheets('en');
    expect(liEn).toContain('“全年缺勤天数” is 3, 0.5 each, 1.50 in all.');
  });

  it('goldens: the whole sheet of 李伟 in zh and en', async () => {
    golden('feedback-missed.zh.txt', (await sheets('zh'))[0]!);
    golden('feedback-missed.en.txt', (await sheets('en'))[0]!);
  });
});
