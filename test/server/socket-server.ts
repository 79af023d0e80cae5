// A fresh app with the province scheme published, behind createNodeServer (with the evaluate fast
// lane) on a loopback port, for tests that speak raw HTTP over a socket: started in beforeAll,
// closed with its database in afterAll. And a bare server for what Node's parser refuses (parserRefusals).

import { afterAll, beforeAll } from 'vitest';
import { connect, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createNodeServer } from '../../server/node-server.js';
import { publishedProvince, removeTempDirs, setup, type Fixture } from './helpers.js';

export interface SocketServer { f: Fixture; server: Server; port(): number }

export function socketServer(): SocketServer {
  const s = { port: () => (s.server.address() as AddressInfo).port } as SocketServer;
  beforeAll(async () => {
    s.f = await setup();
    await publishedProvince(s.f);
    s.server = createNodeServer(s.f.app.fetch, { hostname: '127.0.0.1', fastLane: s.f.app.fastLane });
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => {
    s.server?.close();
    s.f?.close();
    removeTempDirs();
  });
  return s;
}

export interface RawAnswer { status: number; language: string; body: any }

/** A bare createNodeServer (no app: only what Node's parser refuses is answered) on a loopback port,
 * started in beforeAll; `raw(head)` writes `head` (UTF-8) and reads the answer until the server closes. */
export function parserRefusals(): { raw(head: string): Promise<RawAnswer> } {
  let server: Server;
  beforeAll(async () => {
    server = createNodeServer(() => new Response('unreached'), { hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const raw = (head: string): Promise<RawAnswer> => new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = connect((server.address() as AddressInfo).port, '127.0.0.1', () => s.write(head));
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('error', reject);
    s.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({
        status: Number(text.split(' ')[1]),
        language: /\r\ncontent-language: ([^\r]*)/i.exec(text)?.[1] ?? '',
        body: JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)),
      });
    });
  });
  return { raw };
}
