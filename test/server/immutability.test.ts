// A published version is immutable: the API opens a new version instead of altering it, and the
// database's triggers (SQLite's, PostgreSQL's) refuse a direct UPDATE or DELETE of a published row (drafts stay editable).
// Stored evaluations are write-once too.

import { describe, expect, it } from 'vitest';
import { call, enc, type Fixture, PROVINCE, PROVINCE_ID, singleCase, withPublishedProvince } from './helpers.js';

let f: Fixture;
withPublishedProvince((fixture) => (f = fixture));

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const sql = (q: string) => f.store.run(q);

describe('published versions are immutable', () => {
  it('refuses a direct SQL UPDATE of a published version', async () => {
    await expect(sql(`update scheme_versions set source = 'tampered' where n = 1`)).rejects.toThrow(/immutable/);
    await expect(sql(`update scheme_versions set status = 'draft', published_at = null where n = 1`)).rejects.toThrow(/immutable/);
    await expect(sql(`update scheme_versions set hash = 'sha256:0' where n = 1`)).rejects.toThrow(/immutable/);
  });

  it('refuses a direct SQL DELETE of a published version', async () => {
    await expect(sql(`delete from scheme_versions where n = 1`)).rejects.toThrow(/immutable/);
  });

  it('leaves the published row as it was', async () => {
    const v = await call(f.app, 'GET', `${S}/versions/1`, { token: f.tokens.A.author });
    expect(v.body).toMatchObject({ status: 'published', source: PROVINCE() });
  });

  it('lets a draft be edited and deleted in SQL (the triggers only guard published rows)', async () => {
    await call(f.app, 'PUT', `${S}/draft`, { token: f.tokens.A.author, body: { source: PROVINCE() + '\n' } });
    await expect(sql(`update scheme_versions set updated_at = 'x' where n = 2`)).resolves.toBe(1);
    await expect(sql(`delete from scheme_versions where n = 2`)).resolves.toBe(1);
  });

  it('the API cannot alter a published version: PUT draft opens n+1, publish has nothing to publish', async () => {
    const put = await call(f.app, 'PUT', `${S}/draft`, { token: f.tokens.A.author, body: { source: PROVINCE() + '\n// v2\n' } });
    expect(put.body.version).toMatchObject({ n: 2, status: 'draft' });
    const v1 = await call(f.app, 'GET', `${S}/versions/1`, { token: f.tokens.A.author });
    expect(v1.body.source).toBe(PROVINCE());
  });

  it('stored evaluations cannot be updated', async () => {
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: singleCase().subject });
    expect(r.status).toBe(201);
    await expect(sql(`update evaluations set result = '{}'`)).rejects.toThrow(/immutable/);
  });
});
