// Caps checked before zod walks a request's lists and records (hostile audit H6 F1): an over-cap
// cohort of `{}` is one 413 `cohort_too_large` naming the cap — not an issue per element (690,000
// `{}` built 1.38 M issues and held the event loop 30 s) — and an `input` / `display` with more keys
// than anyone sends is one 400 at its path, on evaluate, on a round's inputs and on its roster.
// Behaviour only; how long a refusal takes is not bounded here (tests of that kind are *.measure).

import { describe, expect, it } from 'vitest';
import { MAX_DISPLAY_KEYS, MAX_INPUT_KEYS } from '../../server/record-keys.js';
import { call, enc, type Fixture, PROVINCE_ID, publishedProvince, setup, rowsIn } from './helpers.js';
import { QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const empties = (n: number) => Array.from({ length: n }, () => ({}));
const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 1]));
const count = (f: Fixture, table: string) => rowsIn(f, table);

describe('evaluate: the cohort cap before the subjects', () => {
  it('cap + 1 empty subjects: one 413 cohort_too_large naming the cap, in the reader\'s language', async () => {
    const f = await setup({ maxCohortSubjects: 3 });
    await publishedProvince(f);
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { period: '2026', subjects: empties(4) } });
    expect(r.status, r.text.slice(0, 300)).toBe(413);
    expect(r.body.error.code).toBe('cohort_too_large');
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'subjects', subjects: 4, limit: 3 })]);
    const zh = await call(f.app, 'POST', `${S}/evaluate?lang=zh`, { token: f.tokens.A.evaluator, body: { subjects: empties(4) } });
    expect(zh.status).toBe(413);
    expect(zh.body.error.message).toContain('最多测评 3 个');
    expect(await count(f, 'evaluations')).toBe(0);
    f.close();
  });

  it('at the cap the subjects are checked as before (400 at each subject\'s path)', async () => {
    const f = await setup({ maxCohortSubjects: 3 });
    await publishedProvince(f);
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects: empties(3) } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['subjects[0].id', 'subjects[2].input']));
    f.close();
  });

  it('the default cap too: 10,001 empty subjects are 413, not 20,002 issues', async () => {
    const f = await setup();
    await publishedProvince(f);
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects: empties(10_001) } });
    expect(r.status).toBe(413);
    expect(r.body.error.details).toHaveLength(1);
    f.close();
  });
});

describe('evaluate: the keys of input and display', () => {
  let f: Fixture;
  it('an input of more than MAX_INPUT_KEYS keys is one 400 at its path (single and cohort), zh and en', async () => {
    f = await setup();
    await publishedProvince(f);
    const single = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { id: 'A1', input: keys(MAX_INPUT_KEYS + 1) } });
    expect(single.status, single.text.slice(0, 300)).toBe(400);
    expect(single.body.error.details).toEqual([expect.objectContaining({ path: 'input', message: `must have at most ${MAX_INPUT_KEYS} entries` })]);
    const cohort = await call(f.app, 'POST', `${S}/evaluate?lang=zh`, {
      token: f.tokens.A.evaluator, body: { subjects: [{ id: 'A1', input: {} }, { id: 'A2', input: keys(MAX_INPUT_KEYS + 1) }] },
    });
    expect(cohort.status).toBe(400);
    expect(cohort.body.error.details).toEqual([expect.objectContaining({ path: 'subjects[1].input', message: `最多只能有 ${MAX_INPUT_KEYS} 项` })]);
  });

  it('a display of more than MAX_DISPLAY_KEYS keys is one 400 at its path; a few too many stay the engine\'s 422', async () => {
    const many = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { id: 'A1', input: {}, display: keys(MAX_DISPLAY_KEYS + 1) } });
    expect(many.status, many.text.slice(0, 300)).toBe(400);
    expect(many.body.error.details).toEqual([expect.objectContaining({ path: 'display', message: `must have at most ${MAX_DISPLAY_KEYS} entries` })]);
    const few = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { id: 'A1', input: {}, display: keys(51) } });
    expect(few.status).toBe(422);
    f.close();
  });
});

describe('rounds: inputs and roster', () => {
  let f: Fixture;
  let rc: RoundsClient;
  withRoundsApp(() => [QUARTERLY()], (fx, c) => { f = fx; rc = c; });

  async function newRound(): Promise<string> {
    const r = await rc.create({ scheme: '平时考核', period: '2026-Q1' });
    expect(r.status, r.text).toBe(201);
    return r.body.id as string;
  }

  it('an input part whose input has more than MAX_INPUT_KEYS keys is one 400 at its path; nothing stored', async () => {
    const id = await newRound();
    expect((await rc.roster(id, [{ id: '王五', unit: '办公室', status: 'take' }])).status).toBe(200);
    const parts = await count(f, 'input_parts');
    const r = await rc.inputs(id, { subjects: [{ id: '王五', input: keys(MAX_INPUT_KEYS + 1) }] });
    expect(r.status, r.text.slice(0, 300)).toBe(400);
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'subjects[0].input', message: `must have at most ${MAX_INPUT_KEYS} entries` })]);
    expect(await count(f, 'input_parts')).toBe(parts);
  });

  it('cap + 1 empty subjects in an input part: one 400 naming the cap', async () => {
    const id = await newRound();
    const r = await rc.inputs(id, { subjects: empties(10_001) });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'subjects' })]);
  });

  it('a roster member whose display has more than MAX_DISPLAY_KEYS keys is one 400 at its path', async () => {
    const id = await newRound();
    const r = await rc.roster(id, [{ id: '王五', status: 'take', display: keys(MAX_DISPLAY_KEYS + 1) }]);
    expect(r.status, r.text.slice(0, 300)).toBe(400);
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'members[0].display', message: `must have at most ${MAX_DISPLAY_KEYS} entries` })]);
  });
});
