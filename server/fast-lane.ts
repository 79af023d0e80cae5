// The evaluate fast lane (issue 16): `POST /api/schemes/:id/evaluate` answered straight from Node's
// request and response, without Hono's compose of a dozen middlewares and the adapter's WHATWG
// Request, Headers and Response objects — the busiest route, where that plumbing was ≈ 10% of a
// request's CPU. createNodeServer offers every request to it first (node-server.ts).
//
// It answers only what it is sure the app would answer the same way: a stored evaluation (201) or
// an Idempotency-Key replay (200). Every other request is handed over to the app, before the lane
// has changed anything. What the lane does not take (another route or method, a query string, a
// path the app would decode or normalize otherwise, a header sent twice, no Authorization header —
// so the session cookie and its same-origin rule stay the app's —, a chunked or too big body, a body
// in a content coding or charset the app refuses (body-coding.ts), a Host
// the adapter would have to check) and what its checks before the body refuse (a locked-out address,
// a refused credential, a missing role) go over as they came: the app makes every check again and
// gives the one answer, log line and audit record of a refusal. Once the lane has read the body,
// the body goes along (`rawBody`, which @hono/node-server reads instead of the socket) and any error
// the lane met — a body not UTF-8, not JSON, too deep or not of the schema, an unfit Idempotency-Key,
// an unknown scheme, invalid input, a failed commit, an answer that could not be written — goes
// along marked (LANE_FAILED): the app's evaluate handler throws that error instead of parsing,
// evaluating or storing again (evaluations/handlers.ts), so it is answered, logged and audited as it
// always was and no request costs twice — save one whose checks used rows changed since (below),
// which the app checks and evaluates again. A check that throws (the database) hands over as well;
// nothing the lane runs can throw out of the request listener.
//
// On the store (issue 17) the checks that read the database (the snapshot's generation, the
// credential) are asynchronous; the route and header checks before them stay synchronous, so a
// request of another route is handed over at once. On SQLite the awaited reads are settled
// promises: no I/O callback runs between them, as before.
//
// The checks are the app's own functions, called in the app's order, not copies: requestIdOf
// (request-id.ts), negotiate (locale.ts), the body limit's rule, the snapshot refresh (once a turn
// of the event loop: the writer makes sure the turn's later requests were checked on current rows),
// the failure guard (retryAfterAt), identifier (auth/middleware.ts), the route's roles (mayEvaluate.roles),
// utf8Text, idempotencyKeyFrom and evaluateBody (evaluations/request.ts), service.evaluate with the
// same group-commit writer and in-flight map (evalStateOf), the audit record (evaluationAudit),
// answerHeaders and logRequest. test/server/fast-lane*.test.ts sends the same requests through the
// lane and through app.request and compares status, headers, body, stored rows and audit rows.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FailureGuard } from './ratelimit/guard.js';
import type { ServerCtx } from './context.js';
import { evaluateAudited } from './audit/actions.js';
import { recordFor } from './audit/log.js';
import { evaluationAudit } from './audit/middleware.js';
import { holdsAny, identifier } from './auth/middleware.js';
import { codingRefusal } from './body-coding.js';
import { addressFrom } from './client-address.js';
import { answerHeaders, evalStateOf, LANE_FAILED } from './evaluations/handlers.js';
import { emptyQuery, evaluateBody, evaluateBodyInTurns, idempotencyKeyFrom, plainSchemeId, readsAsJson } from './evaluations/request.js';
import { mayEvaluate } from './evaluations/routes.js';
import * as service from './evaluations/service.js';
import { StaleChecks } from './evaluations/writer.js';
import { negotiate } from './locale.js';
import { arrivalOf, logRequest, type Log } from './log.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';
import { utf8Text } from './utf8.js';
import { SECURITY_HEADERS } from './security-headers.js';
import type { Locale } from '../dsl/i18n/index.js';
import type { Principal } from './auth/tokens.js';
import type { Requester } from './audit/log.js';

