// Unit tests of evaluation: exact arithmetic and rounding, aggregates and their empty-list rules,
// laziness and short-circuit, evaluation errors (line + path, never NaN or a throw), validation.

import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import { evaluate } from '../../engine/index.js';
import { preview } from '../../engine/validate.js';
import { loadSource } from './helpers.js';

describe('rounding', () => {
  it('rounds half away from zero, exactly', () => {
    const r = (s: string, d = 2) => Rational.parse(s)!.round(d).toDecimalString();
    expect(r('2.345')).toBe('2.35');
    expect(r('-2.345')).toBe('-2.35');
    expect(r('94.405')).toBe('94.41');
    expect(r('28.075')).toBe('28.08');
    expect(r('89.994999')).toBe('89.99');
    expect(Rational.parse('0.6')!.mul(Rational.parse('92.675')!).add(Rational.parse('0.2')!.mul(Rational.int(95)))
      .add(Rational.parse('0.2')!.mul(Rational.int(94))).add(Rational.ONE).round(2).toNumber()).toBe(94.41);
    expect(Rational.of(18n, 27n).lt(Rational.of(2n, 3n))).toBe(false);
  });
});

const scheme = `scheme E {
  input {
    a: number
    b: number = 0
    xs: list of number
    ts: list of { n: number, w: number } = []
    flag: bool = false
  }
  let ratio = a / b
  let safe = if b == 0 then 0 else a / b
  indicator I weight 50% = if flag then ratio else safe * 10
  indicator J weight 50% = if count(xs) == 0 then 0 else avg(xs)
  grades { 好 when score >= 90 and J >= 90
    差 otherwise }
}`;

async function run(src: string, input: Record<string, unknown>) {
  const { scheme: s } = loadSource(src);
  return evaluate(s, { id: 's', input });
}

describe('evaluation', () => {
  it('does not evaluate what `if` skips (a let a subject never uses cannot fail)', async () => {
    const r = await run(scheme, { a: 5, xs: [] });
    expect(r.ok).toBe(true);
  });

  it('reports division by zero with the source line, never NaN', async () => {
    const r = await run(scheme, { a: 5, xs: [], flag: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ code: 'KH-E010', line: 9, subject: 's', path: 'b' });
  });

  it('reports avg over an empty list with the list path', async () => {
    const src = scheme.replace('if count(xs) == 0 then 0 else avg(xs)', 'avg(xs)');
    const r = await run(src, { a: 5, xs: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: 'KH-E011', path: 'xs' });
  });

  it('aggregates: weighted avg, count/sum over empty lists, min/max', async () => {
    const src = scheme
      .replace('if count(xs) == 0 then 0 else avg(xs)', 'avg(t in ts weighted by t.w : t.n) + sum(x in xs : x) + count(x in xs where x > 1)');
    const r = await run(src, { a: 0, xs: [], ts: [{ n: 90, w: 1 }, { n: 60, w: 2 }] });
    expect(r.ok && r.value.indicators[1].score).toBe(70);
    const zero = await run(src, { a: 0, xs: [], ts: [{ n: 90, w: 0 }] });
    expect(!zero.ok && zero.errors[0]).toMatchObject({ code: 'KH-E012', path: 'ts' });
  });

  it('grade conditions use reported values', async () => {
    // I = 10 × 8.9995 = 89.995 → J 90: score = (89.995 + 90) / 2 = 89.9975 → reported 90.00 → 好
    const r = await run(scheme, { a: 8.9995, b: 1, xs: [90] });
    expect(r.ok && r.value.score).toBe(90);
    expect(r.ok && r.value.grade).toBe('好');
    expect(r.ok && r.value.gradeReasons).toEqual(['score 90 >= 90', 'J 90 >= 90']);
  });
});

