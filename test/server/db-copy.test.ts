// The SQLite-to-PostgreSQL copy (server/db/copy.ts): every table copied with its ids, counts and
// hashes verified, sequences moved past the copied ids, a destination with rows refused, and a copy
// that does not verify rolled back whole. Needs KAOHE_TEST_PG (skipped without it).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyStore, CopyMismatch, DestinationNotEmpty } from '../../server/db/copy.js';
import type { Store } from '../../server/store/types.js';
import { openTestStore, PG_URL, type TestStore } from './store-target.js';

const AT = '2026-12-07T08:00:00.000Z';

async function fill(s: Store): Promise<void> {
  await s.run("INSERT INTO organizations (name, created_at) VALUES ('省委组织部', ?), ('市委组织部', ?)", [AT, AT]);
  await s.run("INSERT INTO accounts (org_id, name, roles, units, created_at) VALUES (1, '张三', 'admin', NULL, ?), (2, '李四', 'evaluator', '[\"办公室\"]', ?)", [AT, AT]);
  await s.run("INSERT INTO tokens (public_id, org_id, kind, roles, hash, name, created_at, account_id) VALUES ('tk_1', 1, 'bearer', 'admin', 'h1', NULL, ?, 1), ('tk_2', 2, 'session', 'evaluator', 'h2', '会话', ?, 2)", [AT, AT]);
  await s.run("INSERT INTO schemes (org_id, name, created_at) VALUES (1, '年度考核', ?)", [AT]);
  await s.run(`INSERT INTO scheme_versions (scheme_id, n, hash, status, created_by, created_at, updated_at, published_by, published_at, source)
    VALUES (1, 1, 'sha256:a', 'published', 1, ?, ?, 1, ?, '方案 年度考核 {}'), (1, 2, 'sha256:b', 'draft', 1, ?, ?, NULL, NULL, '草稿')`, [AT, AT, AT, AT, AT]);
  // 2,345 evaluations: pages of 1,000 and a partial one; text with Chinese, quotes, a long result.
  await s.tx(async (tx) => {
    for (let i = 0; i < 2345; i++) {
      const id = `ev_${String(i).padStart(12, '0')}abcdef012345`;
      const result = i === 7 ? JSON.stringify({ big: '优'.repeat(200_000) }) : JSON.stringify({ score: `${90 + (i % 10)}.5`, grade: '优秀', note: "it's \"quoted\"" });
      await tx.run(`INSERT INTO evaluations (id, version_id, hash, token_id, kind, subject_ids, input, result, explain, lang, idempotency_key, request_hash, period, created_at)
        VALUES (?, 1, 'sha256:a', ?, 'single', ?, ?, ?, ?, 'zh', ?, ?, ?, ?)`,
        [id, 1 + (i % 2), JSON.stringify([`P${i}`]), JSON.stringify({ 姓名: `人员${i}` }), result, i % 3 === 0 ? 1 : 0, i % 5 === 0 ? `key-${i}` : null, i % 5 === 0 ? 'rh' : null, i % 4 === 0 ? '2026' : null, AT]);
    }
  });
  await s.run("INSERT INTO audit_log (at, org_id, actor, actor_kind, action, target, status) VALUES (?, 1, 'tk_1', 'bearer', 'scheme.publish', 'scheme:年度考核', 200), (?, NULL, NULL, 'bearer', 'auth.refused', NULL, 401)", [AT, AT]);
  await s.run("INSERT INTO rounds (id, org_id, scheme_id, version_id, period, unit, name, status, appeal_days, created_by, created_at) VALUES ('rd_1', 1, 1, 1, '2026', NULL, '2026年度', 'open', 30, 1, ?)", [AT]);
  await s.run("INSERT INTO round_members (round_id, subject_id, unit, status, counts_in_base, display, position) VALUES ('rd_1', 'P2', '办公室', 'take', 1, NULL, 0), ('rd_1', 'P1', '财务科', 'ungraded', 0, '{\"姓名\":\"王五\"}', 1)");
  await s.run("INSERT INTO input_parts (round_id, subject_id, field, value, part, batch, token_id, account_id, at) VALUES ('rd_1', 'P1', '出勤', '0.95', NULL, 'ib_1', 1, NULL, ?)", [AT]);
  await s.run("INSERT INTO subject_results (org_id, scheme_id, subject_id, period, round_id, revision, unit, score, score_exact, grade, final, imported, created_at) VALUES (1, 1, 'P1', '2025', NULL, NULL, NULL, '94.41', '9441/100', '优秀', 1, 1, ?)", [AT]);
  await s.run("INSERT INTO webhooks (org_id, url, secret, created_at) VALUES (1, 'https://oa.example/hook', 's', ?)", [AT]);
}

describe.skipIf(!PG_URL)('kaohe db copy: SQLite to PostgreSQL', () => {
  let from: TestStore;
  let to: TestStore;
  beforeAll(async () => {
    from = await openTestStore('sqlite');
    to = await openTestStore('postgres');
    await fill(from.store);
  }, 60_000);
  afterAll(async () => { await from?.close(); await to?.close(); });

  it('refuses a copy that would not verify and leaves the destination empty', async () => {
    // A trigger of the destination changes one value on its way in: the read-back differs.
    await to.store.run(`CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW.id = 'ev_000000001234abcdef012345' THEN NEW.result := '{}'; END IF; RETURN NEW; END $$`);
    await to.store.run('CREATE TRIGGER tamper BEFORE INSERT ON evaluations FOR EACH ROW EXECUTE PROCEDURE tamper()');
    const e = await copyStore(from.store, to.store).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CopyMismatch);
    expect((e as CopyMismatch).table).toBe('evaluations');
    expect((e as CopyMismatch).rows).toEqual(['ev_000000001234abcdef012345']);
    expect(await to.store.get('SELECT 1 AS one FROM organizations LIMIT 1')).toBeUndefined();
    await to.store.run('DROP TRIGGER tamper ON evaluations');
  }, 60_000);

  it('copies every table with its ids, verified, and moves the sequences on', async () => {
    const r = await copyStore(from.store, to.store);
    const count = (t: string) => r.tables.find((x) => x.table === t)!.rows;
    expect(count('evaluations')).toBe(2345);
    expect(count('round_members')).toBe(2);
    for (const t of r.tables) {
      const n = await to.store.get<{ n: number }>(`SELECT count(*) AS n FROM "${t.table}"`);
      expect(n!.n).toBe(t.rows);
    }
    const big = await to.store.get<{ result: string }>("SELECT result FROM evaluations WHERE id = 'ev_000000000007abcdef012345'");
    expect(big!.result.length).toBe(JSON.stringify({ big: '优'.repeat(200_000) }).length);
    const next = await to.store.get<{ id: number }>("INSERT INTO organizations (name, created_at) VALUES ('新单位', ?) RETURNING id", [AT]);
    expect(next!.id).toBe(3);
    const again = await copyStore(from.store, to.store).catch((x: unknown) => x);
    expect(again).toBeInstanceOf(DestinationNotEmpty);
  }, 60_000);
});
