// The statistics of the 60-person fixture (test/fixtures/stats/: 综合科 12, 业务科 15, 信息科 16,
// 后勤科 17; quarters 2025-Q4 and 2026-Q1) evaluated by the real engine, checked against tables
// worked out BY HAND below — every expected number is a literal, its arithmetic in the comment.
//
// Every indicator input of a person is one value x, so 甲 = 乙 = 丙 = x and the group 业务 = x; the
// score is x except for items (2026-Q1): zh-05 受表彰 +2 (85 → 87), zh-10 差错 2 × −1 (72 → 70),
// hq-05 差错 −1 (87 → 86); yw-06 违纪 caps at 合格 (87, no effect). 优秀 ≥ 90 with a 20% quota per
// unit (rounded down), 合格 ≥ 60, else 不合格; improve below 70; 约谈 for 不合格. Precision 1, so
// means show 3 decimals and quartiles at most 3.
//
// x in 2026-Q1, sorted ascending per unit:
//   综合科 (12): 60 68 72 75 78 80 82 85 88 91 93 95                        Σ = 967
//   业务科 (15): 55 66 74 77 79 81 83 84 86 87 89 92 92 94 96               Σ = 1235
//   信息科 (16): 65 69.5 70 72.5 76 78 80 84 85 85 86 88.5 91 91.5 95 98    Σ = 1315
//   后勤科 (17): 58 64 71 73 75 78 79 80 82 83 84 86 87 89 90 92 93         Σ = 1364

import { beforeAll, describe, expect, it } from 'vitest';
import { statistics } from '../../analytics/tables.js';
import type { PeriodFacts, Statistics, StatRow } from '../../analytics/types.js';
import { fixturePeriods } from './fixture-data.js';

let q4: PeriodFacts, q1: PeriodFacts, st: Statistics;
beforeAll(async () => {
  ({ q4, q1 } = await fixturePeriods());
  st = statistics([q4, q1], { by: 'unit', limit: 3 });
});

/** A row as [unit, n, mean, exact, min, q1, median, q3, max, below count] for compact literals. */
const flat = (r: StatRow | null) => r && [r.unit, r.n, r.mean.text, r.mean.exact, r.min, r.q1, r.median, r.q3, r.max, r.below?.count ?? null];

describe('fixture: 2026-Q1 distribution against the 优秀 quota', () => {
  it('per unit: counts, shares, none and quota rows', () => {
    const d = st.periods[1]!.distribution;
    const brief = d.units.map((u) => [u.unit, u.size, ...u.grades.map((g) => `${g.count}=${g.percent}`), `${u.none.count}=${u.none.percent}`,
      ...u.quotas.map((q) => `${q.grade} ${q.limit}/${q.base}/${q.admitted}`)]);
    expect(brief).toEqual([
      // 12 × 20% = 2.4 → limit 2; candidates ≥ 90: 95 93 91 → 95, 93 admitted, 91 demoted.
      // 2/12 = 16.67%, 10/12 = 83.33%
      ['综合科', 12, '2=16.67', '10=83.33', '0=0.00', '0=0.00', '优秀 2/12/2'],
      // 15 × 20% = 3; candidates 96 94 92 92: the two 92s tie at place 3 across the line, both demoted
      // → admitted 2 (the tie at the 优秀 line). 55 → 不合格. 2/15 = 13.33%, 12/15 = 80%, 1/15 = 6.67%
      ['业务科', 15, '2=13.33', '12=80.00', '1=6.67', '0=0.00', '优秀 3/15/2'],
      // xx-10 is 不定等次 (no grade, not in the base: 16 − 1 = 15, × 20% = 3); candidates 98 95 91.5 91
      // → 91 demoted. 3/16 = 18.75%, 12/16 = 75%, none 1/16 = 6.25%
      ['信息科', 16, '3=18.75', '12=75.00', '0=0.00', '1=6.25', '优秀 3/15/3'],
      // 17 × 20% = 3.4 → 3; candidates 93 92 90 all admitted; 58 → 不合格.
      // 3/17 = 17.647% → 17.65, 13/17 = 76.470% → 76.47, 1/17 = 5.882% → 5.88
      ['后勤科', 17, '3=17.65', '13=76.47', '1=5.88', '0=0.00', '优秀 3/17/3'],
    ]);
  });

  it('overall: the sums, shares of 60, the quota summed over the 4 cohorts', () => {
    const o = st.periods[1]!.distribution.overall;
    expect(o.size).toBe(60);
    // 优秀 2+2+3+3 = 10 (16.67%), 合格 10+12+12+13 = 47 (78.33%), 不合格 0+1+0+1 = 2 (3.33%), none 1 (1.67%)
    expect(o.grades.map((g) => [g.grade, g.count, g.percent])).toEqual([['优秀', 10, '16.67'], ['合格', 47, '78.33'], ['不合格', 2, '3.33']]);
    expect(o.none).toEqual({ count: 1, base: 60, percent: '1.67' });
    // limit 2+3+3+3 = 11, base 12+15+15+17 = 59, admitted 2+2+3+3 = 10
    expect(o.quotas).toEqual([{ grade: '优秀', scope: 'cohort', limit: 11, base: 59, admitted: 10, normal: null, cohorts: 4 }]);
  });
});

