// Structured logs: one JSON object per line on stdout. The request logger writes one line per
// request, tagged with the request id that is also sent back in the X-Request-Id header.

import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';

export type Log = (record: Record<string, unknown>) => void;

export const jsonLog: Log = (record) => {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', ...record }) + '\n');
};

export const silentLog: Log = () => {};

export function requestLog(log: Log): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const principal = c.get('principal');
    log({
      msg: 'request',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 100) / 100,
      ...(principal ? { caller: principal.publicId } : {}),
    });
  };
}
