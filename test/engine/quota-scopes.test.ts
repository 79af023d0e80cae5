// Issue 13, engine side of quotas: ranks (competition ranking, 1, 1, 3), `rank by`, quota scopes
// (the cohort quota in every cohort, then the overall one over the batch), quota tables, soft quotas
// (`normally P`: flags, never demotions), several rules for one grade. Every expectation is computed
// by hand in the comment above it (limits as exact fractions, then floor/ceil/half-up).

import { describe, expect, it } from 'vitest';
import type { CohortResult } from '../../engine/api.js';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import { CohortResultSchema } from '../../engine/result-schema.js';
import { loadSource } from './helpers.js';

type Row = [string, Record<string, unknown>];

async function run(src: string, rows: Row[], lang: 'en' | 'zh' = 'en'): Promise<CohortResult> {
  const { scheme } = loadSource(src);
  const r = await evaluateCohort(scheme, rows.map(([id, input]) => ({ id, input })), { lang });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const shape = CohortResultSchema.safeParse(r.value); // rank, flags, scopes and `overall` as the schema says
  expect(shape.success, JSON.stringify(shape.error?.issues.slice(0, 3))).toBe(true);
  return r.value;
}
const by = (v: CohortResult) => Object.fromEntries(v.results.map((x) => [x.subject, x]));
const grades = (v: CohortResult) => Object.fromEntries(v.results.map((x) => [x.subject, x.grade]));
const ranks = (v: CohortResult) => Object.fromEntries(v.results.map((x) => [x.subject, [x.rank.overall, x.rank.cohort]]));

const plain = (grades: string, head = '') => `scheme Q {
  ${head}
  input { 组: text = "", s: number, k: number = 0, 表彰: bool = false, 用时: number = 0 }
  indicator S weight 100% = s
  grades tiebreak k desc {
${grades}
  }
}`;

describe('ranks', () => {
  it('ranks everyone by the reported score, ties sharing a rank (1, 1, 3), overall and within the cohort', async () => {
    const v = await run(plain(`    优 when score >= 90
    差 otherwise`, 'cohort by 组'), [
      ['a', { 组: 'x', s: 95 }], ['b', { 组: 'y', s: 95 }], ['c', { 组: 'x', s: 90.004 }], ['d', { 组: 'x', s: 89.996 }], ['e', { 组: 'y', s: 10 }],
    ]);
    // reported (2 digits): a 95, b 95, c 90.00, d 90.00, e 10 → overall 1, 1, 3, 3, 5; in x: a 1, c 2, d 2; in y: b 1, e 2
    expect(ranks(v)).toEqual({ a: [1, 1], b: [1, 1], c: [3, 2], d: [3, 2], e: [5, 2] });
    expect(grades(v)).toEqual({ a: '优', b: '优', c: '优', d: '优', e: '差' }); // d's reported score 90.00 >= 90
  });

  it('`rank by E asc` ranks and races by E, smallest first', async () => {
    const v = await run(plain(`    优 when score >= 90 quota 50%
    良 when score >= 80
    差 otherwise`, 'rank by 用时 asc'), [
      ['a', { s: 95, 用时: 30 }], ['b', { s: 92, 用时: 10 }], ['c', { s: 91, 用时: 20 }], ['d', { s: 50, 用时: 5 }],
    ]);
    // ranks by 用时 asc: d 5 → 1, b 10 → 2, c 20 → 3, a 30 → 4
    expect(ranks(v)).toEqual({ a: [4, 4], b: [2, 2], c: [3, 3], d: [1, 1] });
    // 优: ⌊1/2 × 4⌋ = 2; holders a, b, c raced by 用时 asc: b, c keep; a (the highest score) drops to 良
    expect(grades(v)).toEqual({ a: '良', b: '优', c: '优', d: '差' });
    expect(by(v).a.quota).toMatchObject({ grade: '优', scope: 'cohort', demotedTo: '良', rank: 3, limit: 2 });
    expect(by(v).a.quota!.reason).toBe('优 quota 2 = 50% of 4 (graded, round down): ranked 3 of the 3 candidates for 优 (用时 (asc) 30, k (desc) 0); demoted to 良');
  });
});

