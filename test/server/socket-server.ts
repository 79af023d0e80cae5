// A fresh app with the province scheme published, behind createNodeServer (with the evaluate fast
// lane) on a loopback port, for tests that speak raw HTTP over a socket: started in beforeAll,
// closed with its database in afterAll.

import { afterAll, beforeAll } from 'vitest';
import type { AddressInfo } from 'node:net';
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
