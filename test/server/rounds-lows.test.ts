// Server lows of issue 14 part 2 (S5), against a real store:
// - POST /api/rounds/:id/evaluate?explain=1 explains every member as POST /api/evaluate does, and the
//   revision it stores is byte for byte what a plain evaluate stores (no `explain`, no `trace`);
// - an amendment setting a field nobody submitted to the scheme's default is no correction (422
//   `nothing_amended`, nothing stored); setting it to another value is one;
// - GET /api/evaluations/:id: a unit officer reads only the evaluations its own account made (404
//   otherwise, as for an unknown id), as GET /api/evaluations refuses them the list;
// - GET /api/rounds/:id tells `changed` from the digest each revision stores (no parse of its inputs),
//   with the same answers as the comparison of the stored inputs (kept for older revisions);
// - KH-E006 names the value that is out of range.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { accountToken, codes, FIVE, quarterScheme, roundCounts, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

// Defaults: 迟到 0 and 表现 良 unless someone submits them. The score is 实绩 − 迟到 (− 5 for 中), at
// least 0; 优秀 from 90, at most 40% of the round (of five people, two).
const DEFAULTS = `scheme 默认测试 {
  period quarterly
  precision 2
  enum 表现档 { 良, 中 }
  input {
    实绩: number in [0, 100]
    迟到: number in [0, 10] = 0
    表现: 表现档 = 良
  }
  indicator 实绩分 weight 100% = max(0, 实绩 - 迟到 - (if 表现 == 中 then 5 else 0))
  grades {
    优秀 when score >= 90 quota 40%
    称职 otherwise
  }
}`;

let f: Fixture;
let rc: RoundsClient;
const author = () => f.tokens.A.author;
const api = (method: string, path: string, body?: unknown, token = author()) => call(f.app, method, path, { token, body });

const storedResult = async (round: string, n: number) =>
  ((await f.store.get('SELECT result FROM revisions WHERE round_id = ? AND n = ?', [round, n])) as { result: string }).result;

withRoundsApp(() => [quarterScheme('季度测试', { quota: true }), DEFAULTS], (fx, c) => {
  f = fx;
  rc = c;
});

describe('POST /api/rounds/:id/evaluate?explain=1', () => {
  it('answers every member\'s explanation; the stored revision is the plain one, byte for byte', async () => {
    const id = await rc.evaluated('季度测试', '2026-Q1', FIVE);
    const r = await api('POST', `/api/rounds/${id}/evaluate?explain=1`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.revision).toBe(2);
    const results = r.body.result.results as { subject: string; explain?: { grade: { final: string | null } }; indicators: { trace?: unknown }[] }[];
    expect(results.map((x) => [x.subject, x.explain?.grade.final])).toEqual([['a', '优秀'], ['b', '优秀'], ['c', '称职'], ['d', '称职'], ['e', '称职']]);
    expect(results.every((x) => x.indicators.every((i) => i.trace !== undefined))).toBe(true);
    // revision 2 (explained) stores exactly what revision 1 (plain, same inputs) stored
    expect(await storedResult(id, 2)).toBe(await storedResult(id, 1));
    expect(await storedResult(id, 2)).not.toContain('"explain"');
    expect(await storedResult(id, 2)).not.toContain('"trace"');
    const two = await api('GET', `/api/rounds/${id}/revisions/2`);
    expect(two.body.result.results[0].explain).toBeUndefined();
  });

  it('explain=0 or none answers no explanation; a value that is no flag is 400 at `explain`', async () => {
    const id = await rc.evaluated('季度测试', '2026-Q2', FIVE);
    for (const q of ['?explain=0', '']) {
      const r = await api('POST', `/api/rounds/${id}/evaluate${q}`);
      expect(r.status, r.text).toBe(200);
      expect(r.body.result.results[0].explain).toBeUndefined();
    }
    const bad = await api('POST', `/api/rounds/${id}/evaluate?explain=yes`);
    expect(bad.status, bad.text).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['explain']);
    expect((await roundCounts(f, id)).revisions).toBe(3);
  });
});

