// Roster standing (issue 14, engine/periods/standing.ts): `ungraded` (不定等次) gets no grade and no
// bonus, with the roster as the reason; `countsInBase: false` leaves a member out of the quota bases
// (it still competes). Alone and in a cohort; malformed standing is KH-E056 at its path.

import { describe, expect, it } from 'vitest';
import type { PreparedScheme, SubjectInput } from '../../engine/api.js';
import { engine } from '../../engine/index.js';
import { render } from '../../dsl/i18n/index.js';
import { CohortResultSchema, SubjectResultSchema } from '../../engine/result-schema.js';

const SRC = `
scheme 名册测试 "名册身份" {
  precision 2
  input { 得分: number in [0, 100] }
  indicator 实绩 weight 100% = 得分
  grades {
    优秀 when score >= 90 quota 40% of all
    称职 when score >= 60
    不称职 otherwise
  }
  outcomes {
    bonus by grade { 优秀: 1.2, 称职: 1.0, 不称职: 0 }
    action 表彰 when grade == 优秀
  }
}`;

function prepare(): PreparedScheme {
  const p = engine.prepare(SRC, 'standing.kaohe');
  expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return p.value!;
}

const five = (standing: Record<string, SubjectInput['standing']> = {}): SubjectInput[] =>
  [['a', 99], ['b', 98], ['c', 97], ['d', 96], ['e', 95]].map(([id, s]) => ({ id: id as string, input: { 得分: s }, ...(standing[id as string] ? { standing: standing[id as string] } : {}) }));

describe('roster standing, one subject', () => {
  it('ungraded: scored, but no grade, no bonus, no action; the roster is the reason (en, zh)', async () => {
    const s = prepare();
    const plain = await engine.evaluate(s, { id: 'a', input: { 得分: 99 } });
    expect(plain.ok && [plain.value.grade, plain.value.bonus, plain.value.actions]).toEqual(['优秀', 1.2, ['表彰']]);
    const r = await engine.evaluate(s, { id: 'a', input: { 得分: 99 }, standing: { ungraded: true } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.value.score, r.value.grade, r.value.bonus, r.value.actions, r.value.provisional]).toEqual([99, null, null, [], false]);
    expect(r.value.gradeReasons).toEqual(['roster: ungraded']);
    const zh = await engine.evaluate(s, { id: 'a', input: { 得分: 99 }, standing: { ungraded: true } }, { lang: 'zh' });
    expect(zh.ok && zh.value.gradeReasons).toEqual(['名册：不定等次']);
    expect(SubjectResultSchema.safeParse(r.value).success).toBe(true);
    // ungraded: false is a plain member
    const no = await engine.evaluate(s, { id: 'a', input: { 得分: 99 }, standing: { ungraded: false, countsInBase: true } });
    expect(no.ok && no.value.grade).toBe('优秀');
  });

  it('refuses malformed standing (KH-E056), with every problem at its path', async () => {
    const s = prepare();
    const r = await engine.evaluate(s, { id: 'a', input: { 得分: 99 }, standing: { ungraded: 'yes', foo: 1 } as never });
    expect(!r.ok && r.errors.map((e) => [e.code, e.path])).toEqual([['KH-E056', 'standing.ungraded'], ['KH-E056', 'standing.foo']]);
    expect(!r.ok && render(r.errors[0].msg!, 'zh')).toBe('standing.ungraded：应为 `true` 或 `false`');
    const list = await engine.evaluate(s, { id: 'a', input: { 得分: 99 }, standing: [] as never });
    expect(!list.ok && list.errors.map((e) => [e.code, e.path])).toEqual([['KH-E056', 'standing']]);
    const cohort = await engine.evaluateCohort(s, [{ id: 'a', input: { 得分: 99 } }, { id: 'b', input: { 得分: 1 }, standing: { countsInBase: 0 } as never }]);
    expect(!cohort.ok && cohort.errors.map((e) => [e.code, e.path, e.subject])).toEqual([['KH-E056', 'subjects[1].standing.countsInBase', 'b']]);
  });
});

