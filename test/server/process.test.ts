// `kaohe serve` as a real process: binds a random loopback port, answers /healthz, prints the
// first-start token and the one-time sign-in URL, and on SIGTERM finishes a request in flight
// before exiting 0.

import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './helpers.js';
import { CHILD_FLAGS } from '../child-flags.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  removeTempDirs();
});

/** Everything the stream printed so far, and a way to wait until it matches. */
function collect(stream: NodeJS.ReadableStream) {
  let seen = '';
  stream.on('data', (d: Buffer) => (seen += d.toString()));
  return (re: RegExp, timeoutMs = 20_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const start = Date.now();
      const poll = () => {
        const m = re.exec(seen);
        if (m) resolve(m);
        else if (Date.now() - start > timeoutMs) reject(new Error(`timed out waiting for ${re}; saw:\n${seen}`));
        else setTimeout(poll, 50);
      };
      poll();
    });
}

describe('kaohe serve', () => {
  it('serves on a random port, answers /healthz and shuts down gracefully on SIGTERM', async () => {
    const dir = tempDir();
    child = spawn(process.execPath, [...CHILD_FLAGS, 'bin/kaohe.js', 'serve', '--lang', 'en', '--port', '0', '--db', join(dir, 'kaohe.db'), '--schemes', join(dir, 'none')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdoutLines: string[] = [];
    child.stdout!.on('data', (d: Buffer) => stdoutLines.push(...d.toString().split('\n').filter(Boolean)));
    const stderr = collect(child.stderr!);
    const [, base] = await stderr(/serving on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, token] = await stderr(/token \(shown once\): (kh_\S+)/);
    await stderr(/signin\?code=khc_\S+/);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    // A request whose body is still arriving when SIGTERM comes must still be answered.
    const url = new URL(`${base}/api/check`);
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.write('{"source": "scheme');
      setTimeout(() => {
        child!.kill('SIGTERM');
        setTimeout(() => req.end(' 示例 {}"}'), 300);
      }, 300);
    });
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    const res = await answered;
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty('diagnostics');
    expect(await exited).toBe(0);

    const logs = stdoutLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.some((l) => l.msg === 'request' && l.path === '/healthz' && l.status === 200 && typeof l.requestId === 'string')).toBe(true);
    expect(logs.some((l) => l.msg === 'stopped')).toBe(true);
  });
});
