// The json-rules-engine runtime against the native one: the per-scheme differential (random valid
// and invalid subjects, alone and in cohorts, with explanations) is a row of the backend matrix,
// test/backends/matrix.ts (`npm run test:differential`: 100,000 subjects per scheme). Here:
// 200 concurrent evaluations through the jre runtime lose no rules.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../engine/index.js';
import { load, planOf, referenceSchemes } from '../backends/corpus.js';
import { recordArb } from './subjects.js';

describe('json-rules-engine runtime under concurrency', () => {
  it('200 concurrent evaluations lose no rules', async () => {
    const { source, name } = referenceSchemes().find((s) => s.name.includes('province-annual'))!;
    const scheme = load(source, name);
    const inputs = fc.sample(recordArb(planOf(scheme).contract), { numRuns: 200, seed: 7 });
    // Force rule traffic: every subject matches some negative items and rewards.
    inputs.forEach((input, i) => Object.assign(input, { 瞒报次数: i % 4, 有效投诉: i % 6, 创新成果: i % 3, 处分: i % 5 === 0 }));
    const subjects = inputs.map((input, i) => ({ id: `C${i}`, input }));
    const native = [];
    for (const s of subjects) native.push(JSON.stringify(await evaluate(scheme, s)));
    const concurrent = await Promise.all(subjects.map((s) => evaluate(scheme, s, { rulesRuntime: 'jre' })));
    expect(concurrent.map((r) => JSON.stringify(r))).toEqual(native);
    const negatives = concurrent.reduce((n, r) => n + (r.ok ? r.value.negative.length : 0), 0);
    expect(negatives).toBeGreaterThan(100);
  });
});
