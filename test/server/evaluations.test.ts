// Evaluation endpoints: single subject and cohort, the stored record, replay, Idempotency-Key, and
// a cohort whose last subject is invalid (nothing stored, every problem returned).

import { describe, expect, it } from 'vitest';
import { call, cohortCase, enc, type Fixture, invalidCase, PROVINCE, PROVINCE_ID, singleCase, withPublishedProvince, rowsIn } from './helpers.js';

let f: Fixture;
withPublishedProvince((fixture) => (f = fixture));

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const count = () => rowsIn(f, 'evaluations');

describe('evaluate', () => {
  it('evaluates one subject against the latest published version and stores it', async () => {
    const c = singleCase();
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: c.subject });
    expect(r.status, r.text).toBe(201);
    expect(r.body.evaluationId).toMatch(/^ev_[0-9a-f]{24}$/);
    expect(r.headers.get('location')).toBe(`/api/evaluations/${r.body.evaluationId}`);
    expect(r.body).toMatchObject({ subject: c.subject!.id, score: c.expect!.score, grade: c.expect!.grade });
    expect(r.body.scheme.hash).toMatch(/^sha256:/);

    const stored = await call(f.app, 'GET', `/api/evaluations/${r.body.evaluationId}`, { token: f.tokens.A.admin });
    expect(stored.status).toBe(200);
    const { evaluationId: _id, ...result } = r.body;
    expect(stored.body).toMatchObject({
      id: r.body.evaluationId,
      scheme: { id: PROVINCE_ID, version: 1, status: 'published', hash: expect.stringMatching(/^sha256:/) },
      caller: expect.stringMatching(/^tok_/),
      kind: 'single',
      subjects: [c.subject!.id],
      input: c.subject,
      result,
    });
    expect(Date.parse(stored.body.createdAt)).not.toBeNaN();

    const replay = await call(f.app, 'GET', `/api/evaluations/${r.body.evaluationId}?replay=1`, { token: f.tokens.A.evaluator });
    expect(replay.status).toBe(200);
    expect(replay.body.replay).toEqual({ identical: true });
  });

  it('evaluates a cohort in one record', async () => {
    const c = cohortCase();
    const before = await count();
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.author, body: { subjects: c.subjects } });
    expect(r.status, r.text).toBe(201);
    expect(r.body.results.map((x: { subject: string }) => x.subject)).toEqual(c.subjects!.map((s) => s.id));
    for (const res of r.body.results) {
      const want = (c.expect as Record<string, { score?: number; grade?: string | null }>)[res.subject];
      if (want?.score !== undefined) expect(res.score).toBe(want.score);
      if (want && 'grade' in want) expect(res.grade).toBe(want.grade);
    }
    expect(await count()).toBe(before + 1);
    const stored = await call(f.app, 'GET', `/api/evaluations/${r.body.evaluationId}`, { token: f.tokens.A.author });
    expect(stored.body).toMatchObject({ kind: 'cohort', subjects: c.subjects!.map((s) => s.id) });
  });

  it('reports every problem of an invalid subject (422) and stores nothing', async () => {
    const c = invalidCase();
    const before = await count();
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: c.subject });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('invalid_input');
    const paths: string[] = r.body.error.details.map((d: { path: string }) => d.path);
    for (const p of c.expectErrors!) expect(paths.some((x) => x === p || x.startsWith(p))).toBe(true);
    for (const d of r.body.error.details) expect(d).toEqual(expect.objectContaining({ path: expect.any(String), message: expect.any(String) }));
    expect(await count()).toBe(before);
  });

  it('a cohort whose last subject is invalid stores nothing and reports that subject', async () => {
    const c = cohortCase();
    const bad = invalidCase().subject!;
    const subjects = [...c.subjects!, { ...bad, id: 'LAST' }];
    const before = await count();
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects } });
    expect(r.status).toBe(422);
    const details = r.body.error.details as { path: string; subject?: string }[];
    expect(details.length).toBeGreaterThanOrEqual(invalidCase().expectErrors!.length);
    expect(details.every((d) => d.path.startsWith(`subjects[${subjects.length - 1}]`) || d.subject === 'LAST')).toBe(true);
    expect(await count()).toBe(before);
  });

  it('Idempotency-Key: a retry returns the first answer and stores once; another body is refused', async () => {
    const headers = { 'idempotency-key': 'retry-1' };
    const body = singleCase().subject;
    const before = await count();
    const a = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body, headers });
    const b = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body, headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body).toEqual(a.body);
    expect(await count()).toBe(before + 1);
    // The key belongs to the token: another token with the same key evaluates anew.
    const other = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.author, body, headers });
    expect(other.status).toBe(201);
    expect(other.body.evaluationId).not.toBe(a.body.evaluationId);
    const changed = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { ...body, id: 'other' }, headers });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('idempotency_key_reused');
  });

  it('evaluates a named version, and (authors) the draft; a replaced draft cannot be replayed', async () => {
    const v1 = await call(f.app, 'POST', `${S}/evaluate?version=1`, { token: f.tokens.A.evaluator, body: singleCase().subject });
    expect(v1.status).toBe(201);
    await call(f.app, 'PUT', `${S}/draft`, { token: f.tokens.A.author, body: { source: PROVINCE() + '\n// draft' } });
    const d = await call(f.app, 'POST', `${S}/evaluate?version=draft`, { token: f.tokens.A.author, body: singleCase().subject });
    expect(d.status, d.text).toBe(201);
    expect((await call(f.app, 'POST', `${S}/evaluate?version=2`, { token: f.tokens.A.evaluator, body: singleCase().subject })).status).toBe(403);
    const stored = await call(f.app, 'GET', `/api/evaluations/${d.body.evaluationId}`, { token: f.tokens.A.author });
    expect(stored.body.scheme).toMatchObject({ version: 2, status: 'draft' });
    await call(f.app, 'PUT', `${S}/draft`, { token: f.tokens.A.author, body: { source: PROVINCE() + '\n// changed' } });
    const replay = await call(f.app, 'GET', `/api/evaluations/${d.body.evaluationId}?replay=1`, { token: f.tokens.A.author });
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('version_changed');
  });

  it('?explain=1 is stored with the evaluation and used on replay', async () => {
    const r = await call(f.app, 'POST', `${S}/evaluate?explain=1`, { token: f.tokens.A.evaluator, body: singleCase().subject });
    expect(r.status).toBe(201);
    const replay = await call(f.app, 'GET', `/api/evaluations/${r.body.evaluationId}?replay=true`, { token: f.tokens.A.evaluator });
    expect(replay.body).toMatchObject({ explain: true, replay: { identical: true } });
  });

  it('evaluations of another organization are not found', async () => {
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: singleCase().subject });
    expect((await call(f.app, 'GET', `/api/evaluations/${r.body.evaluationId}`, { token: f.tokens.B.admin })).status).toBe(404);
  });
});
