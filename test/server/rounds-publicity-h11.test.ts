// V11b HIGH-2 (issue 16, session 11): a typo in the 公示 end date (`9999-12-31`, `2062` for `2026`) held
// the round in 公示 for good — it could not be cut short, finalized, voided, nor its scheme and period
// given another round. Now an end more than MAX_PUBLICITY_DAYS (90) after today is 422 `date_too_far`
// at `until`, and a round in 公示 may be voided with a reason (the way out of a wrong end date: the
// round's record stays), after which the period takes a new round. Real store, HTTP through the app.

import { describe, expect, it } from 'vitest';
import { MAX_PUBLICITY_DAYS } from '../../server/rounds/publicity.js';
import { call, type Fixture } from './helpers.js';
import { codes, FIVE, inDays, ok, quarterScheme, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture, rc: RoundsClient;
withRoundsApp(() => [quarterScheme('季考', { quota: true })], (fx, c) => { f = fx; rc = c; });

const post = (path: string, body: unknown, lang: 'zh' | 'en' = 'zh') => call(f.app, 'POST', `${path}?lang=${lang}`, { token: f.tokens.A.author, body });
const year = Number(inDays(0).slice(0, 4));

describe('the 公示 end date has an upper bound (V11b HIGH-2 a)', () => {
  it('refuses an end more than 90 days ahead, naming the limit and the last day; accepts day 90', async () => {
    expect(MAX_PUBLICITY_DAYS).toBe(90);
    const id = await rc.evaluated('季考', `${year + 1}-Q1`, FIVE);
    for (const until of ['9999-12-31', `${year + 36}-01-10`, inDays(91), `${inDays(91)}T00:00:00+08:00`]) {
      const r = await post(`/api/rounds/${id}/publicize`, { until });
      expect(r.status, r.text).toBe(422);
      expect(codes(r.body)).toEqual([['until', 'date_too_far']]);
      expect(r.body.error.message).toBe(`公示结束日期${until.slice(0, 10)}过远：最晚为今天（北京时间）起90天后，即${inDays(90)}；请检查年份`);
    }
    const en = await post(`/api/rounds/${id}/publicize`, { until: '9999-12-31' }, 'en');
    expect(en.body.error.message).toBe(`the public notice cannot end on 9999-12-31: it may end at most 90 days after today (China time), on ${inDays(90)} at the latest; check the year`);
    expect((await ok(rc.get(id), 200)).status).toBe('evaluated');
    expect((await ok(rc.publicize(id, inDays(90)), 200)).publicityUntil).toBe(inDays(90));
    // An extension is held to the same bound.
    expect(codes((await post(`/api/rounds/${id}/publicize`, { until: inDays(120) })).body)).toEqual([['until', 'date_too_far']]);
  });
});

describe('a round in 公示 may be voided (V11b HIGH-2 b)', () => {
  it('a round locked by an end date far ahead (made before the bound) is voided with a reason, and the period takes a new round', async () => {
    const period = `${year + 1}-Q2`;
    const id = await rc.evaluated('季考', period, FIVE, { name: '二季度' });
    await ok(rc.publicize(id, inDays(7)), 200);
    // as a round publicized before the bound existed
    await f.store.run('UPDATE rounds SET publicity_until = ? WHERE id = ?', ['9999-12-31', id]);
    expect((await rc.finalize(id)).body.error.code).toBe('publicity_running');
    expect((await rc.publicize(id, inDays(3))).body.error.code).toBe('publicity_shortened');
    expect((await rc.create({ scheme: '季考', period })).body.error.code).toBe('round_exists');
    const reason = '公示结束日期误写为9999-12-31';
    const v = await ok(post(`/api/rounds/${id}/void`, { reason }), 200);
    expect(v.voided).toMatchObject({ id, name: '二季度', status: 'publicity', members: 5, reason });
    const rec = await f.store.all('SELECT kind, reason FROM round_records WHERE round_id = ?', [id]);
    expect(rec).toEqual([{ kind: 'voided', reason }]);
    expect((await call(f.app, 'GET', `/api/rounds/${id}?lang=zh`, { token: f.tokens.A.author })).body.error.message).toContain(`作废，理由：${reason}`);
    expect((await rc.create({ scheme: '季考', period })).status).toBe(201);
  });
});
