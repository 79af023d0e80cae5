// The evaluation period over HTTP (issue 12, item 6): `"period"` in the evaluate body (single and
// cohort), checked against the scheme's kind (422 KH-E031 at `period`), required when the scheme
// names periodStart/periodEnd (422 KH-E032), answered in the result, stored with the evaluation and
// replayed identically; a period on one subject of a cohort is a 400 (one period per request); the
// OpenAPI document shows the field.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvaluationResultSchema } from '../../server/evaluations/schemas.js';
import { call, enc, setup, type Fixture } from './helpers.js';

const SOURCE = readFileSync(join(import.meta.dirname, '../language/dates.kaohe'), 'utf8');
const ID = '效能纪律';
let f: Fixture;

beforeAll(async () => {
  f = await setup();
  const created = await call(f.app, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source: SOURCE } });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const pub = await call(f.app, 'POST', `/api/schemes/${enc(ID)}/publish`, { token: f.tokens.A.author });
  if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${pub.text}`);
});
afterAll(() => f?.close());

const evaluate = (body: unknown) => call(f.app, 'POST', `/api/schemes/${enc(ID)}/evaluate`, { token: f.tokens.A.evaluator, body });
const subject = (id: string, 诫勉: string) => ({ id, input: { 入职日: '2020-01-01', 诫勉记录: [{ 发生日: 诫勉, 事由: 'x' }], 迟到记录: [] } });

describe('period in the evaluate body', () => {
  it('a single subject: evaluated in the period, answered, stored and replayed', async () => {
    // (periodEnd - 1 years, periodEnd] for 2026-Q1 is (2025-03-31, 2026-03-31]: 2025-03-31 is out
    const r = await evaluate({ ...subject('A1', '2025-03-31'), period: '2026-Q1' });
    expect(r.status, r.text).toBe(201);
    expect([r.body.period, r.body.score, r.body.grade]).toEqual(['2026-Q1', 100, '优秀']);
    expect(EvaluationResultSchema.safeParse(r.body).success).toBe(true);
    const stored = await call(f.app, 'GET', `/api/evaluations/${r.body.evaluationId}?replay=1`, { token: f.tokens.A.evaluator });
    expect(stored.status).toBe(200);
    expect(stored.body.input.period).toBe('2026-Q1');
    expect(stored.body.result.period).toBe('2026-Q1');
    expect(stored.body.replay).toEqual({ identical: true });
    // 2025-04-01, the day after the open edge, is within the year: cap 基本称职
    const later = await evaluate({ ...subject('A1', '2025-04-01'), period: '2026-Q1' });
    expect(later.body.grade).toBe('基本称职');
  });

  it('a cohort: one period for all, in the result', async () => {
    const r = await evaluate({ subjects: [subject('A1', '2025-03-31'), subject('A2', '2026-03-31')], period: '2026-Q1' });
    expect(r.status, r.text).toBe(201);
    expect(r.body.period).toBe('2026-Q1');
    expect(r.body.results.map((x: { grade: string }) => x.grade)).toEqual(['优秀', '基本称职']);
    expect(EvaluationResultSchema.safeParse(r.body).success).toBe(true);
  });

  it('422 KH-E031 for a period of the wrong form, 422 KH-E032 without one, in the reader\'s language', async () => {
    const wrong = await call(f.app, 'POST', `/api/schemes/${enc(ID)}/evaluate`,
      { token: f.tokens.A.evaluator, body: { ...subject('A1', '2025-03-31'), period: '2026-03' }, headers: { 'accept-language': 'zh' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.map((d: { code: string; path: string }) => [d.code, d.path])).toEqual([['KH-E031', 'period']]);
    expect(wrong.body.error.details[0].message).toContain('2026-Q1');
    const missing = await evaluate({ subjects: [subject('A1', '2025-03-31')] });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.map((d: { code: string; path: string }) => [d.code, d.path])).toEqual([['KH-E032', 'period']]);
  });

  it('400 for a period on a cohort\'s subject or one that is not text', async () => {
    const onSubject = await evaluate({ subjects: [{ ...subject('A1', '2025-03-31'), period: '2026-Q1' }], period: '2026-Q1' });
    expect(onSubject.status).toBe(400);
    const notText = await evaluate({ ...subject('A1', '2025-03-31'), period: 2026 });
    expect(notText.status).toBe(400);
    expect(notText.body.error.details.map((d: { path: string }) => d.path)).toEqual(['period']);
  });

  it('the OpenAPI document shows period on both body shapes and in the results', async () => {
    const schemas = (await call(f.app, 'GET', '/api/openapi.json')).body.components.schemas;
    expect(schemas.SubjectBody.properties.period).toMatchObject({ type: 'string', example: '2026-Q1' });
    expect(schemas.Cohort.properties.period).toMatchObject({ type: 'string' });
    expect(schemas.SubjectResult.properties.period).toMatchObject({ type: 'string' });
    expect(schemas.CohortResult.properties.period).toMatchObject({ type: 'string' });
  });
});
