// Unit tests of the scoring forms through small schemes: rate (trim, renormalize, zero, error, min),
// bands, levels and linear (clamped ends, exact interpolation), indicator clamp and range.

import { describe, expect, it } from 'vitest';
import type { Trace } from '../../engine/api.js';
import { evaluate } from '../../engine/index.js';
import { loadSource } from './helpers.js';

function panelScheme(missing: string, extra = '') {
  return `scheme T {
  panel P {
    A weight 60%
    B weight 30% ${extra}
    C weight 10%
    trim 1 when count >= 4
    missing ${missing}
  }
  input { r: ratings of P }
  indicator X weight 100% = rate r
  grades { 好 when score >= 90
    差 otherwise }
}`;
}

async function score(source: string, input: Record<string, unknown>, id = 'X') {
  const { scheme } = loadSource(source);
  const r = await evaluate(scheme, { id: 's', input }, { explain: true });
  if (!r.ok) return { errors: r.errors };
  const ind = r.value.indicators.find((x) => x.id === id)!;
  return { score: r.value.score, indicator: ind.score, trace: ind.trace, result: r.value };
}

/** The categories of a `rate` trace. */
function categories(t: Trace | undefined) {
  if (t?.form !== 'rate') throw new Error(`not a rate trace: ${JSON.stringify(t)}`);
  return t.categories;
}

describe('rate', () => {
  it('trims one highest and one lowest from a category with enough ratings', async () => {
    const r = await score(panelScheme('renormalize'), { r: { A: [100, 90, 80, 10], B: [90], C: [70] } });
    // A: drop 100 and 10 → mean 85; 0.6×85 + 0.3×90 + 0.1×70 = 51 + 27 + 7 = 85
    expect(r.indicator).toBe(85);
    const cats = categories(r.trace);
    expect(cats[0]).toMatchObject({ name: 'A', trimmed: [100, 10], mean: 85 });
  });

  it('renormalizes the weights of the categories present', async () => {
    const r = await score(panelScheme('renormalize'), { r: { A: [90], B: [80] } });
    // (0.6×90 + 0.3×80) / 0.9 = 78 / 0.9 = 86.666… → 86.67
    expect(r.indicator).toBe(86.67);
    const cats = categories(r.trace);
    expect(cats.map((c) => c.weight ?? null)).toEqual([0.666667, 0.333333, null]);
    expect(cats[2].missing).toBe(true);
  });

  it('counts a missing category as 0 under `missing zero`', async () => {
    const r = await score(panelScheme('zero'), { r: { A: [90], B: [80] } });
    expect(r.indicator).toBe(78);
  });

  it('fails under `missing error`, naming the category', async () => {
    const r = await score(panelScheme('error'), { r: { A: [90], B: [80] } });
    expect(r.errors?.[0]).toMatchObject({ code: 'KH-E014', path: 'r.C' });
  });

  it('fails when every category is missing under renormalize, gives 0 under zero', async () => {
    const a = await score(panelScheme('renormalize'), { r: {} });
    expect(a.errors?.[0]).toMatchObject({ code: 'KH-E013', path: 'r' });
    expect(a.errors?.[0].line).toBeGreaterThan(0);
    const b = await score(panelScheme('zero'), { r: {} });
    expect(b.indicator).toBe(0);
  });

  it('treats a category with fewer ratings than its `min` as missing', async () => {
    const r = await score(panelScheme('renormalize', 'min 2'), { r: { A: [90], B: [10], C: [90] } });
    expect(r.indicator).toBe(90); // B has 1 < 2 ratings: left out
    const z = await score(panelScheme('zero', 'min 2'), { r: { A: [90], B: [10], C: [90] } });
    expect(z.indicator).toBe(63); // 0.6×90 + 0 + 0.1×90
  });
});

const formScheme = `scheme F {
  enum 等 { 优, 良, 中 }
  input { x: number, e: 等 }
  indicator B weight 25% = bands x { >= 98%: 100, >= 95%: 90, else: 60 }
  indicator L weight 25% = linear x { 0 => 60, 0.3 => 70, 0.9 => 100 }
  indicator V weight 25% = levels e { 优: 100, 良: 85, else: 50 }
  indicator C weight 25% = x * 1000 - 50
  grades { 好 when score >= 90
    差 otherwise }
}`;

describe('bands, levels, linear, clamp', () => {
  it('takes the first matching band, else the else', async () => {
    expect((await score(formScheme, { x: 0.98, e: '优' }, 'B')).indicator).toBe(100);
    expect((await score(formScheme, { x: 0.9799, e: '优' }, 'B')).indicator).toBe(90);
    expect((await score(formScheme, { x: 0.5, e: '优' }, 'B')).indicator).toBe(60);
    const t = (await score(formScheme, { x: 0.96, e: '优' }, 'B')).trace!;
    expect(t).toMatchObject({ form: 'bands', matched: '>= 95%: 90', score: 90 });
  });

  it('interpolates linear exactly and clamps at both ends', async () => {
    expect((await score(formScheme, { x: -1, e: '优' }, 'L')).indicator).toBe(60);
    expect((await score(formScheme, { x: 5, e: '优' }, 'L')).indicator).toBe(100);
    expect((await score(formScheme, { x: 0.1, e: '优' }, 'L')).indicator).toBe(63.33); // 60 + 10/3
    expect((await score(formScheme, { x: 0.5, e: '优' }, 'L')).indicator).toBe(80);
    const t = (await score(formScheme, { x: 0.5, e: '优' }, 'L')).trace;
    expect(t).toMatchObject({ form: 'linear', segment: '0.3 => 70 .. 0.9 => 100' });
  });

  it('maps levels, with else', async () => {
    expect((await score(formScheme, { x: 0, e: '良' }, 'V')).indicator).toBe(85);
    expect((await score(formScheme, { x: 0, e: '中' }, 'V')).indicator).toBe(50);
  });

  it('clamps an indicator to [0, 100] and shows the clamp', async () => {
    const hi = await score(formScheme, { x: 1, e: '优' }, 'C');
    expect(hi.indicator).toBe(100);
    expect(hi.trace!.clamp).toEqual({ range: [0, 100], from: 950, to: 100 });
    expect((await score(formScheme, { x: 0.01, e: '优' }, 'C')).indicator).toBe(0);
  });
});