/** Hands a request to the app (@hono/node-server's listener). */
export type HandOver = (req: IncomingMessage, res: ServerResponse) => void;
/** Answers `req` or hands it over; called by createNodeServer for every request it dispatches. */
export type FastLane = (req: IncomingMessage, res: ServerResponse, handOver: HandOver) => void;

export interface FastLaneOptions {
  ctx: ServerCtx;
  guard: FailureGuard;
  sessionHours: number;
  maxBodyBytes: number;
  /** createApp({ trustProxy }): the client's address is X-Forwarded-For's last entry. */
  trustProxy: boolean;
  log: Log;
}

/** The route, with a scheme id of unreserved characters and percent-encoded UTF-8 (a Chinese name)
 * only: Hono decodes such a path to the same id the lane does. Any other byte — `%2F`, `%25`, a
 * sub-delimiter, a dot segment, a second slash, a trailing one — is the app's to route. */
const EVALUATE = /^\/api\/schemes\/((?:[A-Za-z0-9_~-]|\.|%[89A-Fa-f][0-9A-Fa-f])+)\/evaluate$/;
/** Hosts the adapter puts into the request URL without checking them (@hono/node-server's
 * reValidHost); any other is the app's, whose adapter may refuse it. */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;

/** The headers the lane reads. One sent twice is joined by the app's adapter, sometimes where Node
 * keeps only the first (Authorization): such a request is the app's. */
const READ = new Set(['host', 'authorization', 'content-type', 'content-length', 'transfer-encoding', 'x-request-id', 'accept-language', 'idempotency-key', 'x-forwarded-for']);

function sentOnce(req: IncomingMessage): boolean {
  const raw = req.rawHeaders;
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (!READ.has(name)) continue;
    if (seen.has(name)) return false;
    seen.add(name);
  }
  return true;
}

/** The scheme id of a path segment, decoded as Hono decodes it; undefined when the app should. */
function schemeIdIn(segment: string): string | undefined {
  if (/^\.+$/.test(segment)) return undefined;
  try {
    const id = decodeURIComponent(segment);
    return plainSchemeId(id) ? id : undefined;
  } catch {
    return undefined; // not UTF-8
  }
}

/** The whole body, or undefined when the connection ended before it arrived. (Listeners are inline
 * arrows and `settle` is returned by settler, not bound to a name: a transpiler keeping names — tsx,
 * as the benchmarks run the server — would name each such function per request: ≈ 0.5 µs.) */
function readBody(req: IncomingMessage, done: (bytes: Buffer | undefined) => void): void {
  // Gone while the checks awaited the database (its 'close' passed unheard): the app's to answer.
  if (req.destroyed) return done(undefined);
  const chunks: Buffer[] = [];
  const settle = settler(chunks, done);
  req.on('data', (chunk: Buffer) => void chunks.push(chunk))
    .on('end', () => settle(true))
    .on('error', () => settle(false))
    .on('close', () => settle(req.complete));
}

/** `done` called once, with the chunks joined when `ok`. */
function settler(chunks: Buffer[], done: (bytes: Buffer | undefined) => void): (ok: boolean) => void {
  let settled = false;
  return (ok) => {
    if (settled) return;
    settled = true;
    done(ok ? (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)) : undefined);
  };
}

const noSession = () => undefined;

