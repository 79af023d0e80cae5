// Look-alike subject ids (hostile audit H6 F14): `B1`, `B1 ` and `B1`+U+200B were three people — a
// roster took all of them, an import under `B1 ` started a second, empty history. One rule for every
// way in (engine/subject-id.ts idFlaw, server/subject-id.ts): no space at either end, no invisible
// character, no space other than U+0020 inside, composed (NFC); refused with a 400 at the id's path
// in the reader's language, nothing stored. Width and case are visible and stay distinct.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { evaluateCohort, prepare } from '../../engine/index.js';
import { idFlaw } from '../../engine/subject-id.js';
import { call, enc, PROVINCE, PROVINCE_ID, type Fixture, rowsIn } from './helpers.js';
import { QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const LOOK_ALIKES = ['B1 ', ' B1', 'B1\u200b', '\ufeffB1', 'B\u00a01', 'B\u30001', 'B1\u2028', 'B1\u200e', 'B1\ufe0f', 'e\u0301'];
const count = (f: Fixture, table: string) => rowsIn(f, table);

describe('the id rule (engine/subject-id.ts)', () => {
  it('refuses every look-alike in zh and en, keeps visible ids', () => {
    for (const id of LOOK_ALIKES) {
      const flaw = idFlaw(id);
      expect(flaw, JSON.stringify(id)).toBeDefined();
      expect(render(flaw!, 'en')).toMatch(/^the id /);
      expect(render(flaw!, 'zh')).toMatch(/^编号/);
    }
    for (const id of ['B1', 'b1', 'Ｂ1', '张三', 'A 1', '\u00e9', 'x'.repeat(200)]) expect(idFlaw(id), id).toBeUndefined();
    expect(render(idFlaw('e\u0301')!, 'en')).toContain('“\u00e9”');
  });

  it('the library and the CLI cohort check refuse them at subjects[i].id', async () => {
    const r = await evaluateCohort(prepare(PROVINCE()).value!, [{ id: 'B1', input: {} }, { id: 'B1 ', input: {} }]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0].path).toBe('subjects[1].id');
  });
});

describe('the API refuses look-alike ids (400 at the path, nothing stored)', () => {
  let f: Fixture;
  let rc: RoundsClient;
  withRoundsApp(() => [QUARTERLY()], (fx, c) => { f = fx; rc = c; });

  it('roster: B1 and its look-alikes are not four members', async () => {
    const round = (await rc.create({ scheme: '平时考核', period: '2026-Q1' })).body.id as string;
    const members = ['B1', ...LOOK_ALIKES].map((id) => ({ id, unit: '办公室', status: 'take' }));
    const r = await rc.roster(round, members);
    expect(r.status, r.text.slice(0, 300)).toBe(400);
    const paths = r.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(LOOK_ALIKES.map((_, i) => `members[${i + 1}].id`));
    expect(await count(f, 'round_members')).toBe(0);
    const zh = await call(f.app, 'PUT', `/api/rounds/${round}/roster?lang=zh`, { token: f.tokens.A.author, body: { members: [{ id: 'B1\u200b', status: 'take' }] } });
    expect(zh.body.error.details[0].message).toContain('编号含看不见的字符（U+200B');
  });

  it('inputs: an id with a trailing space is refused at its path', async () => {
    const round = await rc.rostered('平时考核', '2026-Q2', [{ id: 'B1', unit: '办公室', status: 'take' }]);
    const parts = await count(f, 'input_parts');
    const r = await rc.inputs(round, { subjects: [{ id: 'B1 ', input: {} }] });
    expect(r.status, r.text.slice(0, 300)).toBe(400);
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'subjects[0].id', message: expect.stringContaining('starts or ends with a space (U+0020)') })]);
    expect(await count(f, 'input_parts')).toBe(parts);
  });

  it('import: `B1 ` does not start a second history', async () => {
    const r = await call(f.app, 'POST', '/api/subjects/import', {
      token: f.tokens.A.author, body: { scheme: '平时考核', results: [{ subject: 'B1 ', period: '2025-Q1', grade: '好' }] },
    });
    expect(r.status, r.text.slice(0, 300)).toBe(400);
    expect(r.body.error.details[0].path).toBe('results[0].subject');
    const person = await call(f.app, 'GET', `/api/subjects/${enc('B1\u200b')}/results`, { token: f.tokens.A.author });
    expect(person.status).toBe(400);
  });

  it('evaluate: single and cohort', async () => {
    const S = `/api/schemes/${enc(PROVINCE_ID)}/evaluate`;
    const single = await call(f.app, 'POST', S, { token: f.tokens.A.evaluator, body: { id: 'B1\u00a0', input: {} } });
    expect(single.status).toBe(400);
    expect(single.body.error.details[0].path).toBe('id');
    const cohort = await call(f.app, 'POST', S, { token: f.tokens.A.evaluator, body: { subjects: [{ id: 'B1', input: {} }, { id: 'B1\u200b', input: {} }] } });
    expect(cohort.status).toBe(400);
    expect(cohort.body.error.details[0].path).toBe('subjects[1].id');
  });
});
