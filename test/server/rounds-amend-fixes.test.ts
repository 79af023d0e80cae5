// Fixes to appeals and amendments found trying issue 14 (server/rounds/amend-same.ts,
// amend-refresh.ts, diff.ts) over HTTP against a real store: an amendment identical to the
// person's current values is refused (422 `nothing_amended`, nothing stored); the answer's changes
// carry the actions gained and lost; a round in 公示 that rolled up a quarter amended after it is
// brought up to date by a source refresh (`{refresh: true, reason}`) whose changes say `source`, not
// `amended`, and which is refused when the round is not out of date.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { accountToken, annualScheme, codes, FIVE, inDays, quarterScheme, rosterOf, roundCounts, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

// 优秀 at most 40% (rounded down) of the round: of five people, two; 嘉奖 follows 优秀.
const quarter = (name: string, committee = false) => quarterScheme(name, { quota: true, committee, outcomes: ['action 嘉奖 when grade == 优秀'] });

let f: Fixture;
let rc: RoundsClient;
const author = () => f.tokens.A.author;
const api = (method: string, path: string, body?: unknown, token = author()) => call(f.app, method, path, { token, body });

const quarterRound = (period: string) => rc.evaluated('季度测试', period, FIVE);
const counts = (id: string) => roundCounts(f, id);
const officerToken = (name: string, units: string[] | null) => accountToken(f, name, units);

withRoundsApp(() => [quarter('季度测试'), annualScheme('年度测试', '季度测试'), quarter('集体测试', true)], (fx, c) => { f = fx; rc = c; });

describe('an amendment identical to the current values', () => {
  it('is refused with 422 nothing_amended at input.FIELD and stores nothing; a real change still goes through', async () => {
    const id = await quarterRound('2026-Q1');
    const before = await counts(id);
    const same = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'c', input: { 实绩: 91 }, reason: '复核' });
    expect(same.status, same.text).toBe(422);
    expect(same.body.error.code).toBe('nothing_amended');
    expect(codes(same.body)).toEqual([['input.实绩', 'nothing_amended']]);
    expect(await counts(id)).toEqual(before);
    const zh = await call(f.app, 'POST', `/api/rounds/${id}/amendments?lang=zh`, { token: author(), body: { subject: 'c', input: { 实绩: 91 }, reason: '复核' } });
    expect(zh.body.error.details[0].message).toBe('“c”的“实绩”已是此值（91），更正须有所改变');
    // corrected to 99, then 99 again: the second is identical to the amended value
    const ok = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'c', input: { 实绩: 99 }, reason: '复核' });
    expect(ok.status, ok.text).toBe(201);
    // the answer carries actions: c gains 嘉奖, b (out of the quota) loses it
    const acts = Object.fromEntries(ok.body.changes.map((x: { subject: string; actions: unknown }) => [x.subject, x.actions]));
    expect(acts).toEqual({ a: { gained: [], lost: [] }, b: { gained: [], lost: ['嘉奖'] }, c: { gained: ['嘉奖'], lost: [] } });
    const again = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'c', input: { 实绩: 99 }, reason: '复核' });
    expect([again.status, again.body.error.code]).toEqual([422, 'nothing_amended']);
    expect(await counts(id)).toMatchObject({ revisions: 2, amendments: 1 });
  });

  it('the same committee decision (keys in any order) is refused at `decision`; a different one is recorded', async () => {
    const id = await rc.evaluated('集体测试', '2026-Q1', [{ id: 'x', input: { 实绩: 80 } }, { id: 'y', input: { 实绩: 70 } }]);
    const first = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'y', decision: { grade: '优秀', reason: '党委会研究决定' }, reason: '申诉' });
    expect(first.status, first.text).toBe(201);
    const same = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'y', decision: { reason: '党委会研究决定', grade: '优秀' }, reason: '申诉' });
    expect(same.status, same.text).toBe(422);
    expect(codes(same.body)).toEqual([['decision', 'nothing_amended']]);
    // the same decision with a changed input is a change
    const mixed = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'y', input: { 实绩: 75 }, decision: { grade: '优秀', reason: '党委会研究决定' }, reason: '申诉' });
    expect(mixed.status, mixed.text).toBe(201);
  });
});

