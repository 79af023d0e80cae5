// Concurrency: 50 simultaneous evaluations and publishes lose and duplicate nothing, version numbers
// stay consecutive, and one Idempotency-Key stores once — within one app and across two apps
// (two connections, as two processes would have) on the same database.

import { describe, expect, it } from 'vitest';
import type { Param } from '../../server/store/types.js';
import { appFor, call, enc, type Fixture, otherConnection, PROVINCE, PROVINCE_ID, singleCase, withPublishedProvince } from './helpers.js';

let f: Fixture;
withPublishedProvince((fixture) => (f = fixture));

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const N = 50;
const rows = (sql: string, ...args: Param[]) => f.store.all(sql, args);

describe('concurrency', () => {
  it(`${N} concurrent evaluations are all stored once`, async () => {
    const before = (await rows('select id from evaluations')).length;
    const subject = singleCase().subject!;
    const res = await Promise.all(
      Array.from({ length: N }, (_, i) => call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { ...subject, id: `C${i}` } })),
    );
    expect(res.map((r) => r.status)).toEqual(Array(N).fill(201));
    const ids = new Set(res.map((r) => r.body.evaluationId));
    expect(ids.size).toBe(N);
    const stored = await rows('select id, subject_ids from evaluations');
    expect(stored.length).toBe(before + N);
    for (const id of ids) expect(stored.some((r) => r.id === id)).toBe(true);
  });

  it(`${N} concurrent retries with one Idempotency-Key store one evaluation`, async () => {
    const body = singleCase().subject;
    const headers = { 'idempotency-key': 'same-key' };
    const res = await Promise.all(Array.from({ length: N }, () => call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body, headers })));
    expect(res.filter((r) => r.status === 201)).toHaveLength(1);
    expect(res.filter((r) => r.status === 200)).toHaveLength(N - 1);
    expect(new Set(res.map((r) => r.body.evaluationId)).size).toBe(1);
    expect(await rows(`select id from evaluations where idempotency_key = 'same-key'`)).toHaveLength(1);
  });

  it('one Idempotency-Key sent to two apps (two connections) at once stores one evaluation', async () => {
    const store2 = await otherConnection(f);
    const app2 = await appFor(store2);
    try {
      const body = singleCase().subject;
      const headers = { 'idempotency-key': 'two-processes' };
      const res = await Promise.all(
        Array.from({ length: 10 }, (_, i) => call(i % 2 ? app2 : f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body, headers })),
      );
      expect(res.every((r) => r.status === 200 || r.status === 201), res.map((r) => r.text).join('\n')).toBe(true);
      expect(new Set(res.map((r) => r.body.evaluationId)).size).toBe(1);
      expect(await rows(`select id from evaluations where idempotency_key = 'two-processes'`)).toHaveLength(1);
    } finally {
      await store2.close();
    }
  });

  it(`${N} concurrent draft+publish rounds give consecutive versions, each published once`, async () => {
    const rounds = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const put = await call(f.app, 'PUT', `${S}/draft`, { token: f.tokens.A.author, body: { source: `${PROVINCE()}\n// round ${i}\n` } });
        const pub = await call(f.app, 'POST', `${S}/publish`, { token: f.tokens.A.author });
        return { put, pub };
      }),
    );
    for (const { put, pub } of rounds) {
      expect(put.status).toBe(200);
      expect([200, 409]).toContain(pub.status);
    }
    const published = rounds.filter((r) => r.pub.status === 200).map((r) => r.pub.body.version.n as number);
    expect(new Set(published).size).toBe(published.length);
    expect(published.length).toBeGreaterThan(0);
    const versions = await rows(`select n, status, hash, source from scheme_versions v join schemes s on s.id = v.scheme_id where s.name = ? order by n`, PROVINCE_ID);
    expect(versions.map((v) => v.n)).toEqual(versions.map((_, i) => i + 1));
    // Every version but possibly the newest is published, and every published one was answered once.
    expect(versions.slice(0, -1).every((v) => v.status === 'published')).toBe(true);
    expect(versions.filter((v) => v.status === 'published').map((v) => v.n).sort((a, b) => Number(a) - Number(b))).toEqual(
      [1, ...published].sort((a, b) => a - b),
    );
    // A published version's text is the text that was checked: its hash matches its source.
    const { sourceHash } = await import('../../server/prepared.js');
    for (const v of versions) expect(v.hash).toBe(sourceHash(String(v.source)));
  });

  it('evaluations running while versions are published all land on a published version', async () => {
    const subject = singleCase().subject!;
    const work = Array.from({ length: N }, (_, i) =>
      i % 5 === 0
        ? call(f.app, 'PUT', `${S}/draft`, { token: f.tokens.A.author, body: { source: `${PROVINCE()}\n// mix ${i}\n` } }).then(() =>
            call(f.app, 'POST', `${S}/publish`, { token: f.tokens.A.author }),
          )
        : call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { ...subject, id: `M${i}` } }),
    );
    const res = await Promise.all(work);
    expect(res.every((r) => [200, 201, 409].includes(r.status))).toBe(true);
    const orphans = await rows(`select e.id from evaluations e join scheme_versions v on v.id = e.version_id where v.status != 'published' and e.subject_ids like '["M%'`);
    expect(orphans).toHaveLength(0);
  });
});
