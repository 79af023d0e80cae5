// The evaluations' group commit (server/evaluations/writer.ts): the evaluations written in one turn
// share one transaction, each with its audit record (written plainly, and again with a savepoint per
// evaluation when one of them fails). One that fails is rolled back alone and only its caller sees
// the error; a commit that fails fails its whole batch and stores nothing; and a server killed while
// batches are in flight has stored every evaluation it answered, each with its audit record (what it
// had not answered may or may not be stored).

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../server/audit/log.js';
import { isUniqueViolation, StoreUnavailable, type Tx } from '../../server/store/types.js';
import { silentLog } from '../../server/log.js';
import type { NewEvaluation } from '../../server/evaluations/store.js';
import { EvaluationWriter, StaleChecks, type Stored } from '../../server/evaluations/writer.js';
import { SnapshotCache } from '../../server/db/snapshot-cache.js';
import { commitsFail, countOf, enc, otherConnection, publishedProvince, PROVINCE_ID, removeTempDirs, rowsIn, setup, singleCase, type Fixture } from './helpers.js';
import { PG_URL } from './store-target.js';
import { RUN_BUILT } from '../built/index.js';
import { CHILD_FLAGS } from '../child-flags.js';

let f: Fixture;
let row: (over?: Partial<NewEvaluation>) => NewEvaluation;
let audited: (audit: AuditLog, orgId: number) => (tx: Tx, s: Stored) => Promise<void>;

beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
  const versionId = (await f.store.get<{ id: number }>('SELECT id FROM scheme_versions LIMIT 1'))!.id;
  const tokenId = (await f.store.get<{ id: number }>('SELECT id FROM tokens LIMIT 1'))!.id;
  row = (over = {}) => ({
    versionId, hash: 'h', tokenId, kind: 'single', subjectIds: ['A'], input: '{}', result: '{"score":1}', explain: false, lang: 'en', ...over,
  });
  audited = (audit, orgId) => (tx, s) => audit.write({
    at: s.createdAt, orgId, actor: 'tok_test', actorKind: 'bearer', account: null, action: 'evaluate', target: `scheme:${PROVINCE_ID}`,
    version: 1, evaluation: s.id, status: 201, requestId: null, address: null,
  }, tx);
});
afterAll(() => {
  f.close();
  removeTempDirs();
});

const stored = async (id: string) => ({ n: await countOf(f, 'SELECT count(*) AS "n" FROM evaluations WHERE id = ?', [id]) });
const auditRows = async (id: string) => ({ n: await countOf(f, 'SELECT count(*) AS "n" FROM audit_log WHERE evaluation = ?', [id]) });
const evaluationsWithKey = (key: string) => countOf(f, 'SELECT count(*) AS "n" FROM evaluations WHERE idempotency_key = ?', [key]);
const orgOf = async () => (await f.store.get<{ id: number }>('SELECT id FROM organizations LIMIT 1'))!.id;

/** The child's arguments naming the fixture's database: its SQLite file, or the PostgreSQL URL and schema. */
async function databaseOf(f: Fixture): Promise<string[]> {
  if (f.store.dialect === 'sqlite') return [join(f.dir, 'kaohe.db')];
  return [PG_URL!, (await f.store.get<{ schema: string }>('SELECT current_schema() AS "schema"'))!.schema];
}

describe('group commit', () => {
  it('writes one turn’s evaluations in one batch: a failing one is rolled back alone, with its audit record', async () => {
    const audit = new AuditLog(f.store, silentLog);
    const writer = new EvaluationWriter(f.store);
    const along = audited(audit, await orgOf());
    const auditsBefore = await rowsIn(f, 'audit_log');
    const evaluationsBefore = await rowsIn(f, 'evaluations');
    // The second reuses the first's idempotency key (same token): a unique violation inside the batch.
    const writes = [
      writer.write(row({ idempotencyKey: 'k-batch', requestHash: 'a' }), { alongside: along }),
      writer.write(row({ idempotencyKey: 'k-batch', requestHash: 'b' }), { alongside: along }),
      writer.write(row(), { alongside: along }),
    ];
    const [first, second, third] = await Promise.allSettled(writes);
    expect(first.status).toBe('fulfilled');
    expect(third.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    expect(isUniqueViolation((second as PromiseRejectedResult).reason)).toBe(true);
    for (const r of [first, third]) {
      const { id } = (r as PromiseFulfilledResult<Stored>).value;
      expect((await stored(id)).n).toBe(1);
      expect((await auditRows(id)).n).toBe(1);
    }
    expect(await evaluationsWithKey('k-batch')).toBe(1);
    // The loser's audit record went with its savepoint.
    expect(await rowsIn(f, 'audit_log')).toBe(auditsBefore + 2);
    // The batch's first, plain attempt was rolled back whole: the others are stored once, not twice.
    expect(await rowsIn(f, 'evaluations')).toBe(evaluationsBefore + 2);
  });

  it('an audit record that cannot be written takes its evaluation with it, and only it', async () => {
    const audit = new AuditLog(f.store, silentLog);
    const writer = new EvaluationWriter(f.store);
    let failedId: string | undefined;
    const failing = async (_tx: Tx, s: Stored) => {
      failedId = s.id;
      throw new Error('audit refused');
    };
    const [bad, good] = await Promise.allSettled([writer.write(row(), { alongside: failing }), writer.write(row(), { alongside: audited(audit, await orgOf()) })]);
    expect(bad.status).toBe('rejected');
    expect(String((bad as PromiseRejectedResult).reason)).toContain('audit refused');
    expect(failedId).toBeDefined();
    expect((await stored(failedId!)).n).toBe(0); // inserted, then rolled back to its savepoint
    expect(good.status).toBe('fulfilled');
    expect((await stored((good as PromiseFulfilledResult<Stored>).value.id)).n).toBe(1);
  });

  it('a commit that fails refuses every caller of the batch and stores nothing of it', async () => {
    const writer = new EvaluationWriter(f.store);
    const count = () => rowsIn(f, 'evaluations');
    const before = await count();
    const failing = await commitsFail(f, "NEW.hash = 'commit-fails'");
    try {
      const doomed = () => writer.write(row({ hash: 'commit-fails' }));
      const results = await Promise.allSettled([doomed(), doomed(), doomed()]);
      for (const r of results) {
        expect(r.status).toBe('rejected');
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailable);
      }
      expect(await count()).toBe(before);
    } finally {
      await failing.restore();
    }
    // The writer goes on with the next batch.
    const { id } = await writer.write(row());
    expect((await stored(id)).n).toBe(1);
  });
});

