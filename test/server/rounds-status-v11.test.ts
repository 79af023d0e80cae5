// PUT /api/rounds/:id/roster answers every status problem at once (black-box trial V11, LOW): a
// member without `status` was zod's 400 and hid the other members' unknown words (422 only after it
// was fixed) — the route says "every problem is answered at once (422 with paths)", API.md says 422
// for invalid input. Now one 422 lists the missing status, the unknown words and the roster's other
// problems (a duplicate member), each at its path; a status like `constructor` is no word either;
// the document still says `status` is a required string. Nothing is stored.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture;
let rc: RoundsClient;
withRoundsApp(() => [QUARTERLY()], (fx, c) => { f = fx; rc = c; });

type Detail = { path: string; code: string; message: string };

describe('roster status problems', () => {
  it('a missing status, two unknown words and a duplicate: one 422 naming all four (zh, en), nothing stored', async () => {
    const id = (await rc.create({ scheme: '平时考核', period: '2026-Q1' })).body.id as string;
    const members = [{ id: 'A001', status: '参与' }, { id: 'A002', status: '请假' }, { id: 'A003' }, { id: 'A001', status: 'take' }];
    for (const lang of ['zh', 'en'] as const) {
      const r = await call(f.app, 'PUT', `/api/rounds/${id}/roster?lang=${lang}`, { token: f.tokens.A.author, body: { members } });
      expect(r.status).toBe(422);
      const details = r.body.error.details as Detail[];
      expect(details.map((d) => [d.path, d.code])).toEqual([
        ['members[0].status', 'unknown_status'], ['members[1].status', 'unknown_status'],
        ['members[2].status', 'missing_status'], ['members[3].id', 'duplicate_member'],
      ]);
      expect(details[0].message).toContain('参与');
      expect(details[1].message).toContain('请假');
      expect(details[2].message).toContain(lang === 'zh' ? '缺少名册状态' : 'required: the roster status');
    }
    expect((await rc.get(id)).body.members).toEqual([]);
  });

  it('a word of Object.prototype (`constructor`, `toString`) is an unknown status, not stored', async () => {
    const id = (await rc.create({ scheme: '平时考核', period: '2026-Q2' })).body.id as string;
    const r = await rc.roster(id, [{ id: 'A1', status: 'constructor' }, { id: 'A2', status: 'toString' }]);
    expect(r.status).toBe(422);
    expect((r.body.error.details as Detail[]).map((d) => [d.path, d.code])).toEqual([['members[0].status', 'unknown_status'], ['members[1].status', 'unknown_status']]);
  });

  it('the OpenAPI document: status a required string of the Roster member', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body;
    const member = doc.components.schemas.Roster.properties.members.items;
    expect(member.required).toEqual(['id', 'status']);
    expect(member.properties.status.type).toBe('string');
  });
});
