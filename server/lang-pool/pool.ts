// Runs the language work of check, format, examples, create, draft and publish (jobs.ts) off the
// event loop, in a small pool of worker threads, each job with a wall-clock budget. Analyzing a
// source is synchronous and, for a hostile one, long (900,000 diagnostics: 10–18 s) and large
// (hundreds of MB): in-process it froze every other request — /healthz waited 13 s behind it —
// and its memory counted against the server's heap. In a worker it only occupies that worker: a
// job that overruns its budget is stopped by terminating the thread (the only way to interrupt
// synchronous JavaScript), one that exhausts the worker's heap limit kills only the worker, and
// both answer 503 `budget_exceeded`; a fresh worker takes the slot. The queue is bounded too: a
// job beyond its length is refused at once, one that waited too long for a worker is refused then
// (503 `busy`, both). The memory of queued sources is bounded upstream: every one is the body of a
// request in flight (the connection cap times the body limit). Waiting jobs are not served first come
// first served but by owner, the one served least recently first (every job names its organization,
// jobs.ts JobOwner): an organization that queues many long jobs — the first evaluations of its big
// schemes (hostile H5 F9), eight checks of a 1.46 MB text (H6 F4) — delays another's by one job per
// worker, not all.
//
// Evaluate does not come here: it needs the compiled closures of a PreparedScheme, which cannot
// cross threads, and is bounded by the source cap and the cohort budget instead. (A what-if and the
// feedback sheets' explanations prepare their own in the worker: server/whatif/job.ts, reports/job.ts.)
//
// Workers are started on first use, unref'd while idle (they never keep a process alive) and
// shared by every app of the process that uses the default pool (`sharedPool`): a test file that
// builds twenty apps starts one worker, not twenty.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Msg } from '../../dsl/i18n/index.js';
import { said } from '../errors.js';
import { budgetExceeded, langBusy } from '../limits.js';
import { M } from '../messages.js';
import { runJob, type Job, type JobResult, type JobServices } from './jobs.js';
import { bundleFailed, TSX_ENTRY, workerScript } from './script.js';
import type { JobMessage, WorkerMessage } from './worker.js';

/** What a budget error calls each kind of job. */
const JOB_NAMES: Record<Job['kind'], () => Msg> = { analyze: M.jobAnalyze, format: M.jobFormat, examples: M.jobExamples, document: M.jobAnalyze, whatif: M.jobWhatIf, paper: M.jobPaper, 'paper-scheme': M.jobPaper, cohort: M.jobCohort, 'statistics-xlsx': M.jobWorkbook,
  'scheme-view': M.jobAnalyze, 'validate-parts': M.jobAnalyze, 'round-cohort': M.jobCohort,
  'revision-facts': M.jobFacts, 'input-schema': M.jobAnalyze };

export interface LangRunner {
  /** The job's result; rejects with 503 `budget_exceeded` when it overruns `budgetMs`, 503 `busy`
   * when the queue is full or the job waited too long for a worker. */
  run<J extends Job>(job: J, budgetMs: number): Promise<JobResult<J>>;
  /** Stops the workers (jobs still queued or running are refused). */
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Worker threads (default: the cores less one for the event loop, 1 to 4). */
  size?: number;
  /** Jobs waiting for a worker before new ones are refused (default 256). */
  maxQueue?: number;
  /** Longest wait for a worker before a job is refused (default 30 s). */
  maxWaitMs?: number;
  /** Old-generation heap limit of each worker, MB (default 768). */
  maxHeapMb?: number;
}

interface Pending {
  id: number;
  job: Job;
  budgetMs: number;
  /** Refuses the job if it is still queued then. */
  waiting?: NodeJS.Timeout;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  /** Absent until the worker's script is known (script.ts). */
  worker?: Worker;
  script?: URL;
  ready: boolean;
  running?: Pending;
  timer?: NodeJS.Timeout;
}

/** Whose turn a job takes in the queue: its organization; a job without one (a caller outside a request) shares owner -1. */
const ownerOf = (job: Job): number => ('owner' in job && job.owner !== undefined ? job.owner : -1);

export const defaultPoolSize = () => Math.max(1, Math.min(4, availableParallelism() - 1));

