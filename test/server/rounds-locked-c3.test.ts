// A round changed by another server between a step's checks and its transaction (issue 17): this
// process's writes of a round are serialized by its lock (server/rounds/lock.ts), another server's are
// not, so publicize, finalize and void read the round again inside their transaction — locked on
// PostgreSQL (dialect.ts forUpdate) — and refuse as their checks would have. The other server is
// played by a statement run at the start of the step's transaction. Real store, HTTP through the app.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { endPublicity, FIVE, ok, quarterScheme, today, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture, rc: RoundsClient;
withRoundsApp(() => [quarterScheme('季考')], (fx, c) => { f = fx; rc = c; });

afterEach(() => vi.restoreAllMocks());

/** The next transaction of the app's store first runs `sql` on round `id`: what another server
 * committed just before it (rolled back with it when the step refuses). */
function racedBy(sql: string, id: string): void {
  const tx = f.store.tx.bind(f.store);
  vi.spyOn(f.store, 'tx').mockImplementationOnce((fn, options) => tx(async (t) => {
    await t.run(sql, [id]);
    return fn(t);
  }, options) as never);
}

const row = async (id: string) => (await f.store.get<{ status: string; finalized: string | null }>('SELECT status, finalized_at AS finalized FROM rounds WHERE id = ?', [id]))!;

describe('publicize, finalize and void check the round again in their transaction', () => {
  it('finalize: finalized meanwhile → 409 round_final, nothing written', async () => {
    const id = await rc.evaluated('季考', '2031-Q1', FIVE);
    await ok(rc.publicize(id, today()), 200);
    await endPublicity(f, id);
    racedBy("UPDATE rounds SET status = 'final' WHERE id = ?", id);
    const r = await rc.finalize(id);
    expect(r.status, r.text).toBe(409);
    expect(r.body.error.code).toBe('round_final');
    expect(await row(id)).toEqual({ status: 'publicity', finalized: null });
    expect((await ok(rc.finalize(id), 200)).status).toBe('final');
  });

  it('publicize: flagged out of date meanwhile → 409 round_out_of_date', async () => {
    const id = await rc.evaluated('季考', '2031-Q2', FIVE);
    racedBy('UPDATE rounds SET out_of_date = 1 WHERE id = ?', id);
    const r = await rc.publicize(id, today());
    expect(r.status, r.text).toBe(409);
    expect(r.body.error.code).toBe('round_out_of_date');
    expect((await row(id)).status).toBe('evaluated');
  });

  it('void: finalized meanwhile → 409 round_not_voidable, the round kept', async () => {
    const id = await rc.evaluated('季考', '2031-Q3', FIVE);
    racedBy("UPDATE rounds SET status = 'final' WHERE id = ?", id);
    const r = await call(f.app, 'POST', `/api/rounds/${id}/void`, { token: f.tokens.A.author, body: { reason: '试算' } });
    expect(r.status, r.text).toBe(409);
    expect(r.body.error.code).toBe('round_not_voidable');
    expect((await row(id)).status).toBe('evaluated');
  });
});
