// Request bodies are UTF-8 or refused. Hono's text() and json() decode leniently: a byte that is not
// UTF-8 becomes U+FFFD, so a scheme source or an input with a stray GBK byte was stored changed,
// without a word, and its hash no longer matched what the client holds. A body that declares a
// JSON or text media type is checked once (node:buffer's isUtf8, a SIMD scan) and answered 400
// `malformed_request` naming the first bad byte; readers then decode it as usual (Hono caches the
// bytes, so the body is read from the socket once).

import { isUtf8 } from 'node:buffer';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError, said } from './errors.js';
import { M } from './messages.js';

const TEXTUAL = /^(application\/([\w.-]+\+)?json|text\/)/i;
const HAS_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const strict = new TextDecoder('utf-8', { fatal: true });

/** The offset of the first byte that does not continue valid UTF-8 (for the message). */
function firstBadByte(bytes: Uint8Array): number {
  let lo = 0, hi = bytes.length;
  // Binary search on the longest valid prefix; a valid prefix may end inside a character, so
  // accept a prefix that fails only for being cut short (stream mode).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true }); lo = mid; } catch { hi = mid - 1; }
  }
  return lo;
}

export const notUtf8 = (bytes: Uint8Array) => {
  const at = firstBadByte(bytes);
  const byte = bytes[at]?.toString(16).padStart(2, '0') ?? '??';
  return new ApiError(400, 'malformed_request', M.notUtf8({ at, byte }), [
    { path: '', ...said(M.invalidUtf8At({ at })), offset: at },
  ]);
};

/** The body's bytes, or 400 when they are not UTF-8 (Hono caches them: later reads are free). */
async function utf8Bytes(c: Context): Promise<Uint8Array> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (!isUtf8(bytes)) throw notUtf8(bytes);
  return bytes;
}

/** The body as text, or 400 when it is not UTF-8. */
export async function utf8Body(c: Context): Promise<string> {
  return strict.decode(await utf8Bytes(c));
}

/** Bytes as text, or 400 when they are not UTF-8 (the evaluate fast lane reads its body itself). */
export function utf8Text(bytes: Uint8Array): string {
  if (!isUtf8(bytes)) throw notUtf8(bytes);
  return strict.decode(bytes);
}

/** Refuses a textual body that is not UTF-8, before any handler reads it. */
export function requireUtf8(): MiddlewareHandler {
  return async function requireUtf8(c, next) {
    if (HAS_BODY.has(c.req.method) && TEXTUAL.test(c.req.header('content-type') ?? '')) await utf8Bytes(c);
    await next();
  };
}
