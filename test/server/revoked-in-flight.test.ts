// A token revoked while its request's body is still arriving (hostile H5 F1): authentication is
// decided at the headers, the evaluation stored after the body, and a revocation committed in
// between used to lose — 201 and a stored evaluation under the revoked token. Now the commit asks
// again when the database's generation moved since the request was authenticated
// (evaluations/writer.ts): 401 and nothing stored, on the evaluate fast lane and on the app (a Host
// the lane hands over); a token left alone in the same window still evaluates.

import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createToken, findOrCreateOrg, revokeToken } from '../../server/auth/tokens.js';
import { enc, PROVINCE_ID, singleCase, countOf } from './helpers.js';
import { socketServer } from './socket-server.js';

const s = socketServer();

const storedBy = (tokenId: number) => countOf(s.f, 'SELECT count(*) AS "n" FROM evaluations WHERE token_id = ?', [tokenId]);

/** Sends an evaluate's headers and the first bytes of its body, runs `meanwhile` once the server
 * has the headers, sends the rest, and returns the status line. */
function evaluateAcross(host: string, secret: string, meanwhile: () => Promise<void>): Promise<string> {
  const body = JSON.stringify(singleCase().subject);
  const head = [
    `POST /api/schemes/${enc(PROVINCE_ID)}/evaluate HTTP/1.1`, `Host: ${host}`, `Authorization: Bearer ${secret}`,
    'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', '', '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(s.port(), '127.0.0.1', async () => {
      socket.write(head + body.slice(0, 5));
      await sleep(150);
      await meanwhile();
      socket.write(body.slice(5));
    });
    const got: Buffer[] = [];
    socket.on('data', (d) => got.push(d)).on('error', reject)
      .on('close', () => resolve(Buffer.concat(got).toString('utf8').split('\r\n')[0]));
  });
}

describe('a token revoked while its request body arrives', () => {
  const orgId = () => findOrCreateOrg(s.f.store, 'org-A');
  for (const [path, host] of [['the fast lane', '127.0.0.1'], ['the app', 'LOCALHOST']] as const) {
    it(`${path}: 401, nothing stored`, async () => {
      const token = await createToken(s.f.store, { orgId: await orgId(), roles: ['evaluator'] });
      const status = await evaluateAcross(host, token.secret, async () => void (await revokeToken(s.f.store, await orgId(), token.publicId)));
      expect(status).toBe('HTTP/1.1 401 Unauthorized');
      expect(await storedBy(token.id)).toBe(0);
    });

    it(`${path}: a token left alone is stored, though other rows changed meanwhile`, async () => {
      const token = await createToken(s.f.store, { orgId: await orgId(), roles: ['evaluator'] });
      const other = await createToken(s.f.store, { orgId: await orgId(), roles: ['evaluator'] });
      const status = await evaluateAcross(host, token.secret, async () => void (await revokeToken(s.f.store, await orgId(), other.publicId)));
      expect(status).toBe('HTTP/1.1 201 Created');
      expect(await storedBy(token.id)).toBe(1);
    });
  }
});
