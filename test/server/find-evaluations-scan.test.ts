// GET /api/evaluations with a sparse `subject` or `unit` over more evaluations than one page examines
// (SCAN_MAX): a page may come back short or empty with a nextCursor, and following the cursors to the
// end finds every match exactly once, newest first. Rows are written straight into the store.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAN_MAX } from '../../server/evaluations/list.js';
import { call, enc, PROVINCE_ID, publishedProvince, removeTempDirs, setup, type Fixture } from './helpers.js';
import { everyPage, ids } from './find-seed.js';

let f: Fixture;
const rare: string[] = [];
const TOTAL = SCAN_MAX + 1500;

beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
  const i = await ids(f, PROVINCE_ID);
  const rows: (string | number)[][] = [];
  for (let n = 0; n < TOTAL; n++) {
    const id = 'ev_' + (1_700_000_000_000 + n).toString(16).padStart(12, '0') + '000000000000';
    // Three matches: two below the newest window, one in it.
    const hit = n === 10 || n === 20 || n === TOTAL - 3;
    const subjects = hit ? ['X1', 'RARE'] : ['X1', 'X2'];
    const result = JSON.stringify({ results: subjects.map((s) => ({ subject: s, cohort: s === 'RARE' ? '稀有科' : '综合科' })), cohorts: [] });
    rows.push([id, i.versionId, i.tokenA, JSON.stringify(subjects), result, new Date().toISOString()]);
    if (hit) rare.unshift(id);
  }
  // Multi-row inserts in one transaction: one round trip per 500 rows over PostgreSQL.
  await f.store.tx(async (tx) => {
    for (let at = 0; at < rows.length; at += 500) {
      const page = rows.slice(at, at + 500);
      await tx.run(`INSERT INTO evaluations (id, version_id, hash, token_id, kind, subject_ids, input, result, explain, lang, period, created_at)
        VALUES ${page.map(() => "(?, ?, 'h', ?, 'cohort', ?, '{}', ?, 0, 'en', '2026', ?)").join(', ')}`, page.flat());
    }
  });
}, 120_000);
afterAll(() => { f.close(); removeTempDirs(); });

const all = (q: string) => everyPage((path) => call(f.app, 'GET', path, { token: f.tokens.A.evaluator }), `/api/evaluations?${q}`, 'evaluations', 2);

describe('sparse filters beyond one scan window', () => {
  it('subject: every match once, newest first, across short pages', async () => {
    const r = await all('subject=RARE');
    expect(r.ids).toEqual(rare);
    expect(r.short).toBeGreaterThan(0);
  });

  it('unit: the same', async () => {
    expect((await all(`unit=${enc('稀有科')}`)).ids).toEqual(rare);
    const none = await all(`unit=${enc('没有')}`);
    expect(none.ids).toEqual([]);
    expect(none.pages).toBe(2);
  });
});
