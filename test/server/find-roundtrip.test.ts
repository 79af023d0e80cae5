// Finding things over a round made through the rounds routes (S2's POST /api/rounds, roster, inputs,
// evaluate): the list shows it, the export validates against RoundExportSchema with the inputs as
// submitted and the result of the stored revision, and a member's results show the round's status.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { RoundExportSchema } from '../../server/rounds/export-schema.js';
import { call, cohortCase, PROVINCE_ID, publishedProvince, removeTempDirs, setup, type Fixture } from './helpers.js';

let f: Fixture;
beforeAll(async () => { f = await setup(); await publishedProvince(f); }, 120_000);
afterAll(() => { f.close(); removeTempDirs(); });

it('list, export and a person\'s results of a round made through the API', async () => {
  const t = f.tokens.A.author;
  const subjects = cohortCase().subjects!;
  const made = await call(f.app, 'POST', '/api/rounds', { token: t, body: { scheme: PROVINCE_ID, period: '2026', name: '2026 年度' } });
  expect(made.status, made.text).toBe(201);
  const id = made.body.id as string;
  const roster = await call(f.app, 'PUT', `/api/rounds/${id}/roster`, { token: t, body: { members: subjects.map((s) => ({ id: s.id, unit: s.input['单位'], status: 'take' })) } });
  expect(roster.status, roster.text).toBe(200);
  const inputs = subjects.map((s) => ({ id: s.id, input: Object.fromEntries(Object.entries(s.input).filter(([k]) => k !== '单位')) }));
  expect((await call(f.app, 'POST', `/api/rounds/${id}/inputs`, { token: t, body: { part: 'all', subjects: inputs } })).status).toBe(201);
  const evaluated = await call(f.app, 'POST', `/api/rounds/${id}/evaluate`, { token: t });
  expect(evaluated.status, evaluated.text).toBe(200);

  const list = await call(f.app, 'GET', '/api/rounds?status=evaluated', { token: f.tokens.A.evaluator });
  expect(list.body.rounds.map((r: { id: string; members: number }) => [r.id, r.members])).toEqual([[id, subjects.length]]);

  const ex = await call(f.app, 'GET', `/api/rounds/${id}/export`, { token: f.tokens.A.evaluator });
  expect(ex.status).toBe(200);
  const doc = RoundExportSchema.parse(ex.body);
  expect(doc.round).toMatchObject({ id, status: 'evaluated', revision: 1, period: '2026' });
  expect(doc.members.map((m) => [m.id, m.unit])).toEqual(subjects.map((s) => [s.id, s.input['单位']]));
  // What revision 1 ran on: the parts with the `cohort by` unit the roster filled (单位).
  expect(doc.inputs.map((x) => [x.subject, x.input])).toEqual(subjects.map((s) => [s.id, s.input]));
  expect(doc.pending).toEqual([]);
  expect(doc.result?.results.map((r) => r.subject)).toEqual(subjects.map((s) => s.id));

  const mine = await call(f.app, 'GET', `/api/subjects/${subjects[0].id}/results`, { token: f.tokens.A.evaluator });
  const row = doc.result!.results[0];
  expect(mine.body.results).toEqual([expect.objectContaining({ period: '2026', status: 'evaluated', grade: row.grade, score: row.score, round: expect.objectContaining({ id, revision: 1 }) })]);
}, 120_000);
