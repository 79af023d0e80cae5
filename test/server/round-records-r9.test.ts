// A round's record (server/rounds/records.ts, issue 16 session 9 review): writing one is one INSERT,
// inside the caller's transaction — a late 公示 (publicize) used to read the writer's names back after
// it and drop them; only voiding answers them, and reads the record as every reader does.

import { describe, expect, it } from 'vitest';
import type { Principal } from '../../server/auth/tokens.js';
import type { Sql } from '../../server/store/types.js';
import { insertRecord } from '../../server/rounds/records.js';
import { call, type Fixture } from './helpers.js';
import { FIVE, ok, quarterScheme, today, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

/** A store that records the statements run on it and runs none. */
function spyDb(): { db: Sql; statements: string[] } {
  const statements: string[] = [];
  const seen = <T>(sql: string, answer: T) => { statements.push(sql.trim()); return Promise.resolve(answer); };
  const db: Sql = {
    dialect: 'sqlite',
    run: (sql) => seen(sql, 1),
    get: <T>(sql: string) => seen(sql, { by: 't', account: null, byName: null, byKind: 'bearer' } as T),
    all: <T>(sql: string) => seen(sql, [] as T[]),
  };
  return { db, statements };
}

const p = { tokenId: 1, publicId: 'tok', orgId: 1, roles: ['admin'], kind: 'bearer', createdAt: '', accountId: null, accountName: null, units: null } as Principal;

describe('insertRecord', () => {
  it('is one INSERT statement: nothing read back for a caller that does not answer the record', async () => {
    const { db, statements } = spyDb();
    const answered = await insertRecord(db, p, 'R1', 'publicity_late', { from: '2026-01-01', until: '2026-01-05' }, 'held on paper', '2026-01-06T00:00:00Z');
    expect(answered).toBeUndefined();
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^INSERT INTO round_records /);
  });
});

let f: Fixture, rc: RoundsClient;
withRoundsApp(() => [quarterScheme('季考')], (fx, c) => { f = fx; rc = c; });

describe('voiding a round', () => {
  it('answers who voided it as the record is read back: the token, its name, the account', async () => {
    const id = await rc.evaluated('季考', `${Number(today().slice(0, 4)) - 1}-Q4`, FIVE, { name: '试算' });
    const v = await ok(call(f.app, 'POST', `/api/rounds/${id}/void`, { token: f.tokens.A.author, body: { reason: '试算' } }), 200);
    const who = (await f.store.get(
      `SELECT t.public_id AS "by", CASE WHEN t.kind = 'bearer' THEN t.name END AS "byName" FROM round_records r JOIN tokens t ON t.id = r.token_id WHERE r.round_id = ?`, [id])) as { by: string; byName: string | null };
    expect(v.voided).toMatchObject({ id, name: '试算', reason: '试算', by: who.by, byName: who.byName, account: null });
    expect(who.by).toMatch(/\S/);
  });
});
