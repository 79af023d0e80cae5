// What a prepared scheme keeps alive, measured where it is prepared off the event loop: a language
// worker (pool.ts) keeps the versions it evaluates (server/evaluations/cohort-job.ts) in a
// PreparedCache bounded by these measurements, not by a guess per source character (the guess,
// then 96 bytes a character, was below the 120 a 1.46 MB generated scheme keeps: 176 MB; hostile H5 F9).
// The measure is the worker's heap after a full collection, before and after preparing: a worker
// runs one job at a time, so nothing else allocates meanwhile, and a collection there holds only
// that worker. On the main thread (an in-process runner: tests, `langWorkers: 0`) the estimate is
// used instead, since a forced collection would hold every request.

import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import type { EngineApi } from '../../engine/api.js';
import { estimated, PreparedCache, type Preparer } from '../prepared.js';

let collect: (() => void) | undefined;

/** A full collection (`gc`, exposed to a fresh context of this thread only). */
function collector(): () => void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  return collect;
}

const heapUsed = () => getHeapStatistics().used_heap_size;

/** Prepares and measures the heap the result keeps (at least the source text's two bytes a unit). */
export const measured: Preparer = (engine, text) => {
  if (isMainThread) return estimated(engine, text);
  const gc = collector();
  gc();
  const before = heapUsed();
  const prepared = engine.prepare(text, '<source>');
  gc();
  return { prepared, bytes: Math.max(heapUsed() - before, 0) + 2 * text.length };
};

/** Share of a worker's heap limit its prepared versions may hold: the rest is for the job running.
 * Preparing the 1.46 MB scheme of H5 F9 fits in a 300 MB heap (it keeps 176 MB), so with the default
 * 768 MB two such schemes stay prepared while a third is prepared. */
export const WORKER_CACHE_SHARE = 1 / 2;

/** This thread's prepared versions, measured: one cache per engine (a worker has one; in-process
 * runners may inject several, whose preparations must not be mixed). */
const kept = new WeakMap<EngineApi, PreparedCache>();
export function workerCache(engine: EngineApi): PreparedCache {
  let cache = kept.get(engine);
  if (!cache) kept.set(engine, (cache = new PreparedCache(Math.floor(getHeapStatistics().heap_size_limit * WORKER_CACHE_SHARE), measured)));
  return cache;
}
