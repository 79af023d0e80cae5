// Appeals and amendments over HTTP (server/rounds/amend.ts, issue 14 item 4) against a real
// store: an amendment makes revision n+1 and lists who changed and why (someone else moved across the
// 优秀 quota line); it is refused, storing nothing, without a reason, for someone not in the roster,
// for an unknown or server-filled field, before the round is evaluated and after the appeal days; a
// final round stays final and its results follow; an annual round that rolled the quarter up is
// flagged out of date; GET …/revisions/:n shows every stored revision.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { accountToken, annualScheme, FIVE, inDays, publish, quarterScheme, rosterOf, roundCounts, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

// 优秀 at most 40% (rounded down) of the round: of five people, two.
const QUARTER = quarterScheme('季度测试', { quota: true });

let f: Fixture;
let rc: RoundsClient;
const author = () => f.tokens.A.author;
const api = (method: string, path: string, body?: unknown, token = author()) => call(f.app, method, path, { token, body });

/** A quarterly round of a…e, evaluated (revision 1). */
const quarterRound = (period: string, opts: { appealDays?: number } = {}) => rc.evaluated('季度测试', period, FIVE, opts);
const finalize = (id: string) => rc.finish(id);
const counts = (id: string) => roundCounts(f, id);

withRoundsApp(() => [QUARTER, annualScheme('年度测试', '季度测试')], (fx, c) => { f = fx; rc = c; });