describe('roster standing in a cohort', () => {
  it('countsInBase false leaves members out of the quota base: 40% of 5 = 2 places, of 3 = 1.2 → 1', async () => {
    const s = prepare();
    const all = await engine.evaluateCohort(s, five());
    expect(all.ok && all.value.cohorts[0].quotas[0]).toMatchObject({ grade: '优秀', base: 5, limit: 2, admitted: ['a', 'b'] });
    const out = await engine.evaluateCohort(s, five({ d: { countsInBase: false }, e: { countsInBase: false } }));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.cohorts[0].quotas[0]).toMatchObject({ grade: '优秀', base: 3, limit: 1, admitted: ['a'] });
    expect(out.value.cohorts[0].size).toBe(5); // everyone is still in the cohort
    expect(out.value.results.map((x) => x.grade)).toEqual(['优秀', '称职', '称职', '称职', '称职']);
    expect(CohortResultSchema.safeParse(out.value).success).toBe(true);
  });

  it('an ungraded member holds no grade and takes no place; it stays in an `of all` base unless left out', async () => {
    const s = prepare();
    const r = await engine.evaluateCohort(s, five({ a: { ungraded: true } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // base 5 (of all) → 2 places, taken by b and c; a has none
    expect(r.value.cohorts[0].quotas[0]).toMatchObject({ base: 5, limit: 2, admitted: ['b', 'c'] });
    expect(r.value.results.map((x) => x.grade)).toEqual([null, '优秀', '优秀', '称职', '称职']);
    expect([r.value.results[0].gradeReasons, r.value.results[0].bonus]).toEqual([['roster: ungraded'], null]);
    expect(r.value.cohorts[0].distribution).toMatchObject({ none: 1, 优秀: 2 });
    // ungraded and out of the base: 40% of 4 = 1.6 → 1
    const both = await engine.evaluateCohort(s, five({ a: { ungraded: true, countsInBase: false } }));
    expect(both.ok && both.value.cohorts[0].quotas[0]).toMatchObject({ base: 4, limit: 1, admitted: ['b'] });
  });
});

// Fixes after the officer's review (issue 14): the roster's `countsInBase` is its word over the
// scheme's `of graded|all` for that member, both ways; members ungraded by the roster are not ranked.
describe('roster standing: countsInBase over `of graded`, and ranks', () => {
  const GRADED = SRC.replace('quota 40% of all', 'quota 40% of graded');
  const prepareGraded = (): PreparedScheme => {
    const p = engine.prepare(GRADED, 'standing-graded.kaohe');
    expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    return p.value!;
  };

  it('countsInBase true puts an ungraded member into an `of graded` base: 40% of 5 = 2 places, not 40% of 3 = 1.2 → 1', async () => {
    const s = prepareGraded();
    const r = await engine.evaluateCohort(s, five({ d: { ungraded: true, countsInBase: true }, e: { ungraded: true, countsInBase: true } }));
    expect(r.ok && r.value.cohorts[0].quotas[0]).toMatchObject({ grade: '优秀', base: 5, limit: 2, admitted: ['a', 'b'] });
    expect(r.ok && r.value.results.map((x) => x.grade)).toEqual(['优秀', '优秀', '称职', null, null]);
    // without the roster's word the scheme decides: `of graded` leaves the two ungraded out (base 3 → 1 place)
    const plain = await engine.evaluateCohort(s, five({ d: { ungraded: true }, e: { ungraded: true } }));
    expect(plain.ok && plain.value.cohorts[0].quotas[0]).toMatchObject({ base: 3, limit: 1, admitted: ['a'] });
    // and countsInBase false takes a graded member out: 40% of (3 − 1) = 0.8 → 0 places
    const out = await engine.evaluateCohort(s, five({ c: { countsInBase: false }, d: { ungraded: true }, e: { ungraded: true } }));
    expect(out.ok && out.value.cohorts[0].quotas[0]).toMatchObject({ base: 2, limit: 0, admitted: [] });
    // true on a graded member changes nothing (it is in the base already); `of all` has everyone already
    const same = await engine.evaluateCohort(s, five({ a: { countsInBase: true } }));
    expect(same.ok && same.value.cohorts[0].quotas[0]).toMatchObject({ base: 5, limit: 2 });
    const all = await engine.evaluateCohort(prepare(), five({ d: { ungraded: true, countsInBase: true } }));
    expect(all.ok && all.value.cohorts[0].quotas[0]).toMatchObject({ base: 5, limit: 2 });
  });

  it('members ungraded by the roster get no rank and take none from the others', async () => {
    const s = prepare();
    const r = await engine.evaluateCohort(s, five({ a: { ungraded: true, countsInBase: true }, b: { ungraded: true } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.results.map((x) => [x.subject, x.rank.overall, x.rank.cohort])).toEqual([
      ['a', null, null], ['b', null, null], ['c', 1, 1], ['d', 2, 2], ['e', 3, 3],
    ]);
    expect(CohortResultSchema.safeParse(r.value).success).toBe(true);
  });
});
