// V11b LOW-7 (issue 16, session 11): POST /api/rounds/:id/evaluate with Idempotency-Key — a retry
// (same token, same key; at once or later) makes no new revision and answers the first one's
// (`Idempotent-Replayed: true`); the key used for another request is 409 idempotency_key_reused.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { FIVE, inDays, ok, quarterScheme, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture, rc: RoundsClient;
withRoundsApp(() => [quarterScheme('季考')], (fx, c) => { f = fx; rc = c; });

const evaluate = (id: string, key?: string, query = '') =>
  call(f.app, 'POST', `/api/rounds/${id}/evaluate${query}`, { token: f.tokens.A.author, headers: key ? { 'idempotency-key': key } : {} });
const revisions = async (id: string) => ((await f.store.get('SELECT count(*) AS n FROM revisions WHERE round_id = ?', [id])) as { n: number }).n;
const year = Number(inDays(0).slice(0, 4));

describe('round evaluate with Idempotency-Key', () => {
  it('three concurrent calls with one key make one revision; a later retry answers it; a new key makes the next', async () => {
    const id = await rc.evaluated('季考', `${year + 1}-Q1`, FIVE);
    expect(await revisions(id)).toBe(1);
    const three = await Promise.all([evaluate(id, 'abc123'), evaluate(id, 'abc123'), evaluate(id, 'abc123')]);
    expect(three.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(three.map((r) => r.body.revision)).toEqual([2, 2, 2]);
    expect(three.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    expect(three[1].body.result).toEqual(three[0].body.result);
    expect(await revisions(id)).toBe(2);
    const later = await evaluate(id, 'abc123');
    expect([later.body.revision, later.headers.get('idempotent-replayed')]).toEqual([2, 'true']);
    expect((await evaluate(id, 'def456')).body.revision).toBe(3);
    expect((await evaluate(id)).body.revision).toBe(4);
    // the key of another request: an inputs part, or evaluate with `explain`
    await ok(rc.inputs(id, { subjects: [{ id: 'a', input: { 实绩: 96 } }] }, { key: 'part-1', token: f.tokens.A.author }), 201);
    expect((await evaluate(id, 'part-1')).body.error.code).toBe('idempotency_key_reused');
    expect((await evaluate(id, 'abc123', '?explain=1')).body.error.code).toBe('idempotency_key_reused');
    expect(await revisions(id)).toBe(4);
  });
});
