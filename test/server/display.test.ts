// Display fields over HTTP: per subject `"display": {"姓名": …}` (single and cohort) is accepted,
// evaluated nowhere, answered in the result, stored with the evaluation and replayed identically;
// a bad one is a 4xx naming its path; the OpenAPI document shows it, and the evaluate answer is
// exactly the engine's result schema (engine/result-schema.ts) plus `evaluationId`.

import { describe, expect, it } from 'vitest';
import { EvaluationResultSchema } from '../../server/evaluations/schemas.js';
import { call, cohortCase, enc, type Fixture, PROVINCE_ID, singleCase, withPublishedProvince } from './helpers.js';

let f: Fixture;
withPublishedProvince((fixture) => (f = fixture));

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const evaluate = (body: unknown) => call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body });

describe('display fields in evaluate', () => {
  it('a single subject: answered, stored and replayed', async () => {
    const c = singleCase();
    const r = await evaluate({ ...c.subject, display: { 姓名: '张三', 科室: '执法总队', 工号: 1024 } });
    expect(r.status, r.text).toBe(201);
    expect(r.body.display).toEqual({ 姓名: '张三', 科室: '执法总队', 工号: '1024' });
    expect(r.body.score).toBe(c.expect!.score);
    expect(EvaluationResultSchema.safeParse(r.body).success).toBe(true);

    const stored = await call(f.app, 'GET', `/api/evaluations/${r.body.evaluationId}?replay=1`, { token: f.tokens.A.evaluator });
    expect(stored.status).toBe(200);
    expect(stored.body.result.display).toEqual({ 姓名: '张三', 科室: '执法总队', 工号: '1024' });
    expect(stored.body.input.display).toEqual({ 姓名: '张三', 科室: '执法总队', 工号: 1024 });
    expect(stored.body.replay).toEqual({ identical: true });
  });

  it('a cohort: each subject its own, and a long number keeps every digit', async () => {
    const c = cohortCase();
    const subjects = c.subjects!.map((s, i) => (i === 0 ? { ...s, display: { 姓名: '甲' } } : i === 1 ? { ...s, display: { 身份证号: 0 } } : s));
    const text = JSON.stringify({ subjects }).replace('"身份证号":0', '"身份证号":110101199001011234');
    const r = await evaluate(text);
    expect(r.status, r.text).toBe(201);
    expect(r.body.results.map((x: { display?: unknown }) => x.display ?? null))
      .toEqual([{ 姓名: '甲' }, { 身份证号: '110101199001011234' }, ...subjects.slice(2).map(() => null)]);
    expect(EvaluationResultSchema.safeParse(r.body).success).toBe(true);
  });

  it('a display that is not an object is refused as the request (400) at its path', async () => {
    const r = await evaluate({ ...singleCase().subject, display: ['张三'] });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['display']);
  });

  it('a bad display field is 422 with KH-E008 at its path, alone and in a cohort', async () => {
    const one = await evaluate({ ...singleCase().subject, display: { 姓名: ['张三'], 备注: 'x'.repeat(1001) } });
    expect(one.status).toBe(422);
    expect(one.body.error.details.map((d: { code: string; path: string }) => [d.code, d.path]))
      .toEqual([['KH-E008', 'display.姓名'], ['KH-E008', 'display.备注']]);
    const subjects = cohortCase().subjects!.map((s, i) => (i === 1 ? { ...s, display: { 姓名: { 全名: '李四' } } } : s));
    const many = await evaluate({ subjects });
    expect(many.status).toBe(422);
    expect(many.body.error.details.map((d: { path: string }) => d.path)).toEqual(['subjects[1].display.姓名']);
  });
});

describe('the OpenAPI document', () => {
  it('documents display and the result schema the engine writes', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body;
    const schemas = doc.components.schemas;
    expect(schemas.Subject.properties.display).toMatchObject({ type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] } });
    expect(JSON.stringify(schemas.EvaluationResult)).toContain('#/components/schemas/SubjectResult');
    expect(JSON.stringify(schemas.EvaluationResult)).toContain('#/components/schemas/CohortResult');
    expect(schemas.SubjectResult).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schemas.SubjectResult.required).toEqual(expect.arrayContaining(['scheme', 'subject', 'score', 'grade', 'gradeReasons', 'indicators']));
    expect(schemas.SubjectResult.properties.display).toEqual({ $ref: '#/components/schemas/Display' });
    expect(schemas.CohortMemberResult.required).toContain('cohort');
    for (const id of ['Trace', 'QuotaNote', 'CohortSummary', 'Explain', 'Effect']) expect(schemas[id], id).toBeDefined();
  });
});
