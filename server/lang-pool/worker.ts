// A language worker thread: loads the real language and engine once, then runs the jobs the pool
// (pool.ts) posts, one at a time, answering each with its result or the error it threw. It keeps
// nothing between jobs; the pool terminates it when a job overruns its budget.

import { parentPort } from 'node:worker_threads';
import { engine } from '../default-engine.js';
import { lang } from '../default-lang.js';
import { runJob, type Job } from './jobs.js';

export interface JobMessage { id: number; job: Job }
export type WorkerMessage =
  | { ready: true }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

const port = parentPort!;
const services = { lang: async () => lang, engine: async () => engine };
const send = (m: WorkerMessage) => port.postMessage(m);

port.on('message', async ({ id, job }: JobMessage) => {
  try {
    send({ id, ok: true, result: await runJob(job, services) });
  } catch (e) {
    send({ id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
// The first parse builds the parser (and the first run of any code is slow): done before `ready`,
// so that a job's budget measures the job.
const warm = 'scheme 预热 { input { 甲: number } indicator 乙 weight 100% = 甲 grades { 好 otherwise } }';
lang.analyze(warm);
lang.format(warm);
engine.prepare(warm);
send({ ready: true });
