// Concurrent writes to one round are serialized (issue 14, "Bad input and safety"): 50 requests at
// once — submissions of new values and evaluations, interleaved — lose no part, make no double
// revision, number revisions 1..n without gaps, and every revision holds exactly the parts that were
// stored before it (none submitted meanwhile is half-seen). Also the lock itself: one write of a
// round at a time, different rounds side by side.

import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../engine/api.js';
import { engine as realEngine } from '../../server/default-engine.js';
import { RoundLocks } from '../../server/rounds/lock.js';
import type { Fixture } from './helpers.js';
import { QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture;
let rc: RoundsClient;

/** The real engine, except that while `gate.hold` is set a cohort waits in the engine until released:
 * a test can hold an evaluation between reading the round's parts and storing its revision. */
const gate = { hold: false, entered: () => {}, release: Promise.resolve() };
const gatedEngine: EngineApi = {
  ...realEngine,
  evaluateCohort: async (s, subjects, opts) => {
    if (gate.hold) { gate.entered(); await gate.release; }
    return realEngine.evaluateCohort(s, subjects, opts);
  },
};

withRoundsApp(() => [QUARTERLY()], (fx, c) => { f = fx; rc = c; }, { engine: gatedEngine });

describe('RoundLocks', () => {
  it('runs one write of a round at a time, in arrival order, and different rounds side by side; a failure does not block the next', async () => {
    const locks = new RoundLocks();
    let running = 0, most = 0;
    const order: number[] = [];
    const work = (i: number, fail = false) => async () => {
      running++; most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 2));
      order.push(i); running--;
      if (fail) throw new Error('x');
      return i;
    };
    const all = Array.from({ length: 20 }, (_, i) => locks.run(f.store, 'r1', work(i, i === 5)).catch(() => -1));
    expect(await Promise.all(all)).toEqual(Array.from({ length: 20 }, (_, i) => (i === 5 ? -1 : i)));
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(1);
    let both = 0, peak = 0;
    const slow = async () => { both++; peak = Math.max(peak, both); await new Promise((r) => setTimeout(r, 10)); both--; };
    await Promise.all([locks.run(f.store, 'a', slow), locks.run(f.store, 'b', slow)]);
    expect(peak).toBe(2);
    expect(locks.size).toBe(0);
  });
});

describe('50 concurrent submissions and evaluations of one round', () => {
  it('no lost part, no double revision, revisions 1..n without gaps, each revision sees a consistent prefix of the parts', async () => {
    const people = Array.from({ length: 25 }, (_, i) => `P${String(i).padStart(2, '0')}`);
    const created = await rc.create({ scheme: '平时考核', period: '2026-Q2' });
    const id = created.body.id as string;
    expect((await rc.roster(id, people.map((p) => ({ id: p, unit: '办公室', status: 'take' })))).status).toBe(200);
    expect((await rc.inputs(id, { subjects: people.map((p) => ({ id: p, input: { 实绩得分: 60, 测评票: [60] } })) })).status).toBe(201);

    // 25 submissions (person i gets 实绩得分 70 + i) interleaved with 25 evaluations, all at once.
    const answers = await Promise.all(people.flatMap((p, i) => [
      rc.inputs(id, { part: `p${i}`, subjects: [{ id: p, input: { 实绩得分: 70 + i } }] }, { key: `k${i}` }),
      rc.evaluate(id),
    ]));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(25).fill(200), ...Array(25).fill(201)].sort());

    const count = async (sql: string) => ((await f.store.get(sql, [id])) as { n: number }).n;
    expect(await count('SELECT count(*) AS n FROM input_parts WHERE round_id = ?')).toBe(50 + 25);
    const revs = (await f.store.all('SELECT n, inputs FROM revisions WHERE round_id = ? ORDER BY n', [id])) as { n: number; inputs: string }[];
    expect(revs.map((r) => r.n)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(answers.filter((a) => a.status === 200).map((a) => a.body.revision).sort((x, y) => x - y)).toEqual(revs.map((r) => r.n));
    // Each revision saw some of the new values; a later revision never sees fewer (no part lost or undone).
    let seen = -1;
    for (const r of revs) {
      const n = (JSON.parse(r.inputs).subjects as { input: { 实绩得分: number } }[]).filter((s) => s.input.实绩得分 >= 70).length;
      expect(n).toBeGreaterThanOrEqual(seen);
      seen = n;
    }
    // A last evaluation sees every part.
    const last = await rc.evaluate(id);
    expect(last.body.revision).toBe(26);
    const final = JSON.parse(((await f.store.get('SELECT inputs FROM revisions WHERE round_id = ? AND n = 26', [id])) as { inputs: string }).inputs);
    expect(final.subjects.map((s: { input: { 实绩得分: number } }) => s.input.实绩得分)).toEqual(people.map((_, i) => 70 + i));
    expect(await count('SELECT count(*) AS n FROM subject_results WHERE round_id = ?')).toBe(25);
    expect(await count('SELECT revision AS n FROM rounds WHERE id = ?')).toBe(26);
  }, 60_000);
});

describe('a part submitted while an evaluation runs', () => {
  it('waits for the evaluation: it is never answered as stored before a revision that leaves it out', async () => {
    const created = await rc.create({ scheme: '平时考核', period: '2026-Q3' });
    const id = created.body.id as string;
    await rc.roster(id, [{ id: 'A', unit: '办公室', status: 'take' }]);
    await rc.inputs(id, { subjects: [{ id: 'A', input: { 实绩得分: 60, 测评票: [60] } }] });
    let release!: () => void;
    const entered = new Promise<void>((r) => { gate.entered = r; });
    gate.release = new Promise<void>((r) => { release = r; });
    gate.hold = true;
    const order: string[] = [];
    const evaluation = rc.evaluate(id).then((r) => { order.push('evaluated'); return r; });
    await entered; // the evaluation has read the parts and is inside the engine
    gate.hold = false;
    const part = rc.inputs(id, { subjects: [{ id: 'A', input: { 实绩得分: 99 } }] }).then((r) => { order.push('stored'); return r; });
    await new Promise((r) => setTimeout(r, 100));
    release();
    const [e, p] = await Promise.all([evaluation, part]);
    expect([e.status, p.status]).toEqual([200, 201]);
    expect(order).toEqual(['evaluated', 'stored']);
    // revision 1 ran without the later part (3/4 × 60 + 1/4 × 60 = 60), revision 2 with it (3/4 × 99 + 1/4 × 60 = 89.25)
    expect(e.body.result.results[0].score).toBe(60);
    const again = await rc.evaluate(id);
    expect([again.body.revision, again.body.result.results[0].score]).toEqual([2, 89.25]);
  });
});
