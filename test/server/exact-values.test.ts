// `?exactValues=1` on POST evaluate (user trial U7-14): an HTTP caller gets what the library's
// EvalOptions.exactValues gives — `exact` on each result, the exact fractions the engine computed —
// for one subject and for a cohort, on the event loop and in a language worker; without the flag no
// result carries it. The flag is part of an Idempotency-Key's request (a retry without it is 409), it
// is stored with the evaluation (`exactValues: true` in the stored view) and a replay runs with it.
// An unknown query parameter stays ignored, as on every other route; a bad flag value is 400.

import { afterAll, describe, expect, it } from 'vitest';
import { engine } from '../../server/default-engine.js';
import { call, cohortCase, enc, PROVINCE, PROVINCE_ID, publishedProvince, setup, singleCase, type Fixture } from './helpers.js';

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const fixtures: Fixture[] = [];
afterAll(() => { for (const f of fixtures) f.close(); });

async function app(opts: Parameters<typeof setup>[0] = {}): Promise<Fixture> {
  const f = await setup(opts);
  fixtures.push(f);
  await publishedProvince(f);
  return f;
}

/** The library's answer for the same body, with exact values. */
async function library(body: { subjects?: unknown[]; id?: string; input?: unknown; period?: string }) {
  const s = engine.prepare(PROVINCE(), '<source>').value!;
  const opts = { exactValues: true, maxErrors: 49, ...(body.period !== undefined && { period: body.period }) };
  const out = body.subjects
    ? await engine.evaluateCohort(s, body.subjects as never, opts)
    : await engine.evaluate(s, body as never, opts);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.value as { exact?: unknown; results?: { exact?: unknown }[] };
}

const single = () => ({ id: singleCase().subject!.id, input: singleCase().subject!.input }) as { id: string; input: unknown };

describe('?exactValues=1 on POST evaluate', () => {
  it('one subject: `exact` as the library gives it; absent without the flag', async () => {
    const f = await app();
    const r = await call(f.app, 'POST', `${S}/evaluate?exactValues=1`, { token: f.tokens.A.evaluator, body: single() });
    expect(r.status, r.text).toBe(201);
    const lib = await library(single());
    expect(lib.exact).toMatchObject({ score: expect.stringMatching(/^-?\d+(\/\d+)?$/) });
    expect(r.body.exact).toEqual(lib.exact);
    const { evaluationId: _, ...answered } = r.body;
    expect(answered).toEqual(lib);
    const plain = await call(f.app, 'POST', `${S}/evaluate?exactValues=0`, { token: f.tokens.A.evaluator, body: single() });
    expect(plain.status).toBe(201);
    expect(plain.body.exact).toBeUndefined();
    const none = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: single() });
    expect(none.body.exact).toBeUndefined();
  }, 60_000);

  it('a cohort, in-process and in a worker: every result carries `exact`, the library\'s bytes', async () => {
    const body = { subjects: cohortCase().subjects! };
    const lib = await library(body);
    for (const opts of [{}, { cohortOffLoopSubjects: 2, langWorkers: 1 }]) {
      const f = await app(opts);
      const r = await call(f.app, 'POST', `${S}/evaluate?exactValues=true`, { token: f.tokens.A.evaluator, body });
      expect(r.status, r.text).toBe(201);
      const { evaluationId: _, ...answered } = r.body;
      expect(JSON.stringify(answered)).toBe(JSON.stringify(lib));
      expect(r.body.results.every((x: { exact?: unknown }) => x.exact !== undefined)).toBe(true);
    }
  }, 120_000);

  it('is stored with the evaluation and replayed with it; an Idempotency-Key retry without it is 409', async () => {
    const f = await app();
    const headers = { 'idempotency-key': 'exact-1' };
    const first = await call(f.app, 'POST', `${S}/evaluate?exactValues=1`, { token: f.tokens.A.evaluator, body: single(), headers });
    expect(first.status).toBe(201);
    const again = await call(f.app, 'POST', `${S}/evaluate?exactValues=1`, { token: f.tokens.A.evaluator, body: single(), headers });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: single(), headers });
    expect(other.status, other.text).toBe(409);
    const view = await call(f.app, 'GET', `/api/evaluations/${first.body.evaluationId}?replay=1`, { token: f.tokens.A.evaluator });
    expect(view.status, view.text).toBe(200);
    expect(view.body.exactValues).toBe(true);
    expect(view.body.replay).toEqual({ identical: true });
    const plain = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: single() });
    const plainView = await call(f.app, 'GET', `/api/evaluations/${plain.body.evaluationId}?replay=1`, { token: f.tokens.A.evaluator });
    expect(plainView.body.exactValues).toBe(false);
    expect(plainView.body.replay).toEqual({ identical: true });
  }, 60_000);

  it('a bad value is 400 naming the parameter (en, zh); a misspelt one is 400 unknown_parameter (query-params-r9)', async () => {
    const f = await app();
    const bad = await call(f.app, 'POST', `${S}/evaluate?exactValues=yes`, { token: f.tokens.A.evaluator, body: single() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(JSON.stringify(bad.body.error.details)).toContain('exactValues');
    const zh = await call(f.app, 'POST', `${S}/evaluate?exactValues=yes&lang=zh`, { token: f.tokens.A.evaluator, body: single() });
    expect(zh.status).toBe(400);
    expect(zh.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const unknown = await call(f.app, 'POST', `${S}/evaluate?exactvalues=1`, { token: f.tokens.A.evaluator, body: single() });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'unknown_parameter']);
  }, 60_000);

  it('is in the OpenAPI document', async () => {
    const f = await app();
    const doc = await call(f.app, 'GET', '/api/openapi.json');
    const params = doc.body.paths['/api/schemes/{id}/evaluate'].post.parameters as { name: string; in: string }[];
    expect(params).toContainEqual(expect.objectContaining({ name: 'exactValues', in: 'query' }));
  }, 60_000);
});
