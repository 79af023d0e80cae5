// A stored version that does not prepare (a published version the language of today refuses) is
// refused the same way on every route that prepares one: 422 `invalid_scheme`, "version n has errors"
// (第 n 版有错误) with its errors as details — one helper, server/version-errors.ts (review RV1). The
// broken version is written straight into the database, as a newer checker would find an old one.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { sourceHash } from '../../server/prepared.js';
import { versionRefused } from '../../server/version-errors.js';
import { call, enc, type Fixture } from './helpers.js';
import { FIVE, quarterScheme, rosterOf, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const NAME = '版本有误';

/** Version 2 of NAME, published, with a source that does not check (an unknown name in the indicator). */
async function publishBroken(f: Fixture): Promise<void> {
  const v1 = (await f.store.get<{ scheme_id: number; created_by: number }>('SELECT scheme_id, created_by FROM scheme_versions WHERE n = 1 AND scheme_id = (SELECT id FROM schemes WHERE name = ?)', [NAME]))!;
  const source = quarterScheme(NAME).replace('= 实绩', '= 没有这个名字');
  const at = new Date().toISOString();
  await f.store.run(`INSERT INTO scheme_versions (scheme_id, n, hash, status, created_by, created_at, updated_at, published_by, published_at, source)
    VALUES (?, 2, ?, 'published', ?, ?, ?, ?, ?, ?)`, [v1.scheme_id, sourceHash(source), v1.created_by, at, at, v1.created_by, at, source]);
}

describe('one refusal for a version with errors', () => {
  let f: Fixture, rc: RoundsClient;
  withRoundsApp(() => [quarterScheme(NAME)], async (fx, c) => { f = fx; rc = c; await publishBroken(fx); });

  it('the helper: 422 invalid_scheme, the version named in both languages, the errors as details', () => {
    const e = versionRefused(7, [{ code: 'E' }]);
    expect([e.status, e.code, e.details]).toEqual([422, 'invalid_scheme', [{ code: 'E' }]]);
    expect(render(e.msg as never, 'en')).toBe('version 7 has errors');
    expect(render(e.msg as never, 'zh')).toBe('第 7 版有错误');
  });

  it('evaluate, a new round and a round\'s evaluate answer the same refusal', async () => {
    const zh = { 'accept-language': 'zh' };
    // A round made on version 1, then moved to version 2, as if it had been made before the checker changed.
    const round = await rc.rostered(NAME, '2026-Q1', rosterOf(FIVE), { version: 1 });
    expect((await rc.inputs(round, { subjects: FIVE.map((p) => ({ id: p.id, input: p.input })) })).status).toBe(201);
    await f.store.run('UPDATE rounds SET version_id = (SELECT max(id) FROM scheme_versions) WHERE id = ?', [round]);
    const answers = [
      await call(f.app, 'POST', `/api/schemes/${enc(NAME)}/evaluate?version=2`, { token: f.tokens.A.evaluator, body: { id: 'a', input: { 实绩: 90 } }, headers: zh }),
      await call(f.app, 'POST', '/api/rounds', { token: f.tokens.A.author, body: { scheme: NAME, period: '2026-Q2', version: 2 }, headers: zh }),
      await call(f.app, 'POST', `/api/rounds/${round}/evaluate`, { token: f.tokens.A.author, headers: zh }),
    ];
    for (const r of answers) {
      expect(r.status, r.text).toBe(422);
      expect(r.body.error.code).toBe('invalid_scheme');
      expect(r.body.error.message).toBe('第 2 版有错误');
      expect(r.body.error.details.map((d: { code: string }) => d.code)).toEqual(['KH-C001']);
    }
  });

  it('no other server module builds it', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
      .flatMap((d) => d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []);
    const builders = files(join(import.meta.dirname, '../../server'))
      .filter((p) => /'invalid_scheme'|invalidScheme\(M\.versionHasErrors/.test(readFileSync(p, 'utf8')))
      .map((p) => p.slice(p.lastIndexOf('server/')));
    expect(builders).toEqual(['server/version-errors.ts']);
  });
});
