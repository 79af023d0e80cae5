// A number a round's inputs cannot keep exactly (hostile X14 M2): parts were read as doubles, so
// 9007199254740993 was stored as 9007199254740992 and 366.0000000000000000001 — outside a field's
// range, which evaluate refuses — as 366. Refused now, with where and why, before anything is stored;
// numbers of up to 15 significant digits go through as before (server/rounds/inexact-numbers.ts).

import { describe, expect, it } from 'vitest';
import { annualScheme, codes, quarterScheme, withRoundsApp, type RoundsClient } from './rounds-helpers.js';
import { call, type Fixture } from './helpers.js';

let f: Fixture, rc: RoundsClient;
withRoundsApp(() => [quarterScheme('季评'), annualScheme('年评', '季评')], (fx, c) => { f = fx; rc = c; });

const parts = async (round: string) => f.store.all<{ value: string }>('SELECT value FROM input_parts WHERE round_id = ? ORDER BY id', [round]);
const post = (path: string, text: string, lang = 'zh') =>
  call(f.app, 'POST', `${path}?lang=${lang}`, { token: f.tokens.A.author, body: text, headers: { 'content-type': 'application/json' } });

describe('round inputs: a number a double does not carry', () => {
  it('is refused at its path, in zh and en, and nothing is stored; 15 digits go through', async () => {
    const id = await rc.rostered('年评', '2033', [{ id: 'p1', status: 'take' }, { id: 'p2', status: 'take' }]);
    const text = '{"subjects":[{"id":"p1","input":{"调整":9007199254740993}},{"id":"p2","input":{"调整":0.1000000000000000000001}}]}';
    const zh = await post(`/api/rounds/${id}/inputs`, text);
    expect(zh.status, zh.text).toBe(422);
    expect(zh.body.error.code).toBe('inexact_number');
    expect(codes(zh.body)).toEqual([['subjects[0].input.调整', 'inexact_number'], ['subjects[1].input.调整', 'inexact_number']]);
    expect(zh.body.error.details[0].message).toMatch(/^9007199254740993 的有效数字位数超出考核批次输入能精确保存的范围/);
    const en = await post(`/api/rounds/${id}/inputs`, text, 'en');
    expect(en.body.error.details[1].message).toMatch(/^0\.1000000000000000000001 has more significant digits/);
    expect(await parts(id)).toEqual([]);
    const fine = await post(`/api/rounds/${id}/inputs`, '{"subjects":[{"id":"p1","input":{"调整":123456789.123456}}]}');
    expect(fine.status, fine.text).toBe(201);
    expect((await parts(id)).map((p) => p.value)).toEqual(['123456789.123456']);
  });

  it('an amendment with such a number is refused before anything else is looked at', async () => {
    const id = await rc.rostered('年评', '2034', [{ id: 'p1', status: 'take' }]);
    const r = await post(`/api/rounds/${id}/amendments`, '{"subject":"p1","input":{"调整":366.0000000000000000001},"reason":"复核"}');
    expect(r.status, r.text).toBe(422);
    expect(codes(r.body)).toEqual([['input.调整', 'inexact_number']]);
  });
});
