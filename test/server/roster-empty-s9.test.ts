// An empty roster (U9 trial, MED): `PUT …/roster {"members": []}` on an evaluated round wiped its
// roster, and only the next evaluate said 409 round_empty. Now refused at upload (400 at `members`),
// zh and en, and the roster kept.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { ok, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const SCHEME = `scheme 空名单 {
  period quarterly
  input { 实绩: number in [0, 100] }
  indicator 实绩分 weight 100% = 实绩
  grades { 称职 when score >= 60  不称职 otherwise }
}`;

let f: Fixture;
let rc: RoundsClient;
withRoundsApp(() => [SCHEME], (fx, c) => { f = fx; rc = c; });

const put = (id: string, body: unknown, lang: 'zh' | 'en') =>
  call(f.app, 'PUT', `/api/rounds/${id}/roster`, { token: f.tokens.A.author, body, headers: { 'accept-language': lang } });

describe('an empty roster', () => {
  it('is refused at `members`, zh and en; the roster stays', async () => {
    const id = (await ok(rc.create({ scheme: '空名单', period: '2026-Q1' }), 201)).id as string;
    expect((await put(id, { members: [{ id: 'A1', status: 'take' }] }, 'zh')).status).toBe(200);
    for (const lang of ['zh', 'en'] as const) {
      const r = await put(id, { members: [] }, lang);
      expect(r.status, r.text.slice(0, 300)).toBe(400);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['members']);
      expect(r.headers.get('content-language')).toBe(lang);
    }
    const round = await ok(call(f.app, 'GET', `/api/rounds/${id}`, { token: f.tokens.A.author }), 200);
    expect(round.members.map((m: { id: string }) => m.id)).toEqual(['A1']);
  });
});
