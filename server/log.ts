// Structured logs: one JSON object per line on stdout. The request logger writes one line per
// request, tagged with the request id that is also sent back in the X-Request-Id header.
//
// Lines are written once per turn of the event loop, not one by one: stdout to a file or a pipe is
// a synchronous write on Linux, and one write(2) per request cost ≈ 7 µs of a ≈ 300 µs evaluate
// request (bench/server-profile.ts). A turn's lines go out together in its check phase, before the
// loop waits for I/O again, and whatever is still buffered when the process exits (process.exit,
// the end of `kaohe serve`, an uncaught error) is written by the 'exit' listener. Only a kill that
// runs no JavaScript (SIGKILL, a crash of node itself) can lose the lines of the current turn.

import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';

export type Log = (record: Record<string, unknown>) => void;

/** Buffered text beyond which it is written at once, whatever the turn. */
const MAX_BUFFERED = 64 * 1024;

/** Lines joined into one write per turn: `write` receives each batch, in order. */
export function lineBuffer(write: (text: string) => void): { add(line: string): void; flush(): void } {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    write(text);
  };
  return {
    add(line) {
      pending += line;
      if (pending.length >= MAX_BUFFERED) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

let stdoutLines: ReturnType<typeof lineBuffer> | undefined;

function stdoutBuffer(): ReturnType<typeof lineBuffer> {
  if (!stdoutLines) {
    const lines = lineBuffer((text) => process.stdout.write(text));
    process.on('exit', lines.flush);
    stdoutLines = lines;
  }
  return stdoutLines;
}

export const jsonLog: Log = (record) => {
  stdoutBuffer().add(JSON.stringify({ time: new Date().toISOString(), level: 'info', ...record }) + '\n');
};

export const silentLog: Log = () => {};

/** When Node handed each request over (performance.now()): the request line's `ms` counts from
 * there, so that it is the same whether the evaluate fast lane or the app read the body (a body
 * trickled until the request timeout is logged with its whole duration either way). */
const arrivals = new WeakMap<IncomingMessage, number>();

export function markArrival(req: IncomingMessage): void {
  arrivals.set(req, performance.now());
}

/** The request's arrival (markArrival), or now when no Node server marked it (app.request). */
export const arrivalOf = (req: IncomingMessage | undefined): number => (req && arrivals.get(req)) ?? performance.now();

export function requestLog(log: Log): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = arrivalOf((c.env as { incoming?: IncomingMessage } | undefined)?.incoming);
    await next();
    logRequest(log, { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, start, principal: c.get('principal') });
  };
}

interface RequestFacts { requestId: string; method: string; path: string; status: number; start: number; principal?: { publicId: string } }

/** The request's log line (also written by the evaluate fast lane, fast-lane.ts); `start` is its
 * performance.now() when it arrived. */
export function logRequest(log: Log, r: RequestFacts): void {
  const ms = Math.round((performance.now() - r.start) * 100) / 100;
  // jsonLog's line for this record, written without the record (one per request: ≈ 0.7 µs less).
  if (log === jsonLog) return stdoutBuffer().add(requestLine(r, ms, new Date().toISOString()));
  log({ msg: 'request', requestId: r.requestId, method: r.method, path: r.path, status: r.status, ms, ...(r.principal ? { caller: r.principal.publicId } : {}) });
}

/** What jsonLog writes for logRequest's record, text for text: the same members in the same order,
 * strings by JSON.stringify, numbers as JSON.stringify spells a finite number (String; −0 as 0). */
export const requestLine = (r: RequestFacts, ms: number, time: string): string =>
  `{"time":"${time}","level":"info","msg":"request","requestId":${JSON.stringify(r.requestId)},"method":${JSON.stringify(r.method)},` +
  `"path":${JSON.stringify(r.path)},"status":${r.status},"ms":${ms}${r.principal ? `,"caller":${JSON.stringify(r.principal.publicId)}` : ''}}\n`;
