// Sending the hostile corpus (split from hostile.test.ts, issue 16 session 6; nothing changed): a
// request through node:http or as raw bytes on a fresh socket, the answers read back (several when
// pipelined), /healthz probed every PROBE_EVERY_MS while the corpus runs, and a slow client that the
// server must answer (408) or close within SLOW_BOUND_MS.

import { request } from 'node:http';
import { connect } from 'node:net';
import { type Answer, type HttpSend, MAX_ANSWER_BYTES, type RawSend, SLOW_BOUND_MS } from './hostile-corpus.js';

/** A request still unanswered after this is abandoned (and fails). */
export const CLIENT_TIMEOUT_MS = 20_000;
export const PROBE_EVERY_MS = 50;
/** npm test's probe: it proves /healthz is answered while the corpus runs; the p99 (MEASURING) needs PROBE_EVERY_MS. */
export const SMALL_PROBE_EVERY_MS = 200;

export function empty(ms: number, failure?: string): Answer {
  return { status: 0, headers: {}, body: '', bytes: 0, ms, failure };
}

/** One request through node:http on a fresh connection; the answer is read up to
 * MAX_ANSWER_BYTES + 1 bytes (then the connection is dropped and the size reported). */
export function sendHttp(port: number, s: HttpSend): Promise<Answer> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const body = s.body?.();
    const headers: Record<string, string | string[]> = { ...s.headers };
    if (body !== undefined) {
      if (s.chunked) headers['transfer-encoding'] = 'chunked';
      else headers['content-length'] = String(Buffer.byteLength(body));
    }
    let answer: Answer | undefined;
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (failure?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const a = answer ?? empty(0);
      a.ms = performance.now() - t0;
      a.body = Buffer.concat(chunks).toString('utf8');
      if (failure && !a.failure) a.failure = failure;
      req.destroy();
      resolve(a);
    };
    const req = request({ host: '127.0.0.1', port, method: s.method, path: s.path, headers, agent: false }, (res) => {
      answer = { ...empty(0), status: res.statusCode ?? 0, headers: res.headers };
      res.on('data', (d: Buffer) => {
        answer!.bytes += d.length;
        if (answer!.bytes <= MAX_ANSWER_BYTES + 1) chunks.push(d);
        else finish(); // too large: the size is reported, the rest is not worth reading
      });
      res.on('end', () => finish());
      res.on('close', () => finish(res.complete ? undefined : 'the answer was cut off'));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      // An error after a complete answer (EPIPE while the rest of a refused body was written) is fine.
      if (!answer) finish(`no answer: the connection failed (${e.code ?? e.message})`);
    });
    const timer = setTimeout(() => finish(answer ? `the answer did not end within ${CLIENT_TIMEOUT_MS} ms` : `no answer within ${CLIENT_TIMEOUT_MS} ms`), CLIENT_TIMEOUT_MS);
    req.end(body);
  });
}

interface Parsed { statuses: number[]; complete: boolean; headers: Record<string, string>; body: Buffer }

/** The final (non-1xx) responses in `data`: their statuses, and the headers and body (de-chunked)
 * of the last one, and whether that one is complete. */
