// The rounds core over HTTP against a real store (issue 14 items 1 and 3): creating a round
// (period checked against the scheme's kind), the roster (all or nothing), input parts (members only,
// declared fields only, values checked, Idempotency-Key), what is missing per person, evaluate
// (revision and subject_results), 公示 and final (a final round takes no inputs).
// Scheme: schemes/quarterly-review.kaohe (平时考核, quarterly, `分组 单位`).

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import type { Param } from '../../server/store/types.js';
import { codes, endPublicity, inDays, QUARTERLY, today, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture;
let rc: RoundsClient;
const SCHEME = '平时考核';

withRoundsApp(() => [QUARTERLY()], (fx, c) => { f = fx; rc = c; });

const count = async (sql: string, ...args: Param[]) => ((await f.store.get(sql, args)) as { n: number }).n;

type Member = { id: string; unit?: string; status: string; countsInBase?: boolean; display?: Record<string, string> };

const newRound = (members: Member[] = [{ id: '王五', unit: '办公室', status: 'take' }, { id: '赵六', unit: '办公室', status: '参加' }]) =>
  rc.rostered(SCHEME, '2026-Q1', members, { name: '一季度' });

describe('POST /api/rounds', () => {
  it('creates an open round on the newest published version, with a time-ordered rd_ id', async () => {
    const r = await rc.create({ scheme: SCHEME, period: '2026-Q1' });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ scheme: { id: SCHEME, version: 1 }, period: '2026-Q1', status: 'open', revision: 0, appealDays: 30 });
    expect(r.body.id).toMatch(/^rd_[0-9a-f]{24}$/);
    expect(r.headers.get('location')).toBe(`/api/rounds/${r.body.id}`);
  });

  it('a period of another kind is 422 KH-E031 at `period`, in the reader\'s language; nothing stored', async () => {
    const before = await count('SELECT count(*) AS n FROM rounds');
    const r = await call(f.app, 'POST', '/api/rounds?lang=zh', { token: f.tokens.A.author, body: { scheme: SCHEME, period: '2026' } });
    expect(r.status).toBe(422);
    expect(codes(r.body)).toEqual([['period', 'KH-E031']]);
    expect(r.body.error.details[0].message).toContain('2026-Q1');
    expect(r.body.error.message).toMatch(/考核期/);
    const q5 = await rc.create({ scheme: SCHEME, period: '2026-Q5' });
    expect(codes(q5.body)).toEqual([['period', 'KH-E031']]);
    expect(await count('SELECT count(*) AS n FROM rounds')).toBe(before);
  });

  it('only authors create; another organization\'s scheme is 404; a missing period is 400 at `period`', async () => {
    expect((await rc.create({ scheme: SCHEME, period: '2026-Q1' }, f.tokens.A.evaluator)).status).toBe(403);
    expect((await rc.create({ scheme: SCHEME, period: '2026-Q1' }, f.tokens.B.author)).status).toBe(404);
    const r = await rc.create({ scheme: SCHEME });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('period');
  });

  it('another organization cannot read the round', async () => {
    const id = await newRound();
    expect((await rc.get(id, f.tokens.B.admin)).status).toBe(404);
  });
});

describe('PUT /api/rounds/:id/roster', () => {
  it('all or nothing: a duplicate and an unknown status are 422 with their paths, the old roster stays', async () => {
    const id = await newRound();
    const r = await rc.roster(id, [
      { id: 'A1', status: 'take' }, { id: 'A2', status: '请假' }, { id: 'A1', status: 'absent' },
    ]);
    expect(r.status).toBe(422);
    expect(codes(r.body)).toEqual([['members[1].status', 'unknown_status'], ['members[2].id', 'duplicate_member']]);
    const got = await rc.get(id);
    expect(got.body.members.map((m: { id: string }) => m.id)).toEqual(['王五', '赵六']);
  });

  it('Chinese status words, countsInBase and display are kept', async () => {
    const id = await newRound([
      { id: 'B1', unit: '综合科', status: '参加', display: { 姓名: '张三' } },
      { id: 'B2', unit: '综合科', status: '不定等次', countsInBase: false },
      { id: 'B3', unit: '综合科', status: '不参加' },
    ]);
    const got = await rc.get(id);
    expect(got.body.members).toEqual([
      { id: 'B1', unit: '综合科', status: 'take', countsInBase: true, display: { 姓名: '张三' } },
      { id: 'B2', unit: '综合科', status: 'ungraded', countsInBase: false },
      { id: 'B3', unit: '综合科', status: 'absent', countsInBase: true },
    ]);
  });
});

