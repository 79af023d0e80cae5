// Rows of rounds, rosters, parts, revisions and subject results written straight into a test's store
// (SQLite or PostgreSQL), so the finding-things tests (find-*.test.ts) do not depend on the rounds
// routes' workflow.
// Column names are the migration's (0006); a renamed column fails these inserts.

import { expect } from 'vitest';
import { createToken, type Role } from '../../server/auth/tokens.js';
import type { Fixture, Res } from './helpers.js';

export interface Ids { orgA: number; orgB: number; schemeId: number; versionId: number; tokenA: number }

export async function ids(f: Fixture, scheme: string): Promise<Ids> {
  const one = async (sql: string, params: (string | number)[]) => (await f.store.get<{ id: number }>(sql, params))!.id;
  const org = (name: string) => one('select id from organizations where name = ?', [name]);
  const schemeId = await one('select id from schemes where name = ?', [scheme]);
  const versionId = await one("select id from scheme_versions where scheme_id = ? and status = 'published' order by n desc", [schemeId]);
  const orgA = await org('org-A');
  const tokenA = await one('select id from tokens where org_id = ? order by id', [orgA]);
  return { orgA, orgB: await org('org-B'), schemeId, versionId, tokenA };
}

let clock = 0;
/** Time-ordered round ids, as S2 makes them (`rd_` + ms timestamp hex + random). */
export const roundId = () => 'rd_' + (Date.now() + clock++).toString(16).padStart(12, '0') + 'abcdef123456';

export interface RoundSeed { org?: number; period: string; status?: string; unit?: string | null; name?: string; revision?: number }

export async function insertRound(f: Fixture, i: Ids, r: RoundSeed): Promise<string> {
  const id = roundId();
  await f.store.run(`INSERT INTO rounds (id, org_id, scheme_id, version_id, period, unit, name, status, revision, created_by, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [id, r.org ?? i.orgA, i.schemeId, i.versionId, r.period, r.unit ?? null, r.name ?? null,
    r.status ?? 'open', r.revision ?? 0, i.tokenA, new Date().toISOString()]);
  return id;
}

export async function insertMember(f: Fixture, round: string, m: { id: string; unit?: string | null; status?: string; countsInBase?: boolean; display?: object; position: number }): Promise<void> {
  await f.store.run(`INSERT INTO round_members (round_id, subject_id, unit, status, counts_in_base, display, position) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [round, m.id, m.unit ?? null, m.status ?? 'take', m.countsInBase === false ? 0 : 1, m.display ? JSON.stringify(m.display) : null, m.position]);
}

export async function insertPart(f: Fixture, i: Ids, round: string, subject: string, field: string, valueText: string, part = 'ratings'): Promise<void> {
  await f.store.run(`INSERT INTO input_parts (round_id, subject_id, field, value, part, batch, token_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [round, subject, field, valueText, part, 'b1', i.tokenA, new Date().toISOString()]);
}

export async function insertRevision(f: Fixture, i: Ids, round: string, n: number, result: string, exact: string): Promise<void> {
  await f.store.run(`INSERT INTO revisions (round_id, n, inputs, result, exact, token_id, created_at) VALUES (?, ?, '{"subjects":[]}', ?, ?, ?, ?)`,
    [round, n, result, exact, i.tokenA, new Date().toISOString()]);
}

export interface ResultSeed { org?: number; subject: string; period: string; round?: string | null; revision?: number | null; unit?: string | null; score?: string | null; exact?: string | null; grade?: string | null; final?: boolean; imported?: boolean; at?: string }

export async function insertResult(f: Fixture, i: Ids, r: ResultSeed): Promise<void> {
  await f.store.run(`INSERT INTO subject_results (org_id, scheme_id, subject_id, period, round_id, revision, unit, score, score_exact, grade, final, imported, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [r.org ?? i.orgA, i.schemeId, r.subject, r.period, r.round ?? null, r.revision ?? null, r.unit ?? null,
    r.score ?? null, r.exact ?? null, r.grade ?? null, r.final ? 1 : 0, r.imported ? 1 : 0, r.at ?? new Date().toISOString()]);
}

/** A token of org A acting for an account that covers only `units`. */
export async function unitOfficer(f: Fixture, i: Ids, units: string[], roles: Role[] = ['evaluator']): Promise<string> {
  const account = (await f.store.get<{ id: number }>(`INSERT INTO accounts (org_id, name, roles, units, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
    [i.orgA, `officer-${units.join('-')}-${roles.join('-')}`, roles.join(','), JSON.stringify(units), new Date().toISOString()]))!.id;
  return (await createToken(f.store, { orgId: i.orgA, roles, accountId: account })).secret;
}

/** Follows a list's nextCursor from `path` (its query without limit and cursor), `limit` a page, to
 * the end or `most` pages; every page must answer 200. Answers the ids of every page in order, the
 * number of pages, and how many of them came back short with a next cursor. */
export async function everyPage(get: (path: string) => Promise<Res>, path: string, key: 'rounds' | 'evaluations', limit: number, most = 50): Promise<{ ids: string[]; pages: number; short: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0, short = 0;
  do {
    const r = await get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status, r.text).toBe(200);
    ids.push(...r.body[key].map((x: { id: string }) => x.id));
    if (r.body.nextCursor && r.body[key].length < limit) short++;
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor && pages < most);
  return { ids, pages, short };
}

/** The list pages newest first through exactly 3 pages of 3, no duplicate, no gap (`made`: the
 * listed ids, oldest first). */
export async function expectThreePagesNewestFirst(get: (path: string) => Promise<Res>, path: string, key: 'rounds' | 'evaluations', made: string[]): Promise<void> {
  const { ids, pages } = await everyPage(get, path, key, 3);
  expect(pages).toBe(3);
  expect(ids).toEqual([...made].reverse());
}
