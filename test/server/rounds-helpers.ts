// Shared steps of the rounds tests (issue 14): the small test schemes, an app with them published,
// making a round, setting its roster, submitting parts, evaluating, 公示 and final, accounts with
// units — all through the HTTP API of a real store (SQLite, or PostgreSQL under `npm run test:pg`).
// One place, so that every rounds test file sets a round up the same way and a change of the routes
// is followed once.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { AppOptions } from '../../server/app.js';
import { createToken, type Role } from '../../server/auth/tokens.js';
import { call, enc, removeTempDirs, setup, type Fixture, type Res } from './helpers.js';

const ROOT = join(import.meta.dirname, '../..');
export const QUARTERLY = () => readFileSync(join(ROOT, 'schemes/quarterly-review.kaohe'), 'utf8');
export const ANNUAL = () => readFileSync(join(ROOT, 'schemes/annual-review.kaohe'), 'utf8');

/** 领导班子考核 (issue 14 part 2): teams scored by 实绩 alone, grades 好 ≥ 90, 较好 ≥ 80, 一般 ≥ 70, 较差
 * (or the grade lines given) — the source a 班子成员 scheme's related field (`引用结果 … 对象 班子`) reads. */
export const TEAM_SCHEME = (grades = '好 当 总分 >= 90\n    较好 当 总分 >= 80\n    一般 当 总分 >= 70\n    较差 其他') => `方案 领导班子考核 "领导班子年度考核（测试）" {
  周期 年度
  精度 2
  输入 {
    实绩 "班子实绩得分": 数值 属于 [0, 100]
  }
  指标 班子实绩 权重 100% = 实绩
  等次 {
    ${grades}
  }
}`;

/** A small quarterly scheme: the score is 实绩 (0–100) as is; 优秀 from 90 — with `quota`, at most 40%
 * of the round, rounded down (of five people, two) — else 称职. `committee`: graded by committee;
 * `outcomes`: the lines of an outcomes block. */
export function quarterScheme(name: string, opts: { quota?: boolean; committee?: boolean; outcomes?: string[] } = {}): string {
  const outcomes = opts.outcomes ? `\n  outcomes {\n${opts.outcomes.map((line) => `    ${line}\n`).join('')}  }` : '';
  return `scheme ${name} {
  period quarterly
  precision 2
  input { 实绩: number in [0, 100] }
  indicator 实绩分 weight 100% = 实绩
  grades${opts.committee ? ' by committee' : ''} {
    优秀 when score >= 90${opts.quota ? ' quota 40%' : ''}
    称职 otherwise
  }${outcomes}
}`;
}

/** An annual scheme rolling up the quarters of `source` (`missing skip`): the score is their average
 * (0 without any) + 调整 (default 0); 优秀 from 90, else 称职. `cohortBy`: `cohort by 单位` (the server
 * fills 单位 from the roster). */
export function annualScheme(name: string, source: string, opts: { cohortBy?: boolean } = {}): string {
  return `scheme ${name} {
  period annual
  precision 2${opts.cohortBy ? '\n  cohort by 单位' : ''}
  input {${opts.cohortBy ? '\n    单位: text' : ''}
    季度结果: results of ${source} quarterly missing skip
    调整: number = 0
  }
  indicator 平时 weight 100% = (if count(季度结果) == 0 then 0 else avg(r in 季度结果 : r.score)) + 调整
  grades {
    优秀 when score >= 90
    称职 otherwise
  }
}`;
}

/** A fresh app over a fresh store (setup) with `sources` created and published in
 * organization A; close it in afterAll. */
export async function appWith(sources: string[], opts: Partial<AppOptions> = {}): Promise<Fixture> {
  const f = await setup(opts);
  for (const source of sources) await publish(f, source);
  return f;
}

/** For the file's tests (beforeAll; closed and its temporary directory removed in afterAll): an app
 * with `sources` published (appWith); `ready` receives the fixture and a client of organization A
 * (and may set up more). */
