// Committee decisions over HTTP (issue 13): `decision` is accepted per subject in the evaluate body
// (single and cohort), answered in the result and stored; its shape is checked by the body schema
// (400 at the exact path: unknown keys, a grade or reason that is not text, an order that is not a
// number), its values by the engine (422 KH-E046/KH-E047 at the path). Never a 500.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvaluationResultSchema } from '../../server/evaluations/schemas.js';
import { call, enc, setup, type Fixture } from './helpers.js';

const SCHEME = `scheme 集体研究测试 {
  input { 实绩: number = 0 }
  indicator 实绩分 weight 100% = 实绩
  grades by committee {
    优秀 when score >= 90 quota 20%
    称职 otherwise
  }
}`;
const PLAIN = SCHEME.replace('集体研究测试', '普通方案').replace('grades by committee', 'grades');

let f: Fixture;
beforeAll(async () => {
  f = await setup();
  for (const source of [SCHEME, PLAIN]) {
    const created = await call(f.app, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source } });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
    const id = source === SCHEME ? '集体研究测试' : '普通方案';
    const pub = await call(f.app, 'POST', `/api/schemes/${enc(id)}/publish`, { token: f.tokens.A.author });
    if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${pub.text}`);
  }
});
afterAll(() => f?.close());

const evaluate = (body: unknown, id = '集体研究测试') =>
  call(f.app, 'POST', `/api/schemes/${enc(id)}/evaluate`, { token: f.tokens.A.evaluator, body });
const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((d) => d.path);

describe('decision in evaluate', () => {
  it('one subject: the decided grade, the decision first in gradeReasons, echoed and stored', async () => {
    const r = await evaluate({ id: 'A', input: {}, decision: { grade: '优秀', reason: '党委会研究' } });
    expect(r.status, r.text).toBe(201);
    expect(r.body.grade).toBe('优秀');
    expect(r.body.decision).toEqual({ grade: '优秀', reason: '党委会研究' });
    expect(EvaluationResultSchema.safeParse(r.body).success).toBe(true);
    const stored = await call(f.app, 'GET', `/api/evaluations/${r.body.evaluationId}?replay=1`, { token: f.tokens.A.evaluator });
    expect(stored.body.input.decision).toEqual({ grade: '优秀', reason: '党委会研究' });
    expect(stored.body.replay).toEqual({ identical: true });
  });

  it('a cohort: the committee order admits its first where every score ties', async () => {
    const subjects = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, input: {}, decision: { grade: '优秀', order: 5 - i, reason: '研究' } }));
    const r = await evaluate({ subjects });
    expect(r.status, r.text).toBe(201);
    expect(r.body.results.map((x: { grade: string }) => x.grade)).toEqual(['称职', '称职', '称职', '称职', '优秀']);
    expect(EvaluationResultSchema.safeParse(r.body).success).toBe(true);
  });

  it('a decision of the wrong shape is 400 at its exact path, alone and in a cohort', async () => {
    const one = await evaluate({ id: 'A', input: {}, decision: { grade: '优秀', reason: 'x', votes: 3 } });
    expect(one.status, one.text).toBe(400);
    expect(paths(one.body)).toEqual(['decision']); // zod names the object holding the unknown key
    expect(one.text).toContain('votes');
    const many = await evaluate({ subjects: [
      { id: 'a', input: {} },
      { id: 'b', input: {}, decision: { grade: 1, order: '1', reason: null } },
      { id: 'c', input: {}, decision: '优秀' },
    ] });
    expect(many.status, many.text).toBe(400);
    expect(paths(many.body)).toEqual(['subjects[1].decision.grade', 'subjects[1].decision.order', 'subjects[1].decision.reason', 'subjects[2].decision']);
  });

  it('a decision the scheme refuses is 422 with KH-E046 / KH-E047 at its path', async () => {
    const bad = await evaluate({ subjects: [
      { id: 'a', input: {}, decision: { grade: '特优', reason: 'x' } },
      { id: 'b', input: {}, decision: { order: 0, reason: '' } },
      { id: 'c', input: {}, decision: { order: 12345678901234567890, reason: 'x' } },
    ] });
    expect(bad.status, bad.text).toBe(422);
    expect(bad.body.error.details.map((d: { code: string; path: string }) => [d.code, d.path])).toEqual([
      ['KH-E046', 'subjects[0].decision.grade'],
      ['KH-E046', 'subjects[1].decision.order'],
      ['KH-E046', 'subjects[1].decision.reason'],
      ['KH-E046', 'subjects[2].decision.order'],
    ]);
    const plain = await evaluate({ id: 'A', input: {}, decision: { grade: '优秀', reason: 'x' } }, '普通方案');
    expect(plain.status, plain.text).toBe(422);
    expect(plain.body.error.details.map((d: { code: string; path: string }) => [d.code, d.path])).toEqual([['KH-E047', 'decision']]);
  });
});

it('documents decision in the request and the result', async () => {
  const doc = await call(f.app, 'GET', '/api/openapi.json', { token: f.tokens.A.evaluator });
  expect(doc.status).toBe(200);
  const schemas = doc.body.components.schemas;
  expect(schemas.Subject.properties.decision).toEqual({ $ref: '#/components/schemas/DecisionInput' });
  expect(Object.keys(schemas.DecisionInput.properties)).toEqual(['grade', 'order', 'reason']);
  expect(schemas.SubjectResult.properties.decision).toEqual({ $ref: '#/components/schemas/Decision' });
});