describe('fixture: 2026-Q1 indicator statistics (QUARTILE.INC)', () => {
  it('甲 per unit: even and odd n, quartiles with up to 3 decimals, share below improve', () => {
    const ind = st.periods[1]!.indicators.find((n) => n.name === '甲')!;
    expect(ind.label).toBe('工作实绩');
    expect(ind.group).toBe('业务');
    expect(ind.units.map(flat)).toEqual([
      // n = 12: mean 967/12 = 80.58333 → 80.583; q1 h = 11/4 = 2.75: 72 + .75 × (75 − 72) = 74.25;
      // median h = 5.5: 80 + .5 × 2 = 81; q3 h = 8.25: 88 + .25 × 3 = 88.75; below 70: 68, 60 → 2
      ['综合科', 12, '80.583', '967/12', '60.0', '74.25', '81.0', '88.75', '95.0', 2],
      // n = 15 (odd): mean 1235/15 = 247/3 = 82.333; q1 h = 3.5: 77 + .5 × 2 = 78; median h = 7: 84;
      // q3 h = 10.5: 89 + .5 × 3 = 90.5; below: 66, 55 → 2
      ['业务科', 15, '82.333', '247/3', '55.0', '78.0', '84.0', '90.5', '96.0', 2],
      // n = 16: mean 1315/16 = 82.1875 → 82.188 (half away from zero); q1 h = 3.75: 72.5 + .75 × 3.5
      // = 75.125; median h = 7.5: 84 + .5 × 1 = 84.5; q3 h = 11.25: 88.5 + .25 × 2.5 = 89.125;
      // below: 69.5, 65 → 2 (70 is not below 70)
      ['信息科', 16, '82.188', '1315/16', '65.0', '75.125', '84.5', '89.125', '98.0', 2],
      // n = 17: mean 1364/17 = 80.23529 → 80.235; h = 4, 8, 12 exactly: 75, 82, 87; below: 64, 58
      ['后勤科', 17, '80.235', '1364/17', '58.0', '75.0', '82.0', '87.0', '93.0', 2],
    ]);
    // below shares: 2/12 = 16.67%, 2/15 = 13.33%, 2/16 = 12.50%, 2/17 = 11.76%
    expect(ind.units.map((r) => r.below!.percent)).toEqual(['16.67', '13.33', '12.50', '11.76']);
  });

  it('甲 overall over 60: the merged order, h = 14.75, 29.5, 44.25', () => {
    // Σ = 967 + 1235 + 1315 + 1364 = 4881; 4881/60 = 1627/20 = 81.35 → 81.350.
    // Merged ascending, positions: 75 at [14] and [15] → q1 = 75; 83 at [29] and [30] → median 83;
    // 89 at [44] and [45] → q3 = 89. Below: 2 + 2 + 2 + 2 = 8, 8/60 = 13.33%.
    const ind = st.periods[1]!.indicators.find((n) => n.name === '甲')!;
    expect(flat(ind.overall)).toEqual([null, 60, '81.350', '1627/20', '55.0', '75.0', '83.0', '89.0', '98.0', 8]);
    expect(ind.overall!.below!.percent).toBe('13.33');
  });

  it('the group has no below share; the score row differs from 甲 where items acted', () => {
    const p = st.periods[1]!;
    const g = p.groups.find((n) => n.name === '业务')!;
    expect(g.overall!.below).toBeUndefined();
    expect(flat(g.overall)!.slice(0, 4)).toEqual([null, 60, '81.350', '1627/20']); // (x + x)/2 = x
    // scores: 4881 + 2 (zh-05) − 2 (zh-10) − 1 (hq-05) = 4880; 4880/60 = 244/3 = 81.333
    expect(flat(p.score.overall)).toEqual([null, 60, '81.333', '244/3', '55.0', '75.0', '83.0', '89.0', '98.0', null]);
    expect(p.score.label).toBe('总分');
    // 综合科 scores: 60 68 70 75 78 80 82 87 88 91 93 95 (Σ 967 again: +2 −2); q1 h = 2.75: 70 + .75 × 5 = 73.75
    expect(flat(p.score.units[0]!)).toEqual(['综合科', 12, '80.583', '967/12', '60.0', '73.75', '81.0', '88.75', '95.0', null]);
    // 后勤科 scores: Σ 1364 − 1 = 1363, 1363/17 = 80.176; sorted … 84 86 86 89 …: q3 = x[12] = 86
    expect(flat(p.score.units[3]!)).toEqual(['后勤科', 17, '80.176', '1363/17', '58.0', '75.0', '82.0', '86.0', '93.0', null]);
  });
});

