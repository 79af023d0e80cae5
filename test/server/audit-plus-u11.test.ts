// GET /api/audit with an offset's `+` sent raw (black-box trial, session 10, LOW): in a query string
// `+` is a space, so `from=2026-12-01T08:00:00+08:00` arrives as `…08:00:00 08:00` and was refused
// with the forms alone — which the sender believed they had written. The 400 now says to write `%2B`
// (zh, en); any other bad time keeps the forms; `%2B` itself is taken.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Fixture, setup } from './helpers.js';

let f: Fixture;
beforeAll(async () => { f = await setup(); });
afterAll(() => f.close());

const audit = (query: string) => call(f.app, 'GET', `/api/audit${query}`, { token: f.tokens.A.admin });
type Detail = { path: string; message: string; msg: { id: string } };

describe('an audit time whose `+` arrived as a space', () => {
  it('from / to: 400 at the parameter saying to write %2B (zh, en)', async () => {
    for (const [q, path] of [['from=2026-12-01T08:00:00+08:00', 'from'], ['to=2026-12-01T08:00+0800', 'to']]) {
      for (const lang of ['zh', 'en']) {
        const r = await audit(`?${q}&lang=${lang}`);
        expect(r.status).toBe(400);
        const details = r.body.error.details as Detail[];
        expect(details.map((d) => [d.path, d.msg.id])).toEqual([[path, 'auditQuery.plusAsSpace']]);
        expect(details[0].message).toContain('%2B');
      }
    }
  });

  it('another bad time names the forms, without the %2B hint; %2B is taken', async () => {
    for (const q of ['from=yesterday', 'from=2026-12-01 08:00:00', 'to=2026-12-01T08:00:00']) {
      const r = await audit(`?${q}`);
      expect(r.status, q).toBe(400);
      expect((r.body.error.details as Detail[]).map((d) => d.msg.id), q).toEqual(['auditQuery.time']);
      expect(r.text).not.toContain('%2B');
    }
    expect((await audit('?from=2026-12-01T08:00:00%2B08:00')).status).toBe(200);
  });
});
