// Request bodies are sent as they are, in UTF-8 — or refused 415 `unsupported_media_type` (RFC 9110
// §15.5.16). The server decodes no content coding and reads every textual body as UTF-8 (utf8.ts),
// so a body labelled otherwise was read as something it is not: `Content-Encoding: gzip` with plain
// JSON was stored as if unlabelled, and a real gzip body answered "malformed JSON"; `Transfer-Encoding:
// gzip, chunked` (Node removes only the chunking) the same; `Content-Type: application/json;
// charset=gbk` or `utf-16` was read as UTF-8. Refused here, after authentication (as the media-type
// check of every route, so the refusal is audited with its caller), on every /api route; the evaluate
// fast lane hands such a request over to the app (`codingRefusal` answers both).

import type { IncomingHttpHeaders } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';
import { M } from './messages.js';

const HAS_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A media type read as text (utf8.ts reads the same ones as UTF-8). */
const TEXTUAL = /^\s*(application\/([\w.-]+\+)?json|text\/[\w.+-]+)\s*(;|$)/i;
/** The charsets a UTF-8 reader reads right: UTF-8 itself and its subset US-ASCII. */
const UTF8_NAMES = new Set(['utf-8', 'utf8', 'us-ascii']);

/** The value of a media type's `charset` parameter, lower-cased and unquoted; undefined when none. */
function charsetOf(contentType: string): string | undefined {
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    return param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return undefined;
}

/** The codings of a header's comma-separated list, lower-cased, empty entries dropped. */
const codings = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');

/** The 415 for a body sent in a coding or charset the server does not decode; undefined when it
 * reads the body as sent. `headers` as Node gives them (lower-case names, one string per header). */
export function codingRefusal(headers: Pick<IncomingHttpHeaders, 'content-encoding' | 'transfer-encoding' | 'content-type'>): ApiError | undefined {
  const coding = codings(headers['content-encoding']).find((c) => c !== 'identity')
    ?? codings(headers['transfer-encoding']).find((c) => c !== 'chunked');
  if (coding !== undefined) return new ApiError(415, 'unsupported_media_type', M.unsupportedCoding({ coding }));
  const type = headers['content-type'];
  if (type === undefined || !TEXTUAL.test(type)) return undefined;
  const charset = charsetOf(type);
  if (charset === undefined || UTF8_NAMES.has(charset)) return undefined;
  return new ApiError(415, 'unsupported_media_type', M.unsupportedCharset({ charset }));
}

/** Refuses a body in a content or transfer coding, or a textual body in a charset, other than the
 * server reads (415), before any handler reads it. */
export function refuseCodings(): MiddlewareHandler {
  return async function refuseCodings(c, next) {
    if (HAS_BODY.has(c.req.method)) {
      const refusal = codingRefusal({
        'content-encoding': c.req.header('content-encoding'),
        'transfer-encoding': c.req.header('transfer-encoding'),
        'content-type': c.req.header('content-type'),
      });
      if (refusal) throw refusal;
    }
    await next();
  };
}