describe('POST /api/rounds/:id/amendments {refresh: true}: a source refresh', () => {
  it('brings an out-of-date round in 公示 up to date; its changes say `source`; refused when not out of date', async () => {
    const quarters = await rc.finalQuarters('季度测试', 2027, FIVE);
    const aid = await rc.rostered('年度测试', '2027', rosterOf(FIVE));
    expect((await api('POST', `/api/rounds/${aid}/evaluate`)).status).toBe(200);
    expect((await api('POST', `/api/rounds/${aid}/publicize`, { until: inDays(60) })).status).toBe(200);
    const refresh = (body: unknown, token = author(), lang = '') => call(f.app, 'POST', `/api/rounds/${aid}/amendments${lang}`, { token, body });
    // up to date: nothing to refresh
    const early = await refresh({ refresh: true, reason: '季度结果更正' });
    expect(early.status, early.text).toBe(422);
    expect(early.body.error.code).toBe('nothing_amended');
    expect(early.body.error.details.map((d: { path: string }) => d.path)).toEqual(['refresh']);
    expect(await counts(aid)).toMatchObject({ revisions: 1, amendments: 0 });
    // d's second quarter corrected 80 → 84: the annual round in 公示 is out of date
    const q2 = await api('POST', `/api/rounds/${quarters[1]}/amendments`, { subject: 'd', input: { 实绩: 84 }, reason: '申诉成立' });
    expect(q2.status, q2.text).toBe(201);
    expect((await api('GET', `/api/rounds/${aid}`)).body).toMatchObject({ status: 'publicity', outOfDate: true });
    // refusals: a refresh takes no subject; needs a reason; an author; an account covering every unit
    const withSubject = await refresh({ refresh: true, subject: 'd', reason: '刷新' });
    expect([withSubject.status, withSubject.body.error.code]).toEqual([400, 'invalid_request']);
    expect(withSubject.body.error.details.map((d: { path: string }) => d.path)).toEqual(['subject']);
    expect((await refresh({ reason: '刷新' })).body.error.details.map((d: { path: string }) => d.path)).toEqual(['subject']);
    const blank = await refresh({ refresh: true, reason: ' ' });
    expect([blank.status, blank.body.error.code]).toEqual([422, 'reason_required']);
    expect((await refresh({ refresh: true, reason: '刷新' }, f.tokens.A.evaluator)).status).toBe(403);
    const officer = await refresh({ refresh: true, reason: '刷新' }, await officerToken('一科科长', ['一科']));
    expect([officer.status, officer.body.error.code]).toEqual([403, 'unit_not_allowed']);
    expect(await counts(aid)).toMatchObject({ revisions: 1, amendments: 0 });
    // the refresh: d's roll-up re-read, (80 + 84 + 80 + 80) / 4 = 81; nobody else moved
    const done = await refresh({ refresh: true, reason: '季度结果更正后刷新' }, await officerToken('考核办', null), '?lang=zh');
    expect(done.status, done.text).toBe(201);
    expect(done.body.round).toEqual({ id: aid, status: 'publicity', revision: 2 });
    expect(done.body.amendment).toMatchObject({ kind: 'refresh', subject: null, reason: '季度结果更正后刷新', revision: 2, account: '考核办' });
    expect(done.body.changes).toEqual([{
      subject: 'd', before: { score: 80, grade: '称职', rank: { overall: 4, cohort: 4 } }, after: { score: 81, grade: '称职', rank: { overall: 4, cohort: 4 } },
      actions: { gained: [], lost: [] }, why: ['source'], reason: '引用的结果有变动：“季度结果” 2027-Q2 得分 80.00 → 84.00',
    }]);
    expect((await api('GET', `/api/rounds/${aid}`)).body).toMatchObject({ status: 'publicity', outOfDate: false, revision: 2 });
    const rev = await api('GET', `/api/rounds/${aid}/revisions/2`);
    expect(rev.body).toMatchObject({ n: 2, why: 'refresh', amendment: { kind: 'refresh', subject: null } });
    expect(rev.body.sources).toContainEqual({ roundId: quarters[1], revision: 2 });
    expect((await api('GET', `/api/rounds/${aid}/amendments`)).body.amendments.map((a: { kind: string }) => a.kind)).toEqual(['refresh']);
    // up to date again: a second refresh changes nothing
    const twice = await refresh({ refresh: true, reason: '再刷新' });
    expect([twice.status, twice.body.error.code]).toEqual([422, 'nothing_amended']);
    // d's quarter corrected again (84 → 88); amending d's own 调整 keeps d's quarters as the revision read
    // them (an amendment never mixes old and new sources; the round is out of date, a refresh reads 88)
    expect((await api('POST', `/api/rounds/${quarters[1]}/amendments`, { subject: 'd', input: { 实绩: 88 }, reason: '再次申诉' })).status).toBe(201);
    const own = await api('POST', `/api/rounds/${aid}/amendments`, { subject: 'd', input: { 调整: 1 }, reason: '加分' });
    expect(own.status, own.text).toBe(201);
    const d = own.body.changes.find((x: { subject: string }) => x.subject === 'd');
    // (80 + 84 + 80 + 80) / 4 + 1 = 82
    expect(d).toMatchObject({ why: ['amended'], after: { score: 82 }, reason: 'input amended: `调整` 0 → 1' });
  });

  it('409 on a round not evaluated yet, like an amendment', async () => {
    const open = await api('POST', '/api/rounds', { scheme: '年度测试', period: '2030' });
    const r = await api('POST', `/api/rounds/${open.body.id}/amendments`, { refresh: true, reason: '刷新' });
    expect([r.status, r.body.error.code]).toEqual([409, 'round_not_evaluated']);
  });
});
