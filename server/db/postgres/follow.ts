// Hearing the generation counter move (issue 17, session 2): a connection of its own, outside the
// pool, LISTENs on the channel the counter's trigger notifies (migration 0001, `kaohe_generation`), so
// that the snapshot cache of every server learns of a change to tokens, accounts, organizations,
// schemes or versions without reading the counter on every turn of its event loop (a round trip each:
// most of what a stored evaluate on PostgreSQL waited for). A notification says only "something
// changed": the channel is the database's, shared by every schema (tests and benchmarks put several
// deployments in one database), so its payload may be another schema's counter — the cache reads its own.
//
// While the connection is down nothing is heard: the follower is told (`hearing(false)`) and reads
// the counter per turn again; the connection is opened again after RETRY_MS, and once it LISTENs the
// follower is told `hearing(true)` (which also says that what happened meanwhile is unknown).

import pg from 'pg';
import type { Follower } from '../../store/types.js';

const CHANNEL = 'kaohe_generation';
/** The wait before opening a lost connection again, ± half of it at random: servers restarted with
 * the database do not all knock at once. */
const RETRY_MS = 1000;
/** How long `stop` waits for a clean goodbye before cutting the socket (a half-open connection never
 * answers: `kaohe serve` would not exit on SIGTERM, review H13). */
const STOP_MS = 1000;

export class GenerationListener {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly config: pg.ClientConfig, private readonly follower: Follower) {
    void this.open();
  }

  private async open(): Promise<void> {
    if (this.stopped) return;
    // keepAlive: a peer gone without a word is found by TCP in time (the cache's MAX_TRUST_MS bounds
    // what it can hide meanwhile: db/snapshot-cache.ts).
    const client = new pg.Client({ ...this.config, application_name: 'kaohe listen', keepAlive: true });
    this.client = client;
    let lost = false;
    const down = () => {
      if (lost) return;
      lost = true;
      this.follower.hearing(false);
      void client.end().catch(() => {});
      if (this.client === client) this.client = undefined;
      if (!this.stopped) this.timer = setTimeout(() => void this.open(), RETRY_MS * (0.5 + Math.random())).unref();
    };
    client.on('error', down);
    client.on('end', down);
    client.on('notification', () => this.follower.changed());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch {
      down();
      return;
    }
    if (lost || this.stopped) return;
    this.follower.hearing(true);
  }

  /** The listening connection's backend process (tests end it to see the follower recover). */
  get pid(): number | undefined {
    return (this.client as { processID?: number } | undefined)?.processID;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    this.follower.hearing(false);
    if (!client) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_MS)));
    await Promise.race([client.end().catch(() => {}), late]);
    clearTimeout(timer);
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  }
}