export class WorkerPool implements LangRunner {
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly maxWaitMs: number;
  private readonly maxHeapMb: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** When each owner's job last went to a worker (a count of dispatches; owners not in it go first). */
  private readonly served = new Map<number, number>();
  private turns = 0;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? defaultPoolSize());
    this.maxQueue = opts.maxQueue ?? 256;
    this.maxWaitMs = opts.maxWaitMs ?? 30_000;
    this.maxHeapMb = opts.maxHeapMb ?? 768;
  }

  run<J extends Job>(job: J, budgetMs: number): Promise<JobResult<J>> {
    if (this.closed) return Promise.reject(new Error('the language pool is closed'));
    if (this.queue.length >= this.maxQueue) return Promise.reject(langBusy());
    return new Promise<JobResult<J>>((resolve, reject) => {
      const p: Pending = { id: this.nextId++, job, budgetMs, resolve: resolve as (v: unknown) => void, reject };
      p.waiting = setTimeout(() => this.giveUp(p), this.maxWaitMs);
      this.queue.push(p);
      while (this.slots.length < Math.min(this.size, this.queue.length + this.busyCount())) this.slots.push(this.spawn());
      this.dispatch();
    });
  }

  /** Starts the workers now rather than on the first job (`kaohe serve`). */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.slots.push(this.spawn());
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) this.refuse(p, new Error('the language pool is closed'));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s, new Error('the language pool is closed'))));
  }

  /** The waiting job whose owner was served least recently (the earliest queued among equals). */
  private nextIndex(): number {
    let best = 0;
    let bestServed = Infinity;
    for (let i = 0; i < this.queue.length; i++) {
      const at = this.served.get(ownerOf(this.queue[i].job)) ?? 0;
      if (at < bestServed) [best, bestServed] = [i, at];
    }
    if (this.served.size > 10_000) this.served.clear(); // a bound against ever new owners
    return best;
  }

  /** A job still queued when its wait ran out. */
  private giveUp(p: Pending): void {
    const i = this.queue.indexOf(p);
    if (i >= 0) this.refuse(this.queue.splice(i, 1)[0], langBusy());
    this.dispatch();
  }

  private refuse(p: Pending, error: unknown): void {
    clearTimeout(p.waiting);
    p.reject(error);
  }

  private busyCount(): number {
    return this.slots.filter((s) => s.running).length;
  }

  private spawn(): Slot {
    const slot: Slot = { ready: false };
    void workerScript().then((script) => {
      if (!this.slots.includes(slot)) return; // closed or replaced meanwhile
      const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
      Object.assign(slot, { worker, script });
      worker.on('message', (m: WorkerMessage) => this.onMessage(slot, m));
      worker.on('error', (e: Error & { code?: string }) => this.onDeath(slot, e));
      worker.on('exit', (code) => this.onDeath(slot, new Error(`language worker exited (${code})`)));
      this.dispatch(); // refs it if work waits
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.running || this.queue.length === 0) continue;
      const p = this.queue.splice(this.nextIndex(), 1)[0];
      this.served.set(ownerOf(p.job), ++this.turns);
      clearTimeout(p.waiting);
      slot.running = p;
      slot.worker!.postMessage({ id: p.id, job: p.job } satisfies JobMessage);
      slot.timer = setTimeout(() => this.overrun(slot), p.budgetMs);
    }
    // Referenced while it has work or work waits for it (a starting worker), else the idle pool
    // would keep the process alive (or a waiting job would let it exit).
    for (const s of this.slots) {
      if (s.running || this.queue.length > 0) s.worker?.ref();
      else s.worker?.unref();
    }
  }

  private onMessage(slot: Slot, m: WorkerMessage): void {
    if (!this.slots.includes(slot)) return;
    if ('ready' in m) {
      slot.ready = true;
    } else if (slot.running?.id === m.id) {
      const p = this.finish(slot);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`language worker: ${m.error}`));
    }
    this.dispatch();
  }

  private finish(slot: Slot): Pending {
    const p = slot.running!;
    clearTimeout(slot.timer);
    slot.running = slot.timer = undefined;
    return p;
  }

  /** The running job took too long: the thread is stopped, a fresh one takes its place. */
  private overrun(slot: Slot): void {
    const p = slot.running;
    if (!p || !this.slots.includes(slot)) return;
    this.replace(slot, budgetExceeded(M.jobOverran({ job: JOB_NAMES[p.job.kind](), ms: p.budgetMs }), [
      { ...said(M.atMostMs({ ms: p.budgetMs })), budgetMs: p.budgetMs },
    ]));
  }

  /** The worker died: out of memory (its heap limit), or a crash, or it could not start. */
  private onDeath(slot: Slot, e: Error & { code?: string }): void {
    if (!this.slots.includes(slot)) return;
    const error = e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? budgetExceeded(M.jobOutOfMemory({ job: JOB_NAMES[slot.running?.job.kind ?? 'analyze'](), mb: this.maxHeapMb }))
      : e;
    if (!slot.ready && slot.script !== TSX_ENTRY) {
      bundleFailed(); // the bundle does not run here: the tsx entry from now on
      this.replace(slot, error);
      return;
    }
    if (!slot.ready) {
      // It never started (a broken install, a module that fails to load): retrying would fail the
      // same way, so the queued jobs are refused too and the next job tries again.
      for (const p of this.queue.splice(0)) this.refuse(p, e);
    }
    this.replace(slot, error, slot.ready);
  }

  private replace(slot: Slot, error: unknown, respawn = true): void {
    const i = this.slots.indexOf(slot);
    this.slots.splice(i, 1);
    void this.stop(slot, error);
    if (respawn && !this.closed && (this.queue.length > 0 || this.slots.length < this.size)) this.slots.push(this.spawn());
    this.dispatch();
  }

  private async stop(slot: Slot, error: unknown): Promise<void> {
    if (slot.running) this.finish(slot).reject(error);
    await slot.worker?.terminate();
  }
}

/** Runs the jobs on the event loop with whatever services were injected (tests, benchmarks that
 * bring their own LanguageApi or engine, `langWorkers: 0`). No budget: nothing can interrupt it. */
export function inProcessRunner(services: JobServices): LangRunner {
  return {
    run: <J extends Job>(job: J) => runJob(job, services) as Promise<JobResult<J>>,
    close: async () => {},
  };
}

let shared: WorkerPool | undefined;

/** The process's default pool, started on first use. */
export function sharedPool(): WorkerPool {
  return (shared ??= new WorkerPool());
}
