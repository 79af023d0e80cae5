// A streamed cohort's compiled competitors wait for the settle as columns (engine/cohort.ts
// WaitingMembers, issue 16 session 11): no member object, no probe object before the settle, then made
// members in input order beside those that were objects all along (a ranking key that is no scaled
// safe integer, a subject the program bails on). The book: AS_COLUMNS from joinCompact, no probe
// asked for before the settle, `members()` in input order. The stream: results byte for byte the
// closures batch's with such a mix (two subjects that bail, in two cohorts), an `overall` quota (the
// whole batch's members in input order) and a quota that does not bind (its `admitted` list is in
// member order: the bailed subjects in the middle of theirs).

import { describe, expect, it } from 'vitest';
import type { EvalOptions, SubjectInput } from '../../engine/api.js';
import { evaluateCohortPlan } from '../../engine/batch.js';
import { AS_COLUMNS, CohortBook, type Contender } from '../../engine/cohort.js';
import { codegenCounters, resetCounters } from '../../engine/codegen/index.js';
import { planOf, prepare } from '../../engine/index.js';
import type { Probe } from '../../engine/race.js';
import { Rational } from '../../dsl/rational.js';
import { arraySource, collectSink, streamCohort } from '../../engine/stream/index.js';
import { GRADES, SCHEME, subject } from './competitor-schemes.js';

const source = SCHEME(GRADES.replace('quota 25% round nearest', 'quota 25% round nearest quota 60% overall').replace('quota 40%', 'quota 90%'));
const plan = planOf(prepare(source, 'waiting.kaohe').value!);

function cohort(): SubjectInput[] {
  const out: SubjectInput[] = [];
  for (let i = 0; i < 30; i++) {
    const 甲 = [99, 97, 96, 93, 91, 90, 88, 84, 81, 60][i % 10] - (i % 4 === 0 ? 1 : 0);
    out.push(subject(`s${i}`, 甲, 100 - (i % 7), {
      单位: ['一处', '二处', '三处'][i % 3], 档: ['低', '中', '高'][i % 3],
      ...(i === 13 || i === 17 ? { 大数: 2 ** 20 } : {}), // leaves the safe integers: runs on the closures, an object member
    }));
  }
  return out;
}

describe('competitors waiting as columns until the settle', () => {
  it('the book: AS_COLUMNS, no probe before the settle, members() in input order with the objects', () => {
    const probed: number[] = [];
    const probe: Probe = { order: () => null, tiebreak: () => null, holds: () => true };
    const book = new CohortBook(plan, 'en', (row) => { probed.push(row); return probe; });
    const top = plan.grades[0], scaled = (n: number) => Rational.of(BigInt(n), 1n);
    const got: (Contender | number)[] = [];
    for (let i = 0; i < 8; i++) {
      const third = i % 3 === 1; // a ranking key no scaled integer: an object member now
      const rankValue = third ? Rational.of(BigInt(i), 3n) : scaled(i);
      got.push(book.joinCompact({ index: i, id: `m${i}`, key: i % 2 ? 'a' : 'b', rankValue, rankScaled: third ? NaN : i * 1_000_000,
        allowed: top, tableKey: () => null, row: 100 + i }));
    }
    expect(got.map((g) => (typeof g === 'number' ? g : 'object'))).toEqual([AS_COLUMNS, 'object', AS_COLUMNS, AS_COLUMNS, 'object', AS_COLUMNS, AS_COLUMNS, 'object']);
    expect(probed).toEqual([101, 104, 107]); // only the object members' probes, as they joined
    book.settle();
    expect(book.members().map((m) => m.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(book.members().map((m) => m.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(probed.slice(3).sort()).toEqual([100, 102, 103, 105, 106]);
  });

  it('the stream = the closures batch, byte for byte (cohorts, an overall quota, one that does not bind)', async () => {
    const subjects = cohort();
    for (const opts of [{ lang: 'zh' }, { lang: 'en', exactValues: true }] as EvalOptions[]) {
      const ref = await evaluateCohortPlan(plan, subjects, { ...opts, backend: 'closures' });
      expect(ref.ok).toBe(true);
      const sink = collectSink();
      resetCounters();
      const out = await streamCohort(plan, arraySource(subjects), sink, { ...opts, backend: 'compiled' });
      expect(out.ok).toBe(true);
      expect(JSON.stringify(sink.value())).toBe(JSON.stringify(ref.ok && ref.value));
      if (!ref.ok) continue;
      // the mix is there: s13 and s17 ran on the closures (object members), the other competitors compiled
      expect(codegenCounters.reasons).toEqual({ overflow: expect.any(Number) });
      expect(out.ok && out.value.competitors).toBeGreaterThan(20);
      const 良好 = ref.value.cohorts.map((c) => c.quotas[1].admitted);
      expect(良好[1].indexOf('s13')).toBeGreaterThan(0); // not first in its cohort's members: a merge, not a concatenation
      expect(良好[2].indexOf('s17')).toBeGreaterThan(0);
      expect(ref.value.overall?.quotas.length).toBe(1);
      const open = ref.value.cohorts.flatMap((c) => c.quotas).filter((q) => q.admitted.length > 1 && !q.ties.length && q.admitted.length < q.limit);
      expect(open.length).toBeGreaterThan(0);
    }
  });
});