export function withRoundsApp(sources: () => string[], ready: (f: Fixture, rc: RoundsClient) => void | Promise<void>, opts: Partial<AppOptions> = {}): void {
  let f: Fixture | undefined;
  beforeAll(async () => {
    f = await appWith(sources(), opts);
    await ready(f, client(f));
  }, 120_000);
  afterAll(async () => { await f?.close(); removeTempDirs(); });
}

/** Creates `source` in `org` and publishes it (author token); answers the scheme's id (its name). */
export async function publish(f: Fixture, source: string, org: 'A' | 'B' = 'A'): Promise<string> {
  const created = await call(f.app, 'POST', '/api/schemes', { token: f.tokens[org].author, body: { source } });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  const pub = await call(f.app, 'POST', `/api/schemes/${enc(id)}/publish`, { token: f.tokens[org].author });
  if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${pub.text}`);
  return id;
}

/** The body of the answer `r`, expecting its status to be `status`. */
export async function ok(r: Res | Promise<Res>, status: number): Promise<any> {
  const x = await r;
  expect(x.status, x.text).toBe(status);
  return x.body;
}

/** The error details of an answer as [path, code] pairs. */
export const codes = (body: any): [string, string][] => body.error.details.map((d: { path: string; code: string }) => [d.path, d.code]);

/** How many revisions, amendments and input parts `round` has stored. */
export async function roundCounts(f: Fixture, round: string): Promise<{ revisions: number; amendments: number; parts: number }> {
  const n = async (table: string) => (await f.store.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE round_id = ?`, [round]))!.n;
  return { revisions: await n('revisions'), amendments: await n('amendments'), parts: await n('input_parts') };
}

/** A token of `org` acting for a new account `name` with `roles` and `units` (null: every unit),
 * written straight into the store. */