describe('hard quotas', () => {
  it('demotes everyone tied at the quota line, and the tie shares its rank', async () => {
    const v = await run(plain(`    优 when score >= 90 quota 25%
    良 when score >= 80
    差 otherwise`), [
      ['a', { s: 96 }], ['b', { s: 95 }], ['c', { s: 95 }], ['d', { s: 80 }], ['e', { s: 80 }], ['f', { s: 80 }], ['g', { s: 80 }], ['h', { s: 80 }],
    ]);
    // 优: ⌊1/4 × 8⌋ = 2; holders a 96, b 95, c 95: b and c tie (score, k 0) on ranks 2 and 3 across the line → both to 良
    expect(v.cohorts[0].quotas).toEqual([{ grade: '优', scope: 'cohort', limit: 2, base: 8, admitted: ['a'], ties: ['b', 'c'] }]);
    expect(grades(v)).toMatchObject({ a: '优', b: '良', c: '良' });
    expect(ranks(v)).toMatchObject({ a: [1, 1], b: [2, 2], c: [2, 2], d: [4, 4], h: [4, 4] });
    expect(by(v).b.quota).toMatchObject({ rank: 2, limit: 2, demotedTo: '良' });
  });

  it('a quota that rounds to zero demotes every holder; min 1 or round nearest keeps one', async () => {
    const rows: Row[] = [['a', { s: 95 }], ['b', { s: 70 }], ['c', { s: 70 }], ['d', { s: 70 }], ['e', { s: 70 }]];
    const down = await run(plain(`    优 when score >= 90 quota 10%
    差 otherwise`), rows);
    // ⌊1/10 × 5⌋ = ⌊1/2⌋ = 0
    expect(down.cohorts[0].quotas[0]).toMatchObject({ limit: 0, base: 5, admitted: [], ties: [] });
    expect(by(down).a).toMatchObject({ grade: '差', quota: { grade: '优', demotedTo: '差', rank: 1, limit: 0 } });
    const min = await run(plain(`    优 when score >= 90 quota 10% min 1
    差 otherwise`), rows);
    expect(min.cohorts[0].quotas[0]).toMatchObject({ limit: 1, admitted: ['a'] }); // max(0, min(1, 5)) = 1
    const nearest = await run(plain(`    优 when score >= 90 quota 10% round nearest
    差 otherwise`), rows);
    expect(nearest.cohorts[0].quotas[0]).toMatchObject({ limit: 1, admitted: ['a'] }); // 1/2 half-up → 1
  });
});