export function parseResponses(data: Buffer): Parsed {
  const out: Parsed = { statuses: [], complete: false, headers: {}, body: Buffer.alloc(0) };
  let at = 0;
  while (at < data.length) {
    out.complete = false;
    const end = data.indexOf('\r\n\r\n', at);
    if (end < 0) return out;
    const head = data.subarray(at, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(head[0])?.[1] ?? 0);
    const h = Object.fromEntries(head.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    at = end + 4;
    if (status >= 100 && status < 200) continue;
    out.statuses.push(status);
    out.headers = h;
    if (h['content-length'] !== undefined) {
      out.body = data.subarray(at, at + Number(h['content-length']));
      at += Number(h['content-length']);
      if (at > data.length) return out;
    } else if (/chunked/i.test(h['transfer-encoding'] ?? '')) {
      const chunks: Buffer[] = [];
      for (;;) {
        const line = data.indexOf('\r\n', at);
        if (line < 0) return out;
        const size = parseInt(data.subarray(at, line).toString('latin1'), 16);
        if (!(size >= 0) || line + 2 + size + 2 > data.length) return out;
        chunks.push(data.subarray(line + 2, line + 2 + size));
        at = line + 2 + size + 2;
        if (size === 0) break;
      }
      out.body = Buffer.concat(chunks);
    } else {
      out.body = data.subarray(at); // delimited by the close
      return out;
    }
    out.complete = true;
  }
  return out;
}

/** Raw bytes on a fresh socket. Done when the server closes the connection, or when its answers
 * are complete and nothing more arrives for 200 ms (a keep-alive answer). */
export function sendRaw(port: number, s: RawSend, holdMs = CLIENT_TIMEOUT_MS): Promise<Answer> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let data = Buffer.alloc(0);
    let settled = false;
    let quiet: NodeJS.Timeout | undefined;
    let error: string | undefined;
    const socket = connect(port, '127.0.0.1', () => socket.write(s.raw()));
    const finish = (failure?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(quiet);
      socket.destroy();
      const { statuses, headers, body } = parseResponses(data);
      const a = empty(performance.now() - t0, failure);
      // The worst of several answers (pipelined requests), the body of the last.
      a.status = statuses.length ? Math.max(...statuses) : 0;
      a.headers = headers;
      a.bytes = data.length;
      a.body = body.toString('utf8');
      if (!a.failure && statuses.length === 0) a.failure = error ? `no answer: the connection failed (${error})` : 'the connection closed without an answer';
      resolve(a);
    };
    socket.on('data', (d: Buffer) => {
      data = Buffer.concat([data, d]);
      if (data.length > MAX_ANSWER_BYTES + 1) return finish();
      clearTimeout(quiet);
      if (parseResponses(data).complete) quiet = setTimeout(() => finish(), 200);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => finish());
    const timer = setTimeout(() => finish(`no answer within ${holdMs} ms`), holdMs);
  });
}

/** GET /healthz every `everyMs` until stopped. A probe's latency runs from when it was due,
 * so an event loop frozen by the server's work counts, even though no probe could start meanwhile. */
export function probeHealth(port: number, everyMs = PROBE_EVERY_MS) {
  const latencies: number[] = [];
  const failures: string[] = [];
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  let due = 0;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const now = performance.now();
    const missed: number[] = [];
    while (t0 + due * everyMs <= now) missed.push(t0 + due++ * everyMs);
    if (missed.length > 0) {
      inFlight.push(sendHttp(port, { method: 'GET', path: '/healthz' }).then((a) => {
        const end = performance.now();
        if (a.failure || a.status !== 200) failures.push(a.failure ?? `status ${a.status}`);
        for (const m of missed) latencies.push(end - m);
      }));
    }
    setTimeout(tick, 10);
  };
  tick();
  return async () => {
    stopped = true;
    await Promise.all(inFlight);
    return { latencies, failures };
  };
}

/** A slow client: the server must answer it (408) or at least close it within SLOW_BOUND_MS. */
export function slowClient(port: number, start: string, drip?: string): Promise<Answer> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let data = Buffer.alloc(0);
    let closed = false;
    let i = 0;
    const socket = connect(port, '127.0.0.1', () => socket.write(start));
    const dripper = drip ? setInterval(() => !closed && i < drip.length && socket.write(drip[i++]), 1_000) : undefined;
    const finish = () => {
      clearInterval(dripper);
      clearTimeout(timer);
      const { statuses, body } = parseResponses(data);
      const a = empty(performance.now() - t0);
      a.status = statuses[0] ?? 0;
      a.bytes = data.length;
      a.body = body.toString('utf8');
      if (!closed) a.failure = `still open after ${SLOW_BOUND_MS / 1000} s`;
      else if (statuses.length === 0) a.failure = 'closed without an answer';
      socket.destroy();
      resolve(a);
    };
    socket.on('data', (d: Buffer) => (data = Buffer.concat([data, d])));
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      finish();
    });
    const timer = setTimeout(finish, SLOW_BOUND_MS);
  });
}

