// A `__proto__` key in a round roster member's `input` or `display` (FU6 left, hostile nit): JSON.parse
// keeps it as an own key, zod's record assigned it away and the roster was stored without it, no word
// said. Now a 400 at its path (server/record-keys.ts `protoKey`), zh and en, nothing stored; a
// `constructor` key stays an unknown field like any other (422 at its path).

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { ok, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const SCHEME = `scheme 原型键 {
  period quarterly
  input { 实绩: number in [0, 100]  缺勤天数: number = 0 }
  indicator 实绩分 weight 100% = 实绩
  grades { 称职 when score >= 60  不称职 otherwise }
}`;

let f: Fixture;
let rc: RoundsClient;
withRoundsApp(() => [SCHEME], (fx, c) => { f = fx; rc = c; });

const putText = (id: string, text: string, lang: 'zh' | 'en' = 'zh') =>
  call(f.app, 'PUT', `/api/rounds/${id}/roster`, { token: f.tokens.A.author, body: text, headers: { 'accept-language': lang, 'content-type': 'application/json' } });

describe('a __proto__ key in a roster member (FU6 left)', () => {
  it('in `input` or `display`: 400 at its path, nothing stored; zh and en', async () => {
    const id = (await ok(rc.create({ scheme: '原型键', period: '2026-Q1' }), 201)).id as string;
    const r = await putText(id, '{"members":[{"id":"A1","status":"take"},{"id":"A2","status":"take","input":{"缺勤天数":1,"__proto__":{"x":1}}}]}');
    expect(r.status, r.text.slice(0, 300)).toBe(400);
    const details = r.body.error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual(['members[1].input.__proto__']);
    expect(details[0]!.message).toContain('“__proto__”不能用作名称');
    const d = await putText(id, '{"members":[{"id":"A1","status":"take","display":{"姓名":"甲","__proto__":"乙"}}]}', 'en');
    expect(d.status).toBe(400);
    expect(d.body.error.details).toEqual([expect.objectContaining({ path: 'members[0].display.__proto__', message: expect.stringContaining('the key “__proto__” cannot be used') })]);
    const round = await ok(call(f.app, 'GET', `/api/rounds/${id}`, { token: f.tokens.A.author }), 200);
    expect(round.members).toEqual([]);
  });

  it('a `constructor` key is an unknown field (422 at its path); a roster without such keys is stored', async () => {
    const id = (await ok(rc.create({ scheme: '原型键', period: '2026-Q2' }), 201)).id as string;
    const r = await putText(id, '{"members":[{"id":"A1","status":"take","input":{"constructor":1}}]}');
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((x: { path: string }) => x.path)).toEqual(['members[0].input.constructor']);
    const good = await putText(id, '{"members":[{"id":"A1","status":"take","input":{"缺勤天数":1}}]}');
    expect(good.status, good.text.slice(0, 300)).toBe(200);
  });
});
