// The Node HTTP server in front of the Hono app (`kaohe serve`, and tests that need a real socket).
// Requests Node refuses before the app ever sees them are answered in the API's JSON error format
// too, instead of Node's bare status line with an empty body:
// - bytes that do not parse as HTTP (a bad request line, `Content-Length: abc`, headers too large):
//   the server's `clientError` event, answered on the raw socket;
// - an HTTP/1.1 request without `Host`: Node's own check (`requireHostHeader`) answers it inside the
//   parser with no body, so it is turned off and the same check is made here;
// - a `Host` the adapter cannot build a URL from: @hono/node-server's `errorHandler`.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener, RequestError } from '@hono/node-server';
import { errorBody } from './errors.js';
import type { Log } from './log.js';

type Fetch = Parameters<typeof getRequestListener>[0];

/** A status, its reason phrase and the API error code, per Node parser error (as Node's own
 * defaults in `socketOnError`: 431, 413 and 408 for these, 400 for anything else). */
function classify(code: string | undefined): [status: number, reason: string, code: string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW': return [431, 'Request Header Fields Too Large', 'headers_too_large'];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW': return [413, 'Payload Too Large', 'payload_too_large'];
    case 'ERR_HTTP_REQUEST_TIMEOUT': return [408, 'Request Timeout', 'request_timeout'];
    // The same code a body that is not JSON gets (errors.ts maps Hono's 400 to it).
    default: return [400, 'Bad Request', 'malformed_request'];
  }
}

/** A complete HTTP/1.1 response with the API error body, for writing straight to a socket. */
export function rawErrorResponse(status: number, reason: string, code: string, message: string): string {
  const body = JSON.stringify(errorBody(code, message));
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** The `clientError` listener. With no request or response object, the answer is written to the
 * socket by hand; then the connection is closed, since the parser's state is unknown. */
export function onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset peer cannot read an answer; a socket no longer writable cannot carry one; and when a
  // response on this connection has already started, another status line would corrupt it (Node's
  // default handler makes the same check).
  const inFlight = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, code] = classify(err.code);
  const message = `the request is not valid HTTP/1.1${err.code ? ` (${err.code})` : ''}`;
  socket.end(rawErrorResponse(status, reason, code, message), () => socket.destroy());
}

/** RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without `Host`. */
function lacksHost(req: IncomingMessage): boolean {
  return req.httpVersionMajor === 1 && req.httpVersionMinor === 1 && req.headers.host === undefined;
}

function answerJson(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify(errorBody(code, message));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
  res.end(body);
}

// `Connection: close`: a request the adapter could not read says nothing reliable about the next one.
const jsonResponse = (status: number, code: string, message: string) =>
  new Response(JSON.stringify(errorBody(code, message)), { status, headers: { 'Content-Type': 'application/json', Connection: 'close' } });

/** An http.Server running `fetch`, not yet listening. `hostname` is the URL host of a request that
 * names none (HTTP/1.0 without `Host`). */
export function createNodeServer(fetch: Fetch, opts: { hostname?: string; log?: Log } = {}): Server {
  const listener = getRequestListener(fetch, {
    hostname: opts.hostname,
    // Reached only when the adapter cannot build a Request (a Host that makes no URL): Hono's own
    // errors are answered by the app's onError. Returning nothing would leave the request hanging.
    errorHandler: (e) => {
      if (e instanceof RequestError) return jsonResponse(400, 'malformed_request', `the request cannot be read: ${e.message}`);
      opts.log?.({ level: 'error', msg: 'request not dispatched', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      return jsonResponse(500, 'internal', 'internal server error');
    },
  });
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    if (lacksHost(req)) answerJson(res, 400, 'malformed_request', 'an HTTP/1.1 request needs a Host header');
    else void listener(req, res);
  });
  server.on('clientError', onClientError);
  return server;
}
