// `npm run bench -- db-copy` (issue 17): `kaohe db copy --from FILE.db --to postgres://…` of a SQLite
// database holding BENCH_COPY_ROWS (default 1,000,000) evaluations, timed as an operator runs it
// (bin/kaohe.js, the built dist/, under /usr/bin/time for its peak RSS and CPU). Reports rows per
// second, the whole time (the copy and its verification: every row read back from PostgreSQL and
// hashed, all in one transaction), the copy's peak RSS and CPU, PostgreSQL's CPU (every `postgres`
// process, bench/store-scale.ts), the WAL it wrote, and the disk size of both sides.
//
// The rows are real ones multiplied: one province evaluation stored by the app (in-process, over the
// same SQLite file: its input and result as the server stores them), then copied with a new id, a new
// subject id (wherever the text names it) and a later created_at, by one better-sqlite3 transaction
// and a prepared INSERT — seconds, where a million requests would take minutes. The build skips
// SQLite's journal (a fixture made once: nothing to roll back to) and ends in WAL mode, as kaohe
// serves it.
//
// The disk must hold both copies and PostgreSQL's WAL: when the free space of the temporary folder
// (where the dev cluster keeps its data too) is short, the row count is cut to what fits, and the
// report says so. Everything made is removed at the end: the SQLite file and the schema (b1_copy).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statfsSync, statSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { round as round2, type BenchRow } from './harness.js';
import { SCHEME_ID, SUBJECT } from './server-load.js';
import { pgCpuBetween, pgSnapshot, PG_URL, prepare, withPg } from './store-scale.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROWS = Number(process.env.BENCH_COPY_ROWS ?? 1_000_000);
const SCHEMA = 'b1_copy';
/** Bytes of disk a copied row needs on both sides and in PostgreSQL's WAL, with room to spare
 * (≈ 4 KB in SQLite, less in PostgreSQL: its TOAST compresses the result). */
const DISK_PER_ROW = 12_000;
const INSERT = `INSERT INTO evaluations (id, version_id, hash, token_id, kind, subject_ids, input, result, explain, lang, idempotency_key, request_hash, period, created_at)
  VALUES (@id, @version_id, @hash, @token_id, @kind, @subject_ids, @input, @result, @explain, @lang, @idempotency_key, @request_hash, @period, @created_at)`;

type EvaluationRow = Record<string, string | number | null>;

const bytes = (text: unknown) => Buffer.byteLength(String(text));

const destination = () => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;

/** How many rows fit on the disk of `dir`. */
function rowsThatFit(dir: string, wanted: number): number {
  const s = statfsSync(dir);
  return Math.min(wanted, Math.floor((s.bavail * s.bsize) / DISK_PER_ROW));
}

/** One evaluation as the server stores it: the province subject evaluated by the app over `dbPath`. */
async function realEvaluation(dbPath: string): Promise<EvaluationRow> {
  const token = await prepare(dbPath);
  const { openStore } = await import('../server/store/open.js');
  const { createApp } = await import('../server/app.js');
  const { silentLog } = await import('../server/log.js');
  const store = await openStore(dbPath);
  try {
    const app = createApp({ store, log: silentLog });
    const res = await app.request(`/api/schemes/${encodeURIComponent(SCHEME_ID)}/evaluate`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(SUBJECT),
    });
    if (res.status !== 200 && res.status !== 201) throw new Error(`evaluate answered ${res.status}: ${await res.text()}`);
    const row = await store.get<EvaluationRow>('SELECT * FROM evaluations LIMIT 1');
    if (!row) throw new Error('the evaluation was not stored');
    return row;
  } finally {
    await store.close();
  }
}

/** `n` rows like `real` in the SQLite file (the real one among them), one transaction. */
function multiply(dbPath: string, real: EvaluationRow, n: number): void {
  const db = new Database(dbPath);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(INSERT);
  const start = Date.parse(String(real.created_at));
  const subject = JSON.stringify(SUBJECT.id);
  db.transaction(() => {
    for (let i = 1; i < n; i++) {
      const id = JSON.stringify(`P${String(i).padStart(7, '0')}`);
      insert.run({
        ...real,
        id: `ev_${(start + i).toString(16).padStart(12, '0')}${(i * 2654435761 >>> 0).toString(16).padStart(12, '0')}`,
        subject_ids: String(real.subject_ids).replaceAll(subject, id),
        input: String(real.input).replaceAll(subject, id),
        result: String(real.result).replaceAll(subject, id),
        created_at: new Date(start + i).toISOString(),
      });
    }
  })();
  db.pragma('journal_mode = WAL');
  db.close();
}

