// WAL checkpoints of the running server, off its event loop. SQLite copies the write-ahead log
// back into the database file (a checkpoint) inside the commit that takes the log past
// `wal_autocheckpoint` pages (1,000 by default): on the event loop, in the middle of an evaluate
// request. Every stored evaluation adds ≈ 12 KB of log (its row, its audit row, and the index
// pages each group commit rewrites whole), so that was a checkpoint every ≈ 80 evaluations: reading
// the log, writing the pages, syncing the file — ≈ 8–10 µs of event-loop CPU per evaluation, and a
// stall of 40–80 ms each time on this machine (longer intervals only made the stalls longer:
// 100–460 ms at 10,000 pages).
//
// `kaohe serve` therefore runs them in a worker thread with a connection of its own: a PASSIVE
// checkpoint every CHECKPOINT_EVERY_MS, which never waits for readers or the writer (the server's
// commits go on meanwhile; SQLite restarts the log from its start once everything is copied). The
// server's connection keeps automatic checkpoints only as a backstop, at BACKSTOP_PAGES, for when
// the worker falls behind or is gone. Durability is unchanged: a commit is durable when it is in
// the log (`synchronous = NORMAL`, client.ts), whoever copies it later.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

export const CHECKPOINT_EVERY_MS = 100;
/** The server connection's own automatic checkpoint, pages (≈ 40 MB of log). */
export const BACKSTOP_PAGES = 10_000;
/** How long stop() lets the last checkpoint run before the worker is terminated (a checkpoint cut
 * short is safe: the log keeps what was not copied). */
const STOP_WAIT_MS = 2000;

/** The worker: plain JavaScript (it runs the same from the sources and from a build), the SQLite
 * driver by the path the server resolved. Errors (a busy checkpoint lock) are left for the next tick. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  /** Stops the worker after a last checkpoint; the server's connection checkpoints by itself again. */
  stop(): Promise<void>;
}

/** Starts checkpointing the connection's log in a worker thread; undefined for an in-memory database (no log). */
export function startWalCheckpointer(sqlite: Database.Database, everyMs = CHECKPOINT_EVERY_MS): Checkpointer | undefined {
  if (sqlite.memory) return undefined;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path: sqlite.name, everyMs } });
  worker.unref(); // never what keeps the process alive
  let exited = false;
  worker.once('exit', () => {
    exited = true;
    // Gone for whatever reason: the server's connection checkpoints by itself again.
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });
  worker.on('error', () => {}); // reported by 'exit'; an error event without a listener would throw
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  return {
    stop: () => {
      if (exited) return Promise.resolve();
      worker.ref(); // the last checkpoint finishes before the process may end
      return new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate(), STOP_WAIT_MS).unref();
      });
    },
  };
}
