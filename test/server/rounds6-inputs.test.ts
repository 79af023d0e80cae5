// User trial U6 M-4 (issue 16, session 6): a part made from kaohe's own roster template carries the
// columns the roster and the server provide — 单位 (the `cohort by` field) and the filled fields
// (季度结果) — for every person. A unit equal to the roster's (spaces aside) is accepted and left out;
// a different unit or a filled field is refused once per column, not once per person
// (server/rounds/provided-columns.ts), in the reader's language.

import { describe, expect, it } from 'vitest';
import { annualScheme, codes, quarterScheme, withRoundsApp, type RoundsClient } from './rounds-helpers.js';
import { call, type Fixture } from './helpers.js';

let f: Fixture, rc: RoundsClient;
withRoundsApp(() => [quarterScheme('季评'), annualScheme('年评', '季评', { cohortBy: true })], (fx, c) => { f = fx; rc = c; });

const PEOPLE = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, unit: i % 2 ? '一科' : '二科' }));
const parts = async (round: string) => (await f.store.all('SELECT subject_id, field, value FROM input_parts WHERE round_id = ? ORDER BY id', [round])) as { field: string }[];

async function annual(period: string): Promise<string> {
  return rc.rostered('年评', period, PEOPLE.map((p) => ({ ...p, status: 'take' })));
}

describe('round inputs: the columns the roster and the server provide (U6 M-4)', () => {
  it('the roster’s own unit (spaces aside) is accepted and left out of the part', async () => {
    const id = await annual('2031');
    const r = await rc.inputs(id, { subjects: PEOPLE.map((p, i) => ({ id: p.id, input: { 单位: i === 3 ? ` ${p.unit} ` : p.unit, 调整: 1 } })) });
    expect(r.status, r.text).toBe(201);
    expect(r.body.fields).toBe(PEOPLE.length);
    expect(new Set((await parts(id)).map((p) => p.field))).toEqual(new Set(['调整']));
    const ev = await rc.evaluate(id);
    expect(ev.status, ev.text).toBe(200);
    expect(ev.body.result.results.find((x: { subject: string }) => x.subject === 'p3').cohort).toBe('一科');
  });

  it('another unit and a filled field: one problem per column at the first person, how many and who, in zh and en; nothing stored', async () => {
    const id = await annual('2032');
    const body = { subjects: PEOPLE.map((p) => ({ id: p.id, input: { 单位: '三科', 季度结果: [], 调整: 1 } })) };
    for (const lang of ['zh', 'en'] as const) {
      const r = await call(f.app, 'POST', `/api/rounds/${id}/inputs?lang=${lang}`, { token: f.tokens.A.evaluator, body });
      expect(r.status, r.text).toBe(422);
      expect(codes(r.body)).toEqual([['subjects[0].input.单位', 'filled_by_server'], ['subjects[0].input.季度结果', 'filled_by_server']]);
      const [unit, filled] = r.body.error.details.map((d: { message: string }) => d.message);
      if (lang === 'zh') {
        expect(unit).toBe('输入“单位”是单位，取自名册：p0 在此为“三科”，名册中为“二科”；请删去此列，或修改名册中该人员的单位（共 40 人，第一个是 p0）');
        expect(filled).toMatch(/^输入“季度结果”由服务器根据“季评”的结果填写.*（共 40 人，第一个是 p0）$/);
      } else {
        expect(unit).toMatch(/roster.*\(40 people; the first: p0\)$/);
        expect(filled).toMatch(/\(40 people; the first: p0\)$/);
      }
    }
    expect(await parts(id)).toEqual([]);
    // One person: the message alone, at that person's path.
    const one = await rc.inputs(id, { subjects: [{ id: 'p5', input: { 调整: 1 } }, { id: 'p7', input: { 单位: '二科' } }] });
    expect(one.status).toBe(422);
    expect(codes(one.body)).toEqual([['subjects[1].input.单位', 'filled_by_server']]);
    expect(one.body.error.details[0].message).not.toMatch(/people/);
  });
});

