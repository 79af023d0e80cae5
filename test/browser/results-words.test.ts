// The words and figures of the try-it and cohort results (editor/src/{figures,effects,explain,
// i18n-batch}.ts), on real engine results: plain code, tested without a browser (in a UI language
// each test names: ui-lang.ts).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../engine/index.js';
import type { CohortResult, SubjectResult } from '../../engine/api.js';
import { uiModules } from './ui-lang.js';

const EXAMPLES = join(import.meta.dirname, '../../../shared/spec/examples');

type Words = {
  figures: typeof import('../../editor/src/figures.js');
  effects: typeof import('../../editor/src/effects.js');
  explain: typeof import('../../editor/src/explain.js');
};
/** The editor's modules in UI language `l`. */
const load = uiModules<Words>(async () => ({
  figures: await import('../../editor/src/figures.js'),
  effects: await import('../../editor/src/effects.js'),
  explain: await import('../../editor/src/explain.js'),
}));

async function evaluate(file: string, input: Record<string, unknown>, explain = true): Promise<SubjectResult> {
  const p = engine.prepare(readFileSync(join(EXAMPLES, file), 'utf8'), file).value!;
  const r = await engine.evaluate(p, { id: 'A', input }, { explain, lang: 'zh' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const province = () => JSON.parse(readFileSync(join(EXAMPLES, 'province-annual.cases.json'), 'utf8')).cases[0].subject.input as Record<string, unknown>;

let zh: Words, en: Words;
beforeAll(async () => {
  en = await load('en');
  zh = await load('zh');
});

describe('figures', () => {
  it('pads a reported figure to the scheme\'s precision and leaves longer ones as they are', () => {
    const { score } = zh.figures;
    expect([score(97, 2), score(92.7, 2), score(92.86, 2), score(0, 2), score(-1.5, 2)]).toEqual(['97.00', '92.70', '92.86', '0.00', '-1.50']);
    expect([score(97, 0), score(92.857143, 2), score(null, 2), score(undefined, 2)]).toEqual(['97', '92.857143', '—', '—']);
  });

  it('adds reported figures exactly', () => {
    expect(zh.figures.exactSum([11.14, 7.2, 6.9, 8, 3.8], 2)).toBe(37.04); // 0.1 + 0.2 would not
    expect(zh.figures.exactSum([0.1, 0.2], 2)).toBe(0.3);
  });
});

describe('effects and grade notes', () => {
  it('names every effect in the UI language', () => {
    const all = [{ deduct: 1 }, { add: 1.5 }, { cap: '较好' }, { veto: true as const }, { nograde: true as const }, { action: '约谈提醒' }];
    expect(all.map((e) => zh.effects.effectText(e))).toEqual(['扣 1 分', '加 1.5 分', '最高评为“较好”', '一票否决（评为最低等次）', '不定等次', '措施“约谈提醒”']);
    expect(all.map((e) => en.effects.effectText(e))).toEqual(['deduct 1', 'add 1.5', 'at most “较好”', 'veto (lowest grade)', 'no grade', 'action “约谈提醒”']);
  });

  it('says why a capped grade is lower, with or without the explanation', async () => {
    const input = { ...province(), 处分: true };
    for (const explain of [true, false]) {
      const r = await evaluate('province-annual.kaohe', input, explain);
      expect(r.grade).toBe('基本称职');
      expect(zh.effects.gradeNote(r, false)).toEqual({ kind: 'cap', text: '因“受到处分或组织处理”最高评为基本称职' });
    }
  });

  it('names a veto, no grade, and a quota demotion; nothing when the score decided', async () => {
    const vetoed = await evaluate('province-annual.kaohe', { ...province(), 政治纪律问题: 1 });
    expect(zh.effects.gradeNote(vetoed, false)).toMatchObject({ kind: 'veto' });
    const none = await evaluate('province-annual.kaohe', { ...province(), 立案审查: true, 政治纪律问题: 1 });
    expect(none.grade).toBeNull();
    expect(zh.effects.gradeNote(none, false)).toMatchObject({ kind: 'nograde' }); // nograde beats veto
    expect(zh.effects.gradeNote(await evaluate('province-annual.kaohe', province()), false)).toBeUndefined();
    const cases = JSON.parse(readFileSync(join(EXAMPLES, 'annual-composite.cases.json'), 'utf8')).cases;
    const p = engine.prepare(readFileSync(join(EXAMPLES, 'annual-composite.kaohe'), 'utf8')).value!;
    const cohort = await engine.evaluateCohort(p, cases[1].subjects, { lang: 'zh' });
    const results = (cohort as { value: CohortResult }).value.results;
    const demoted = results.find((x) => x.quota?.demotedTo);
    // The server's reason after a colon, not wrapped in （） (it has brackets of its own).
    expect(demoted && zh.effects.gradeNote(demoted, false)?.text).toBe(`按比例调整为称职：${demoted!.quota!.reason}`);
    expect(demoted!.quota!.reason).toMatch(/^“[^”]+”名额 /);
  });
});

describe('the scheme as the result views need it', () => {
  it('carries precision, the `cohort by` expression and the grades, best first (dsl/service/contract.ts)', async () => {
    const { LanguageService } = await import('../../dsl/service/index.js');
    const of = (text: string) => { const ls = new LanguageService(); ls.update(text); return ls.contract(); };
    const annual = of(readFileSync(join(EXAMPLES, 'annual-composite.kaohe'), 'utf8'));
    expect([annual.precision, annual.cohortBy, annual.grades]).toEqual([2, undefined, ['优秀', '称职', '基本称职', '不称职']]);
    const quarterly = of(readFileSync(join(EXAMPLES, 'quarterly-routine.kaohe'), 'utf8')); // Chinese keywords: 精度, 分组
    expect([quarterly.precision, quarterly.cohortBy]).toEqual([2, '处室']);
    expect(of('scheme X { precision 3  cohort by 单位 + "室"  input { 单位: text }  indicator a weight 100% = 1 }')).toMatchObject({ precision: 3, cohortBy: '单位 + "室"' });
  });
});

describe('rounding notes', () => {
  it('finds where the shown parts do not add up to the shown total', async () => {
    const r = await evaluate('province-annual.kaohe', province());
    expect(zh.explain.roundingNotes(r, 2)).toEqual([
      { kind: 'group', text: '“共性指标”各指标折合分合计 37.04，类别折合分为 37.05：每个数都单独保留 2 位小数。' },
    ]);
    // base × adjust rounds on its own: 92.67 × 1.05 = 97.3035 shows 97.30, the exact total 97.31.
    const adjusted = { ...r, groups: [], indicators: [], base: 92.67, adjust: 1.05, rewards: 0, deductions: 0, score: 97.31 };
    expect(en.explain.roundingNotes(adjusted, 2)).toEqual([
      { kind: 'score', text: 'The figures give 97.30, the total is 97.31: the total is computed from exact values and rounded once.' },
    ]);
    expect(zh.explain.roundingNotes({ ...adjusted, score: 97.3 }, 2)).toEqual([{ kind: 'none', text: '显示的各项之和与合计一致。' }]);
  });
});

describe('the editor-batch catalog', () => {
  it('has the same placeholders in both languages, and Chinese without English words', async () => {
    // The message layer the editor modules registered with.
    const { placeholders, registeredCatalogs } = await import('../../dsl/i18n/index.js');
    const c = registeredCatalogs().get('editor-batch')!;
    expect(Object.keys(c.zh).sort()).toEqual(Object.keys(c.en).sort());
    for (const [k, t] of Object.entries(c.en)) {
      expect(placeholders(c.zh[k]), k).toEqual(placeholders(t));
      // Placeholders, quoted names and file extensions (.xlsx) are not words.
      const zh = String(c.zh[k]).replace(/\{\w+\}/g, '').replace(/“[^”]*”/g, '').replace(/\.[a-z]+\b/g, '');
      expect(zh, k).toMatch(/[\u4e00-\u9fff]|^[-.{}\w ]*$/); // Chinese words, or a file name pattern
      expect(zh.match(/[A-Za-z]{2,}/g)?.filter((w) => !['JSON', 'CSV', 'Excel', 'xlsx', 'max'].includes(w)) ?? [], k).toEqual([]);
      expect(String(c.zh[k]).replace(/\{\w+\}/g, '甲'), k).not.toMatch(/。：|：。|，。|[，。：；]{2}/);
    }
  });
});
