// PUT /api/rounds/:id/roster with a member's `status` missing or not text (black-box trial, session
// 10, LOW): the problem at `members[i].status` (422 since V11, with every other roster problem:
// rounds-status-v11.test.ts) lists the words the API accepts — 参加 / 不参加 / 不定等次
// and take / absent / ungraded — in the reader's language, rather than zod's bare “expected a
// string”; an unknown word's 422 lists both forms in both languages. Nothing is stored.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { call, type Fixture } from './helpers.js';
import { QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture;
let rc: RoundsClient;
withRoundsApp(() => [QUARTERLY()], (fx, c) => { f = fx; rc = c; });

const WORDS = ['参加', '不参加', '不定等次', 'take', 'absent', 'ungraded'];
const put = (id: string, member: Record<string, unknown>, lang: 'zh' | 'en') =>
  call(f.app, 'PUT', `/api/rounds/${id}/roster?lang=${lang}`, { token: f.tokens.A.author, body: { members: [member] } });
type Detail = { path: string; code?: string; message: string; msg: { id: string } };

describe('a roster member’s status', () => {
  it('missing: 422 missing_status at members[0].status naming every accepted word (zh, en); the roster stays empty', async () => {
    const id = (await rc.create({ scheme: '平时考核', period: '2026-Q1' })).body.id as string;
    for (const lang of ['zh', 'en'] as const) {
      const r = await put(id, { id: 'A1', unit: '办公室' }, lang);
      expect(r.status).toBe(422);
      const details = r.body.error.details as Detail[];
      expect(details.map((d) => [d.path, d.code, d.msg.id])).toEqual([['members[0].status', 'missing_status', 'rounds.missingStatus']]);
      for (const w of WORDS) expect(details[0].message).toContain(w);
    }
    // zh's answer is Chinese words with the English ones quoted (the catalogs' rule)
    expect(render({ id: 'rounds.missingStatus' }, 'zh')).toMatch(/^缺少名册状态/);
    expect((await rc.get(id)).body.members).toEqual([]);
  });

  it('a number or null: 422 status_not_text at its path naming the accepted words', async () => {
    const id = (await rc.create({ scheme: '平时考核', period: '2026-Q1' })).body.id as string;
    for (const status of [3, null]) {
      const r = await put(id, { id: 'A1', status }, 'en');
      expect(r.status).toBe(422);
      const details = r.body.error.details as Detail[];
      expect(details.map((d) => [d.path, d.code, d.msg.id])).toEqual([['members[0].status', 'status_not_text', 'rounds.statusNotText']]);
      for (const w of WORDS) expect(details[0].message).toContain(w);
    }
  });

  it('an unknown word: 422 unknown_status naming both forms in both languages, echoing only what was sent', async () => {
    const id = (await rc.create({ scheme: '平时考核', period: '2026-Q1' })).body.id as string;
    for (const lang of ['zh', 'en'] as const) {
      const r = await put(id, { id: 'A1', status: '请假' }, lang);
      expect(r.status).toBe(422);
      const [d] = r.body.error.details as Detail[];
      expect([d.path, d.code]).toEqual(['members[0].status', 'unknown_status']);
      expect(d.message).toContain('请假');
      for (const w of WORDS) expect(d.message).toContain(w);
    }
  });
});