/** The file and its WAL, bytes. */
const sqliteBytes = (path: string) => statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);

/** Disk bytes of the schema's tables with their TOAST and indexes, and of `evaluations` alone. */
const pgBytes = () => withPg(async (c) => {
  const q = await c.query<{ all: string; ev: string }>(`SELECT sum(pg_total_relation_size(c.oid)) AS all, sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname = 'evaluations') AS ev
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`, [SCHEMA]);
  return { all: Number(q.rows[0].all), evaluations: Number(q.rows[0].ev) };
});

const walLsn = () => withPg(async (c) => (await c.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn);
const walBytesSince = (lsn: string) => withPg(async (c) => Number((await c.query<{ d: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS d', [lsn])).rows[0].d));

interface Copied { seconds: number; rssMb: number; cpuS: number; pgCpuS: number; walBytes: number; stdout: string }

/** `kaohe db copy` under /usr/bin/time: wall seconds, peak RSS, its CPU, PostgreSQL's CPU, WAL written. */
async function copy(dbPath: string, dir: string): Promise<Copied> {
  const timeFile = join(dir, 'time.txt');
  const lsn = await walLsn();
  const p0 = pgSnapshot();
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, process.execPath, join(ROOT, 'bin/kaohe.js'), 'db', 'copy', '--from', dbPath, '--to', destination()],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  const seconds = (performance.now() - t0) / 1000;
  const pgCpuS = pgCpuBetween(p0, pgSnapshot()) / 1000;
  if (r.status !== 0) throw new Error(`kaohe db copy exited ${r.status}: ${r.stderr}`);
  const [kb, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds, rssMb: kb / 1024, cpuS: user + sys, pgCpuS, walBytes: await walBytesSince(lsn), stdout: r.stdout };
}

const dropSchema = () => withPg((c) => c.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`));

export async function run(): Promise<BenchRow[]> {
  const built = spawnSync(process.execPath, [join(ROOT, 'bin/build.js'), '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('node bin/build.js --if-stale failed');
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-copy-'));
  const dbPath = join(dir, 'copy.db');
  await dropSchema();
  try {
    const rows = rowsThatFit(dir, ROWS);
    const real = await realEvaluation(dbPath);
    const t0 = performance.now();
    multiply(dbPath, real, rows);
    const buildS = (performance.now() - t0) / 1000;
    const load0 = loadavg()[0];
    process.stderr.write(`  built ${rows} evaluations in ${buildS.toFixed(1)} s (input ${bytes(real.input)} bytes, result ${bytes(real.result)} bytes); copying (load ${load0.toFixed(2)})…\n`);
    const c = await copy(dbPath, dir);
    const verified = c.stdout.split('\n').find((l) => l.startsWith('evaluations\t'))?.split('\t')[1];
    const sizes = { sqlite: sqliteBytes(dbPath), pg: await pgBytes() };
    const note = `${rows < ROWS ? `cut from ${ROWS} to fit the disk; ` : ''}load ${load0.toFixed(1)}–${loadavg()[0].toFixed(1)}`;
    const mb = (b: number) => round2(b / 2 ** 20, 0);
    return [
      { bench: 'db-copy', case: `kaohe db copy, ${rows} evaluations (${note})`, value: Math.round(rows / c.seconds), unit: 'rows/s', ok: Number(verified) === rows },
      { bench: 'db-copy', case: 'whole copy, verification included (wall)', value: round2(c.seconds, 1), unit: 's' },
      { bench: 'db-copy', case: `CPU: kaohe db copy; PostgreSQL ${round2(c.pgCpuS, 1)} s`, value: round2(c.cpuS, 1), unit: 's' },
      { bench: 'db-copy', case: 'peak RSS of kaohe db copy', value: round2(c.rssMb, 0), unit: 'MB' },
      { bench: 'db-copy', case: `disk: SQLite file (input ${bytes(real.input)} + result ${bytes(real.result)} bytes of UTF-8 a row)`, value: mb(sizes.sqlite), unit: 'MB' },
      { bench: 'db-copy', case: `disk: PostgreSQL schema (evaluations ${mb(sizes.pg.evaluations)} MB with TOAST and index); WAL written ${mb(c.walBytes)} MB`, value: mb(sizes.pg.all), unit: 'MB' },
    ];
  } finally {
    await dropSchema();
    rmSync(dir, { recursive: true, force: true });
  }
}
