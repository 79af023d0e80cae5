// Requests whose connection died before their body arrived: the client hung up (499, nginx's "client
// closed request"), or the server cut a request too slow to arrive (408; node-server.ts answered it
// on the socket already). The handler reading the body then fails; that is no server fault, so
// makeOnError answers with these statuses — read by nobody, but recorded by the request log line —
// instead of logging an error and answering 500.

import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

const timedOut = new WeakSet<IncomingMessage>();

/** Called by the Node server when its request timeout cuts `req` (node-server.ts). */
export function markTimedOut(req: IncomingMessage): void {
  timedOut.add(req);
}

/** 408 or 499 when the request's body never fully arrived because its connection was cut; else
 * undefined (also without a Node request: `app.request()`). */
export function interruptedStatus(c: Context): 408 | 499 | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming === undefined || incoming.complete || !incoming.destroyed) return undefined;
  return timedOut.has(incoming) ? 408 : 499;
}
