// Hostile F14 (issue 16): a keep-alive connection whose next request arrives while the event loop
// is held (a big cohort, a collection pause) longer than the keep-alive timeout. When the loop
// comes back, the timers phase runs before sockets are read, so Node's keep-alive timer fired first
// and destroyed a connection that already held a request: the client got ECONNRESET, never an
// answer, and could not tell whether its request was stored. These tests hold the loop on purpose
// (a route that spins) over real sockets and require an answer on every connection that sent one.
// The clients run in a child process: in this one they would be held by the same loop.

import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeServer, type NodeServerOptions } from '../../server/node-server.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
});

/** A server whose `/spin?ms=` holds the event loop that long; anything else answers "ok". */
async function listen(opts: NodeServerOptions): Promise<number> {
  const fetch = (r: Request) => {
    const url = new URL(r.url);
    if (url.pathname === '/spin') {
      const until = performance.now() + Number(url.searchParams.get('ms'));
      while (performance.now() < until) { /* hold the loop */ }
      return new Response('spun');
    }
    return new Response('ok');
  };
  const server = createNodeServer(fetch as Parameters<typeof createNodeServer>[0], { hostname: '127.0.0.1', ...opts });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

interface Conn { socket: Socket; text: () => string; closed: Promise<string> }

function open(port: number): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (text += d));
    const closed = new Promise<string>((r) => {
      socket.on('error', (e: NodeJS.ErrnoException) => r(e.code ?? 'error'));
      socket.on('close', () => r('closed'));
    });
    socket.once('connect', () => resolve({ socket, text: () => text, closed }));
    socket.once('error', reject);
  });
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;
const answers = (text: string) => text.match(/HTTP\/1\.1 \d{3}/g) ?? [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await sleep(10);
}

/** A client in its own process: `conns` keep-alive connections each send a request and read its
 * answer; then one connection asks for a `holdMs` spin, and `sendAfterMs` into it every other
 * connection sends its next request. Prints, per connection, the status lines read and how it ended. */
const CLIENT = `
const net = require('node:net');
const [port, conns, holdMs, sendAfterMs] = process.argv.slice(1).map(Number);
const get = (p) => 'GET ' + p + ' HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const answers = (t) => t.match(/HTTP\\/1\\.1 \\d{3}/g) || []; // a status line may follow a body on its line
const open = () => new Promise((res) => {
  const s = net.connect(port, '127.0.0.1'); const c = { s, text: '', end: 'open' };
  s.setEncoding('latin1'); s.on('data', (d) => (c.text += d));
  s.on('error', (e) => (c.end = e.code)); s.on('close', () => { if (c.end === 'open') c.end = 'closed'; });
  s.once('connect', () => res(c));
});
const until = async (f, ms) => { const end = Date.now() + ms; while (!f() && Date.now() < end) await sleep(10); };
(async () => {
  const cs = await Promise.all(Array.from({ length: conns }, open));
  const spinner = await open();
  for (const c of cs) c.s.write(get('/a'));
  await until(() => cs.every((c) => answers(c.text).length === 1), 5000);
  spinner.s.write(get('/spin?ms=' + holdMs)); // at once: the keep-alive timers are just armed
  await sleep(sendAfterMs);
  for (const c of cs) if (c.end === 'open') c.s.write(get('/b'));
  await until(() => cs.every((c) => answers(c.text).length === 2 || c.end !== 'open'), holdMs + 5000);
  await until(() => answers(spinner.text).length === 1, 5000);
  console.log(JSON.stringify({ conns: cs.map((c) => ({ answers: answers(c.text), end: c.end })), spun: answers(spinner.text) }));
  process.exit(0);
})();
`;

interface Ran { conns: { answers: string[]; end: string }[]; spun: string[] }

function client(port: number, conns: number, holdMs: number, sendAfterMs: number): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', CLIENT, String(port), String(conns), String(holdMs), String(sendAfterMs)], { timeout: 30_000 }, (err, stdout) =>
      err ? reject(err) : resolve(JSON.parse(stdout) as Ran));
  });
}

describe('keep-alive connections while the loop is held (F14)', () => {
  it('a request that arrived during a hold longer than keepAliveTimeout is answered, not reset', async () => {
    const port = await listen({ keepAliveTimeout: 500 });
    // Each connection idles with its 500 ms keep-alive timer running; the loop is held 2,000 ms,
    // and 1,000 ms into it (the timers are due) every connection sends its next request.
    const ran = await client(port, 8, 2000, 1000);
    expect(ran.spun).toEqual(['HTTP/1.1 200']);
    expect(ran.conns).toEqual(ran.conns.map(() => ({ answers: ['HTTP/1.1 200', 'HTTP/1.1 200'], end: 'open' })));
  });

  it('an idle keep-alive connection still closes after keepAliveTimeout, held loop or not', async () => {
    const port = await listen({ keepAliveTimeout: 200 });
    const c = await open(port);
    c.socket.write(get('/a'));
    expect(await Promise.race([c.closed, sleep(3000).then(() => 'still open')])).toBe('closed');
    expect(answers(c.text())).toEqual(['HTTP/1.1 200']);
    // One that idles through a hold (it sends nothing) is closed once the loop is back.
    const d = await open(port);
    d.socket.write(get('/a'));
    await until(() => answers(d.text()).length === 1, 3000);
    const spinner = await open(port);
    spinner.socket.write(get('/spin?ms=500'));
    expect(await Promise.race([d.closed, sleep(3000).then(() => 'still open')])).toBe('closed');
    expect(answers(d.text())).toEqual(['HTTP/1.1 200']);
    spinner.socket.destroy();
  });
});