describe('an amendment to a field the scheme defaults', () => {
  it('setting a default field nobody submitted to its default is nothing amended: 422, nothing stored', async () => {
    const id = await rc.evaluated('默认测试', '2026-Q1', FIVE);
    const before = await roundCounts(f, id);
    const one = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'c', input: { 迟到: 0 }, reason: '复核' });
    expect(one.status, one.text).toBe(422);
    expect(codes(one.body)).toEqual([['input.迟到', 'nothing_amended']]);
    expect(one.body.error.details[0].message).toBe("`c` has no submitted `迟到`: the scheme's default (0) is already its value; an amendment must change something");
    // an enum default, named by its member; both at once
    const two = await call(f.app, 'POST', `/api/rounds/${id}/amendments?lang=zh`, { token: author(), body: { subject: 'c', input: { 迟到: 0, 表现: '良' }, reason: '复核' } });
    expect(two.status, two.text).toBe(422);
    expect(codes(two.body)).toEqual([['input.迟到', 'nothing_amended'], ['input.表现', 'nothing_amended']]);
    expect(two.body.error.details[1].message).toBe('“c”未提交“表现”，方案的默认值（"良"）已是其值，更正须有所改变');
    expect(await roundCounts(f, id)).toEqual(before);
  });

  it('setting it to another value is a change: revision 2, and the quota line moves', async () => {
    const id = await rc.evaluated('默认测试', '2026-Q2', FIVE);
    // before: a 95, b 93 优秀 (limit 2 of 5); c 91 demoted. b late 5 times: 93 − 5 = 88 → 称职, c takes the place.
    const r = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'b', input: { 迟到: 5 }, reason: '考勤复核' });
    expect(r.status, r.text).toBe(201);
    expect(r.body.revision).toBe(2);
    const by = new Map(r.body.changes.map((c: { subject: string }) => [c.subject, c]));
    expect(by.get('b')).toMatchObject({ before: { score: 93, grade: '优秀' }, after: { score: 88, grade: '称职' } });
    expect(by.get('c')).toMatchObject({ before: { score: 91, grade: '称职' }, after: { score: 91, grade: '优秀' } });
    // setting 表现 to 中 (not its default 良) changes c: 91 − 5 = 86
    const m = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'c', input: { 表现: '中' }, reason: '复核' });
    expect(m.status, m.text).toBe(201);
    expect(m.body.changes.find((c: { subject: string }) => c.subject === 'c')).toMatchObject({ after: { score: 86, grade: '称职' } });
  });

  it('a field someone submitted compares with what was submitted, not with the default', async () => {
    const id = await rc.evaluated('默认测试', '2026-Q3', FIVE.map((p) => (p.id === 'c' ? { id: 'c', input: { 实绩: 91, 迟到: 3 } } : p)));
    const back = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'c', input: { 迟到: 0 }, reason: '复核：未迟到' });
    expect(back.status, back.text).toBe(201);
    const same = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'c', input: { 迟到: 0 }, reason: '复核' });
    expect(same.status, same.text).toBe(422);
    expect(same.body.error.details[0].message).toBe('`c` already has this value of `迟到` (0); an amendment must change something');
  });
});

describe('GET /api/evaluations/:id for a unit officer', () => {
  const evaluate = async (token: string) => {
    const r = await call(f.app, 'POST', `/api/schemes/${encodeURIComponent('季度测试')}/evaluate`, { token, body: { id: '甲', input: { 实绩: 80 } } });
    expect(r.status, r.text).toBe(201);
    return r.body.evaluationId as string;
  };

  it('reads its own account\'s evaluations only; another\'s is 404 as an unknown id', async () => {
    const officer = await accountToken(f, '综合科科长', ['综合科'], ['evaluator']);
    const other = await accountToken(f, '办公室主任', ['办公室'], ['evaluator']);
    const own = await evaluate(officer);
    const theirs = await evaluate(other);
    const orgs = await evaluate(f.tokens.A.evaluator);
    expect((await api('GET', `/api/evaluations/${own}`, undefined, officer)).status).toBe(200);
    for (const id of [theirs, orgs]) {
      const r = await api('GET', `/api/evaluations/${id}`, undefined, officer);
      expect(r.status, r.text).toBe(404);
      expect(r.body.error.code).toBe('not_found');
      expect(r.body.error.message).toBe(`evaluation \`${id}\` not found`);
    }
    // with ?replay too (the same reader)
    expect((await api('GET', `/api/evaluations/${theirs}?replay=1`, undefined, officer)).status).toBe(404);
    // whoever sees every unit reads them all
    const all = await accountToken(f, '人事处', null, ['evaluator']);
    for (const id of [own, theirs, orgs]) {
      expect((await api('GET', `/api/evaluations/${id}`, undefined, all)).status).toBe(200);
      expect((await api('GET', `/api/evaluations/${id}`, undefined, f.tokens.A.evaluator)).status).toBe(200);
    }
  });
});

