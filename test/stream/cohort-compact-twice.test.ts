// A scheme whose twice program is too long for V8 to optimize (engine/codegen/index.ts
// TWICE_MAX_SOURCE: ≈ 61,440 bytes of bytecode, --max-optimized-bytecode-size): the streamed cohort
// runs the plain JSON program with a second run per demoted competitor instead, and its results are
// the closures batch's, byte for byte (issue 16, session 9). The province scheme's is below the limit.

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

describe('a twice program too long to optimize', () => {
  it('is left out: the stream runs the plain program, with the batch\'s results', async () => {
    const plan = planOf(prepare(generateScheme(300), 'big.kaohe').value!);
    const ref = await evaluateCohortPlan(plan, subjects, { backend: 'closures' });
    expect(ref.ok).toBe(true);
    const sink = collectSink();
    const out = await streamCohort(plan, arraySource(subjects), sink, { backend: 'compiled' });
    expect(out.ok && out.value.competitors).toBeGreaterThan(4);
    expect(JSON.stringify(sink.value())).toBe(JSON.stringify(ref.ok && ref.value));
    expect(compileJs(plan).program).toBeDefined();
    expect(twiceDropped(plan)).toBe(true);
  });

  it('the province scheme keeps its twice program', async () => {
    const source = readFileSync(new URL('../../../shared/spec/examples/province-annual.kaohe', import.meta.url), 'utf8');
    const plan = planOf(prepare(source, 'province-annual.kaohe').value!);
    const out = await streamCohort(plan, arraySource([]), collectSink(), { backend: 'compiled' });
    expect(out.ok).toBe(true);
    expect(twiceDropped(plan)).toBe(false);
  });
});