describe('fixture: items and actions', () => {
  it('how often each item fired, per unit', () => {
    const items = st.periods[1]!.items.map((it) => [it.kind, it.item, it.overall.count, ...it.units.map((u) => u.count)]);
    expect(items).toEqual([
      ['negative', '差错', 2, 1, 0, 0, 1], // zh-10, hq-05
      ['negative', '违纪', 1, 0, 1, 0, 0], // yw-06
      ['reward', '表彰', 1, 1, 0, 0, 0], //   zh-05
    ]);
    // 约谈 for 不合格: yw-15 (55) and hq-17 (58): 2/60 = 3.33%
    const a = st.periods[1]!.actions[0]!;
    expect([a.name, a.label, a.overall.count, a.overall.percent, ...a.units.map((u) => u.count)]).toEqual(['约谈', '约谈提醒', 2, '3.33', 0, 1, 0, 1]);
  });
});

describe('fixture: change 2025-Q4 → 2026-Q1', () => {
  // Differences: zh-03 96 → 91 (优秀 → 合格: 96 and 95 were the 2 admitted in Q4, now 95 and 93);
  // zh-02 93 合格 → 优秀; yw-15 65 → 55 (合格 → 不合格); hq-03 85 → 90 (合格 → 优秀; Q4 had only
  // 93, 92 ≥ 90); xx-10 graded in Q4, 不定等次 in Q1; hq-99 only in Q4; hq-17 only in Q1.
  it('people up / down / same / new / gone', () => {
    const c = st.periods[1]!.change!;
    expect([c.from, c.to, c.top]).toEqual(['2025-Q4', '2026-Q1', '优秀']);
    // matched 60 − 1 = 59 = up 2 + down 2 + lostGrade 1 + same 54
    expect(c.people).toEqual({ up: 2, down: 2, same: 54, lostGrade: 1, gainedGrade: 0, new: 1, gone: 1 });
    expect(st.periods[0]!.change).toBeNull(); // nothing stored before 2025-Q4
  });

  it('the 优秀 share per unit, largest change first', () => {
    const units = st.periods[1]!.change!.units.map((u) => [u.unit, u.before!.percent, u.after!.percent, u.delta]);
    expect(units).toEqual([
      // Q4 2/17 (hq-99 counted, hq-17 not) → Q1 3/17: (3 − 2)/17 = 5.882 points
      ['后勤科', '11.76', '17.65', '5.88'],
      // the rest unchanged, then by unit name in code point order: 业 U+4E1A < 信 U+4FE1 < 综 U+7EFC
      ['业务科', '13.33', '13.33', '0.00'],
      ['信息科', '18.75', '18.75', '0.00'],
      ['综合科', '16.67', '16.67', '0.00'],
    ]);
  });

  it('moves in unit order, paginated', () => {
    const c = st.periods[1]!.change!;
    expect(c.moves.total).toBe(4);
    expect(c.moves.items.map((m) => `${m.subject} ${m.name} ${m.unit} ${m.before}→${m.after} ${m.direction}`)).toEqual([
      'zh-02 钱二 综合科 合格→优秀 up',
      'zh-03 孙三 综合科 优秀→合格 down',
      'yw-15 严北 业务科 合格→不合格 down',
    ]);
    expect(c.moves.next).toBe('3:2026-Q1');
    const page2 = statistics([q4, q1], { by: 'unit', limit: 3, cursor: c.moves.next! }).periods[1]!.change!.moves;
    expect(page2.items.map((m) => m.subject)).toEqual(['hq-03']);
    expect(page2.next).toBeNull();
  });

  it('the previous period given apart (`before`) gives the same change', () => {
    const alone = statistics([q1], { before: q4 });
    expect(alone.periods[0]!.change!.people).toEqual(st.periods[1]!.change!.people);
  });
});

