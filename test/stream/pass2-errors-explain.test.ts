// Two paths of the streaming cohort that stream/identical.test.ts meets only by chance (issue 16,
// session 9: a copy of engine/stream/cohort-stream.ts broken in each passed every `npm test` file):
// - the error budget: a subject whose own errors end with KH-E009 (its run used up `maxErrors`)
//   stops pass 1 there, as it stops the in-memory batch — a later invalid subject adds nothing;
// - explanations of re-read competitors: the race reads a competitor's tiebreak keys lazily, and a
//   read may evaluate a let nothing else uses, which the explanation then shows; pass 2 evaluates the
//   competitor again and must repeat those reads (probe.ts replay) before it finishes the result.
// Each at the smallest cohort that shows it, against the in-memory batch (engine/batch.ts).

import { describe, expect, it } from 'vitest';
import type { EvalOptions, SubjectInput } from '../../engine/api.js';
import { evaluateCohortPlan } from '../../engine/batch.js';
import { planOf, prepare } from '../../engine/index.js';
import { arraySource, collectSink, streamCohort } from '../../engine/stream/index.js';

/** The batch's and the stream's outcomes as JSON text (errors without their message data). */
async function both(source: string, subjects: SubjectInput[], opts: EvalOptions): Promise<[string, string]> {
  const plan = planOf(prepare(source, 'pass2.kaohe').value!);
  const batch = await evaluateCohortPlan(plan, subjects, opts);
  const sink = collectSink();
  const streamed = await streamCohort(plan, arraySource(subjects), sink, opts);
  const text = (o: typeof batch) => JSON.stringify(o.ok ? o.value : o.errors.map(({ msg: _m, ...e }) => e));
  return [text(batch), text(streamed.ok ? { ok: true, value: sink.value() } as typeof batch : streamed)];
}

const ERRORS = `scheme 预算 {
  input { 甲: number in [0, 100]  乙: number in [0, 100]  丙: number in [0, 100] }
  indicator 均分 weight 100% = (甲 + 乙 + 丙) / 3
}`;

describe('the streaming cohort = the in-memory batch', () => {
  it('stops at the subject whose own errors used up maxErrors (KH-E009): a later invalid subject adds nothing', async () => {
    const bad = { 甲: 'x', 乙: 'y', 丙: 'z' };
    const subjects: SubjectInput[] = [
      { id: 'a', input: { 甲: 1, 乙: 2, 丙: 3 } }, { id: 'b', input: bad }, { id: 'c', input: bad }, { id: 'd', input: { 甲: 1, 乙: 2, 丙: 3 } },
    ];
    for (const backend of ['closures', 'compiled'] as const) {
      const [batch, stream] = await both(ERRORS, subjects, { maxErrors: 2, backend });
      const codes = (JSON.parse(batch) as { code: string; path?: string }[]).map((e) => e.code);
      expect(codes.at(-1), batch).toBe('KH-E009'); // not vacuous: b's third error is past the budget
      expect(batch).not.toContain('subjects[2]');
      expect(stream, backend).toBe(batch);
    }
  });

  const TIES = `scheme 复读 {
  input { 甲: number in [0, 100]  乙: number in [0, 100] }
  let 备用 = 乙 * 2
  indicator 甲项 weight 100% = 甲
  grades tiebreak 备用 desc {
    优秀 when score >= 90 quota 30%
    合格 otherwise
  }
}`;

  it('explains a competitor read again in pass 2 with what the race read of it (a tiebreak let)', async () => {
    // Four tied at 95 for three places in 优秀 (30% of 10): the tiebreak let decides and is shown.
    const subjects: SubjectInput[] = Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, input: { 甲: i < 4 ? 95 : 50, 乙: 10 * i } }));
    const [batch, stream] = await both(TIES, subjects, { explain: true });
    // not vacuous: a competitor's explanation shows the let only the race evaluated
    expect((JSON.parse(batch) as { results: { explain: { lets: object } }[] }).results[0].explain.lets).toHaveProperty('备用');
    expect(stream).toBe(batch);
  });
});