describe('scopes', () => {
  const nested = plain(`    优 when score >= 90 quota 50% quota 25% overall
    良 when score >= 80
    差 otherwise`, 'cohort by 组');

  it('applies the cohort quota in every cohort first, then the overall one over the remaining holders', async () => {
    const v = await run(nested, [
      ['a1', { 组: 'A', s: 95 }], ['a2', { 组: 'A', s: 94 }], ['b1', { 组: 'B', s: 93 }], ['b2', { 组: 'B', s: 92 }],
      ['c1', { 组: 'C', s: 91 }], ['c2', { 组: 'C', s: 50 }], ['d1', { 组: 'D', s: 50 }], ['d2', { 组: 'D', s: 50 }],
    ]);
    // cohort (inner) binds in A and B: ⌊1/2 × 2⌋ = 1 → a2, b2 drop to 良; C: 1 holder, limit 1
    // overall (outer) binds next: ⌊1/4 × 8⌋ = 2 of the remaining a1 95, b1 93, c1 91 → c1 drops to 良
    expect(grades(v)).toEqual({ a1: '优', a2: '良', b1: '优', b2: '良', c1: '良', c2: '差', d1: '差', d2: '差' });
    expect(by(v).a2.quota).toMatchObject({ grade: '优', scope: 'cohort', demotedTo: '良', rank: 2, limit: 1 });
    expect(by(v).c1.quota).toMatchObject({ grade: '优', scope: 'overall', demotedTo: '良', rank: 3, limit: 2 });
    expect(by(v).c1.quota!.reason).toBe('优 overall quota 2 = 25% of 8 (graded, round down): ranked 3 of the 3 candidates for 优 (score 91, k (desc) 0); demoted to 良');
    expect(by(v).a2.quota!.reason).toContain('优 cohort quota 1 = 50% of 2');
    expect(by(v).a1.gradeReasons).toEqual([
      'score 95 >= 90',
      '优 cohort quota 1 = 50% of 2 (graded, round down): ranked 1 of the 2 candidates for 优 (score 95, k (desc) 0); kept',
      '优 overall quota 2 = 25% of 8 (graded, round down): ranked 1 of the 3 candidates for 优 (score 95, k (desc) 0); kept',
    ]);
    expect(v.cohorts.map((c) => c.quotas[0])).toEqual([
      { grade: '优', scope: 'cohort', limit: 1, base: 2, admitted: ['a1'], ties: [] },
      { grade: '优', scope: 'cohort', limit: 1, base: 2, admitted: ['b1'], ties: [] },
      { grade: '优', scope: 'cohort', limit: 1, base: 2, admitted: ['c1'], ties: [] },
      { grade: '优', scope: 'cohort', limit: 1, base: 2, admitted: [], ties: [] },
    ]);
    expect(v.overall).toEqual({
      size: 8, quotas: [{ grade: '优', scope: 'overall', limit: 2, base: 8, admitted: ['a1', 'b1'], ties: [] }],
      distribution: { 优: 2, 良: 3, 差: 3, none: 0 },
    });
    expect(ranks(v)).toEqual({ a1: [1, 1], a2: [2, 2], b1: [3, 1], b2: [4, 2], c1: [5, 1], c2: [6, 2], d1: [6, 1], d2: [6, 1] });
    const zh = await run(nested, [['a1', { 组: 'A', s: 95 }], ['a2', { 组: 'A', s: 94 }]], 'zh');
    // inner: 1 of 2 → a2 to 良; outer: ⌊1/4 × 2⌋ = 0 → a1 to 良 too
    expect(by(zh).a1.quota!.reason).toBe('按全体比例，“优”名额 0 = 2 人的 25%（按定等人数，向下取整）：在 1 名“优”人选中排第 1（总分 95、k（降序） 0）；降为“良”');
    expect(by(zh).a2.quota!.reason).toContain('按本组比例，“优”名额 1 = 2 人的 50%');
  });

  it('only the outer quota binds when every cohort is within its own', async () => {
    const v = await run(nested, [
      ['a1', { 组: 'A', s: 95 }], ['a2', { 组: 'A', s: 50 }], ['b1', { 组: 'B', s: 93 }], ['b2', { 组: 'B', s: 50 }],
      ['c1', { 组: 'C', s: 91 }], ['c2', { 组: 'C', s: 50 }],
    ]);
    // inner: each cohort ⌊1/2 × 2⌋ = 1 with 1 holder; outer: ⌊1/4 × 6⌋ = 1 of a1, b1, c1 → b1, c1 to 良 (scope overall)
    expect(grades(v)).toMatchObject({ a1: '优', b1: '良', c1: '良' });
    expect([by(v).b1.quota!.scope, by(v).c1.quota!.scope]).toEqual(['overall', 'overall']);
    expect(by(v).b1.quota).toMatchObject({ rank: 2, limit: 1 });
    expect(v.overall!.quotas[0]).toMatchObject({ limit: 1, base: 6, admitted: ['a1'] });
  });

  it('without an overall quota there is no overall summary and the words name no scope', async () => {
    const v = await run(plain(`    优 when score >= 90 quota 50%
    差 otherwise`), [['a', { s: 95 }], ['b', { s: 94 }]]);
    expect(v.overall).toBeUndefined();
    expect(by(v).b.quota!.reason).toBe('优 quota 1 = 50% of 2 (graded, round down): ranked 2 of the 2 candidates for 优 (score 94, k (desc) 0); demoted to 差');
  });
});