describe('fixture: trend', () => {
  it('mean score and 优秀 share per period', () => {
    // Q4 scores are x (no items): 4881 + 5 (zh-03) + 10 (yw-15) − 5 (hq-03) − 58 (hq-17) + 77 (hq-99)
    // = 4910, /60 = 81.8333 → 81.833; 优秀 2 + 2 + 3 + 2 = 9 of 60 = 15.00%. Q1: 81.333, 10/60 = 16.67%.
    const overall = st.trend[0]!;
    expect(overall.unit).toBeNull();
    expect(overall.points.map((p) => [p.period, p.n, p.mean, p.top!.percent])).toEqual([
      ['2025-Q4', 60, '81.833', '15.00'], ['2026-Q1', 60, '81.333', '16.67'],
    ]);
    // 后勤科 Q4: 1364 − 58 + 77 − 5 = 1378, /17 = 81.0588 → 81.059; Q1 1363/17 = 80.176
    expect(st.trend.find((l) => l.unit === '后勤科')!.points.map((p) => p.mean)).toEqual(['81.059', '80.176']);
  });
});

describe('fixture: scope', () => {
  it('a unit officer of 业务科 and 后勤科 sees only them; whole-batch rows stay consistent', () => {
    const s = statistics([q4, q1], { scope: ['业务科', '后勤科'] });
    const d = s.periods[1]!.distribution;
    expect(d.units.map((u) => u.unit)).toEqual(['业务科', '后勤科']);
    // 15 + 17 = 32 people; 优秀 2 + 3 = 5; quota limit 3 + 3 = 6, base 15 + 17 = 32, admitted 2 + 3 = 5
    expect([d.overall.size, d.overall.grades[0]!.count]).toEqual([32, 5]);
    expect(d.overall.quotas.map((q) => [q.limit, q.base, q.admitted, q.cohorts])).toEqual([[6, 32, 5, 2]]);
    // 甲 over 32: Σ 1235 + 1364 = 2599, 2599/32 = 81.21875 → 81.219
    expect(s.periods[1]!.indicators[0]!.overall!.mean).toEqual({ text: '81.219', exact: '2599/32' });
    expect(s.periods[1]!.indicators[0]!.units).toEqual([]); // by indicator: no unit rows
    expect(s.periods[1]!.change!.moves.items.map((m) => m.subject)).toEqual(['yw-15', 'hq-03']);
  });

  it('unit= 信息科: every table covers its 16 people, with unit rows', () => {
    const s = statistics([q1], { unit: '信息科' });
    expect(s.unit).toBe('信息科');
    expect(s.periods[0]!.distribution.overall.size).toBe(16);
    expect(flat(s.periods[0]!.indicators[0]!.units[0]!)).toEqual(['信息科', 16, '82.188', '1315/16', '65.0', '75.125', '84.5', '89.125', '98.0', 2]);
    expect(s.trend.map((l) => l.unit)).toEqual([null, '信息科']);
  });
});
