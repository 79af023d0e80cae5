// Bytes Node cannot parse, arriving on a keep-alive connection behind whole requests (hostile H5
// F6): the answers of those requests are written first — an evaluation stored among them — then the
// 400, and the connection closes (server/node-server.ts onClientError). Before, the 400 replaced the
// pending 201: the client saw only the refusal, took it for its evaluate's answer and, retrying, stored
// a duplicate. Checked on the evaluate fast lane and on the app (a Host the lane hands over), with
// the garbage in the same write as the request, and behind two pipelined requests.

import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { enc, PROVINCE_ID, singleCase, rowsIn } from './helpers.js';
import { socketServer } from './socket-server.js';

const s = socketServer();

/** Writes `bytes` at once and returns everything read until the server closed the connection. */
function exchange(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(s.port(), '127.0.0.1', () => socket.write(bytes));
    const got: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error('the server did not close the connection')), 10_000);
    socket.on('data', (d) => got.push(d)).on('error', reject)
      .on('close', () => { clearTimeout(timer); resolve(Buffer.concat(got).toString('utf8')); });
  });
}

const statusLines = (text: string) => text.match(/HTTP\/1\.1 \d{3} [^\r]*/g) ?? [];
const stored = () => rowsIn(s.f, 'evaluations');

function evaluateRequest(host: string): string {
  const body = JSON.stringify(singleCase().subject);
  return [
    `POST /api/schemes/${enc(PROVINCE_ID)}/evaluate HTTP/1.1`, `Host: ${host}`, `Authorization: Bearer ${s.f.tokens.A.evaluator}`,
    'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, '', body,
  ].join('\r\n');
}

describe('unparsable bytes behind whole requests on one connection', () => {
  for (const [path, host] of [['the fast lane', '127.0.0.1'], ['the app', 'LOCALHOST']] as const) {
    it(`${path}: the stored evaluation's 201 comes first, then the 400, then the close`, async () => {
      const before = await stored();
      for (const junk of ['GARBAGE\r\n\r\n', '\x00\x01\x02']) {
        const text = await exchange(evaluateRequest(host) + junk);
        expect(statusLines(text), junk).toEqual(['HTTP/1.1 201 Created', 'HTTP/1.1 400 Bad Request']);
        expect(text).toMatch(/"evaluationId":"[^"]+"[^]*"code":"malformed_request"/);
      }
      expect(await stored()).toBe(before + 2);
    });
  }

  it('every pipelined answer is written, in order, before the 400', async () => {
    const get = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    const text = await exchange(get + evaluateRequest('127.0.0.1') + get + 'HELLO THERE\r\n\r\n');
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 201 Created', 'HTTP/1.1 200 OK', 'HTTP/1.1 400 Bad Request']);
  });

  it('bytes a request\'s own body fails on are refused at once', async () => {
    const bad = 'POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n';
    expect(statusLines(await exchange(bad))).toEqual(['HTTP/1.1 400 Bad Request']);
  });
});