describe('soft quotas', () => {
  const soft = plain(`    优 when score >= 90 quota normally 40%
    差 otherwise`);

  it('exactly reached: no flag', async () => {
    const v = await run(soft, [['a', { s: 95 }], ['b', { s: 93 }], ['c', { s: 50 }], ['d', { s: 50 }], ['e', { s: 50 }]]);
    // normal ⌊2/5 × 5⌋ = 2 = holders a, b; a soft-only quota demotes nobody: limit = base
    expect(v.cohorts[0].quotas).toEqual([{ grade: '优', scope: 'cohort', limit: 5, base: 5, admitted: ['a', 'b'], ties: [], normal: 2 }]);
    expect(v.results.every((r) => r.flags === undefined)).toBe(true);
  });

  it('exceeded: the holders past the normal share are flagged, not demoted; a tie straddling the line is flagged whole', async () => {
    const v = await run(soft, [['a', { s: 95 }], ['b', { s: 93 }], ['c', { s: 91 }], ['d', { s: 50 }], ['e', { s: 50 }]]);
    // normal 2, holders a 95, b 93, c 91 → c (rank 3) flagged, keeps 优
    expect(grades(v)).toMatchObject({ a: '优', b: '优', c: '优' });
    expect(by(v).c.flags).toEqual([{
      grade: '优', scope: 'cohort', rank: 3, normal: 2,
      reason: '优 normally at most 2 = 40% of 5 (graded, round down): ranked 3 of the 3 candidates for 优 (score 91, k (desc) 0); above the normal share, flagged',
    }]);
    expect(by(v).c.quota).toBeUndefined();
    expect(v.cohorts[0].quotas[0]).toMatchObject({ normal: 2, over: ['c'], flag: '3 hold 优, above the normal 2 = 40% of 5 (graded, round down)' });
    const tie = await run(soft, [['a', { s: 95 }], ['b', { s: 93 }], ['c', { s: 93 }], ['d', { s: 50 }], ['e', { s: 50 }]]);
    // b and c tie on every key across the soft line (ranks 2 and 3, normal 2) → both flagged
    expect(tie.cohorts[0].quotas[0]).toMatchObject({ normal: 2, over: ['b', 'c'] });
    expect(by(tie).b.flags![0]).toMatchObject({ rank: 2, normal: 2 });
    const zh = await run(soft, [['a', { s: 95 }], ['b', { s: 93 }], ['c', { s: 91 }], ['d', { s: 50 }], ['e', { s: 50 }]], 'zh');
    expect(by(zh).c.flags![0].reason).toBe('“优”通常不超过 2 人 = 5 人的 40%（按定等人数，向下取整）：在 3 名“优”人选中排第 3（总分 91、k（降序） 0）；超过通常比例，予以提示');
    expect(zh.cohorts[0].quotas[0].flag).toBe('“优”共 3 人，超过通常比例 2 人 = 5 人的 40%（按定等人数，向下取整）');
  });

  it('with a hard share too: the soft line is checked after the hard quota', async () => {
    const v = await run(plain(`    优 when score >= 90 quota 60% normally 40%
    差 otherwise`), [['a', { s: 95 }], ['b', { s: 94 }], ['c', { s: 93 }], ['d', { s: 92 }], ['e', { s: 50 }]]);
    // hard ⌊3/5 × 5⌋ = 3 → d to 差; soft ⌊2/5 × 5⌋ = 2 of a, b, c → c flagged
    expect(grades(v)).toMatchObject({ a: '优', b: '优', c: '优', d: '差' });
    expect(v.cohorts[0].quotas[0]).toMatchObject({ limit: 3, admitted: ['a', 'b', 'c'], normal: 2, over: ['c'] });
    expect(by(v).d.flags).toBeUndefined();
  });
});

