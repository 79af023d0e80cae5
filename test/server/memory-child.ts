// The process memory.measure.test.ts measures (run as `node --expose-gc --max-old-space-size=N --import
// test/built/register.mjs test/server/memory-child.ts`, on dist/): an app over a temporary SQLite file,
// sent junk scheme sources with a new name each time — 1.8 MB ones (over the source cap) and ones just
// under the cap (which reach the language workers) — to POST /api/examples, /api/check and
// /api/schemes. It prints one JSON line: the heap after a forced GC before and after the junk, the peak
// in between (and the same for the RSS, which includes the language workers), the statuses and the time
// taken. A child process, so that its heap is its own and an out-of-memory death fails one test instead
// of the run.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { createToken, findOrCreateOrg } from '../../server/auth/tokens.js';
import { closeDb, openDb } from '../../server/db/client.js';
import { sqliteStore } from '../../server/db/sqlite/store.js';
import { DEFAULT_MAX_SOURCE_BYTES } from '../../server/limits.js';
import { silentLog } from '../../server/log.js';

/** Distinct 1.8 MB sources per route (the count, 50, in `npm run test:measure`;
 * `npm test` sends 17: a leak of one source per request on a single route still keeps ≈ 30 MB), and
 * sources just under the cap. */
const OVER_CAP_ROUNDS = Number(process.env.KAOHE_JUNK_ROUNDS ?? 17);
const UNDER_CAP_ROUNDS = 4;
const ROUTES = ['/api/examples', '/api/check', '/api/schemes'];

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const overCap = (name: string) => `scheme ${name} { ` + '@ '.repeat(900_000) + '}';
const underCap = (name: string) => `scheme ${name} { ` + '@ '.repeat(Math.floor((DEFAULT_MAX_SOURCE_BYTES - 64) / 2)) + '}';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-memory-'));
const db = openDb(join(dir, 'kaohe.db'));
const app = createApp({ store: sqliteStore(db.$client), log: silentLog });
const store = sqliteStore(db.$client);
const token = (await createToken(store, { orgId: await findOrCreateOrg(store, 'org-M'), roles: ['author'] })).secret;

const statuses: Record<string, number> = {};
let peakHeap = 0;
let peakRss = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
};

async function post(path: string, source: string): Promise<void> {
  const res = await app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ source }),
  });
  await res.text();
  statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  sample();
}

/** The heap after garbage collection has settled (finalizers and weak references take rounds). */
async function settled(): Promise<{ heap: number; rss: number }> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

// Warm-up, not counted: loads the language and engine, starts the workers, compiles the paths taken.
for (const path of ROUTES) {
  await post(path, 'scheme 预热 { }');
  await post(path, overCap(`预热大${path.length}`));
}
const start = await settled();
peakHeap = start.heap;
peakRss = start.rss;
const sampler = setInterval(sample, 20);
const t0 = performance.now();
let n = 0;
for (let i = 0; i < OVER_CAP_ROUNDS; i++) for (const path of ROUTES) await post(path, overCap(`垃圾K${n++}`));
const t1 = performance.now();
for (let i = 0; i < UNDER_CAP_ROUNDS; i++) for (const path of ROUTES) await post(path, underCap(`垃圾U${n++}`));
const ms = { overCap: Math.round(t1 - t0), underCap: Math.round(performance.now() - t1) };
clearInterval(sampler);
const end = await settled();

const MB = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
process.stdout.write(`${JSON.stringify({
  heapMb: { start: MB(start.heap), peak: MB(peakHeap), end: MB(end.heap) },
  rssMb: { start: MB(start.rss), peak: MB(peakRss), end: MB(end.rss) },
  requests: n, statuses, ms,
})}\n`);
closeDb(db);
rmSync(dir, { recursive: true, force: true });
process.exit(0); // the language workers' pool would otherwise outlive the measurement
