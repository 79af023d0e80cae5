// Hostile-audit fixes of issue 14 part 2 (server/rounds/related-scope.ts, source-checks.ts), over
// HTTP against a real store:
// - H3: a unit officer may not name, in the FIELD of `results of SCHEME for FIELD`, a subject outside
//   their units (parts and amendments: 403 at the path, nothing stored) — else their own member's
//   revision would show VIP's score and grade;
// - H4: GET round lists an officer only the related pending sources their members read;
// - a related source of another period kind, a roll-up of a kind the source is not, and two schemes
//   reading each other are refused when a round is created (422 at `scheme`).

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { accountToken, codes, publish, roundCounts, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

/** A scheme `name` of `period` with the input lines `inputs` (they declare 分): the score is 分 as is,
 * 好 from 60, else 差. */
const scored = (name: string, period: string, inputs: string[]) => `scheme ${name} {
  period ${period}
  input {
${inputs.map((line) => `    ${line}\n`).join('')}  }
  indicator 个人 weight 100% = 分
  grades {
    好 when score >= 60
    差 otherwise
  }
}`;

// VIP (unit 机关) has a final 2026 result of 88 in 班子成员考核.
const SECRET = scored('班子成员考核', 'annual', ['分: number in [0, 100]']);

// The audit's scheme: a free-text 所属 names whose 班子成员考核 result 关联 reads.
const PERSONAL = scored('关联个人', 'annual', ['所属: text', '分: number in [0, 100]', '关联: results of 班子成员考核 for 所属 missing zero']);

const QUARTERLY = scored('平时考核', 'quarterly', ['分: number in [0, 100]']);

/** An annual scheme `name` whose input 引 is `reads` (a `results of` type). */
const reader = (name: string, reads: string) => scored(name, 'annual', ['对方: text', '分: number in [0, 100]', `引: ${reads}`]);

let f: Fixture;
let rc: RoundsClient;
let officer: string;
const api = (method: string, path: string, body?: unknown, token = f.tokens.A.author) => call(f.app, method, path, { token, body });

withRoundsApp(() => [SECRET, PERSONAL], async (fx, c) => {
  f = fx;
  rc = c;
  officer = await accountToken(f, '一科科长', ['一科'], ['author', 'evaluator']);
  await rc.finalRound('班子成员考核', '2026', [{ id: 'VIP', unit: '机关', input: { 分: 88 } }]);
});

/** A round of 关联个人 for `period`: O1, O2 in 一科, X1 in 二科. */
async function personalRound(period: string): Promise<string> {
  return rc.rostered('关联个人', period, [
    { id: 'O1', unit: '一科', status: 'take' }, { id: 'O2', unit: '一科', status: 'take' }, { id: 'X1', unit: '二科', status: 'take' },
  ]);
}

describe('H3: an officer names only subjects of their units in a related FIELD', () => {
  it('a part naming VIP for their own person is 403 at the path, nothing stored; a colleague of their unit is fine', async () => {
    const id = await personalRound('2026');
    const vip = await rc.inputs(id, { subjects: [{ id: 'O1', input: { 所属: 'VIP', 分: 70 } }] }, { token: officer });
    expect(vip.status, vip.text).toBe(403);
    expect(vip.body.error.code).toBe('unit_not_allowed');
    expect(codes(vip.body)).toEqual([['subjects[0].input.所属', 'related_not_allowed']]);
    expect(vip.body.error.details[0].related).toBe('VIP');
    expect((await roundCounts(f, id)).parts).toBe(0);
    const zh = await call(f.app, 'POST', `/api/rounds/${id}/inputs?lang=zh`, { token: officer, body: { subjects: [{ id: 'O1', input: { 所属: 'VIP' } }] } });
    expect(zh.body.error.message).toBe('“O1”的输入项“所属”填写了“VIP”，输入项“关联”将据此读取其在方案“班子成员考核”中的结果，但在2026的考核批次名册中，“VIP”没有登记为您负责的单位（一科）的对象：只能填写名册中本单位的对象（请在该对象的批次名册中填写所属单位），其他对象须由可处理全部单位的账号填写');
    // a member of 一科 in a round of 2026 (this one) may be named; an account of every unit names anyone
    expect((await rc.inputs(id, { subjects: [{ id: 'O1', input: { 所属: 'O2', 分: 70 } }] }, { token: officer })).status).toBe(201);
    expect((await rc.inputs(id, { subjects: [{ id: 'X1', input: { 所属: 'VIP', 分: 70 } }] })).status).toBe(201);
    // X1 of 二科 is no member of 一科: refused too
    const x1 = await rc.inputs(id, { subjects: [{ id: 'O2', input: { 所属: 'X1', 分: 60 } }] }, { token: officer });
    expect([x1.status, codes(x1.body)]).toEqual([403, [['subjects[0].input.所属', 'related_not_allowed']]]);
  });

  it('an amendment naming VIP is 403 at input.所属 and records nothing; VIP\'s result never reaches O1', async () => {
    const id = await personalRound('2026');
    expect((await rc.inputs(id, { subjects: ['O1', 'O2', 'X1'].map((s) => ({ id: s, input: { 所属: 'O2', 分: 70 } })) })).status).toBe(201);
    expect((await rc.evaluate(id)).status).toBe(200);
    const before = await roundCounts(f, id);
    const r = await api('POST', `/api/rounds/${id}/amendments`, { subject: 'O1', input: { 所属: 'VIP' }, reason: '所属填错' }, officer);
    expect(r.status, r.text).toBe(403);
    expect(codes(r.body)).toEqual([['input.所属', 'related_not_allowed']]);
    expect(await roundCounts(f, id)).toEqual(before);
    const rev = await api('GET', `/api/rounds/${id}/revisions/1`, undefined, officer);
    expect(rev.text).not.toContain('VIP');
    // the same amendment by an account of every unit is recorded
    expect((await api('POST', `/api/rounds/${id}/amendments`, { subject: 'O1', input: { 所属: 'VIP' }, reason: '所属填错' })).status).toBe(201);
  });
});

describe('H4: GET round lists an officer only the related pending sources of their members', () => {
  it('X1 (二科) reads Y9, O1 (一科) reads O2: the officer sees O2 pending, not Y9; an author sees both', async () => {
    const id = await personalRound('2027');
    const parts = await rc.inputs(id, { subjects: [{ id: 'O1', input: { 所属: 'O2', 分: 70 } }, { id: 'X1', input: { 所属: 'Y9', 分: 70 } }] });
    expect(parts.status, parts.text).toBe(201);
    const subjects = (body: any) => body.pendingSources.map((x: { subject?: string }) => x.subject).sort();
    expect(subjects((await rc.get(id)).body)).toEqual(['O2', 'Y9']);
    const mine = await rc.get(id, officer);
    expect(mine.status, mine.text).toBe(200);
    expect(subjects(mine.body)).toEqual(['O2']);
    expect(mine.text).not.toContain('Y9');
  });
});

describe('sources refused when a round is created', () => {
  it('an annual scheme reading a quarterly scheme\'s result of the same period: 422 source_period_mismatch at scheme', async () => {
    await publish(f, QUARTERLY);
    await publish(f, reader('关联季度', 'results of 平时考核 for 对方 missing zero'));
    const r = await call(f.app, 'POST', '/api/rounds?lang=zh', { token: f.tokens.A.author, body: { scheme: '关联季度', period: '2026' } });
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.code).toBe('source_period_mismatch');
    expect(codes(r.body)).toEqual([['scheme', 'source_period_mismatch']]);
    expect(r.body.error.message).toBe('输入项“引”读取方案“平时考核”本考核期的结果，但“平时考核”第1版是季度考核，本方案是年度考核：它永远不会有考核期“2026”的结果；请引用考核周期相同的方案');
    expect(((await f.store.get("SELECT count(*) AS n FROM rounds WHERE period = '2026' AND scheme_id = (SELECT id FROM schemes WHERE name = '关联季度')")) as { n: number }).n).toBe(0);
  });

  it('a roll-up of quarters from an annual scheme: 422 source_period_mismatch; of its own kind it is created', async () => {
    await publish(f, reader('季度汇总', 'results of 班子成员考核 quarterly missing skip'));
    const r = await rc.create({ scheme: '季度汇总', period: '2026' });
    expect([r.status, r.body.error?.code]).toEqual([422, 'source_period_mismatch']);
    expect(r.body.error.message).toBe('input `引` reads the quarterly results of scheme `班子成员考核`, but version 1 of `班子成员考核` is annual: it has no quarterly results; write its own period kind as the unit, or read another scheme');
    await publish(f, reader('年度汇总', 'results of 班子成员考核 annual missing skip'));
    expect((await rc.create({ scheme: '年度汇总', period: '2026' })).status).toBe(201);
  });

  it('two schemes reading each other (and a chain of three): 422 source_cycle naming the chain', async () => {
    await publish(f, reader('环A', 'results of 环B for 对方 missing zero'));
    await publish(f, reader('环B', 'results of 环A for 对方 missing zero'));
    const a = await rc.create({ scheme: '环A', period: '2026' });
    expect([a.status, a.body.error?.code]).toEqual([422, 'source_cycle']);
    expect(a.body.error.details[0]).toMatchObject({ path: 'scheme', code: 'source_cycle', input: '引', source: '环B' });
    expect(a.body.error.message).toContain('(环A → 环B → 环A)');
    expect([(await rc.create({ scheme: '环B', period: '2026' })).status]).toEqual([422]);
    await publish(f, reader('环C', 'results of 环D annual missing skip'));
    await publish(f, reader('环D', 'results of 环E for 对方 missing zero'));
    await publish(f, reader('环E', 'results of 环C for 对方 missing error'));
    const c = await rc.create({ scheme: '环C', period: '2026' });
    expect([c.status, c.body.error?.code]).toEqual([422, 'source_cycle']);
    expect(c.body.error.message).toContain('(环C → 环D → 环E → 环C)');
    // a scheme read by others but reading nobody back is fine (班子成员考核 ← 关联个人)
    expect((await rc.create({ scheme: '关联个人', period: '2028' })).status).toBe(201);
  });
});
