// The scheme in plain words (issue 15): goldens of the zh document of a reference scheme and of a spec
// example; the document follows the rules (a weight or a negative item's threshold changed in the
// source changes its sentence); every scheme of schemes/ and of the spec's examples renders in zh and
// en with no leftover placeholder, "undefined", "[object", and no English word in the Chinese
// outside quoted names. Goldens: test/report/__golden__/ (KAOHE_UPDATE_GOLDEN=1 rewrites them).

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { schemeDocument } from '../../report/scheme/index.js';
import { docOf, docText, fileDoc } from './scheme-text.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SCHEMES = join(ROOT, 'schemes');
const EXAMPLES = join(ROOT, '..', 'shared', 'spec', 'examples');
const GOLDEN = join(import.meta.dirname, '__golden__');

const kaohe = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.kaohe')).map((f) => join(dir, f));

/** Compares with the golden file; `KAOHE_UPDATE_GOLDEN=1` rewrites it (then read the diff). */
function golden(name: string, text: string): void {
  const path = join(GOLDEN, name);
  if (process.env.KAOHE_UPDATE_GOLDEN === '1') writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('scheme document goldens', () => {
  it('schemes/province-annual.kaohe in Chinese', () => {
    golden('province-annual.zh.txt', docText(fileDoc(join(SCHEMES, 'province-annual.kaohe'), 'zh')));
  });

  it('the spec example quarterly-routine.kaohe in Chinese', () => {
    golden('quarterly-routine.zh.txt', docText(fileDoc(join(EXAMPLES, 'quarterly-routine.kaohe'), 'zh')));
  });
});

describe('the document follows the rules', () => {
  const source = readFileSync(join(SCHEMES, 'province-annual.kaohe'), 'utf8');
  const row = (text: string, name: string) => text.split('\n').find((l) => l.startsWith(`| \u3000“${name}”`)) ?? '';

  it('a changed weight changes the indicator row', () => {
    const before = docText(docOf(source, 'zh'));
    expect(row(before, '政治素质')).toMatch(/^\| 　“政治素质” \| 30% \|/);
    const changed = source.replace('indicator 政治素质 weight 30%', 'indicator 政治素质 weight 25%').replace('indicator 出勤情况 weight 10%', 'indicator 出勤情况 weight 15%');
    const after = docText(docOf(changed, 'zh'));
    expect(row(after, '政治素质')).toMatch(/^\| 　“政治素质” \| 25% \|/);
    expect(row(after, '出勤情况')).toMatch(/^\| 　“出勤情况” \| 15% \|/);
    expect(docText(docOf(changed, 'en'))).toContain('| \u3000“政治素质” | 25% |');
  });

  it('weights per post: each indicator\'s share of the score by 岗位, exact, each column 100%', () => {
    const lines = (text: string) => text.split('\n');
    const table = (text: string) => lines(text).slice(lines(text).indexOf('### 按“岗位”区分的指标权重'));
    const before = table(docText(docOf(source, 'zh')));
    expect(before[2]).toBe('| 指标 | “综合管理” | “行政执法” | “窗口服务” |');
    expect(before).toContain('| “政治素质” | 12% | 12% | 12% |');
    expect(before).toContain('| “案件按期办结” | — | 21% | — |');
    expect(before).toContain('| “文稿质量” | 36% | — | — |');
    expect(before).toContain('| 合计 | 100% | 100% | 100% |');
    // 执法: 案件办结 35% → 30% and 执法规范 25% → 30% of 个性指标 (60%): 18% each.
    const changed = source.replace('indicator 案件办结 "案件按期办结" weight 35%', 'indicator 案件办结 "案件按期办结" weight 30%')
      .replace('indicator 执法规范 "执法规范化" weight 25%', 'indicator 执法规范 "执法规范化" weight 30%');
    const after = table(docText(docOf(changed, 'zh')));
    expect(after).toContain('| “案件按期办结” | — | 18% | — |');
    expect(after).toContain('| “执法规范化” | — | 18% | — |');
    // A weight that breaks the sum shows in the total.
    const broken = table(docText(docOf(source.replace('indicator 文稿质量 weight 60%', 'indicator 文稿质量 weight 50%'), 'zh')));
    expect(broken).toContain('| 合计 | 94% | 100% | 100% |');
  });

  it('a negative item\'s changed threshold changes its sentence', () => {
    const before = docText(docOf(source, 'zh'));
    expect(before).toContain('“被群众有效投诉”：“有效投诉”达到3的，每个扣1分，最多扣5分，采取“约谈提醒”措施');
    const after = docText(docOf(source.replace('when 有效投诉 >= 3', 'when 有效投诉 >= 4'), 'zh'));
    expect(after).toContain('“被群众有效投诉”：“有效投诉”达到4的，');
    expect(after).not.toContain('“有效投诉”达到3的');
    const en = docText(docOf(source.replace('when 有效投诉 >= 3', 'when 有效投诉 > 4'), 'en'));
    expect(en).toContain('when “有效投诉” is above 4: deduct 1 point for each, at most 5 points in all');
  });

  it('a filtered count compared in English is bracketed', () => {
    expect(docText(docOf(source, 'en'))).toContain('| “优秀” | the score is at least 90 points and (the number of entries of “平时考核” where the entry is “好”) is at least 2 | at most 20% of each group (rounded down) |');
  });

  it('a changed quota and grade line change the grades table', () => {
    const after = docText(docOf(source.replace('quota 20%', 'quota 15% round nearest').replace('称职 when score >= 70', '称职 when score >= 72'), 'zh'));
    expect(after).toContain('不超过本组人数的15%（四舍五入）');
    expect(after).toContain('| “称职” | 总分达到72分 | 无 |');
  });
});

/** Text outside “quoted names”. */
const unquoted = (text: string) => text.replace(/“[^”]*”/g, ' ');

describe('every scheme renders in both languages', () => {
  const files = [...kaohe(SCHEMES), ...kaohe(EXAMPLES)];
  it('finds the schemes', () => expect(files.length).toBeGreaterThanOrEqual(16));
  for (const file of files) {
    for (const lang of ['zh', 'en'] as const) {
      it(`${file.slice(ROOT.length - 4)} (${lang})`, () => {
        const doc = fileDoc(file, lang);
        const text = docText(doc);
        expect(text).not.toMatch(/\{\w+\}|undefined|\[object|NaN|“”/);
        expect(doc.pages[0].blocks.filter((b) => b.kind === 'heading' && b.level === 2).length).toBeGreaterThanOrEqual(4);
        // The title is the scheme's own name; everything else is our words around quoted names.
        const body = text.split('\n').slice(1).join('\n');
        if (lang === 'zh') expect(unquoted(body).match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
        else expect(unquoted(body).match(/[\u4e00-\u9fff]+/g) ?? []).toEqual([]);
      });
    }
  }
});

// The officer's scheme of issue 15 (report §三.9): an action named in outcomes with a label and again in
// a negative item; counts named …次数 in a condition and a rate; a stored version and a draft.
const OFFICER = `方案 县机关季度考核 "县直机关公务员季度平时考核" {
  版本 "2026"
  周期 季度
  分组 科室
  输入 {
    科室: 文本
    实绩: 数值 属于 [0, 100]
    迟到次数 "迟到早退次数": 整数 >= 0 = 0
    缺勤 "缺勤天数": 整数 >= 0 = 0
    投诉: 整数 >= 0 = 0
    超额: 数值 >= 0 = 0
    通报批评 "受到通报批评": 布尔 = 否
  }
  指标 工作实绩 权重 100% = 实绩
  负面清单 纪律 "纪律和作风负面清单" {
    事项 迟到 "迟到早退" 当 迟到次数 >= 2 => 扣 1 每 迟到次数 上限 3, 措施 约谈提醒
    事项 通报 "受到通报批评" 当 通报批评 => 扣 1 每 缺勤, 措施 约谈提醒
    事项 投诉多 "被投诉" 当 通报批评 => 扣 0.5 每 投诉
    事项 超额少 "超额" 当 通报批评 => 扣 0.1 每 超额
  }
  等次 {
    称职 当 总分 >= 70
    基本称职 当 总分 >= 60
    不称职 其他
  }
  结果运用 {
    措施 约谈提醒 "由科室负责人约谈提醒" 当 评定等次 == 基本称职
    措施 限期改进 "限期改进" 当 评定等次 == 不称职
  }
}`;

describe('the officer\'s findings on the scheme document (issue 15)', () => {
  const actionLines = (text: string) => text.split('\n').filter((l) => l.startsWith('- '));

  it('lists each action once: its name, its label and everything that leads to it', () => {
    const zh = actionLines(docText(docOf(OFFICER, 'zh')));
    expect(zh.filter((l) => l.includes('约谈提醒'))).toEqual([
      '- “约谈提醒”（由科室负责人约谈提醒）：评定等次为“基本称职”的；属于负面清单“迟到早退”情形的；属于负面清单“受到通报批评”情形的。',
    ]);
    // A label that only repeats the name is not repeated.
    expect(zh).toContain('- “限期改进”：评定等次为“不称职”的。');
    const en = actionLines(docText(docOf(OFFICER, 'en')));
    expect(en.filter((l) => l.includes('约谈提醒'))).toEqual([
      '- “约谈提醒” (“由科室负责人约谈提醒”): when the grade is “基本称职”; or on the negative-list item “迟到早退”; or on the negative-list item “受到通报批评”.',
    ]);
  });

  it('a rate reads per unit, with the count\'s measure word', () => {
    const zh = docText(docOf(OFFICER, 'zh'));
    // After a condition on the same count: no name again; the threshold takes the measure word too.
    expect(zh).toContain('“迟到早退”：“迟到早退次数”达到2次的，每次扣1分，最多扣3分，采取“约谈提醒”措施');
    expect(zh).toContain('按“缺勤天数”每天扣1分');
    expect(zh).toContain('按“投诉”每个扣0.5分');
    expect(zh).toContain('按“超额”每1个扣0.1分');
    expect(zh).not.toContain(' × ');
    const en = docText(docOf(OFFICER, 'en'));
    expect(en).toContain('when “迟到早退次数” is at least 2: deduct 1 point for each, at most 3 points in all');
    expect(en).toContain('deduct 1 point per “缺勤天数”');
  });

  it('the header names the stored version and the scheme\'s own version text apart', () => {
    const scheme = analyze(OFFICER, '<test>').parsed.scheme!;
    const sub = (lang: 'zh' | 'en', revision?: number | 'draft') => schemeDocument(scheme, lang, { revision }).pages[0].subtitle;
    expect(sub('zh', 1)).toBe('第1版（方案版本“2026”）');
    expect(sub('zh', 'draft')).toBe('草稿（方案版本“2026”）');
    expect(sub('zh')).toBe('方案版本“2026”');
    expect(sub('en', 3)).toBe('Revision 3 (scheme version “2026”)');
    const bare = analyze(OFFICER.replace('  版本 "2026"\n', ''), '<test>').parsed.scheme!;
    expect(schemeDocument(bare, 'zh', { revision: 2 }).pages[0].subtitle).toBe('第2版');
    expect(schemeDocument(bare, 'zh').pages[0].subtitle).toBeUndefined();
  });
});
