// V11b MED-4 (issue 16, session 11): an input field the scheme does not declare, on the round routes
// where 组织部 data arrive — inputs part, roster member `input`, amendment — names the declared field
// one slip away (实绩分 → 实绩得分; 测平票 → 测评票), as scheme evaluate does (engine/validate.ts).

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { inDays, ok, QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture, rc: RoundsClient;
withRoundsApp(() => [QUARTERLY()], (fx, c) => { f = fx; rc = c; });

const send = (method: 'POST' | 'PUT', path: string, body: unknown, lang: 'zh' | 'en' = 'zh') => call(f.app, method, `${path}?lang=${lang}`, { token: f.tokens.A.author, body });
const unknown = (r: { status: number; text: string; body: any }) => {
  expect(r.status, r.text).toBe(422);
  return (r.body.error.details as { path: string; code: string; message: string }[]).filter((d) => d.code === 'unknown_field').map((d) => [d.path, d.message]);
};
const year = Number(inDays(0).slice(0, 4));

describe('unknown input fields on the round routes name the nearest declared one', () => {
  it('inputs, roster input and amendments; none for a far or one-character name; in English too', async () => {
    const id = (await ok(rc.create({ scheme: '平时考核', period: `${year + 1}-Q1` }), 201)).id as string;
    await ok(rc.roster(id, [{ id: 'A1', unit: '办公室', status: 'take' }, { id: 'A2', unit: '办公室', status: 'take' }]), 200);
    const parts = await send('POST', `/api/rounds/${id}/inputs`, { subjects: [{ id: 'A1', input: { 测平票: [90], 通报批平: true, 迟到次数: 1, 毫不相干的名字: 1, x: 1 } }] });
    expect(unknown(parts)).toEqual([
      ['subjects[0].input.测平票', '方案没有顶层输入“测平票”；是否指“测评票”？'],
      ['subjects[0].input.通报批平', '方案没有顶层输入“通报批平”；是否指“通报批评”？'],
      ['subjects[0].input.迟到次数', '方案没有顶层输入“迟到次数”；是否指“迟到早退次数”？'],
      ['subjects[0].input.毫不相干的名字', '方案没有顶层输入“毫不相干的名字”'],
      ['subjects[0].input.x', '方案没有顶层输入“x”'],
    ]);
    const en = await send('POST', `/api/rounds/${id}/inputs`, { subjects: [{ id: 'A1', input: { 实绩分: 90 } }] }, 'en');
    expect(unknown(en)).toEqual([['subjects[0].input.实绩分', 'the scheme declares no top-level input `实绩分`; did you mean `实绩得分`?']]);
    const roster = await send('PUT', `/api/rounds/${id}/roster`, { members: [{ id: 'A1', unit: '办公室', status: 'take', input: { 实绩分: 90 } }] });
    expect(unknown(roster)).toEqual([['members[0].input.实绩分', '方案没有顶层输入“实绩分”；是否指“实绩得分”？']]);
    await ok(rc.inputs(id, { subjects: [{ id: 'A1', input: { 实绩得分: 90, 测评票: [90] } }, { id: 'A2', input: { 实绩得分: 80, 测评票: [80] } }] }), 201);
    await ok(rc.evaluate(id), 200);
    const amend = await send('POST', `/api/rounds/${id}/amendments`, { subject: 'A1', input: { 实绩分: 99 }, reason: '复核' });
    expect(unknown(amend)).toEqual([['input.实绩分', '方案没有顶层输入“实绩分”；是否指“实绩得分”？']]);
  });
});
