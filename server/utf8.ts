// Request bodies are UTF-8 or refused. Hono's text() and json() decode leniently: a byte that is not
// UTF-8 becomes U+FFFD, so a scheme source or an input with a stray GBK byte was stored changed,
// without a word, and its hash no longer matched what the client holds. A body that declares a
// JSON or text media type is checked once (node:buffer's isUtf8, a SIMD scan) and answered 400
// `malformed_request` naming the first bad byte (one finder for the server, the CLI and the sheet
// readers: sheets/node/utf8.ts); readers then decode it as usual (Hono caches the bytes, so the body
// is read from the socket once).

import { isUtf8 } from 'node:buffer';
import type { Context, MiddlewareHandler } from 'hono';
import { firstBadByte } from '../sheets/node/utf8.js';
import { ApiError, said } from './errors.js';
import { M } from './messages.js';

const TEXTUAL = /^(application\/([\w.-]+\+)?json|text\/)/i;
const HAS_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const strict = new TextDecoder('utf-8', { fatal: true });

/** 400 naming the first byte that is not UTF-8 — found as the CLI and the sheet readers find it
 * (sheets/node/utf8.ts: the first byte of the first bad or cut-short sequence); the API's `offset`
 * and message count from 0. */
export const notUtf8 = (bytes: Uint8Array) => {
  // Called for bytes isUtf8 refused: firstBadByte finds one.
  const bad = firstBadByte(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))!;
  const at = bad.at - 1;
  const byte = bad.byte.toString(16).padStart(2, '0');
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
