// Who is asking, and how the browser reached us: the client's address (rate limits, the audit log)
// and the scheme and host the browser used (the session cookie's Secure flag in web.ts, the
// same-origin check of csrf.ts). Behind a TLS-terminating reverse proxy the socket is the proxy's
// and the scheme is plain http, so these come from the proxy's X-Forwarded-For, -Proto and -Host —
// but only with `createApp({ trustProxy: true })` (`kaohe serve --trust-proxy`): without a proxy in
// front, any client could write those headers, pick its own address and dodge a rate limit.
//
// Trusting means one proxy hop: the LAST entry of each X-Forwarded-* list is the one our proxy
// appended or set; entries to its left are whatever the client sent and are ignored.

import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';

/** Marks the app's requests as coming through a trusted proxy (createApp adds it with trustProxy). */
export function trustProxy(): MiddlewareHandler<AppEnv> {
  return async function trustProxy(c, next) {
    c.set('trustProxy', true);
    await next();
  };
}

const trusted = (c: Context): boolean => c.get('trustProxy') === true;

/** The last entry of a comma-separated X-Forwarded-* header (several headers are joined by Node). */
function lastForwarded(c: Context, name: string): string | undefined {
  return lastEntry(c.req.header(name));
}

const lastEntry = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const last = value.slice(value.lastIndexOf(',') + 1).trim();
  return last === '' ? undefined : last;
};

/** The client's address from a believed X-Forwarded-For (undefined when the proxy is not trusted)
 * and the socket's peer: the rule of `clientAddress`, for callers without a Context (the evaluate
 * fast lane, fast-lane.ts). */
export function addressFrom(forwardedFor: string | undefined, socket: string | undefined): string {
  const forwarded = lastEntry(forwardedFor);
  if (forwarded !== undefined && isIP(forwarded)) return forwarded;
  return socket ?? 'unknown';
}

/** The peer address of the socket (@hono/node-server's conninfo); undefined without a socket. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: unknown; server?: unknown } | undefined;
  if (!env?.incoming && !env?.server) return undefined;
  return getConnInfo(c).remote.address;
}

/** The client's IP address: with trustProxy, the proxy's last X-Forwarded-For entry when it is an
 * IP address; otherwise the socket's peer. 'unknown' without a socket (`app.request()` in tests,
 * another adapter), so such requests share one rate-limit key. */
export function clientAddress(c: Context): string {
  return addressFrom(trusted(c) ? c.req.header('x-forwarded-for') : undefined, socketAddress(c));
}

/** 'https:' when the browser used TLS: the request URL's scheme, or with trustProxy the proxy's
 * X-Forwarded-Proto. */
export function requestProtocol(c: Context): 'https:' | 'http:' {
  if (trusted(c)) {
    const proto = lastForwarded(c, 'x-forwarded-proto');
    if (proto !== undefined) return proto.toLowerCase() === 'https' ? 'https:' : 'http:';
  }
  return c.req.url.startsWith('https:') ? 'https:' : 'http:';
}

/** This server's origin as the browser sees it (scheme, host, port; serialized as the `Origin`
 * header is), or undefined when the host makes no URL. The host is `Host`, or with trustProxy the
 * proxy's X-Forwarded-Host when it sends one. */
export function requestOrigin(c: Context): string | undefined {
  const host = (trusted(c) ? lastForwarded(c, 'x-forwarded-host') : undefined) ?? c.req.header('host') ?? new URL(c.req.url).host;
  try {
    return new URL(`${requestProtocol(c)}//${host}`).origin;
  } catch {
    return undefined;
  }
}