describe('validation', () => {
  it('reports every problem at once with paths, expected and found', async () => {
    const r = await run(scheme, { a: '5', xs: [1, 'x'], ts: [{ n: 1 }, { n: 2, w: 1, z: 3 }], extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.code]));
    expect(byPath).toEqual({
      extra: 'KH-E001', a: 'KH-E003', 'xs[1]': 'KH-E003', 'ts[0].w': 'KH-E002', 'ts[1].z': 'KH-E001',
    });
    expect(r.errors.find((e) => e.path === 'a')).toMatchObject({ expected: 'number', found: '"5"' });
  });

  it('checks integers, ranges, list lengths and ratings', async () => {
    const src = `scheme V {
  panel P { A weight 100% }
  input {
    n: integer >= 0
    p: number in [0, 1]
    q: number > 0
    l: list of number in [0, 10] min 1 max 2
    r: ratings of P
  }
  indicator I weight 100% = n + p + q + sum(l) + rate r
  grades { 好 otherwise }
}`;
    const r = await run(src, { n: 1.5, p: 1.01, q: 0, l: [11, 1, 2], r: { A: [101], B: [1] } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.fromEntries(r.errors.map((e) => [e.path, e.code]))).toEqual({
      n: 'KH-E005', p: 'KH-E006', q: 'KH-E006', l: 'KH-E007', 'l[0]': 'KH-E006', 'r.A[0]': 'KH-E006', 'r.B': 'KH-E001',
    });
    const ok = await run(src, { n: 1, p: 1, q: 0.5, l: [10], r: { A: [100] } });
    expect(ok.ok).toBe(true);
  });

  it('shows a huge or deeply nested value as a short `found`, without walking all of it', async () => {
    const deep = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000));
    const r = await run(scheme, { a: 1, xs: [], ts: [], extra: deep, big: { k: 'x'.repeat(100_000) } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const found = Object.fromEntries(r.errors.map((e) => [e.path, e.found]));
    expect(found.extra).toBe(`${'['.repeat(57)}...`);
    expect(found.big).toBe(`{"k":"${'x'.repeat(51)}...`);
  });
});

describe('preview', () => {
  it('equals JSON.stringify cut to the length', () => {
    const values = [null, true, 1.5, 'a"b', [], {}, [1, [2, { a: [3] }]], { 'k"': 'v', n: [null, false] }, 'x'.repeat(70)];
    for (const v of values) {
      const s = JSON.stringify(v);
      for (const max of [10, 60, 200]) expect(preview(v, max)).toBe(s.length > max ? `${s.slice(0, max - 3)}...` : s);
    }
  });
});

describe('toRoundedNumber', () => {
  it('agrees with parsing the rounded decimal text', () => {
    for (const [n, d] of [[1n, 3n], [-1n, 3n], [18890n, 200n], [-2345n, 1000n], [94405n, 1000n], [7n, 1n], [1n, 7n], [123456789012345n, 1000n]] as const) {
      for (const digits of [0, 2, 6]) {
        const r = Rational.of(n, d);
        expect(r.toRoundedNumber(digits)).toBe(Number(r.toFixed(digits)));
      }
    }
  });
});

describe('maxErrors', () => {
  const cohortScheme = `scheme M {
  input { a: number, b: number, xs: list of number in [0, 1] }
  indicator I weight 100% = a + b + sum(xs)
  grades { 好 otherwise }
}`;

  it('reports at most maxErrors problems, then one KH-E009 only if there were more', async () => {
    const { prepare, evaluateCohort } = await import('../../engine/index.js');
    const p = prepare(cohortScheme).value!;
    const subjects = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, input: {} }));
    const all = await evaluateCohort(p, subjects);
    expect(all.ok).toBe(false);
    if (all.ok) return;
    expect(all.errors).toHaveLength(150); // a, b, xs missing in each
    for (const max of [0, 1, 2, 3, 4, 10, 149, 150, 151]) {
      const r = await evaluateCohort(p, subjects, { maxErrors: max });
      if (r.ok) throw new Error('expected errors');
      if (max < 150) {
        expect(r.errors).toHaveLength(max + 1);
        expect(r.errors.at(-1)!.code).toBe('KH-E009');
        expect(r.errors.slice(0, -1)).toEqual(all.errors.slice(0, max));
      } else expect(r.errors).toEqual(all.errors);
    }
    // ids are checked first, with the same limit
    const noIds = Array.from({ length: 5 }, () => ({ input: {} })) as unknown as typeof subjects;
    const r = await evaluateCohort(p, noIds, { maxErrors: 2 });
    if (r.ok) throw new Error('expected errors');
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([['KH-E008', 'subjects[0].id'], ['KH-E008', 'subjects[1].id'], ['KH-E009', 'subjects[2]']]);
  });

  it('cuts a single subject with a huge invalid list short', async () => {
    const { prepare, evaluate } = await import('../../engine/index.js');
    const p = prepare(cohortScheme).value!;
    const r = await evaluate(p, { id: 'x', input: { a: 1, b: 1, xs: Array(100_000).fill('bad') } }, { maxErrors: 4 });
    if (r.ok) throw new Error('expected errors');
    expect(r.errors.map((e) => e.code)).toEqual(['KH-E003', 'KH-E003', 'KH-E003', 'KH-E003', 'KH-E009']);
    expect(r.errors[4].path).toBe('input');
    const four = await evaluate(p, { id: 'x', input: { a: 1, b: 1, xs: Array(4).fill('bad') } }, { maxErrors: 4 });
    if (four.ok) throw new Error('expected errors');
    expect(four.errors.map((e) => e.code)).toEqual(['KH-E003', 'KH-E003', 'KH-E003', 'KH-E003']);
  });
});