describe('checks made on the snapshot of an earlier generation', () => {
  it('are stored only while the generation is unchanged at the commit; a stale one is refused, stored nowhere', async () => {
    const rows = new SnapshotCache(f.store);
    const writer = new EvaluationWriter(f.store, rows);
    const seen = await rows.refresh();
    const { id } = await writer.write(row(), { checkedAt: seen });
    expect((await stored(id)).n).toBe(1);
    // Another process changes a token: the generation moves on.
    const other = await otherConnection(f);
    await other.run('UPDATE tokens SET name = name WHERE id = (SELECT min(id) FROM tokens)');
    await other.close();
    const count = () => rowsIn(f, 'evaluations');
    const before = await count();
    const [stale, unnamed] = await Promise.allSettled([writer.write(row(), { checkedAt: seen }), writer.write(row())]);
    expect(stale.status).toBe('rejected');
    expect((stale as PromiseRejectedResult).reason).toBeInstanceOf(StaleChecks);
    expect(unnamed.status, 'a write naming no generation is stored as before').toBe('fulfilled');
    expect(await count()).toBe(before + 1);
    // The writer read the new generation: checks made on it are stored.
    expect(rows.checkedAt).not.toBe(seen);
    const again = await writer.write(row(), { checkedAt: rows.checkedAt });
    expect((await stored(again.id)).n).toBe(1);
  });
});

describe('a server killed with evaluations in flight', () => {
  it('has stored every evaluation it answered, each with its audit record', async () => {
    const child = spawn(process.execPath, [...CHILD_FLAGS, ...RUN_BUILT, fileURLToPath(new URL('./writer-crash-child.ts', import.meta.url)), ...await databaseOf(f)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /^port (\d+)$/m.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before listening`)));
    });
    const url = `http://127.0.0.1:${port}/api/schemes/${enc(PROVINCE_ID)}/evaluate`;
    const init = { method: 'POST', headers: { authorization: `Bearer ${f.tokens.A.evaluator}`, 'content-type': 'application/json' }, body: JSON.stringify(singleCase().subject) };
    const answered: string[] = [];
    let sent = 0;
    let killed = false;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Eight clients evaluate without pause; after 40 answers the server is killed (no JavaScript runs
    // after SIGKILL), with requests still in flight, some of them inside a batch being written.
    const lane = async () => {
      while (!killed) {
        sent += 1;
        try {
          const res = await fetch(url, init);
          await res.text();
          if (res.status === 201) answered.push(res.headers.get('location')!.split('/').pop()!);
          else throw new Error(`status ${res.status}`);
        } catch (e) {
          if (!killed) throw e;
        }
        if (answered.length >= 40 && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    await exited;

    const ids = new Set((await f.store.all<{ id: string }>('SELECT id FROM evaluations WHERE subject_ids = ?', [JSON.stringify([singleCase().subject!.id])])).map((r) => r.id));
    expect(answered.length).toBeGreaterThanOrEqual(40);
    for (const id of answered) expect(ids.has(id)).toBe(true);
    // Nothing half-written: every stored evaluation has its one audit record.
    for (const id of ids) expect((await auditRows(id)).n).toBe(1);
    // At most the requests in flight at the kill were stored unanswered.
    expect(ids.size - answered.length).toBeLessThanOrEqual(sent - answered.length);
  }, 60_000);
});
