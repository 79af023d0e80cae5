// The editor's words for cohort rules (issue 13; editor/src/i18n-cohort.ts, the issue-13 keys of
// i18n-batch.ts, effects.ts's demotion note): both languages have the same placeholders and the
// Chinese no English words; a demotion names its scope once — the engine's reason does when the
// scheme has an overall quota, else the note: 按本组比例 where there are units, 按比例 without — on
// real engine results. Plain code, no browser (in a UI language each test names: ui-lang.ts).

import { describe, expect, it } from 'vitest';
import type { CohortMemberResult } from '../../engine/api.js';
import { uiModules } from './ui-lang.js';

/** The editor's modules in UI language `l`. */
const load = uiModules(async () => ({ effects: await import('../../editor/src/effects.js'), cohort: await import('../../editor/src/i18n-cohort.js') }));

// 优秀 at most 50% per team, and (with units, unless `overall` is false) at most 40% of the batch.
const SCOPES = (cohortBy: boolean, overall = cohortBy) => `scheme 比例范围 {
  ${cohortBy ? 'cohort by 班子' : ''}
  input { 班子: text, 得分: number in [0, 100] }
  indicator 实绩 weight 100% = 得分
  grades {
    优秀 when score >= 90 quota 50% ${overall ? 'quota 40% overall' : ''}
    称职 otherwise
  }
}`;
// With units: 一班 98, 93 (team limit ⌊2 × 50%⌋ = 1: 93 demoted, 本组比例); 二班 97, 60; 三班 95, 60.
// Holders 98, 97, 95 against ⌊6 × 40%⌋ = 2 of the batch: 95 demoted (全体比例).
// Without units: 98, 93, 97, 60, 95, 60 → ⌊6 × 50%⌋ = 3 of 4 holders: 93 demoted (按比例).
const PEOPLE = [['A1', '一班', 98], ['A2', '一班', 93], ['B1', '二班', 97], ['B2', '二班', 60], ['C1', '三班', 95], ['C2', '三班', 60]]
  .map(([id, 班子, 得分]) => ({ id: String(id), input: { 班子, 得分 } }));

async function demotions(cohortBy: boolean, lang: 'zh' | 'en', overall = cohortBy): Promise<Record<string, string | undefined>> {
  const { effects } = await load(lang);
  const { evaluateCohort, prepare } = await import('../../engine/index.js');
  const prepared = prepare(SCOPES(cohortBy, overall), 's.kaohe');
  if (!prepared.value) throw new Error(prepared.diagnostics.map((d) => d.message).join('\n'));
  const p = prepared.value;
  const out = await evaluateCohort(p, PEOPLE, { lang });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  const named = out.value.overall !== undefined; // the engine's reasons name their scope
  return Object.fromEntries(out.value.results.filter((r: CohortMemberResult) => r.quota?.demotedTo).map((r) => [r.subject, effects.gradeNote(r, named)?.text]));
}

describe('a demotion names its scope once', () => {
  it('with an overall quota the engine’s reason names the scope (按本组比例 / 按全体比例), in both languages: not said again', async () => {
    const zh = await demotions(true, 'zh');
    expect(Object.keys(zh)).toEqual(['A2', 'C1']);
    expect(zh.A2).toMatch(/^调整为称职：按本组比例，“优秀”名额 1 = 2 人的 50%/);
    expect(zh.C1).toMatch(/^调整为称职：按全体比例，“优秀”名额 2 = 6 人的 40%/);
    const en = await demotions(true, 'en');
    expect(en.A2).toMatch(/^demoted to 称职: 优秀 cohort quota 1 = 50% of 2/);
    expect(en.C1).toMatch(/^demoted to 称职: 优秀 overall quota 2 = 40% of 6/);
  });

  it('units without an overall quota: the note names the unit scope (the reason does not)', async () => {
    const zh = await demotions(true, 'zh', false);
    expect(Object.keys(zh)).toEqual(['A2']);
    expect(zh.A2).toMatch(/^按本组比例调整为称职：“优秀”名额 1 = 2 人的 50%/);
    const en = await demotions(true, 'en', false);
    expect(en.A2).toMatch(/^demoted to 称职 by the unit quota: 优秀 quota 1 = 50% of 2/);
  });

  it('按比例 without units', async () => {
    const zh = await demotions(false, 'zh');
    expect(Object.keys(zh)).toEqual(['A2']);
    expect(zh.A2).toMatch(/^按比例调整为称职：“优秀”名额 3 = 6 人的 50%/);
  });
});

describe('the editor-cohort catalog and the issue-13 words of editor-batch', () => {
  it('have the same placeholders in both languages, and Chinese without English words or doubled punctuation', async () => {
    const { cohort } = await load('zh');
    const { placeholders, registeredCatalogs } = await import('../../dsl/i18n/index.js');
    for (const name of ['editor-cohort', 'editor-batch']) {
      const c = registeredCatalogs().get(name)!;
      expect(Object.keys(c.zh).sort(), name).toEqual(Object.keys(c.en).sort());
      for (const [k, t] of Object.entries(c.en)) {
        if (typeof t === 'string') expect(placeholders(c.zh[k]), k).toEqual(placeholders(t));
        const zh = String(c.zh[k]).replace(/\{\w+\}/g, '').replace(/“[^”]*”/g, '').replace(/\.[a-z]+\b/g, '');
        expect(zh.match(/[A-Za-z]{2,}/g)?.filter((w) => !['JSON', 'CSV', 'Excel', 'xlsx', 'max'].includes(w)) ?? [], k).toEqual([]);
        expect(String(c.zh[k]).replace(/\{\w+\}/g, '甲'), k).not.toMatch(/。：|：。|，。|[，。：；]{2}/);
      }
    }
    expect(cohort.tc('cohortExample', { n: 8 })).toBe('本组示例 · 8 人');
    const en = await load('en');
    expect([en.cohort.tc('cohortExample', { n: 1 }), en.cohort.tc('cohortExample', { n: 8 })]).toEqual(['cohort example · 1 person', 'cohort example · 8 people']);
  });
});
