// Concurrent writes to one round are serialized (issue 14, "Bad input and safety"): 50 requests at
// once — submissions of new values and evaluations, interleaved — lose no part, make no double
// revision, number revisions 1..n without gaps, and every revision holds exactly the parts that were
// stored before it (none submitted meanwhile is half-seen); the same from two servers on one
// database. Also the lock itself: one write of a round at a time, different rounds side by side.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineApi } from '../../engine/api.js';
import { engine as realEngine } from '../../server/default-engine.js';
import { RoundLocks } from '../../server/rounds/lock.js';
import { silentLog } from '../../server/log.js';
import type { Store } from '../../server/store/types.js';
import type { Fixture } from './helpers.js';
import { PG_URL } from './store-target.js';
import { client, QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

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
    // Long enough that the other round's lease (a round trip on PostgreSQL) is taken meanwhile.
    const slow = async () => { both++; peak = Math.max(peak, both); await new Promise((r) => setTimeout(r, 100)); both--; };
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

/** Another server on the fixture's database: an app and its store from a fresh copy of the server's
 * modules — round locks of its own (lock.ts `roundLocks` is per process) and its own error classes —
 * so only the database (the round's lease, row locks) keeps its writes of a round from
 * interleaving with this process's. */
async function otherServer(f: Fixture): Promise<Pick<Fixture, 'app' | 'store'>> {
  vi.resetModules();
  const { createApp } = await import('../../server/app.js');
  let store: Store;
  if (f.store.dialect === 'sqlite') {
    const { openDb } = await import('../../server/db/client.js');
    const { sqliteStore } = await import('../../server/db/sqlite/store.js');
    store = sqliteStore(openDb(join(f.dir, 'kaohe.db')).$client);
  } else {
    const { openPostgres } = await import('../../server/db/postgres/open.js');
    const { schema } = (await f.store.get<{ schema: string }>('SELECT current_schema() AS "schema"'))!;
    store = await openPostgres(PG_URL!, { schema, max: 4 });
  }
  return { app: createApp({ store, log: silentLog, engine: gatedEngine }), store };
}

describe('two servers on one database (issue 17)', () => {
  let other: Pick<Fixture, 'app' | 'store'>;
  let rc2: RoundsClient;
  beforeAll(async () => {
    other = await otherServer(f);
    rc2 = client({ ...f, ...other });
  });
  afterAll(async () => other?.store.close());

  it('their concurrent submissions and evaluations of one round: no lost part, no double revision, revisions 1..n without gaps', async () => {
    const people = Array.from({ length: 12 }, (_, i) => `Q${String(i).padStart(2, '0')}`);
    const id = (await rc.create({ scheme: '平时考核', period: '2027-Q2' })).body.id as string;
    expect((await rc.roster(id, people.map((p) => ({ id: p, unit: '办公室', status: 'take' })))).status).toBe(200);
    expect((await rc.inputs(id, { subjects: people.map((p) => ({ id: p, input: { 实绩得分: 60, 测评票: [60] } })) })).status).toBe(201);
    const answers = await Promise.all(people.flatMap((p, i) => {
      const [a, b] = i % 2 ? [rc, rc2] : [rc2, rc];
      return [a.inputs(id, { part: `p${i}`, subjects: [{ id: p, input: { 实绩得分: 70 + i } }] }), b.evaluate(id)];
    }));
    expect(answers.map((a) => a.status).sort(), answers.filter((a) => a.status >= 300).map((a) => a.text).join('\n'))
      .toEqual([...Array(12).fill(200), ...Array(12).fill(201)].sort());
    const revs = await f.store.all<{ n: number; inputs: string }>('SELECT n, inputs FROM revisions WHERE round_id = ? ORDER BY n', [id]);
    expect(revs.map((r) => r.n)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(answers.filter((a) => a.status === 200).map((a) => a.body.revision).sort((x, y) => x - y)).toEqual(revs.map((r) => r.n));
    // A later revision never sees fewer of the new values (none ran on parts older than its predecessor's).
    const seen = revs.map((r) => (JSON.parse(r.inputs).subjects as { input: { 实绩得分: number } }[]).filter((x) => x.input.实绩得分 >= 70).length);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    const last = await rc2.evaluate(id);
    expect(last.body.revision).toBe(13);
    expect(last.body.result.results.map((r: { subject: string }) => r.subject).sort()).toEqual(people);
    const stored = JSON.parse((await f.store.get<{ inputs: string }>('SELECT inputs FROM revisions WHERE round_id = ? AND n = 13', [id]))!.inputs);
    expect(stored.subjects.map((s: { input: { 实绩得分: number } }) => s.input.实绩得分)).toEqual(people.map((_, i) => 70 + i));
  }, 60_000);

  it('a part sent to one while the other evaluates waits for that evaluation (the round\'s lease)', async () => {
    const { e, p, order } = await partDuringEvaluation(rc2, rc, '2027-Q3');
    expect([e.status, p.status]).toEqual([200, 201]);
    expect(order).toEqual(['evaluated', 'stored']);
    expect(e.body.result.results[0].score).toBe(60);
    expect((await rc.evaluate(id(e))).body.result.results[0].score).toBe(89.25);
  });
});

describe('a part submitted while an evaluation runs', () => {
  it('waits for the evaluation: it is never answered as stored before a revision that leaves it out', async () => {
    const { e, p, order } = await partDuringEvaluation(rc, rc, '2026-Q3');
    expect([e.status, p.status]).toEqual([200, 201]);
    expect(order).toEqual(['evaluated', 'stored']);
    // revision 1 ran without the later part (3/4 × 60 + 1/4 × 60 = 60), revision 2 with it (3/4 × 99 + 1/4 × 60 = 89.25)
    expect(e.body.result.results[0].score).toBe(60);
    const again = await rc.evaluate(id(e));
    expect([again.body.revision, again.body.result.results[0].score]).toEqual([2, 89.25]);
  });
});

/** A round of one person: `evaluator` evaluates it, held inside the engine while `submitter` sends a
 * new part; the answers and the order they came in. */
async function partDuringEvaluation(evaluator: typeof rc, submitter: typeof rc, period: string) {
  const roundId = (await submitter.create({ scheme: '平时考核', period })).body.id as string;
  await submitter.roster(roundId, [{ id: 'A', unit: '办公室', status: 'take' }]);
  await submitter.inputs(roundId, { subjects: [{ id: 'A', input: { 实绩得分: 60, 测评票: [60] } }] });
  let release!: () => void;
  const entered = new Promise<void>((r) => { gate.entered = r; });
  gate.release = new Promise<void>((r) => { release = r; });
  gate.hold = true;
  const order: string[] = [];
  const evaluation = evaluator.evaluate(roundId).then((r) => { order.push('evaluated'); return Object.assign(r, { roundId }); });
  await entered; // the evaluation has read the parts and is inside the engine
  gate.hold = false;
  const part = submitter.inputs(roundId, { subjects: [{ id: 'A', input: { 实绩得分: 99 } }] }).then((r) => { order.push('stored'); return r; });
  await new Promise((r) => setTimeout(r, 100));
  release();
  const [e, p] = await Promise.all([evaluation, part]);
  return { e, p, order };
}

const id = (e: { roundId: string }) => e.roundId;
