// Recorded one-row INSERTs sent as multi-row statements (server/store/coalesce.ts), over each store:
// every row stored with its own values, texts in their first order, other statements in place, a
// refused row failing the replay (the evaluations writer then retries row by row).

import { describe, expect, it } from 'vitest';
import { InsertRecorder, oneStatement } from '../../server/store/coalesce.js';
import { isUniqueViolation } from '../../server/store/types.js';
import { testDialects, useTestStore } from './store-target.js';

const AT = '2026-12-07T00:00:00.000Z';

describe.each(testDialects)('InsertRecorder over %s', (dialect) => {
  const store = useTestStore(dialect);

  it('stores 13 recorded rows of two texts in 2^k-row statements, with the other statements in their place', async () => {
    const sent: string[] = [];
    await store.tx(async (tx) => {
      const spy = { ...tx, dialect: tx.dialect, all: tx.all.bind(tx), get: tx.get.bind(tx), savepoint: tx.savepoint.bind(tx), run: (sql: string, p?: readonly unknown[]) => (sent.push(sql), tx.run(sql, p as never)) };
      const r = new InsertRecorder(tx);
      for (let i = 0; i < 13; i++) {
        await r.run('INSERT INTO organizations (name, created_at) VALUES (?, ?)', [`单位${i}`, AT]);
        await r.run('INSERT INTO webhooks (org_id, url, secret, created_at) VALUES ((SELECT id FROM organizations WHERE name = ?), ?, ?, ?)', [`单位${i}`, `https://oa/${i}`, 's', AT]);
      }
      await r.run("UPDATE organizations SET created_at = ? WHERE name = '单位0'", ['2026-12-08T00:00:00.000Z']);
      await r.replay(spy);
    });
    expect(sent.map((s) => (s.match(/\(\?, \?\)/g) ?? []).length).slice(0, 3)).toEqual([8, 4, 1]);
    const orgs = await store.all<{ name: string; createdAt: string }>("SELECT name, created_at AS \"createdAt\" FROM organizations WHERE name LIKE '单位%' ORDER BY id");
    expect(orgs.map((o) => o.name)).toEqual(Array.from({ length: 13 }, (_, i) => `单位${i}`));
    expect(orgs[0].createdAt).toBe('2026-12-08T00:00:00.000Z');
    const hooks = await store.all<{ url: string; name: string }>('SELECT w.url, o.name FROM webhooks w JOIN organizations o ON o.id = w.org_id ORDER BY w.id');
    expect(hooks.map((h) => [h.name, h.url])).toEqual(Array.from({ length: 13 }, (_, i) => [`单位${i}`, `https://oa/${i}`]));
  });

  it('fails the replay when one recorded row is refused', async () => {
    const e = await store
      .tx(async (tx) => {
        const r = new InsertRecorder(tx);
        await r.run('INSERT INTO organizations (name, created_at) VALUES (?, ?)', ['甲', AT]);
        await r.run('INSERT INTO organizations (name, created_at) VALUES (?, ?)', ['甲', AT]);
        await r.replay(tx);
      })
      .catch((x: unknown) => x);
    expect(isUniqueViolation(e)).toBe(true);
    expect(await store.get("SELECT 1 AS one FROM organizations WHERE name = '甲'")).toBeUndefined();
  });
});

describe('oneStatement (PostgreSQL: a batch as one statement)', () => {
  const rec = (sql: string, params: (string | number)[]) => ({ sql, params });
  const ORG = 'INSERT INTO organizations (name, created_at) VALUES (?, ?)';

  it('puts each text’s rows in 2^k-row WITH clauses before the query, parameters in text order', () => {
    const writes = [...Array.from({ length: 3 }, (_, i) => rec(ORG, [`o${i}`, AT])), rec('INSERT INTO audit_log (action) VALUES (?)', ['a'])];
    const one = oneStatement(writes, 'SELECT kaohe_generation_is(?)', [7])!;
    expect(one.sql).toBe(`WITH w0 AS (INSERT INTO organizations (name, created_at) VALUES (?, ?), (?, ?)), w1 AS (${ORG}), `
      + 'w2 AS (INSERT INTO audit_log (action) VALUES (?)) SELECT kaohe_generation_is(?)');
    expect(one.params).toEqual(['o0', AT, 'o1', AT, 'o2', AT, 'a', 7]);
  });

  it('is none when a write is not a one-row INSERT, or the parameters are more than one statement carries', () => {
    expect(oneStatement([rec('UPDATE organizations SET name = ?', ['x'])], 'SELECT 1', [])).toBeUndefined();
    const many = Array.from({ length: 32_768 }, (_, i) => rec(ORG, [`o${i}`, AT]));
    expect(oneStatement(many, 'SELECT 1', [])).toBeUndefined();
    expect(oneStatement(many.slice(0, 1000), 'SELECT 1', [])?.params).toHaveLength(2000);
  });
});
