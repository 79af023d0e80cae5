// Issue 16 (session 6): a stored version longer than the event loop prepares (limits.mainPrepareMaxChars)
// is prepared in a language worker for the rounds and the results import too, not only for the
// evaluate route (server/rounds/version-scheme.ts, evaluate-off-loop.ts, lang-pool/scheme-jobs.ts).
// Two apps over their own stores, the same steps: one counts these versions as long (a real
// worker), one prepares them on the loop as before. The loop's engine of the first never prepares a
// long source; every answer and every stored revision (result, exact values, statistics facts) is
// the other app's, byte for byte; /healthz asked during a round's evaluation answers first.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../engine/api.js';
import { engine as realEngine } from '../../server/default-engine.js';
import { call, removeTempDirs, type Fixture } from './helpers.js';
import { annualScheme, appWith, client, quarterScheme, type Person } from './rounds-helpers.js';

/** Longer than LONG by comment lines (a comment changes nothing the engine does). */
const LONG = 1000;
const padded = (source: string) => `${'// 这一行只为加长方案的源文本，不影响计算。\n'.repeat(40)}${source}`;
const SOURCES = () => [padded(quarterScheme('季评', { quota: true })), padded(annualScheme('年评', '季评', { cohortBy: true }))];
const PEOPLE: Person[] = Object.entries({ a: 95, b: 93.5, c: 91, d: 80.25, e: 70 }).map(([id, v]) => ({ id, input: { 实绩: v } }));

let offLoop: Fixture, onLoop: Fixture;
/** Source lengths the event loop's engine of `offLoop` prepared. */
const prepared: number[] = [];

beforeAll(async () => {
  expect(SOURCES().every((s) => s.length > LONG)).toBe(true);
  const counting: EngineApi = { ...realEngine, prepare: (source, name) => (prepared.push(source.length), realEngine.prepare(source, name)) };
  [offLoop, onLoop] = await Promise.all([
    appWith([], { engine: counting, langWorkers: 1, mainPrepareMaxChars: LONG }),
    appWith([]),
  ]);
  // Published through the API: the publish gate analyzes in the worker too; only what follows is counted.
  for (const f of [offLoop, onLoop]) for (const s of SOURCES()) {
    const c = await call(f.app, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source: s } });
    expect(c.status, c.text).toBe(201);
    const p = await call(f.app, 'POST', `/api/schemes/${encodeURIComponent(c.body.id)}/publish`, { token: f.tokens.A.author });
    expect(p.status, p.text).toBe(200);
  }
  prepared.length = 0;
}, 180_000);

afterAll(async () => {
  await offLoop?.close();
  await onLoop?.close();
  removeTempDirs();
});

/** What two apps cannot share: ids, times, tokens. */
const same = (text: string) => text
  .replace(/"(id|round|roundId|batch|createdAt|at|tokenId|amendmentId|evaluationId)":("[^"]*"|\d+)/g, '"$1":-')
  .replace(/tok_[0-9a-f]+/g, 'tok').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');
const revisions = async (f: Fixture) => (await f.store.all('SELECT r.n, r.result, r.exact, r.inputs, f.facts FROM revisions r LEFT JOIN revision_facts f ON f.round_id = r.round_id AND f.n = r.n ORDER BY r.round_id, r.n'))
  .map((row) => same(JSON.stringify(row)));

describe('a long version: rounds and the results import prepare it in a worker', () => {
  it('four quarters and the annual round: the same answers and stored revisions, never prepared on the loop', async () => {
    const answers = await Promise.all([offLoop, onLoop].map(async (f) => {
      const rc = client(f);
      const out: string[] = [];
      const quarters = await rc.finalQuarters('季评', 2026, PEOPLE);
      const annual = await rc.rostered('年评', '2026', PEOPLE.map((p, i) => ({ id: p.id, unit: i % 2 ? '一科' : '二科', status: 'take' })));
      for (const id of [...quarters, annual]) out.push((await rc.get(id)).text);
      const ev = await rc.evaluate(annual);
      expect(ev.status, ev.text).toBe(200);
      out.push(ev.text, (await rc.get(annual)).text);
      const imported = await call(f.app, 'POST', '/api/subjects/import', { token: f.tokens.A.author, body: { scheme: '季评', results: [
        { subject: 'x', period: '2025-Q4', grade: '优秀', score: 92.35 }, { subject: 'y', period: '2025-Q9', grade: '良' },
      ] } });
      out.push(imported.text);
      return out.map(same);
    }));
    expect(answers[0]).toEqual(answers[1]);
    expect(await revisions(offLoop)).toEqual(await revisions(onLoop));
    expect((await revisions(offLoop)).length).toBe(5);
    expect(prepared.filter((n) => n > LONG)).toEqual([]);
  }, 180_000);

  it('/healthz asked during a round evaluation answers first', async () => {
    const rc = client(offLoop);
    const id = await rc.rostered('季评', '2027-Q1', PEOPLE.map((p) => ({ id: p.id, status: 'take' })));
    expect((await rc.inputs(id, { subjects: PEOPLE.map((p) => ({ id: p.id, input: p.input })) })).status).toBe(201);
    const order: string[] = [];
    const evaluate = rc.evaluate(id).then((r) => order.push(`evaluate ${r.status}`));
    const health = call(offLoop.app, 'GET', '/healthz').then((r) => order.push(`healthz ${r.status}`));
    await Promise.all([evaluate, health]);
    expect(order).toEqual(['healthz 200', 'evaluate 200']);
    expect(prepared.filter((n) => n > LONG)).toEqual([]);
  }, 60_000);
});