describe('GET /api/rounds/:id `changed` from the stored digest (revisions.submitted, migration 0009)', () => {
  const changed = async (id: string) => (await rc.get(id)).body.changed as boolean;
  const digestOf = async (id: string, n: number) =>
    ((await f.store.get('SELECT submitted FROM revisions WHERE round_id = ? AND n = ?', [id, n])) as { submitted: string | null }).submitted;

  it('each revision stores the digest; a late part and a roster change are changes, a value sent again or undone is none', async () => {
    const id = await rc.evaluated('默认测试', '2026-Q4', FIVE, { name: '摘要测试' });
    expect(await digestOf(id, 1)).toMatch(/^[0-9a-f]{64}$/);
    expect(await changed(id)).toBe(false);
    // the same value again: no change
    expect((await rc.inputs(id, { subjects: [{ id: 'c', input: { 实绩: 91 } }] })).status).toBe(201);
    expect(await changed(id)).toBe(false);
    // a late part with another value
    expect((await rc.inputs(id, { subjects: [{ id: 'c', input: { 实绩: 92 } }] })).status).toBe(201);
    expect(await changed(id)).toBe(true);
    expect((await rc.publicize(id)).status).toBe(409);
    // undone: no change again
    expect((await rc.inputs(id, { subjects: [{ id: 'c', input: { 实绩: 91 } }] })).status).toBe(201);
    expect(await changed(id)).toBe(false);
    // a default field sent with its default value is submitted now (evaluate reads the part): a change
    expect((await rc.inputs(id, { subjects: [{ id: 'e', input: { 表现: '良' } }] })).status).toBe(201);
    expect(await changed(id)).toBe(true);
    expect((await rc.evaluate(id)).status).toBe(200);
    expect(await digestOf(id, 2)).not.toBe(await digestOf(id, 1));
    expect(await changed(id)).toBe(false);
    // the roster: someone no longer takes part
    const roster = FIVE.map((p) => ({ id: p.id, status: p.id === 'd' ? 'absent' : 'take' }));
    expect((await rc.roster(id, roster)).status).toBe(200);
    expect(await changed(id)).toBe(true);
    // an amendment's revision has its digest too (the amended value is the newest part)
    expect((await rc.evaluate(id)).status).toBe(200);
    const am = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'a', input: { 迟到: 1 }, reason: '考勤复核' });
    expect(am.status, am.text).toBe(201);
    expect(await digestOf(id, 4)).toMatch(/^[0-9a-f]{64}$/);
    expect(await changed(id)).toBe(false);
  });

  it('a revision made before 0009 (no digest) is compared by its stored inputs, with the same answers', async () => {
    const id = await rc.evaluated('默认测试', '2027-Q1', FIVE);
    await f.store.run('UPDATE revisions SET submitted = NULL WHERE round_id = ?', [id]);
    expect(await changed(id)).toBe(false);
    expect((await rc.inputs(id, { subjects: [{ id: 'b', input: { 迟到: 2 } }] })).status).toBe(201);
    expect(await changed(id)).toBe(true);
    expect((await rc.inputs(id, { subjects: [{ id: 'b', input: { 迟到: 0 } }] })).status).toBe(201);
    // 迟到 0 is now submitted (the revision had no 迟到 for b): evaluate would read a part it did not
    expect(await changed(id)).toBe(true);
    expect((await rc.evaluate(id)).status).toBe(200);
    expect(await changed(id)).toBe(false);
  });
});

describe('KH-E006 names the value', () => {
  it('a part out of range says what was sent', async () => {
    const id = await rc.rostered('季度测试', '2026-Q4', [{ id: 'a', status: 'take' }]);
    const r = await rc.inputs(id, { subjects: [{ id: 'a', input: { 实绩: 150 } }] });
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.details[0]).toMatchObject({ code: 'KH-E006', path: 'subjects[0].input.实绩', found: '150' });
    expect(r.body.error.details[0].message).toContain('out of range: expected number in [0, 100], found 150');
    const zh = await call(f.app, 'POST', `/api/rounds/${id}/inputs?lang=zh`, { token: f.tokens.A.evaluator, body: { subjects: [{ id: 'a', input: { 实绩: -1 } }] } });
    expect(zh.body.error.details[0].message).toContain('超出范围：应为数值，范围 [0, 100]，实为 -1');
  });
});