/** A header Node joins into one string (all the lane reads but `set-cookie`, which it never reads). */
const one = (v: string | string[] | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

type Lane = IncomingMessage & { rawBody?: Buffer; [LANE_FAILED]?: unknown };

/** A request the lane took, its checks passed, its body about to be read. */
interface Taken {
  req: Lane; res: ServerResponse; handOver: HandOver;
  schemeId: string; idempotencyKey: string | undefined;
  requestId: string; start: number; locale: Locale; who: Requester & { principal: Principal };
  /** The snapshot generation the checks used (read by this request or not, see take): the writer
   * stores the evaluation only if it is still the database's at the commit, so a token revoked while
   * the body arrived is refused by the app's checks, not stored (hostile H5 F1). */
  checkedAt: number;
}

/** The reading of the snapshot's generation counter in this turn of the event loop, when there was
 * one (cleared in the turn's check phase, with the writer's commit). */
interface Turn { refreshed: Promise<number> | undefined }

export function evaluateFastLane(o: FastLaneOptions): FastLane {
  const state = evalStateOf(o.ctx);
  const identify = identifier({ store: o.ctx.store, rows: o.ctx.rows, sessionHours: o.sessionHours });
  const turn: Turn = { refreshed: undefined };
  return (req, res, handOver) => {
    const schemeId = routed(o, req);
    if (schemeId === undefined) return handOver(req, res);
    // A check that throws (the database) is the app's to answer, as any error.
    take(o, identify, turn, req as Lane, res, handOver, schemeId).then((taken) => {
      if (!taken) return handOver(req, res);
      readBody(req, (bytes) => {
        if (!bytes) return handOver(req, res);
        taken.req.rawBody = bytes;
        evaluate(o, state, taken, bytes).catch((err: unknown) =>
          o.log({ level: 'error', msg: 'unhandled error', requestId: taken.requestId, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
      });
    }, () => handOver(req, res));
  };
}

/** The scheme id, when the lane may take the request by its route and headers (none read from the
 * database yet). */
function routed(o: FastLaneOptions, req: IncomingMessage): string | undefined {
  const m = req.method === 'POST' ? EVALUATE.exec(req.url ?? '') : null;
  const schemeId = m ? schemeIdIn(m[1]) : undefined;
  if (schemeId === undefined || !sentOnce(req)) return undefined;
  const h = req.headers;
  const length = h['content-length'];
  if (
    h.host === undefined || !PLAIN_HOST.test(h.host) || h.authorization === undefined ||
    // the body limit (body-limit.ts): a chunked body is counted as it arrives, by the app
    length === undefined || h['transfer-encoding'] !== undefined || Number(length) > o.maxBodyBytes ||
    h['content-type'] === undefined || !readsAsJson(h['content-type']) ||
    // a content coding or a charset the app refuses 415 (body-coding.ts)
    codingRefusal(h) !== undefined
  ) return undefined;
  return schemeId;
}

/** The request, when the lane takes it: the app's checks before the body, in the app's order. */
async function take(
  o: FastLaneOptions, identify: ReturnType<typeof identifier>, turn: Turn, req: Lane, res: ServerResponse, handOver: HandOver, schemeId: string,
): Promise<Taken | undefined> {
  const h = req.headers;
  // As the app's middleware: request id, the log's clock, the reader's language (no same-origin
  // check: the request carries Authorization), the snapshot, the failure guard, authentication,
  // the route's roles.
  const requestId = requestIdOf(one(h['x-request-id']));
  const start = arrivalOf(req);
  const locale = negotiate(undefined, one(h['accept-language']));
  // The snapshot (db/snapshot-cache.ts) is refreshed by a turn's first request. The turn's others
  // are checked on the rows as that read found them and name its generation: the writer stores
  // their evaluation only if the counter is unchanged at the commit (evaluations/writer.ts), else
  // the app checks the request again — a token revoked meanwhile is refused. A replay is answered
  // without the writer, so a request with an Idempotency-Key always reads the counter.
  const idempotencyKey = one(h['idempotency-key']);
  let refreshed = turn.refreshed;
  if (refreshed === undefined || idempotencyKey !== undefined) {
    const reading = idempotencyKey !== undefined ? o.ctx.rows.read() : o.ctx.rows.refresh();
    if (refreshed === undefined) {
      turn.refreshed = reading;
      reading.catch(() => undefined); // a failed reading: each request of the turn hands over
      setImmediate(() => void (turn.refreshed = undefined));
    }
    refreshed = reading;
  }
  // The generation the checks below are valid for (captured before them: a refresh by another
  // request while they await names a later one, which the rows they read may predate).
  const checkedAt = await refreshed;
  const address = addressFrom(o.trustProxy ? one(h['x-forwarded-for']) : undefined, req.socket.remoteAddress);
  if (o.guard.retryAfterAt(address) > 0) return undefined;
  const { principal } = await identify(h.authorization, noSession);
  if (!principal || !holdsAny(principal, mayEvaluate.roles)) return undefined;
  return { req, res, handOver, schemeId, idempotencyKey, requestId, start, locale, who: { principal, requestId, address }, checkedAt };
}

/** Whether the snapshot's generation is still `checkedAt` (read now; false when it cannot be read). */
async function unchanged(o: FastLaneOptions, checkedAt: number): Promise<boolean> {
  try {
    return (await o.ctx.rows.read()) === checkedAt;
  } catch {
    return false;
  }
}

/** The request's body checked, its evaluation run and stored, the answer written. */
async function evaluate(o: FastLaneOptions, state: service.EvalState, t: Taken, bytes: Buffer): Promise<void> {
  const { req, res, schemeId, who } = t;
  let text: string;
  let parts: ReturnType<typeof evaluateBody> & { idempotencyKey?: string };
  try {
    text = utf8Text(bytes);
    parts = { idempotencyKey: idempotencyKeyFrom(t.idempotencyKey), ...(await evaluateBodyInTurns(text, o.ctx.limits.maxCohortSubjects)) };
  } catch (err) {
    req[LANE_FAILED] = err;
    return t.handOver(req, res);
  }
  const query = emptyQuery();
  let answer;
  try {
    answer = await service.evaluate(o.ctx, state, who.principal, {
      schemeId, version: query.version, explain: query.explain ?? false, body: parts.body, bodyText: text,
      // The text's own bytes, unless the decoder dropped a byte-order mark from them (a JSON text's
      // first byte is otherwise ASCII): the row and the answer are written without encoding again.
      bodyBytes: bytes[0] === 0xef ? undefined : bytes,
      idempotencyKey: parts.idempotencyKey, lang: t.locale, alongside: evaluationAudit(o.ctx.audit, () => who, schemeId),
      checkedAt: t.checkedAt,
    });
  } catch (err) {
    // Checked on the turn's snapshot: when its rows changed since (StaleChecks: nothing was stored),
    // or an error may come from that (an unknown scheme), the app checks the request from the start.
    if (!(err instanceof StaleChecks) && (await unchanged(o, t.checkedAt))) req[LANE_FAILED] = err;
    return t.handOver(req, res);
  }
  const headers = answerHeaders(answer, t.locale);
  // A new evaluation's record was written with it; a replay is recorded here, as auditApi
  // (audit/middleware.ts) records it: committed before the answer. Failing that, the app replays.
  if (answer.replayed) {
    try {
      await o.ctx.audit.write(recordFor(who, evaluateAudited({ id: schemeId }, query.version, headers.Location), answer.status));
    } catch {
      return t.handOver(req, res);
    }
  }
  try {
    // One headers object and no setHeader before it: Node writes it as it is. The body's bytes when
    // the service made them (the same text), else the text.
    const body = answer.bytes ?? answer.json;
    res.writeHead(answer.status, { ...SECURITY_HEADERS, [REQUEST_ID_HEADER]: t.requestId, ...headers, 'Content-Length': typeof body === 'string' ? Buffer.byteLength(body) : body.length });
    res.end(body);
  } catch (err) {
    if (res.headersSent) throw err;
    // Stored, but not answered: the app answers the error, never evaluating again.
    req[LANE_FAILED] = err;
    return t.handOver(req, res);
  }
  logRequest(o.log, { requestId: t.requestId, method: 'POST', path: `/api/schemes/${schemeId}/evaluate`, status: answer.status, start: t.start, principal: who.principal });
}