describe('POST /api/rounds/:id/amendments', () => {
  it('a corrected input makes revision 2 and lists who changed and why (another person crosses the quota line)', async () => {
    const id = await quarterRound('2026-Q1');
    // before: a 95, b 93 优秀; c 91 demoted by the quota (rank 3 of limit 2)
    const r = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'c', input: { 实绩: 99 }, reason: '复核：实绩分录入有误' });
    expect(r.status, r.text).toBe(201);
    expect(r.body.revision).toBe(2);
    expect(r.body.round).toEqual({ id, status: 'evaluated', revision: 2 });
    expect(r.body.amendment).toMatchObject({ round: id, subject: 'c', kind: 'input', input: { 实绩: 99 }, reason: '复核：实绩分录入有误', revision: 2 });
    expect(r.body.changes.map((c: { subject: string; why: string[] }) => [c.subject, c.why])).toEqual([
      ['a', ['rank']], ['b', ['quota']], ['c', ['amended', 'quota']],
    ]);
    const b = r.body.changes[1];
    expect(b.before).toEqual({ score: 93, grade: '优秀', rank: { overall: 2, cohort: 2 } });
    expect(b.after).toEqual({ score: 93, grade: '称职', rank: { overall: 3, cohort: 3 } });
    // the old revision is kept, the new one names its amendment
    const one = await api('GET', `/api/rounds/${id}/revisions/1`);
    expect(one.status, one.text).toBe(200);
    expect(one.body).toMatchObject({ n: 1, why: 'evaluate', amendment: null });
    expect(one.body.result.results.find((x: { subject: string }) => x.subject === 'b').grade).toBe('优秀');
    const two = await api('GET', `/api/rounds/${id}/revisions/2`);
    expect(two.body).toMatchObject({ n: 2, why: 'amendment', amendment: { id: r.body.amendment.id, subject: 'c' } });
    expect(two.body.inputs.subjects.find((s: { id: string }) => s.id === 'c').input).toEqual({ 实绩: 99 });
    expect(two.body.exact.c).toMatchObject({ score: '99' });
    expect((await api('GET', `/api/rounds/${id}/revisions/3`)).status).toBe(404);
    const list = await api('GET', `/api/rounds/${id}/amendments`);
    expect(list.body.amendments).toHaveLength(1);
    // recorded in the audit log before the answer left
    const audited = await f.store.all(`SELECT action, target, status FROM audit_log WHERE action = 'amend'`);
    expect(audited).toEqual([{ action: 'amend', target: `round:${id}`, status: 201 }]);
  });

  it('the reasons in Chinese with ?lang=zh', async () => {
    const id = await quarterRound('2026-Q2');
    const r = await call(f.app, 'POST', `/api/rounds/${id}/amendments?lang=zh`, { token: author(), body: { subject: 'c', input: { 实绩: 99 }, reason: '复核' } });
    expect(r.status, r.text).toBe(201);
    expect(r.body.changes[1].reason).toBe('落到“优秀”名额线以下（排名第 3，名额 2），降为“称职”；因“c”更正后的得分升到其之上');
  });

  it('refusals store nothing: no reason, too long, not in the roster, unknown field, bad value, no change at all', async () => {
    const id = await quarterRound('2026-Q3');
    const before = await counts(id);
    const refuse = async (body: unknown, status: number, code: string, paths: string[]) => {
      const r = await api('POST', `/api/rounds/${id}/amendments`, body);
      expect(r.status, r.text).toBe(status);
      expect(r.body.error.code).toBe(code);
      if (paths.length) expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(paths);
    };
    await refuse({ subject: 'c', input: { 实绩: 99 }, reason: '  ' }, 422, 'reason_required', ['reason']);
    await refuse({ subject: 'c', input: { 实绩: 99 }, reason: '理'.repeat(1001) }, 422, 'reason_too_long', ['reason']);
    await refuse({ subject: 'zz', input: { 实绩: 99 }, reason: '复核' }, 422, 'not_in_roster', ['subject']);
    await refuse({ subject: 'c', input: { 实绩分: 99 }, reason: '复核' }, 422, 'unknown_field', ['input.实绩分']);
    await refuse({ subject: 'c', input: { 实绩: 'high' }, reason: '复核' }, 422, 'invalid_input', ['input.实绩']);
    await refuse({ subject: 'c', input: { 实绩: 101 }, reason: '复核' }, 422, 'invalid_input', ['input.实绩']);
    await refuse({ subject: 'zz', input: { 实绩分: 1 }, reason: '' }, 422, 'invalid_input', ['reason', 'subject', 'input.实绩分']);
    await refuse({ subject: 'c', reason: '复核' }, 422, 'nothing_amended', ['input']);
    await refuse({ subject: 'c', input: { 实绩: 99 } }, 400, 'invalid_request', ['reason']);
    await refuse({ subject: 'c', input: { 实绩: 99 }, reason: '复核', extra: 1 }, 400, 'invalid_request', []);
    // a decision where the scheme takes none: the engine refuses (KH-E047), and the compensation removes the stored rows
    const r = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'c', decision: { grade: '优秀', reason: '研究' }, reason: '复核' });
    expect(r.status, r.text).toBe(422);
    expect(r.text).toContain('KH-E047');
    expect(await counts(id)).toEqual(before);
    const zh = await call(f.app, 'POST', `/api/rounds/${id}/amendments?lang=zh`, { token: author(), body: { subject: 'c', input: { 实绩: 99 }, reason: '' } });
    expect(zh.body.error.message).toBe('更正须填写理由');
    // only an author records an amendment
    expect((await api('POST', `/api/rounds/${id}/amendments`, { subject: 'c', input: { 实绩: 99 }, reason: '复核' }, f.tokens.A.evaluator)).status).toBe(403);
    // another organization's round is not found
    expect((await api('POST', `/api/rounds/${id}/amendments`, { subject: 'c', input: { 实绩: 99 }, reason: '复核' }, f.tokens.B.author)).status).toBe(404);
  });

  it('in 公示 the round stays in 公示; concurrent amendments make one revision each, in turn; the approving account is recorded', async () => {
    const id = await quarterRound('2026-Q4');
    expect((await api('POST', `/api/rounds/${id}/publicize`, { until: inDays(60) })).status).toBe(200);
    const token = await accountToken(f, '王主任', null);
    const all = await Promise.all([1, 2, 3, 4, 5].map((k) =>
      api('POST', `/api/rounds/${id}/amendments`, { subject: 'e', input: { 实绩: 70 + k }, reason: `复核 ${k}` }, token)));
    expect(all.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(all.map((r) => r.body.revision).sort()).toEqual([2, 3, 4, 5, 6]);
    expect(all.every((r) => r.body.round.status === 'publicity')).toBe(true);
    expect(all[0].body.amendment.account).toBe('王主任');
    expect(await counts(id)).toMatchObject({ revisions: 6, amendments: 5 });
    const last = await api('GET', `/api/rounds/${id}/revisions/6`);
    expect(last.body.account).toBe('王主任');
    expect(last.body.amendment.revision).toBe(6);
  });

  it('a unit officer amends only their units\' people and reads only them in a revision', async () => {
    const id = await rc.evaluated('季度测试', '2024-Q1', [{ id: 'u1', unit: '一科', input: { 实绩: 80 } }, { id: 'u2', unit: '二科', input: { 实绩: 85 } }]);
    const officer = await accountToken(f, '一科科长', ['一科']);
    const other = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'u2', input: { 实绩: 90 }, reason: '复核' }, officer);
    expect(other.status, other.text).toBe(403);
    expect(other.body.error.code).toBe('unit_not_allowed');
    const own = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'u1', input: { 实绩: 90 }, reason: '复核' }, officer);
    expect(own.status, own.text).toBe(201);
    const rev = await api('GET', `/api/rounds/${id}/revisions/2`, undefined, officer);
    expect(rev.body.result.results.map((x: { subject: string }) => x.subject)).toEqual(['u1']);
    expect(Object.keys(rev.body.exact)).toEqual(['u1']);
    // someone not taking part (不参加) has nothing to amend
    await api('PUT', `/api/rounds/${id}/roster`, { members: [{ id: 'u1', unit: '一科', status: 'take' }, { id: 'u2', unit: '二科', status: 'take' }, { id: 'u3', unit: '一科', status: '不参加' }] });
    const absent = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'u3', input: { 实绩: 90 }, reason: '复核' });
    expect([absent.status, absent.body.error.code, absent.body.error.details[0].path]).toEqual([422, 'absent_member', 'subject']);
    // the list of amendments likewise
    await api('POST', `/api/rounds/${id}/amendments`, { subject: 'u2', input: { 实绩: 91 }, reason: '复核' });
    expect((await api('GET', `/api/rounds/${id}/amendments`)).body.amendments.map((a: { subject: string }) => a.subject)).toEqual(['u1', 'u2']);
    expect((await api('GET', `/api/rounds/${id}/amendments`, undefined, officer)).body.amendments.map((a: { subject: string }) => a.subject)).toEqual(['u1']);
  });

  it('a committee decision as an amendment (kind decision): the decided grade, echoed in the result', async () => {
    await publish(f, quarterScheme('集体测试', { quota: true, committee: true }));
    const id = await rc.evaluated('集体测试', '2026-Q1', [{ id: 'x', input: { 实绩: 80 } }, { id: 'y', input: { 实绩: 70 } }, { id: 'z', input: { 实绩: 60 } }]);
    const am = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'y', decision: { grade: '优秀', reason: '党委会研究决定' }, reason: '申诉：年度重大贡献' });
    expect(am.status, am.text).toBe(201);
    expect(am.body.amendment).toMatchObject({ kind: 'decision', decision: { grade: '优秀', reason: '党委会研究决定' } });
    expect(am.body.changes).toEqual([expect.objectContaining({ subject: 'y', why: ['amended'], before: expect.objectContaining({ grade: '称职' }), after: expect.objectContaining({ grade: '优秀' }) })]);
    const rev = await api('GET', `/api/rounds/${id}/revisions/2`);
    expect(rev.body.result.results.find((x: { subject: string }) => x.subject === 'y').decision).toEqual({ grade: '优秀', reason: '党委会研究决定' });
  });

  it('409 before the round is evaluated, and after the appeal days of a final round', async () => {
    const open = await api('POST', '/api/rounds', { scheme: '季度测试', period: '2025-Q1' });
    const r = await api('POST', `/api/rounds/${open.body.id}/amendments`, { subject: 'a', input: { 实绩: 1 }, reason: '复核' });
    expect(r.status, r.text).toBe(409);
    expect(r.body.error.code).toBe('round_not_evaluated');
    const id = await quarterRound('2025-Q2', { appealDays: 30 });
    await finalize(id);
    // 31 days after finalizing
    const past = new Date(Date.now() - 31 * 86_400_000).toISOString();
    await f.store.run('UPDATE rounds SET finalized_at = ? WHERE id = ?', [past, id]);
    const closed = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'a', input: { 实绩: 1 }, reason: '复核' });
    expect(closed.status, closed.text).toBe(409);
    expect(closed.body.error.code).toBe('appeal_closed');
    expect(await counts(id)).toMatchObject({ revisions: 1, amendments: 0 });
    // 29 days after: still open
    await f.store.run('UPDATE rounds SET finalized_at = ? WHERE id = ?', [new Date(Date.now() - 29 * 86_400_000).toISOString(), id]);
    const ok = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'a', input: { 实绩: 1 }, reason: '复核' });
    expect(ok.status, ok.text).toBe(201);
  });

  it('a final round stays final and its subject_results rows follow the new revision (still final)', async () => {
    const id = await quarterRound('2029-Q1');
    await finalize(id);
    const r = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'd', input: { 实绩: 84 }, reason: '申诉成立' });
    expect(r.status, r.text).toBe(201);
    expect(r.body.round).toEqual({ id, status: 'final', revision: 2 });
    expect(r.body.changes).toEqual([expect.objectContaining({ subject: 'd', why: ['amended'], after: expect.objectContaining({ score: 84 }) })]);
    const rows = (await f.store.all('SELECT subject_id AS s, score, revision, final FROM subject_results WHERE round_id = ? ORDER BY subject_id', [id])) as { s: string; score: string; revision: number; final: number }[];
    expect(rows).toHaveLength(5);
    expect(rows.find((x) => x.s === 'd')).toEqual({ s: 'd', score: '84.00', revision: 2, final: 1 });
    expect(rows.every((x) => x.revision === 2 && x.final === 1)).toBe(true);
    expect((await api('GET', `/api/rounds/${id}`)).body).toMatchObject({ status: 'final', revision: 2 });
  });

  it('the annual round that rolled up an amended quarter is flagged out of date; others are not', async () => {
    const quarters = await rc.finalQuarters('季度测试', 2027, FIVE);
    const aid = await rc.rostered('年度测试', '2027', rosterOf(FIVE));
    const ev = await api('POST', `/api/rounds/${aid}/evaluate`);
    expect(ev.status, ev.text).toBe(200);
    expect(ev.body.result.results.find((x: { subject: string }) => x.subject === 'd').score).toBe(80);
    const rev = await api('GET', `/api/rounds/${aid}/revisions/1`);
    expect(rev.body.sources.map((s: { roundId: string }) => s.roundId).sort()).toEqual([...quarters].sort());
    // a round nobody rolled up, and a quarter not amended, stay as they were
    const other = await quarterRound('2028-Q1');
    const r = await api('POST', `/api/rounds/${quarters[1]}/amendments`, { subject: 'd', input: { 实绩: 84 }, reason: '申诉成立' });
    expect(r.status, r.text).toBe(201);
    expect((await api('GET', `/api/rounds/${aid}`)).body.outOfDate).toBe(true);
    expect((await api('GET', `/api/rounds/${quarters[0]}`)).body.outOfDate).toBe(false);
    expect((await api('GET', `/api/rounds/${other}`)).body.outOfDate).toBe(false);
    // amending the unrelated round flags nobody
    expect((await api('POST', `/api/rounds/${other}/amendments`, { subject: 'a', input: { 实绩: 50 }, reason: '复核' })).status).toBe(201);
    const flagged = (await f.store.all('SELECT id FROM rounds WHERE out_of_date = 1')) as { id: string }[];
    expect(flagged.map((x) => x.id)).toEqual([aid]);
    // amending the annual round for a changes what it says, nothing else: d keeps the quarters its
    // previous revision read (80), and the round stays out of date (F2 fix 5)
    const again = await api('POST', `/api/rounds/${aid}/amendments`, { subject: 'a', input: { 调整: 1 }, reason: '复核' });
    expect(again.status, again.text).toBe(201);
    expect((await api('GET', `/api/rounds/${aid}`)).body.outOfDate).toBe(true);
    const kept = await api('GET', `/api/rounds/${aid}/revisions/2`);
    expect(kept.body.result.results.find((x: { subject: string }) => x.subject === 'd').score).toBe(80);
    // a plain evaluate re-reads the quarters: up to date again, with the corrected quarter (d: (80+84+80+80)/4 = 81)
    expect((await api('POST', `/api/rounds/${aid}/evaluate`)).status).toBe(200);
    expect((await api('GET', `/api/rounds/${aid}`)).body.outOfDate).toBe(false);
    const latest = await api('GET', `/api/rounds/${aid}/revisions/3`);
    expect(latest.body.result.results.find((x: { subject: string }) => x.subject === 'd').score).toBe(81);
    expect(latest.body.sources).toContainEqual({ roundId: quarters[1], revision: 2 });
  });
});
