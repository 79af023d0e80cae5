// A round member without a unit under a `分组 单位` scheme (black-box trial V11, MED): GET's `missing`
// listed nothing for them, evaluate then failed with the engine's “missing required field” on 单位,
// and an inputs part naming 单位 is refused (the unit is the roster's). Now `missing` lists 单位 with
// `fromRoster`, and evaluate's problem tells to set the member's unit in the roster — zh and en.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { call, type Fixture } from './helpers.js';
import { QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture;
let rc: RoundsClient;
withRoundsApp(() => [QUARTERLY()], (fx, c) => { f = fx; rc = c; });

const INPUT = { 实绩得分: 88, 测评票: [90, 91, 92] };

describe('a member without a unit', () => {
  it('is listed in `missing` with 单位 from the roster, and evaluate says to set the unit in the roster', async () => {
    const id = await rc.rostered('平时考核', '2026-Q2', [
      { id: 'A001', status: '参加', input: INPUT }, { id: 'A002', unit: '办公室', status: '参加', input: INPUT },
    ]);
    const missing = (await rc.get(id)).body.missing;
    expect(missing).toEqual([
      { subject: 'A001', unit: null, fields: [{ field: '单位', hasDefault: false, fromRoster: true }], defaulted: ['迟到早退次数', '通报批评'], rollups: [] },
      { subject: 'A002', unit: '办公室', fields: [], defaulted: ['迟到早退次数', '通报批评'], rollups: [] },
    ]);
    for (const lang of ['zh', 'en'] as const) {
      const r = await call(f.app, 'POST', `/api/rounds/${id}/evaluate?lang=${lang}`, { token: f.tokens.A.author });
      expect(r.status).toBe(422);
      const details = r.body.error.details as { path: string; subject: string; message: string; msg: { id: string } }[];
      expect(details.map((d) => [d.path, d.subject, d.msg.id])).toEqual([['subjects[A001].input.单位', 'A001', 'rounds.unitMissing']]);
      expect(details[0].message).toBe(render({ id: 'rounds.unitMissing', args: { subject: 'A001', field: '单位' } }, lang));
    }
    expect(render({ id: 'rounds.unitMissing', args: { subject: 'A001', field: '单位' } }, 'zh')).toContain('请在名册中填写该人员的单位');
    // Following the advice: the unit set in the roster, `missing` is empty of 单位 and evaluate runs.
    await rc.roster(id, [{ id: 'A001', unit: '办公室', status: '参加' }, { id: 'A002', unit: '办公室', status: '参加' }]);
    expect((await rc.get(id)).body.missing.flatMap((m: { fields: unknown[] }) => m.fields)).toEqual([]);
    const ev = await rc.evaluate(id);
    expect(ev.status, ev.text).toBe(200);
  });

  it('under a round with a unit: nothing missing (the round\'s unit fills it)', async () => {
    const id = await rc.rostered('平时考核', '2026-Q3', [{ id: 'B001', status: 'take', input: INPUT }], { unit: '财务科' });
    expect((await rc.get(id)).body.missing).toEqual([
      { subject: 'B001', unit: '财务科', fields: [], defaulted: ['迟到早退次数', '通报批评'], rollups: [] },
    ]);
    expect((await rc.evaluate(id)).status).toBe(200);
  });
});
