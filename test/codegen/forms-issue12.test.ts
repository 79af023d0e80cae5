// The forms of issue 12 on the compiled engine (issue 16): scheme functions (inlined,
// each argument evaluated once), `x in list` of numbers and dates, dates (`periodStart`/`periodEnd`,
// `d - 6 months`, intervals with open and closed edges) and items attached to indicators (`for X`,
// a list `max` shared in turn). Property tests: every subject's result JSON equals the closures
// engine's byte for byte, with values near ±2^53 (the compiled path bails, the answer is the same)
// and onto exact halves (x.xx5 rounds away from zero); the counters prove both paths were taken.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, planOf, prepare } from '../../engine/index.js';
import { codegenCounters, compileJs, resetCounters } from '../../engine/codegen/index.js';
import { addDuration } from '../../dsl/dates.js';
import * as D from '../../engine/codegen/runtime-dates.js';
import { Bail } from '../../engine/codegen/runtime.js';

const SOURCE = `
scheme 形式 {
  period quarterly
  precision 2
  function 半(x: number, y: number): number = x / 2 + y
  function 期内(d: date): bool = d in [periodStart, periodEnd]
  input {
    a: number
    b: number
    xs: list of number = []
    ds: list of date = []
    d: date
    k: integer >= 0 = 0
  }
  let 窗口内 = count(x in ds where 期内(x))
  indicator A points 50 = clamp(半(a, b), 0, 100)
  group G points 50 {
    indicator B points 25 = 100
    indicator C points 25 = clamp(半(b, 0) * 2, 0, 100)
  }
  negative 扣分 max 7.5 {
    item 列内 for A when a in xs => deduct 2.5 per k
    item 窗口 for B when 窗口内 > 0 => deduct 0.005 per 窗口内
    item 半年 when d in (periodEnd - 6 months, periodEnd] => deduct 1.5
  }
  reward 加分 max 3 {
    item 正数 for C when b > 0 => add 0.125
  }
  grades {
    优 when score >= 90
    良 otherwise
  }
}
`;

const scheme = prepare(SOURCE).value!;
const MAX = Number.MAX_SAFE_INTEGER;
const DAYS = ['2025-09-30', '2025-10-01', '2025-12-31', '2026-01-01', '2026-03-31', '2026-04-01', '2026-06-30', '2026-07-01', '2024-02-29'];

/** Numbers: small, exact hundredths and halves of them (x.xx5), and near ±2^53. */
const number = fc.oneof(
  fc.integer({ min: -200, max: 200 }),
  fc.integer({ min: -20000, max: 20000 }).map((k) => k / 100),
  fc.integer({ min: -20000, max: 20000 }).map((k) => (2 * k + 1) / 200),
  fc.integer({ min: MAX - 50, max: MAX }),
  fc.integer({ min: -MAX, max: -MAX + 50 }),
);
const input = fc.record({
  a: number, b: number,
  xs: fc.array(fc.oneof(number, fc.constantFrom(1, 2.5, 50)), { maxLength: 4 }),
  ds: fc.array(fc.constantFrom(...DAYS), { maxLength: 5 }),
  d: fc.constantFrom(...DAYS),
  k: fc.nat(6),
});

describe('issue 12 forms compiled (functions, x in list, dates, attached items)', () => {
  it('the scheme compiles', () => {
    expect(compileJs(planOf(scheme)).unsupported).toEqual([]);
    expect(compileJs(planOf(scheme)).program!.source).toContain('R.shift(');
  });

  it('every subject equals the closures, across 2^53 and exact halves', async () => {
    resetCounters();
    let attached = 0;
    await fc.assert(fc.asyncProperty(input, fc.constantFrom('2026-Q1', '2026-Q2', '2025-Q4'), fc.constantFrom('zh', 'en'), async (inp, period, lang) => {
      const subject = { id: 's', input: inp };
      const opts = { period, lang: lang as 'zh' | 'en', exactValues: inp.k % 2 === 0 };
      const ref = await evaluate(scheme, subject, { ...opts, backend: 'closures' });
      const got = await evaluate(scheme, subject, { ...opts, backend: 'compiled' });
      expect(JSON.stringify(got)).toBe(JSON.stringify(ref));
      if (ref.ok && ref.value.indicators.some((x) => x.attached)) attached++;
    }), { numRuns: 1500, seed: 1612 });
    expect(codegenCounters.compiled).toBeGreaterThan(500); // the compiled path ran …
    expect(codegenCounters.reasons.overflow ?? 0).toBeGreaterThan(10); // … and left it past 2^53
    expect(attached).toBeGreaterThan(100); // attached items took part
  });

  it('the list max is shared in turn: a later item gets what remains', async () => {
    const subject = { id: 's', input: { a: 2.5, b: 10, xs: [2.5], ds: ['2026-04-01'], d: '2026-06-30', k: 3 } };
    resetCounters();
    const got = await evaluate(scheme, subject, { period: '2026-Q2', backend: 'compiled' });
    expect(codegenCounters.compiled).toBe(1);
    const ref = await evaluate(scheme, subject, { period: '2026-Q2', backend: 'closures' });
    expect(JSON.stringify(got)).toBe(JSON.stringify(ref));
    const a = got.ok ? got.value.indicators.find((x) => x.id === 'A') : undefined;
    expect(a?.attached?.[0]).toMatchObject({ item: '列内', deduct: 7.5 }); // 2.5 × 3 = 7.5, the whole max
    expect(got.ok && got.value.deductions).toBe(0); // 半年 (unattached) gets nothing: the max is spent
  });
});

describe('runtime dates', () => {
  it('shift = addDuration, or a bail where the reference fails (KH-E033)', () => {
    fc.assert(fc.property(fc.constantFrom(...DAYS, '0001-01-01', '9999-12-31'), fc.integer({ min: 0, max: 120000 }),
      fc.constantFrom('days', 'months', 'years') as fc.Arbitrary<'days' | 'months' | 'years'>, fc.constantFrom(1, -1) as fc.Arbitrary<1 | -1>, (d, n, unit, sign) => {
        const want = addDuration(d, n, unit, sign);
        let got: string | 'bail';
        try { got = D.shift(d, n, unit, sign); } catch (e) { expect(e).toBeInstanceOf(Bail); got = 'bail'; }
        expect(got).toBe(want ?? 'bail');
      }), { numRuns: 2000, seed: 16 });
  });

  it('periodOf: the days of a period text, a bail without one', () => {
    expect(D.periodOf('2026-Q2')).toMatchObject({ start: '2026-04-01', end: '2026-06-30' });
    expect(D.periodOf('2026')).toMatchObject({ start: '2026-01-01', end: '2026-12-31' });
    expect(() => D.periodOf(undefined)).toThrow(Bail);
  });
});
