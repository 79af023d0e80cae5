// A roster's display fields keep every digit and have evaluate's limits (issue 14, hostile review):
// an 18-digit 身份证号 sent as a JSON number was read by JSON.parse and came back as …230 in the
// round, its export and its result; a roster took 51 display fields where evaluate refuses them.
// Also: a `__proto__` input key in an input part is refused as an unknown field, not dropped.
// Scheme: schemes/quarterly-review.kaohe (平时考核, quarterly, `分组 单位`).

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { codes, QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture;
let rc: RoundsClient;

withRoundsApp(() => [QUARTERLY()], (fx, c) => { f = fx; rc = c; });

const ID_NUMBER = '110101199001011234';

async function newRound(): Promise<string> {
  const r = await rc.create({ scheme: '平时考核', period: '2026-Q1' });
  expect(r.status, r.text).toBe(201);
  return r.body.id as string;
}

/** PUT the roster as this exact JSON text (numbers as written). */
const rosterText = (id: string, text: string) => call(f.app, 'PUT', `/api/rounds/${id}/roster`, { token: f.tokens.A.author, body: text });

describe('roster display numbers', () => {
  it('an 18-digit number keeps every digit in the round, its export and its result', async () => {
    const id = await newRound();
    const put = await rosterText(id, `{"members":[{"id":"王五","unit":"办公室","status":"take","display":{"姓名":"王五","身份证号":${ID_NUMBER},"工龄":12.50}}]}`);
    expect(put.status, put.text).toBe(200);
    const shown = { 姓名: '王五', 身份证号: ID_NUMBER, 工龄: '12.5' };
    expect(put.body.members[0].display).toEqual(shown);
    expect((await rc.get(id)).body.members[0].display).toEqual(shown);

    const exported = await call(f.app, 'GET', `/api/rounds/${id}/export`, { token: f.tokens.A.author });
    expect(exported.status, exported.text).toBe(200);
    expect(exported.body.members[0].display).toEqual(shown);

    expect((await rc.inputs(id, { subjects: [{ id: '王五', input: { 实绩得分: 87, 测评票: [90, 91, 91] } }] })).status).toBe(201);
    const ev = await rc.evaluate(id);
    expect(ev.status, ev.text).toBe(200);
    expect(ev.body.result.results[0].display).toEqual(shown);
  });

  it('evaluate\'s limits: 50 fields are taken, 51 are 422 KH-E008 at the member\'s display; nothing stored', async () => {
    const id = await newRound();
    const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`列${i + 1}`, i]));
    const fifty = await rc.roster(id, [{ id: '王五', unit: '办公室', status: 'take', display: fields(50) }]);
    expect(fifty.status, fifty.text).toBe(200);
    const r = await rc.roster(id, [{ id: '赵六', unit: '办公室', status: 'take', display: fields(51) }]);
    expect(r.status).toBe(422);
    expect(codes(r.body)).toEqual([['members[0].display', 'KH-E008']]);
    expect((await rc.get(id)).body.members.map((m: { id: string }) => m.id)).toEqual(['王五']);
  });

  it('a long name, a long text and a value that is neither text nor number are 422 KH-E008 at their paths', async () => {
    const id = await newRound();
    const r = await rc.roster(id, [
      { id: '王五', status: 'take', display: { ['名'.repeat(101)]: 'x' } },
      { id: '赵六', status: 'take', display: { 备注: 'x'.repeat(1001), 标记: true } },
    ]);
    expect(r.status).toBe(422);
    expect(codes(r.body)).toEqual([
      [`members[0].display.${'名'.repeat(101)}`, 'KH-E008'], ['members[1].display.备注', 'KH-E008'], ['members[1].display.标记', 'KH-E008'],
    ]);
  });
});

describe('input parts', () => {
  it('a `__proto__` input key is 422 unknown_field at its path, not silently dropped', async () => {
    const id = await newRound();
    expect((await rc.roster(id, [{ id: '王五', unit: '办公室', status: 'take' }])).status).toBe(200);
    const r = await call(f.app, 'POST', `/api/rounds/${id}/inputs`, {
      token: f.tokens.A.evaluator, body: '{"subjects":[{"id":"王五","input":{"实绩得分":87,"__proto__":{"x":1}}}]}',
    });
    expect(r.status, r.text).toBe(422);
    expect(codes(r.body)).toEqual([['subjects[0].input.__proto__', 'unknown_field']]);
    expect(((await f.store.get('SELECT count(*) AS n FROM input_parts WHERE round_id = ?', [id])) as { n: number }).n).toBe(0);
  });
});
