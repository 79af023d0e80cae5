// A scheme whose twice program would be too long for V8 to optimize as one function (≈ 61,440 bytes
// of bytecode, --max-optimized-bytecode-size). Session 9 left such a program out (the plain JSON
// program with a second run per demoted competitor); since session 10 it is split into functions
// (engine/codegen/split.ts) and kept: the streamed cohort runs it, and its results are the closures
// batch's, byte for byte. The province scheme's is below the split threshold and stays one function.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planOf, prepare } from '../../engine/index.js';
import { evaluateCohortPlan } from '../../engine/batch.js';
import { compileJs, twiceDropped } from '../../engine/codegen/index.js';
import { arraySource, collectSink, streamCohort } from '../../engine/stream/index.js';
import { generateScheme } from '../../bench/gen-scheme.js';
import type { SubjectInput } from '../../engine/api.js';

const POSTS = ['综合管理', '行政执法', '窗口服务', '技术保障'], RANKS = ['科员', '主任科员', '调研员'];
const subjects: SubjectInput[] = Array.from({ length: 40 }, (_, i) => ({
  id: `g${i}`, input: { 岗位: POSTS[i % 4], 职级类别: RANKS[i % 3], 基础值: 80 + ((i * 7) % 21), 完成率: 0.9 + ((i * 3) % 7) / 20 },
}));

describe('a twice program too long to optimize as one function', () => {
  it('is kept, split: the stream runs it, with the batch\'s results', async () => {
    const plan = planOf(prepare(generateScheme(300), 'big.kaohe').value!);
    const ref = await evaluateCohortPlan(plan, subjects, { backend: 'closures' });
    expect(ref.ok).toBe(true);
    const sink = collectSink();
    const out = await streamCohort(plan, arraySource(subjects), sink, { backend: 'compiled' });
    expect(out.ok && out.value.competitors).toBeGreaterThan(4);
    expect(JSON.stringify(sink.value())).toBe(JSON.stringify(ref.ok && ref.value));
    expect(compileJs(plan).program).toBeDefined();
    expect(twiceDropped(plan)).toBe(false);
  });

  it('the province scheme keeps its twice program', async () => {
    const source = readFileSync(new URL('../../../shared/spec/examples/province-annual.kaohe', import.meta.url), 'utf8');
    const plan = planOf(prepare(source, 'province-annual.kaohe').value!);
    const out = await streamCohort(plan, arraySource([]), collectSink(), { backend: 'compiled' });
    expect(out.ok).toBe(true);
    expect(twiceDropped(plan)).toBe(false);
  });
});
