// Several `kaohe serve` processes on one PostgreSQL database (issue 17, "Prove it"): real processes
// from bin/kaohe.js (dist/), real HTTP, a schema of their own. Idempotency keys and publishing are
// decided by the database across servers; a token revoked through one server is refused by the
// others; a server killed under load loses no answered evaluation; PostgreSQL's connections killed
// under load give clients 503 (never 500), leave nothing half-written, and the servers reconnect by
// themselves. Needs KAOHE_TEST_PG (skipped without it).

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL } from './store-target.js';
import { PROVINCE_ID, singleCase } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMA = `t_${randomBytes(6).toString('hex')}`;
const APP = `kaohe-multi-${SCHEMA}`;

interface Server { proc: ChildProcess; base: string; stderr: string }

const url = () => `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}application_name=${APP}&options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;

/** Starts `kaohe serve` on a free port; resolves once it listens. */
function startServer(): Promise<Server> {
  const proc = spawn(process.execPath, [`${ROOT}bin/kaohe.js`, 'serve', '--db', url(), '--port', '0', '--lang', 'en'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const s: Server = { proc, base: '', stderr: '' };
  proc.stderr!.on('data', (b: Buffer) => (s.stderr += b.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /"msg":"listening","url":"([^"]+)"/.exec(out);
      if (m) {
        s.base = m[1];
        proc.stdout!.off('data', onData);
        proc.stdout!.resume(); // request log lines: read and dropped
        resolve(s);
      }
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`kaohe serve exited ${code}: ${s.stderr}`)));
  });
}

async function request(s: Server, method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(s.base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, body: json, text };
}

async function admin<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`SET search_path = ${SCHEMA}`);
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const evaluatePath = `/api/schemes/${encodeURIComponent(PROVINCE_ID)}/evaluate`;

describe.skipIf(!PG_URL)('four kaohe servers on one PostgreSQL', () => {
  const servers: Server[] = [];
  let token = '';
  const subject = () => singleCase().subject!;

  beforeAll(async () => {
    // The first starts alone: it migrates and makes the first start's token; the others find both.
    servers.push(await startServer());
    token = /token \(shown once\): (kh_[\w-]+)/.exec(servers[0].stderr)![1];
    servers.push(...(await Promise.all([startServer(), startServer(), startServer()])));
  }, 60_000);

  afterAll(async () => {
    const running = servers.filter((s) => s.proc.exitCode === null && s.proc.signalCode === null);
    const exited = running.map((s) => new Promise((r) => s.proc.once('exit', r)));
    for (const s of running) s.proc.kill('SIGTERM');
    await Promise.all(exited);
    await admin(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => {});
  }, 30_000);

  it('stores 200 parallel evaluates with 50 shared idempotency keys as exactly 50 records', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        request(servers[i % 4], 'POST', evaluatePath, token, subject(), { 'idempotency-key': `shared-${i % 50}` })),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    const byKey = new Map<string, Set<string>>();
    answers.forEach((a, i) => {
      const k = `shared-${i % 50}`;
      byKey.set(k, (byKey.get(k) ?? new Set()).add(a.body.evaluationId));
    });
    expect([...byKey.values()].every((ids) => ids.size === 1)).toBe(true);
    const [{ n }] = await admin<{ n: string }>("SELECT count(*) AS n FROM evaluations WHERE idempotency_key LIKE 'shared-%'");
    expect(Number(n)).toBe(50);
  }, 60_000);

  it('exits 1 when its port is taken, closing its connections (trial V13: it stayed up without listening)', async () => {
    const port = new URL(servers[0].base).port;
    const proc = spawn(process.execPath, [`${ROOT}bin/kaohe.js`, 'serve', '--db', url(), '--port', port, '--lang', 'en'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => (proc.kill('SIGKILL'), resolve(null)), 20_000);
      proc.once('exit', (c) => (clearTimeout(timer), resolve(c)));
    });
    expect(code).toBe(1);
    expect(stderr).toContain('the port is in use');
  }, 30_000);

  it('publishes a draft once when 20 publishes race through different servers', async () => {
    const v1 = await request(servers[0], 'GET', `/api/schemes/${encodeURIComponent(PROVINCE_ID)}/versions/1`, token);
    expect(v1.status).toBe(200);
    const source = `${v1.body.source as string}\n// 修订：多服务器发布测试\n`;
    expect((await request(servers[1], 'PUT', `/api/schemes/${encodeURIComponent(PROVINCE_ID)}/draft`, token, { source })).status).toBe(200);
    const tries = await Promise.all(Array.from({ length: 20 }, (_, i) => request(servers[i % 4], 'POST', `/api/schemes/${encodeURIComponent(PROVINCE_ID)}/publish`, token)));
    const ok = tries.filter((t) => t.status === 200);
    expect(ok.length).toBe(1);
    expect(tries.filter((t) => t.status !== 200).every((t) => t.status === 409 || t.status === 404)).toBe(true);
    const rows = await admin<{ n: number; status: string }>(
      `SELECT v.n, v.status FROM scheme_versions v JOIN schemes s ON s.id = v.scheme_id WHERE s.name = $1 ORDER BY v.n`, [PROVINCE_ID]);
    expect(rows).toEqual([{ n: 1, status: 'published' }, { n: 2, status: 'published' }]);
  }, 60_000);

  it('refuses a token revoked through one server on the others at once', async () => {
    const made = await request(servers[0], 'POST', '/api/tokens', token, { role: 'evaluator' });
    expect(made.status).toBe(201);
    for (const s of servers) expect((await request(s, 'POST', evaluatePath, made.body.token, subject())).status).toBe(201);
    expect((await request(servers[2], 'DELETE', `/api/tokens/${made.body.id}`, token)).status).toBe(200);
    const revokedAt = performance.now();
    for (const s of servers) expect((await request(s, 'POST', evaluatePath, made.body.token, subject())).status).toBe(401);
    expect(performance.now() - revokedAt).toBeLessThan(2000);
  }, 60_000);

  it('loses no answered evaluation when a server is killed under load', async () => {
    const [a, b] = [servers[0], servers[3]];
    const stored: string[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < 300) {
        const s = sent++ % 2 === 0 ? a : b;
        if (sent === 100) b.proc.kill('SIGKILL');
        const r = await request(s, 'POST', evaluatePath, token, subject()).catch(() => undefined);
        if (r && (r.status === 200 || r.status === 201)) stored.push(r.body.evaluationId);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(b.proc.signalCode).toBe('SIGKILL');
    expect(stored.length).toBeGreaterThan(150);
    for (const id of stored) {
      const r = await request(a, 'GET', `/api/evaluations/${id}`, token);
      expect(r.status, id).toBe(200);
    }
  }, 120_000);

  it('answers 503 while PostgreSQL drops its connections, writes nothing by halves, and reconnects', async () => {
    const live = servers.filter((s) => s.proc.exitCode === null && s.proc.signalCode === null);
    const statuses: number[] = [];
    const stored: string[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < 400) {
        const s = live[sent++ % live.length];
        const r = await request(s, 'POST', evaluatePath, token, subject());
        statuses.push(r.status);
        if (r.status === 201) stored.push(r.body.evaluationId);
      }
    };
    let killed = 0;
    const kills = (async () => {
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 150));
        killed += (await admin('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [APP])).length;
      }
    })();
    await Promise.all([...Array.from({ length: 12 }, worker), kills]);
    expect(killed).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    console.log(`connections killed ${killed}; answers: ${statuses.filter((s) => s === 201).length} × 201, ${statuses.filter((s) => s === 503).length} × 503`);
    // Reconnected by themselves: every server answers again.
    for (const s of live) expect((await request(s, 'POST', evaluatePath, token, subject())).status).toBe(201);
    // Nothing by halves: every stored evaluation has its audit record (one transaction), and every
    // answered one is stored.
    const orphans = await admin('SELECT e.id FROM evaluations e LEFT JOIN audit_log a ON a.evaluation = e.id WHERE a.id IS NULL');
    expect(orphans).toEqual([]);
    const found = await admin<{ id: string }>('SELECT id FROM evaluations WHERE id = ANY($1)', [stored]);
    expect(found.length).toBe(stored.length);
  }, 120_000);
});
