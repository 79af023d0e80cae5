// A unit nobody can tell from another (V11b HIGH-1): `"办公室 "`, `"办公室\n"`, `"办公室"`+U+200B, `"\u0007"`
// in a roster were cohorts of their own, each with its own 好 place; a round's own unit `"\u0000"` was
// taken. Now the roster says so at `members[i].unit` (422, with the other problems, nothing stored),
// the round's unit at `unit` (400, as a flawed id is); a status with an edge space names the space
// (V11b LOW-9).

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture;
let rc: RoundsClient;
withRoundsApp(() => [QUARTERLY()], (fx, c) => { f = fx; rc = c; });

type Detail = { path: string; code: string; message: string };

describe('a unit with a character nobody sees', () => {
  it('the roster: 422 at each member\'s unit (zh, en), nothing stored; a visible unit is fine', async () => {
    const id = (await rc.create({ scheme: '平时考核', period: '2026-Q1' })).body.id as string;
    const units = ['办公室', '办公室 ', '办公室\n', '办公室\u200b', '\u0007', '办公 室'];
    const members = units.map((unit, i) => ({ id: `X${i}`, unit, status: 'take' }));
    for (const lang of ['zh', 'en'] as const) {
      const r = await call(f.app, 'PUT', `/api/rounds/${id}/roster?lang=${lang}`, { token: f.tokens.A.author, body: { members } });
      expect(r.status).toBe(422);
      const details = r.body.error.details as Detail[];
      expect(details.map((d) => [d.path, d.code])).toEqual([1, 2, 3, 4].map((i) => [`members[${i}].unit`, 'unit_not_visible']));
      if (lang === 'zh') {
        expect(details[0].message).toBe('单位“办公室 ”首尾有空格（U+0020），表格中看不出，会单独成为一组：请删去');
        expect(details[1].message).toContain('单位“办公室⟨U+000A⟩”含控制字符（U+000A）');
        expect(details[2].message).toContain('含看不见的字符（U+200B');
      } else expect(details[0].message).toContain('the unit “办公室 ” starts or ends with a space (U+0020)');
    }
    expect((await rc.get(id)).body.members).toEqual([]);
    expect((await rc.roster(id, [members[0], members[5]])).status).toBe(200);
  });

  it('the round\'s own unit: 400 at `unit`', async () => {
    const r = await call(f.app, 'POST', '/api/rounds?lang=zh', { token: f.tokens.A.author, body: { scheme: '平时考核', period: '2026-Q3', unit: '\u0000' } });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('unit');
    expect(r.body.error.details[0].message).toContain('含控制字符（U+0000）');
    expect((await rc.create({ scheme: '平时考核', period: '2026-Q3', unit: '办公室' })).status).toBe(201);
  });

  it('a status with a space at an end says so (it is still refused)', async () => {
    const id = (await rc.create({ scheme: '平时考核', period: '2026-Q2' })).body.id as string;
    const r = await call(f.app, 'PUT', `/api/rounds/${id}/roster?lang=zh`, { token: f.tokens.A.author, body: { members: [{ id: 'A1', status: '参加 ' }, { id: 'A2', status: ' take' }] } });
    expect(r.status).toBe(422);
    const details = r.body.error.details as Detail[];
    expect(details.map((d) => [d.path, d.code])).toEqual([['members[0].status', 'unknown_status'], ['members[1].status', 'unknown_status']]);
    expect(details[0].message).toBe('名册状态“参加 ”首尾有空格（U+0020）：请删去，写作“参加”');
    expect(details[1].message).toContain('写作“take”');
  });
});

describe('a roster member key mistyped (V11b MED-4)', () => {
  it('names the key one slip away, at the key\'s path; another unknown key lists the keys', async () => {
    const id = (await rc.create({ scheme: '平时考核', period: '2026-Q4' })).body.id as string;
    const members = [{ id: 'A1', status: 'take' }, { id: 'A2', stat: 'take' }, { id: 'A3', status: 'take', Unit: '办公室' }, { id: 'A4', status: 'take', 名字: '张三' }];
    const zh = await call(f.app, 'PUT', `/api/rounds/${id}/roster?lang=zh`, { token: f.tokens.A.author, body: { members } });
    expect(zh.status).toBe(400);
    const details = zh.body.error.details as Detail[];
    expect(details.map((d) => [d.path, d.message])).toEqual([
      ['members[1].stat', '无法识别的键“stat”，是否指“status”？'],
      ['members[2].Unit', '无法识别的键“Unit”，是否指“unit”？'],
      ['members[3].名字', '无法识别的键“名字”，名册成员的键为：“id”、“unit”、“status”、“countsInBase”、“display”、“input”'],
    ]);
    const en = await call(f.app, 'PUT', `/api/rounds/${id}/roster?lang=en`, { token: f.tokens.A.author, body: { members } });
    expect((en.body.error.details as Detail[])[0].message).toBe('unrecognized key `stat`; did you mean `status`?');
  });

  it('the OpenAPI document still says a member takes no other keys', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body;
    expect(doc.components.schemas.Roster.properties.members.items.additionalProperties).toBe(false);
  });
});

describe('scheme evaluate: a unit with a character nobody sees', () => {
  it('422 KH-E061 at the unit of each subject, the cohort not evaluated', async () => {
    const S = `/api/schemes/${encodeURIComponent('平时考核')}/evaluate?lang=zh`;
    const person = (id: string, unit: string) => ({ id, input: { 单位: unit, 实绩得分: 95, 测评票: [95] } });
    const r = await call(f.app, 'POST', S, { token: f.tokens.A.author, body: { period: '2026-Q1', subjects: [person('X1', '办公室'), person('X2', '办公室 '), person('X3', '办公室')] } });
    expect(r.status).toBe(422);
    const details = r.body.error.details as (Detail & { code: string })[];
    expect(details.map((d) => [d.path, d.code])).toEqual([['subjects[1].input.单位', 'KH-E061']]);
    expect(details[0].message).toContain('单位“办公室 ”首尾有空格（U+0020）');
  });
});
