// WAL checkpoints in a worker thread (server/db/checkpoints.ts): the log the server's commits leave
// is copied back by the worker, not by the committing connection, so later commits start the log
// file over instead of growing it; without the worker it grows up to the backstop. After stop() the
// connection checkpoints by itself again. (Observed through the log file's size: asking SQLite for
// the log's frames would itself checkpoint.)

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKSTOP_PAGES, startWalCheckpointer } from '../../server/db/checkpoints.js';
import { closeDb, openDb, type Db } from '../../server/db/client.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

function commits(db: Db, n: number): void {
  db.$client.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.$client.prepare('INSERT INTO t (v) VALUES (?)');
  for (let i = 0; i < n; i++) insert.run('x'.repeat(3000)); // one commit each, ≥ 1 frame each
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rounds of 50 commits, a pause between them, until the log file stops growing (at most `rounds`);
 * the number of rounds it grew in. */
async function roundsGrowing(db: Db, path: string, rounds: number): Promise<number> {
  let grew = 0;
  for (let i = 0; i < rounds; i++) {
    const before = statSync(`${path}-wal`).size;
    await pause(100);
    commits(db, 50);
    if (statSync(`${path}-wal`).size === before) return grew;
    grew++;
  }
  return grew;
}

describe('startWalCheckpointer', () => {
  it('checkpoints in the worker: the log file is reused, not grown', async () => {
    const path = join(tempDir(), 'k.db');
    const db = openDb(path);
    const checkpointer = startWalCheckpointer(db.$client, 20)!;
    try {
      expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
      commits(db, 300);
      // The worker needs a moment to start on a busy machine; then every round reuses the file.
      expect(await roundsGrowing(db, path, 100)).toBeLessThan(100);
    } finally {
      await checkpointer.stop();
      closeDb(db);
    }
  });

  it('without it the log file grows with every round, up to the backstop', async () => {
    const path = join(tempDir(), 'k.db');
    const db = openDb(path);
    db.$client.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    commits(db, 300);
    expect(await roundsGrowing(db, path, 5)).toBe(5);
    closeDb(db);
  });

  it('stops, and gives the connection its own checkpoints back', async () => {
    const db = openDb(join(tempDir(), 'k.db'));
    const checkpointer = startWalCheckpointer(db.$client)!;
    await checkpointer.stop();
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop(); // twice is harmless
    closeDb(db);
  });

  it('has nothing to do for an in-memory database', () => {
    const db = openDb(':memory:');
    expect(startWalCheckpointer(db.$client)).toBeUndefined();
    closeDb(db);
  });
});
