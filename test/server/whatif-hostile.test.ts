// POST /api/whatif against a hostile tester's findings (issue 15, hostile F3, F7, F10): every what-if
// leaves one audit row naming the round it read; a `subject` not on the round's roster is a 404, not
// an empty list of changes; a cursor of the wrong form is a 400 at `cursor` before anything runs.

import { describe, expect, it } from 'vitest';
import { ROSTER, scheme } from '../simulate/fixture.js';
import { auditCommitted, call, type Fixture } from './helpers.js';
import { ok, withRoundsApp } from './rounds-helpers.js';

const BEFORE = scheme();
const HEAVIER = scheme({ w1: '80%', w2: '20%' });
const SCHEME = '演示考核';

let f: Fixture;
let round: string;


withRoundsApp(() => [BEFORE], async (fx, rc) => {
  f = fx;
  round = await rc.evaluated(SCHEME, '2026', ROSTER, { name: '2026年度考核' });
});

const whatif = (body: unknown, query = '') => call(f.app, 'POST', `/api/whatif${query}`, { token: f.tokens.A.author, body });
/** The audit log's buffered reads are committed on the next turn of the event loop (and its round trips). */
const turn = () => auditCommitted(f.app);
const auditRows = () => f.store.all<{ action: string; target: string | null; status: number }>('SELECT action, target, status FROM audit_log WHERE id > ? ORDER BY id', [lastId()]);
let mark = 0;
const lastId = () => mark;
const markAudit = async () => {
  await turn();
  mark = (await f.store.get<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM audit_log'))!.n;
};

describe('POST /api/whatif (hostile F3, F7, F10)', () => {
  it('F3: a what-if adds one audit row, `read round:<id>`, like the export; a refused one too', async () => {
    await markAudit();
    await ok(whatif({ round, source: HEAVIER }), 200);
    await turn();
    expect(await auditRows()).toEqual([{ action: 'read', target: `round:${round}`, status: 200 }]);
    await markAudit();
    await ok(whatif({ round, version: 99 }), 404);
    await turn();
    expect(await auditRows()).toEqual([{ action: 'read', target: `round:${round}`, status: 404 }]);
  });

  it('F7: a `subject` not on the round\'s roster is 404 naming it; one on it gets their row', async () => {
    const r = await ok(whatif({ round, source: HEAVIER, subject: 'NOPE' }, '?lang=zh'), 404);
    expect(r.error.code).toBe('not_found');
    expect(r.error.message).toContain('“NOPE”');
    const en = await ok(whatif({ round, source: HEAVIER, subject: 'NOPE', lang: 'en' }), 404);
    expect(en.error.message).toContain('`NOPE`');
    const a2 = await ok(whatif({ round, source: HEAVIER, subject: 'A2' }), 200);
    expect(a2.changes.map((c: any) => c.subject)).toEqual(['A2']);
  });

  it('F10: a cursor of the wrong form is 400 at `cursor` before the simulation runs; a number past the end stays 422', async () => {
    for (const cursor of ['abc', '-5', '1.5', '', ' 1', '1e3']) {
      // A text with errors would be 422 `invalid_scheme` had it got that far.
      const r = await ok(whatif({ round, source: 'scheme 演示考核 {', cursor }), 400);
      expect(r.error.code).toBe('invalid_request');
      expect(r.error.details.map((d: any) => d.path)).toEqual(['cursor']);
    }
    const past = await ok(whatif({ round, source: HEAVIER, cursor: '999' }), 422);
    expect(past.error.code).toBe('invalid_cursor');
    const zh = await ok(whatif({ round, source: HEAVIER, cursor: 'abc' }, '?lang=zh'), 400);
    expect(zh.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
  });
});