describe('POST /api/rounds/:id/inputs', () => {
  it('a part for a person not in the roster is 422 at its path, and nothing of the request is stored', async () => {
    const id = await newRound();
    const r = await rc.inputs(id, { part: 'ratings', subjects: [{ id: '王五', input: { 实绩得分: 87 } }, { id: '李四', input: { 实绩得分: 80 } }] });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('not_in_roster');
    expect(codes(r.body)).toEqual([['subjects[1].id', 'not_in_roster']]);
    expect(await count('SELECT count(*) AS n FROM input_parts WHERE round_id = ?', id)).toBe(0);
  });

  it('undeclared fields and bad values are 422 at their paths; the evaluator role may submit', async () => {
    const id = await newRound();
    const r = await rc.inputs(id, { subjects: [{ id: '王五', input: { 实绩得分: 150, 加班: 3 } }] });
    expect(r.status).toBe(422);
    const got = codes(r.body);
    expect(got).toContainEqual(['subjects[0].input.加班', 'unknown_field']);
    expect(got.some(([p, c]: string[]) => p === 'subjects[0].input.实绩得分' && c.startsWith('KH-E'))).toBe(true);
    expect(await count('SELECT count(*) AS n FROM input_parts WHERE round_id = ?', id)).toBe(0);
  });

  it('parts are stored with who sent them; a later part replaces the field and history is kept', async () => {
    const id = await newRound();
    expect((await rc.inputs(id, { part: 'ratings', subjects: [{ id: '王五', input: { 实绩得分: 80, 测评票: [90, 91, 91] } }] })).status).toBe(201);
    const later = await rc.inputs(id, { part: 'correction', subjects: [{ id: '王五', input: { 实绩得分: 87 } }] });
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({ round: id, part: 'correction', subjects: 1, fields: 1 });
    const rows = (await f.store.all("SELECT value, part, token_id AS t FROM input_parts WHERE round_id = ? AND field = '实绩得分' ORDER BY id", [id])) as { value: string; part: string; t: number }[];
    expect(rows.map((x) => [x.value, x.part])).toEqual([['80', 'ratings'], ['87', 'correction']]);
    expect(rows[0].t).toBeGreaterThan(0);
    const ev = await rc.evaluate(id);
    expect(ev.status, ev.text).toBe(422); // 赵六 has no inputs
    const inputs = (await f.store.get('SELECT count(*) AS n FROM revisions WHERE round_id = ?', [id])) as { n: number };
    expect(inputs.n).toBe(0);
  });

  it('Idempotency-Key: a retry answers the first answer (200) and stores nothing; the key reused for another body is 409', async () => {
    const id = await newRound();
    const body = { subjects: [{ id: '王五', input: { 实绩得分: 87 } }] };
    const first = await rc.inputs(id, body, { key: 'k-1' });
    expect(first.status).toBe(201);
    const again = await rc.inputs(id, body, { key: 'k-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count('SELECT count(*) AS n FROM input_parts WHERE round_id = ?', id)).toBe(1);
    const other = await rc.inputs(id, { subjects: [{ id: '王五', input: { 实绩得分: 88 } }] }, { key: 'k-1' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('missing per person: declared inputs nobody submitted, defaults flagged, the roster unit fills `分组 单位`', async () => {
    const id = await newRound([
      { id: '王五', unit: '办公室', status: 'take' }, { id: '赵六', status: 'take' }, { id: '钱七', unit: '办公室', status: 'absent' },
    ]);
    await rc.inputs(id, { subjects: [{ id: '王五', input: { 实绩得分: 87, 迟到早退次数: 0 } }] });
    const got = await rc.get(id);
    // Defaulted inputs apart (`defaulted`); `单位` only for a person without a unit (the roster's, V11:
    // `fromRoster` — parts may not name it).
    expect(got.body.missing).toEqual([
      { subject: '王五', unit: '办公室', fields: [{ field: '测评票', hasDefault: false }], defaulted: ['通报批评'], rollups: [] },
      {
        subject: '赵六', unit: null,
        fields: [{ field: '单位', hasDefault: false, fromRoster: true }, { field: '实绩得分', hasDefault: false }, { field: '测评票', hasDefault: false }],
        defaulted: ['迟到早退次数', '通报批评'], rollups: [],
      },
    ]);
  });
});

describe('a unit officer (an account with units)', () => {
  it('submits only for their units (403 unit_not_allowed at the path, nothing stored) and sees only their people', async () => {
    const acc = await call(f.app, 'POST', '/api/accounts', { token: f.tokens.A.admin, body: { name: '办公室联络员', roles: ['evaluator'], units: ['办公室'] } });
    expect(acc.status, acc.text).toBe(201);
    const tok = await call(f.app, 'POST', '/api/tokens', { token: f.tokens.A.admin, body: { account: '办公室联络员' } });
    expect(tok.status, tok.text).toBe(201);
    const officer = tok.body.token as string;
    const id = await newRound([{ id: '王五', unit: '办公室', status: 'take' }, { id: '孙八', unit: '财务科', status: 'take' }, { id: '无单位', status: 'take' }]);
    const mixed = await rc.inputs(id, { subjects: [{ id: '王五', input: { 实绩得分: 87 } }, { id: '孙八', input: { 实绩得分: 80 } }, { id: '无单位', input: { 实绩得分: 80 } }] }, { token: officer });
    expect(mixed.status).toBe(403);
    expect(codes(mixed.body)).toEqual([['subjects[1].id', 'unit_not_allowed'], ['subjects[2].id', 'unit_not_allowed']]);
    expect(await count('SELECT count(*) AS n FROM input_parts WHERE round_id = ?', id)).toBe(0);
    const own = await rc.inputs(id, { subjects: [{ id: '王五', input: { 实绩得分: 87 } }] }, { token: officer });
    expect(own.status, own.text).toBe(201);
    const row = (await f.store.get('SELECT account_id AS a FROM input_parts WHERE round_id = ?', [id])) as { a: number };
    expect(row.a).toBe(acc.body.id);
    const seen = await rc.get(id, officer);
    expect(seen.body.members.map((m: { id: string }) => m.id)).toEqual(['王五']);
    expect(seen.body.missing.map((m: { subject: string }) => m.subject)).toEqual(['王五']);
  });
});

describe('evaluate, 公示, final', () => {
  it('stores revision 1 and the subject_results rows (reported at precision, exact), then revision 2 replacing them', async () => {
    const id = await newRound();
    await rc.inputs(id, { part: 'ratings', subjects: [
      { id: '王五', input: { 实绩得分: 87, 测评票: [90, 91, 91] } }, { id: '赵六', input: { 实绩得分: 95, 测评票: [95, 95, 96] } },
    ] });
    const r = await rc.evaluate(id);
    expect(r.status, r.text).toBe(200);
    expect(r.body.revision).toBe(1);
    expect(r.body.round).toMatchObject({ status: 'evaluated', revision: 1 });
    expect(r.body.result.period).toBe('2026-Q1');
    const wang = r.body.result.results.find((x: { subject: string }) => x.subject === '王五');
    // 3/4 × 87 + (90 + 91 + 91)/12 = 1055/12 = 87.91666… → 87.92 (较好); the cohort key is the roster unit
    expect([wang.score, wang.grade, wang.cohort]).toEqual([87.92, '较好', '办公室']);
    const rows = async () => (await f.store.all(
      'SELECT subject_id AS s, score, score_exact AS x, grade, unit, final, revision FROM subject_results WHERE round_id = ? ORDER BY subject_id', [id])) as { s: string; score: string; x: string; grade: string; unit: string; final: number; revision: number }[];
    const w = (await rows()).find((x) => x.s === '王五')!;
    expect([w.score, w.x, w.grade, w.unit, w.final, w.revision]).toEqual(['87.92', '1055/12', '较好', '办公室', 0, 1]);
    const rev = (await f.store.get('SELECT inputs, exact FROM revisions WHERE round_id = ? AND n = 1', [id])) as { inputs: string; exact: string };
    expect(JSON.parse(rev.inputs).subjects[0]).toMatchObject({ id: '王五', input: { 单位: '办公室', 实绩得分: 87 }, status: 'take' });
    expect(JSON.parse(rev.exact).王五.score).toBe('1055/12');

    await rc.inputs(id, { subjects: [{ id: '王五', input: { 实绩得分: 89 } }] });
    const again = await rc.evaluate(id);
    expect(again.body.revision).toBe(2);
    expect((await rows()).map((x) => x.revision)).toEqual([2, 2]);
    const got = await rc.get(id);
    expect(got.body.revisions.map((x: { n: number }) => x.n)).toEqual([1, 2]);
    expect(got.body.missing).toEqual([
      { subject: '王五', unit: '办公室', fields: [], defaulted: ['迟到早退次数', '通报批评'], rollups: [] },
      { subject: '赵六', unit: '办公室', fields: [], defaulted: ['迟到早退次数', '通报批评'], rollups: [] },
    ]);
  });

  it('不定等次 on the roster: evaluated without a grade; absent members are not evaluated', async () => {
    const id = await newRound([
      { id: '王五', unit: '办公室', status: 'take' }, { id: '新人', unit: '办公室', status: 'ungraded', countsInBase: false }, { id: '缺席', unit: '办公室', status: 'absent' },
    ]);
    await rc.inputs(id, { subjects: [
      { id: '王五', input: { 实绩得分: 87, 测评票: [90, 91, 91] } }, { id: '新人', input: { 实绩得分: 99, 测评票: [99] } },
    ] });
    const r = await rc.evaluate(id);
    expect(r.status, r.text).toBe(200);
    expect(r.body.result.results.map((x: { subject: string; grade: string | null }) => [x.subject, x.grade])).toEqual([['王五', '较好'], ['新人', null]]);
  });

  it('公示 then final: inputs and evaluate are refused during 公示 (409) and after (round_final); results become final', async () => {
    const id = await newRound();
    await rc.inputs(id, { subjects: [
      { id: '王五', input: { 实绩得分: 87, 测评票: [90, 91, 91] } }, { id: '赵六', input: { 实绩得分: 80, 测评票: [80] } },
    ] });
    expect((await rc.publicize(id)).status).toBe(409); // not evaluated yet
    expect((await rc.evaluate(id)).status).toBe(200);
    const past = await rc.publicize(id, '2000-01-01');
    expect(past.status).toBe(422);
    expect(codes(past.body)).toEqual([['until', 'date_in_past']]);
    expect(codes((await rc.publicize(id, '2026-02-30')).body)).toEqual([['until', 'invalid_date']]);
    expect((await rc.finalize(id)).body.error.code).toBe('round_not_in_publicity');
    const pub = await rc.publicize(id, today());
    expect(pub.status, pub.text).toBe(200);
    expect(pub.body).toMatchObject({ status: 'publicity', publicityUntil: today() });
    const during = await rc.inputs(id, { subjects: [{ id: '王五', input: { 实绩得分: 90 } }] });
    expect([during.status, during.body.error.code]).toEqual([409, 'round_in_publicity']);
    expect((await rc.evaluate(id)).body.error.code).toBe('round_in_publicity');
    await endPublicity(f, id);
    const fin = await rc.finalize(id);
    expect(fin.status, fin.text).toBe(200);
    expect(fin.body.status).toBe('final');
    expect(fin.body.finalizedAt).toBeTruthy();
    expect(await count('SELECT count(*) AS n FROM subject_results WHERE round_id = ? AND final = 1', id)).toBe(2);
    const after = await rc.inputs(id, { subjects: [{ id: '王五', input: { 实绩得分: 90 } }] });
    expect([after.status, after.body.error.code]).toEqual([409, 'round_final']);
    expect((await rc.evaluate(id)).body.error.code).toBe('round_final');
    expect((await rc.roster(id, [{ id: 'B1', status: 'take' }])).body.error.code).toBe('round_final');
    expect(await count('SELECT count(*) AS n FROM input_parts WHERE round_id = ?', id)).toBe(4);
  });

  it('a 公示 ending later blocks finalizing (409 publicity_running)', async () => {
    // Another quarter: a 2026-Q1 round is final already, so a new one for 2026-Q1 is 409 round_exists.
    const id = (await rc.create({ scheme: SCHEME, period: '2026-Q2' })).body.id as string;
    await rc.roster(id, [{ id: '王五', unit: '办公室', status: 'take' }, { id: '赵六', unit: '办公室', status: 'take' }]);
    await rc.inputs(id, { subjects: [
      { id: '王五', input: { 实绩得分: 87, 测评票: [90] } }, { id: '赵六', input: { 实绩得分: 80, 测评票: [80] } },
    ] });
    await rc.evaluate(id);
    expect((await rc.publicize(id, inDays(90))).status).toBe(200);
    expect((await rc.finalize(id)).body.error.code).toBe('publicity_running');
  });

  it('the OpenAPI document lists the rounds routes', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body;
    for (const p of ['/api/rounds', '/api/rounds/{id}', '/api/rounds/{id}/roster', '/api/rounds/{id}/inputs', '/api/rounds/{id}/evaluate', '/api/rounds/{id}/publicize', '/api/rounds/{id}/finalize']) {
      expect(doc.paths[p], p).toBeDefined();
    }
  });
});