describe('quota tables', () => {
  const teams = `scheme T {
  cohort by 班子
  enum 班子等次 { 好, 一般, 较差 }
  input { 班子: text, 班子等次: 班子等次, s: number }
  indicator S weight 100% = s
  grades {
    优秀 when score >= 90 quota 班子等次 { 好: 30%, 一般: 20%, 较差: 15% }
    称职 when score >= 60
    不称职 otherwise
  }
}`;
  const team = (name: string, level: string): Row[] =>
    [99, 98, 97, 96, 95, 50, 50, 50, 50, 50].map((s, i) => [`${name}${i + 1}`, { 班子: name, 班子等次: level, s }]);

  it('looks the share up by the team grade: 30% / 20% / 15% of 10', async () => {
    const v = await run(teams, [...team('一班', '好'), ...team('二班', '一般'), ...team('三班', '较差')]);
    // ⌊3/10 × 10⌋ = 3, ⌊1/5 × 10⌋ = 2, ⌊3/20 × 10⌋ = ⌊3/2⌋ = 1
    expect(v.cohorts.map((c) => [c.key, c.quotas[0].limit, c.quotas[0].admitted])).toEqual([
      ['一班', 3, ['一班1', '一班2', '一班3']], ['二班', 2, ['二班1', '二班2']], ['三班', 1, ['三班1']],
    ]);
    expect(grades(v)).toMatchObject({ 一班4: '称职', 二班3: '称职', 三班2: '称职', 三班6: '不称职' });
    expect(by(v)['三班2'].quota!.reason).toBe('优秀 quota 1 = 15% of 10 (graded, round down, 班子等次 = 较差): ranked 2 of the 5 candidates for 优秀 (score 98); demoted to 称职');
  });

  it('a let may be the key', async () => {
    const viaLet = teams.replace('  indicator S', '  let 档 = 班子等次\n  indicator S').replace('quota 班子等次 {', 'quota 档 {');
    const v = await run(viaLet, [...team('一班', '好'), ...team('三班', '较差')]);
    expect(v.cohorts.map((c) => c.quotas[0].limit)).toEqual([3, 1]); // as above: 30% and 15% of 10
  });

  it('KH-E043 when the key is not the same for every subject of the scope, naming two of them', async () => {
    const { scheme } = loadSource(teams);
    const rows = [...team('一班', '好')];
    rows[6] = ['一班7', { 班子: '一班', 班子等次: '一般', s: 50 }];
    const r = await evaluateCohort(scheme, rows.map(([id, input]) => ({ id, input })));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'KH-E043', subject: '一班7', path: 'subjects[6].input.班子等次', line: 7 });
    expect(r.errors[0].message).toBe('the 优秀 quota takes its share from 班子等次, which must be the same for every subject of the cohort 一班; 一班1 has 好 but 一班7 has 一般 (line 7)');
    // keyed by a let: at the subject (issue 13 hostile finding: KH-E043 had no path)
    const viaLet = loadSource(teams.replace('  indicator S', '  let 档 = 班子等次\n  indicator S').replace('quota 班子等次 {', 'quota 档 {')).scheme;
    const l = await evaluateCohort(viaLet, rows.map(([id, input]) => ({ id, input })));
    expect(!l.ok && l.errors[0]).toMatchObject({ code: 'KH-E043', subject: '一班7', path: 'subjects[6]' });
  });

  it('alone, the looked-up share only makes the grade provisional', async () => {
    const { scheme } = loadSource(teams);
    const r = await evaluate(scheme, { id: 'x', input: { 班子: '一班', 班子等次: '较差', s: 95 } });
    expect(r.ok && r.value.grade).toBe('优秀');
    expect(r.ok && r.value.provisional).toBe(true);
  });
});

describe('several rules for one grade', () => {
  const two = (quota: string) => plain(`    优 when score >= 90 ${quota}
    优 when 表彰 and score >= 85
    良 when score >= 60
    差 otherwise`);

  it('the first rule that holds gives the grade and its reasons; the grade is one for its quota', async () => {
    const v = await run(two('quota 50%'), [['a', { s: 95 }], ['b', { s: 87, 表彰: true }], ['c', { s: 87 }], ['d', { s: 50 }]]);
    // ⌊1/2 × 4⌋ = 2 holders a (rule 1) and b (rule 2) → both keep 优
    expect(grades(v)).toEqual({ a: '优', b: '优', c: '良', d: '差' });
    expect(by(v).b.gradeReasons[0]).toBe('表彰 = true');
    expect(by(v).a.gradeReasons[0]).toBe('score 95 >= 90');
    const tight = await run(two('quota 25%'), [['a', { s: 95 }], ['b', { s: 87, 表彰: true }], ['c', { s: 87 }], ['d', { s: 50 }]]);
    // ⌊1/4 × 4⌋ = 1: both rules' holders race for the one place → b to 良
    expect(grades(tight)).toEqual({ a: '优', b: '良', c: '良', d: '差' });
    expect(tight.cohorts[0].quotas).toHaveLength(1);
  });
});