export async function accountToken(f: Fixture, name: string, units: string[] | null, roles: Role[] = ['author'], org: 'A' | 'B' = 'A'): Promise<string> {
  const orgId = (await f.store.get<{ id: number }>('SELECT id FROM organizations WHERE name = ?', [`org-${org}`]))!.id;
  const account = (await f.store.get<{ id: number }>('INSERT INTO accounts (org_id, name, roles, units, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    [orgId, name, roles.join(','), units === null ? null : JSON.stringify(units), new Date().toISOString()]))!.id;
  return (await createToken(f.store, { orgId, roles, accountId: account })).secret;
}

/** A person of a round: roster unit (none: the round's) and the inputs sent for them. */
export interface Person { id: string; unit?: string; input: Record<string, unknown> }

/** The roster of `people`: all taking part, in their units (if any). */
export const rosterOf = (people: Person[]) => people.map((p) => ({ id: p.id, ...(p.unit !== undefined && { unit: p.unit }), status: 'take' }));

/** Five people for quarterScheme(…, { quota: true }), 实绩 a 95, b 93, c 91, d 80, e 70: a and b are
 * 优秀 (40% of five is two); c (91) is demoted by the quota. */
export const FIVE: Person[] = Object.entries({ a: 95, b: 93, c: 91, d: 80, e: 70 }).map(([id, v]) => ({ id, input: { 实绩: v } }));

/** Today in China (UTC+8): 公示 days are China's (server/rounds/handlers.ts). */
export const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The China day `n` days after today: a 公示 may end at most 90 days ahead (rounds/publicity.ts MAX_PUBLICITY_DAYS). */
export const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

/** The 公示 of `round` ended yesterday (China time): finalize is allowed only after its `until` day. */
export async function endPublicity(f: Fixture, round: string): Promise<void> {
  const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  await f.store.run("UPDATE rounds SET publicity_until = ? WHERE id = ? AND status = 'publicity'", [yesterday, round]);
}

export function client(f: Fixture, org: 'A' | 'B' = 'A') {
  const t = f.tokens[org];
  const must = (r: Res, status: number, what: string) => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text}`);
    return r;
  };
  return {
    create: (body: unknown, token = t.author) => call(f.app, 'POST', '/api/rounds', { token, body }),
    get: (id: string, token = t.evaluator) => call(f.app, 'GET', `/api/rounds/${id}`, { token }),
    roster: (id: string, members: unknown[], token = t.author) => call(f.app, 'PUT', `/api/rounds/${id}/roster`, { token, body: { members } }),
    inputs: (id: string, body: unknown, opts: { token?: string; key?: string } = {}) =>
      call(f.app, 'POST', `/api/rounds/${id}/inputs`, { token: opts.token ?? t.evaluator, body, headers: opts.key ? { 'idempotency-key': opts.key } : {} }),
    evaluate: (id: string, token = t.author) => call(f.app, 'POST', `/api/rounds/${id}/evaluate`, { token }),
    publicize: (id: string, until = today(), token = t.author) => call(f.app, 'POST', `/api/rounds/${id}/publicize`, { token, body: { until } }),
    finalize: (id: string, token = t.author) => call(f.app, 'POST', `/api/rounds/${id}/finalize`, { token }),
    /** A new round of `scheme` for `period` (`extra`: name, unit, appealDays…) with `members` as its
     * roster; every step by `token`. */
    async rostered(scheme: string, period: string, members: unknown[], extra: Record<string, unknown> = {}, token = t.author): Promise<string> {
      const r = await this.create({ scheme, period, ...extra }, token);
      expect(r.status, r.text).toBe(201);
      const id = r.body.id as string;
      const roster = await this.roster(id, members, token);
      expect(roster.status, roster.text).toBe(200);
      return id;
    },
    /** A round of `people`, all taking part, their inputs in one part, evaluated (revision 1); every
     * step by `token`. */
    async evaluated(scheme: string, period: string, people: Person[], extra: Record<string, unknown> = {}, token = t.author): Promise<string> {
      const id = await this.rostered(scheme, period, rosterOf(people), extra, token);
      const parts = await this.inputs(id, { subjects: people.map((p) => ({ id: p.id, input: p.input })) }, { token });
      expect(parts.status, parts.text).toBe(201);
      const ev = await this.evaluate(id, token);
      expect(ev.status, ev.text).toBe(200);
      return id;
    },
    /** An evaluated round through 公示 (until today, China time; then ended) to final. */
    async finish(id: string, token = t.author): Promise<void> {
      const pub = await this.publicize(id, today(), token);
      expect(pub.status, pub.text).toBe(200);
      expect(pub.body.status).toBe('publicity');
      await endPublicity(f, id);
      const fin = await this.finalize(id, token);
      expect(fin.status, fin.text).toBe(200);
      expect(fin.body.status).toBe('final');
    },
    /** Four quarterly rounds of `scheme` in `year` of `people` (as `evaluated`), each through final:
     * their ids, Q1 first. */
    async finalQuarters(scheme: string, year: number, people: Person[]): Promise<string[]> {
      const ids: string[] = [];
      for (const q of [1, 2, 3, 4]) {
        const id = await this.evaluated(scheme, `${year}-Q${q}`, people);
        await this.finish(id);
        ids.push(id);
      }
      return ids;
    },
    /** A round through final with the given inputs per person (unit from the roster). */
    async finalRound(scheme: string, period: string, people: { id: string; unit: string; input: Record<string, unknown> }[], final = true): Promise<string> {
      const round = must(await this.create({ scheme, period }), 201, 'create').body.id as string;
      must(await this.roster(round, rosterOf(people)), 200, 'roster');
      must(await this.inputs(round, { subjects: people.map((p) => ({ id: p.id, input: p.input })) }), 201, 'inputs');
      must(await this.evaluate(round), 200, 'evaluate');
      if (!final) return round;
      must(await this.publicize(round), 200, 'publicize');
      await endPublicity(f, round);
      must(await this.finalize(round), 200, 'finalize');
      return round;
    },
  };
}

export type RoundsClient = ReturnType<typeof client>;
