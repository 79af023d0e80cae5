// A NUL (`%00`) in an /api path or query names nothing stored (server/nul-guard.ts): the path is
// answered as an unknown path (404), a query value 400 naming its parameter, in the reader's
// language — alike over SQLite and PostgreSQL (whose text cannot hold a NUL: a lookup by one was a
// 500 there).

import { describe, expect, it } from 'vitest';
import { dialectOf } from '../../server/store/dialect.js';
import { auditCommitted, call, type Fixture, withPublishedProvince } from './helpers.js';

let f: Fixture;
withPublishedProvince((fixture) => (f = fixture));

describe('a NUL in the URL', () => {
  it('in a path: 404 as an unknown path', async () => {
    for (const path of ['/api/schemes/%00', '/api/evaluations/ev_%00', '/api/rounds/%00']) {
      const r = await call(f.app, 'GET', path, { token: f.tokens.A.admin });
      expect([path, r.status, r.body.error.code]).toEqual([path, 404, 'not_found']);
    }
  });

  it('is audited with the NUL written as `\\u0000` (PostgreSQL cannot store one), and the log goes on', async () => {
    const r = await call(f.app, 'GET', '/api/schemes/a%00b', { token: f.tokens.A.admin, headers: { 'x-request-id': 'nul-path' } });
    expect(r.status).toBe(404);
    await call(f.app, 'GET', '/api/schemes', { token: f.tokens.A.admin, headers: { 'x-request-id': 'after-nul' } });
    await auditCommitted(f.app);
    const rows = await f.store.all<{ requestId: string; target: string | null }>(
      `SELECT request_id AS "requestId", target FROM audit_log WHERE request_id IN ('nul-path', 'after-nul') ORDER BY id`);
    expect(rows.map((x) => x.requestId)).toEqual(['nul-path', 'after-nul']);
    const escaped = await f.store.all(`SELECT id FROM audit_log WHERE request_id = 'nul-path' AND ${dialectOf(f.store).contains('target', '?')}`, ['a\\u0000b']);
    expect(escaped).toHaveLength(1);
  });

  it('in a query value: 400 naming the parameter, in English and Chinese', async () => {
    const en = await call(f.app, 'GET', '/api/audit?account=%00', { token: f.tokens.A.admin });
    expect([en.status, en.body.error.code]).toEqual([400, 'malformed_request']);
    expect(en.body.error.message).toBe('the query parameter `account` contains a NUL character (U+0000), which no name kaohe stores has');
    expect(en.body.error.details).toEqual([expect.objectContaining({ path: 'account' })]);
    const zh = await call(f.app, 'GET', '/api/evaluations?subject=a%00b', { token: f.tokens.A.evaluator, headers: { 'accept-language': 'zh' } });
    expect([zh.status, zh.body.error.message]).toEqual([400, '查询参数“subject”含控制字符（U+0000），不会是任何已存的名称']);
  });

  it('anywhere else in the URL nothing changes: %2500 is a percent sign and two zeros', async () => {
    const r = await call(f.app, 'GET', '/api/evaluations?subject=%2500', { token: f.tokens.A.evaluator });
    expect(r.status).toBe(200);
  });
});
