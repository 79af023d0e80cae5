// Smaller behaviours of the statistics core (issue 15): previous periods of every kind, the scheme
// facts of a prepared scheme, facts from a result (units from the roster or the cohort key, items the
// scheme does not declare), merging rounds of one period under different precisions, numbers as
// text, and the errors a bad request gets.

import { describe, expect, it } from 'vitest';
import { registeredCatalogs } from '../../dsl/i18n/index.js';
import { factsOf, schemeFactsOf } from '../../analytics/facts.js';
import { indicatorMeansByUnit } from '../../analytics/means.js';
import { decOf, quartileOf } from '../../analytics/numbers.js';
import { periodSpan, previousPeriod } from '../../analytics/period.js';
import { parseMovesCursor, statistics, StatsInputError } from '../../analytics/tables.js';
import { prepared, resultOf } from './fixture-data.js';
import { SYN_SCHEME, synFacts, type SynPerson } from './synthetic.js';

describe('previous period', () => {
  it('steps back one period of the same kind', () => {
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-Q3')).toBe('2026-Q2');
    expect(previousPeriod('2026')).toBe('2025');
    expect(previousPeriod('2026-03')).toBe('2026-02');
    expect(previousPeriod('2026-01')).toBe('2025-12');
  });
  it('has none for a special period, malformed text or before year 1', () => {
    expect(previousPeriod('2026-03-01..2026-06-30')).toBeUndefined();
    expect(previousPeriod('2026-Q5')).toBeUndefined();
    expect(previousPeriod('0001')).toBeUndefined();
  });
  it('lists a span oldest first, refusing mixed kinds, reversed ends and spans over the limit', () => {
    expect(periodSpan('2025-Q3', '2026-Q2', 12)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(periodSpan('2025', '2026-Q2', 12)).toBeUndefined();
    expect(periodSpan('2026-Q2', '2025-Q3', 12)).toBeUndefined();
    expect(periodSpan('2000', '2026', 12)).toBeUndefined();
    expect(periodSpan('2015', '2026', 12)).toHaveLength(12);
  });
});

describe('facts', () => {
  it('schemeFactsOf: declaration order, labels, items, actions, improve', () => {
    const f = schemeFactsOf(prepared());
    expect(f.indicators).toEqual([
      { name: '甲', label: '工作实绩', group: '业务' }, { name: '乙', label: '工作质量', group: '业务' }, { name: '丙', label: '民主测评', group: null },
    ]);
    expect(f.groups).toEqual([{ name: '业务', label: '业务能力', group: null }]);
    expect(f.grades).toEqual(['优秀', '合格', '不合格']);
    expect(f.items.map((i) => `${i.kind} ${i.list}.${i.item} ${i.label}`)).toEqual([
      'negative 扣分.差错 工作差错', 'negative 扣分.违纪 违反工作纪律', 'reward 加分.表彰 受到表彰',
    ]);
    expect(f.actions).toEqual([{ name: '约谈', label: '约谈提醒' }]);
    expect(f.improve).toEqual({ below: '70', text: '70' });
    expect(f.precision).toBe(1);
  });

  it('factsOf: scaled integers, the roster unit, else the cohort key; undeclared items appended', async () => {
    const s = prepared();
    const result = await resultOf(s, '2026-Q1');
    result.results[0]!.negative.push({ list: '旧清单', item: '旧事项', effects: [], at: 'line 1' });
    const facts = factsOf(result, [{ id: 'zh-01', unit: '办公室' }, { id: 'zh-02', unit: null }], schemeFactsOf(s));
    expect(facts.units.slice(0, 3)).toEqual(['办公室', '综合科', '业务科']); // zh-02: null → its cohort key
    expect(facts.score.slice(0, 3)).toEqual([950, 930, 910]); // 95.0 × 10
    expect(facts.items[3]).toEqual({ kind: 'negative', list: '旧清单', item: '旧事项', label: null });
    expect(facts.fired.slice(0, 2)).toEqual([0, 3]); // subject 0, item 3
    expect(facts.names[0]).toBe('赵一');
    expect(facts.grade[facts.subjects.indexOf('xx-10')]).toBe(-1);
    // 综合科 (zh-01 moved to 办公室) is no longer a single unit: its quota goes to the overall row only
    expect(facts.quotas.find((q) => q.cohort === '综合科')!.unit).toBeNull();
    expect(facts.quotas.find((q) => q.cohort === '业务科')!.unit).toBe(2);
  });

  it('indicatorMeansByUnit: each unit\'s mean of each indicator', async () => {
    const s = prepared();
    const m = indicatorMeansByUnit(factsOf(await resultOf(s, '2026-Q1'), [], schemeFactsOf(s)));
    expect(m.map((u) => [u.unit, u.size, u.indicators[0]!.mean!.text])).toEqual([
      ['综合科', 12, '80.583'], ['业务科', 15, '82.333'], ['信息科', 16, '82.188'], ['后勤科', 17, '80.235'],
    ]);
    expect(m[0]!.indicators.map((i) => i.name)).toEqual(['甲', '乙', '丙']);
  });
});

const P = (id: string, unit: number, score: number, grade = 1): SynPerson =>
  ({ id, unit, grade, score, a: score, b: score, lowA: false, fired: [], acted: false });

describe('merging and numbers', () => {
  it('two rounds of one period with different precisions are brought to the larger one', () => {
    const two = synFacts([P('a', 0, 8750), P('b', 0, 9000)]); // precision 2: 87.50, 90.00
    const one = synFacts([P('c', 1, 905)], '2026-Q1', { ...SYN_SCHEME, precision: 1 }); // 90.5
    const s = statistics([{ period: '2026-Q1', facts: [two, one] }]);
    const row = s.periods[0]!.score.overall!;
    // (87.50 + 90.00 + 90.50)/3 = 268/3 = 89.333…, 4 decimals
    expect([row.n, row.mean.text, row.mean.exact, row.min, row.max, row.median]).toEqual([3, '89.3333', '268/3', '87.50', '90.50', '90.00']);
    expect(s.periods[0]!.units).toEqual(['U0', 'U1']);
  });

  it('decimal text of scaled integers, negative and zero precision', () => {
    expect(decOf(-5, 2)).toBe('-0.05');
    expect(decOf(1234, 0)).toBe('1234');
    expect(quartileOf(Float64Array.from([1, 2]), 1, 0)).toBe('1.25');
    expect(quartileOf(Float64Array.from([7]), 3, 1)).toBe('0.7'); // n = 1: the value itself
  });

  it('an indicator nobody has gets no overall row', () => {
    const s = statistics([{ period: '2026-Q1', facts: [synFacts([{ ...P('a', 0, 5000), a: null }])] }]);
    expect(s.periods[0]!.indicators[0]!.overall).toBeNull();
    expect(s.periods[0]!.indicators[1]!.overall!.n).toBe(1);
  });

  it('no change across a gap in the span', () => {
    const f = (period: string) => ({ period, facts: [synFacts([P('a', 0, 9000)], period)] });
    const s = statistics([f('2025-Q3'), f('2026-Q1')]);
    expect(s.periods.map((p) => p.change)).toEqual([null, null]);
  });
});

describe('words', () => {
  it('the analytics catalog has every key in both locales; the score row is named in the asked language', () => {
    const catalog = registeredCatalogs().get('analytics')!;
    expect(Object.keys(catalog.zh).sort()).toEqual(Object.keys(catalog.en).sort());
    const f = [{ period: '2026-Q1', facts: [synFacts([P('a', 0, 9000)])] }];
    expect(statistics(f, { lang: 'en' }).periods[0]!.score.label).toBe('Total score');
    expect(statistics(f).periods[0]!.score.label).toBe('总分');
  });
});

describe('bad requests', () => {
  it('no periods, a malformed cursor', () => {
    expect(() => statistics([])).toThrow(StatsInputError);
    const f = [{ period: '2026-Q1', facts: [synFacts([P('a', 0, 9000)])] }];
    try {
      statistics(f, { cursor: 'abc' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatsInputError);
      expect([(e as StatsInputError).code, (e as StatsInputError).path]).toEqual(['bad_cursor', 'cursor']);
    }
    expect(parseMovesCursor('100:2026-Q1')).toEqual({ period: '2026-Q1', offset: 100 });
    expect(parseMovesCursor('-1:2026')).toBeUndefined();
  });
});
