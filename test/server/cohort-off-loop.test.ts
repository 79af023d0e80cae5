// Hostile F14 (issue 16): a big cohort is evaluated in a language worker (server/evaluations/
// cohort-job.ts), not on the event loop. Over a real server and real sockets: the result stored
// is, byte for byte, the one the engine makes in-process; an invalid subject is still a 422 with
// nothing stored; an answered cohort is stored, with its audit row, when the answer leaves; and
// /healthz is answered while a cohort runs. How long /healthz and single evaluations wait while
// cohorts run is a measurement: cohort-off-loop.measure.test.ts (`npm run test:differential`).

import { describe, expect, it } from 'vitest';
import { engine } from '../../server/default-engine.js';
import { cohort, offLoopServer, SOURCE } from './cohort-off-loop-app.js';
import { countOf, rowsIn } from './helpers.js';

const s = offLoopServer();

const stored = (id: string) => s.f.store.get<{ result: string }>('SELECT result FROM evaluations WHERE id = ?', [id]);
const audited = (id: string) => countOf(s.f, 'SELECT count(*) AS "n" FROM audit_log WHERE evaluation = ? AND action = \'evaluate\'', [id]);
const evaluations = () => rowsIn(s.f, 'evaluations');

describe('a big cohort is evaluated off the event loop (F14)', () => {
  it('stores, byte for byte, the result the engine makes in-process; stored with its audit row when answered', async () => {
    const body = cohort(2);
    const r = await s.evaluate(body);
    const text = await r.text();
    expect(r.status, text).toBe(201);
    const id = r.headers.get('location')!.split('/').pop()!;
    // Stored (and audited) by the time the answer arrives: the writer commits before answering.
    const row = await stored(id);
    expect(row).toBeDefined();
    expect(await audited(id)).toBe(1);
    const prepared = engine.prepare(SOURCE, '<source>');
    const inProcess = await engine.evaluateCohort(prepared.value!, body.subjects, { explain: false, maxErrors: 49, period: '2026' });
    expect(inProcess.ok).toBe(true);
    expect(row!.result).toBe(JSON.stringify((inProcess as { value: unknown }).value));
    expect(JSON.parse(text)).toEqual({ ...JSON.parse(row!.result), evaluationId: id });
    // A replay re-evaluates the stored input the same way (in the worker) and finds it identical.
    const replay = await fetch(`${s.base}/api/evaluations/${id}?replay=1`, { headers: { Authorization: `Bearer ${s.f.tokens.A.evaluator}` } });
    const view = (await replay.json()) as { replay: unknown };
    expect(replay.status).toBe(200);
    expect(view.replay).toEqual({ identical: true });
  }, 60_000);

  it('an invalid subject in a big cohort: 422 from the worker, nothing stored', async () => {
    const body = cohort(2);
    (body.subjects[7].input as Record<string, unknown>).业绩 = 'many';
    const before = await evaluations();
    const r = await s.evaluate(body, { 'Accept-Language': 'zh' });
    const answer = (await r.json()) as { error: { code: string; details: { subject?: string }[] } };
    expect(r.status).toBe(422);
    expect(answer.error.code).toBe('invalid_input');
    expect(answer.error.details.some((d) => d.subject === body.subjects[7].id)).toBe(true);
    expect(await evaluations()).toBe(before);
  }, 60_000);

  it('/healthz asked while a cohort runs is answered before the cohort', async () => {
    const order: string[] = [];
    const running = s.evaluate(cohort(2)).then(async (r) => { await r.text(); order.push(`cohort ${r.status}`); });
    await new Promise((r) => setTimeout(r, 50)); // the cohort's request has arrived and is running
    const h = await fetch(`${s.base}/healthz`);
    await h.text();
    order.push(`healthz ${h.status}`);
    await running;
    expect(order).toEqual(['healthz 200', 'cohort 201']);
  }, 60_000);
});
