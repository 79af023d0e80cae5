// Test fixtures for the server: a temporary SQLite file per test file (no mocks), an app over it,
// two organizations with one token per role, and a small JSON client over `app.request`.

import { afterAll, beforeAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type AppOptions } from '../../server/app.js';
import { createToken, findOrCreateOrg, sha256, type NewToken, type Role } from '../../server/auth/tokens.js';
import { closeDb, openDb, type Db } from '../../server/db/client.js';
import { silentLog } from '../../server/log.js';
import { sqliteStore } from '../../server/db/sqlite/store.js';
import { openTestStore } from './store-target.js';
import type { Store } from '../../server/store/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A reference scheme (schemes/) or its hand-computed cases, read from the shared spec. */
export function example(file: string): string {
  for (const dir of [join(ROOT, 'schemes'), join(ROOT, '../shared/spec/examples')]) {
    if (existsSync(join(dir, file))) return readFileSync(join(dir, file), 'utf8');
  }
  throw new Error(`example ${file} not found`);
}

export const PROVINCE = () => example('province-annual.kaohe');
export const PROVINCE_ID = '省直年度考核';

interface Case { name: string; subject?: { id: string; input: Record<string, unknown> }; subjects?: { id: string; input: Record<string, unknown> }[]; expect?: Record<string, unknown>; expectErrors?: string[] }
export const provinceCases = (): Case[] => (JSON.parse(example('province-annual.cases.json')) as { cases: Case[] }).cases;
export const singleCase = () => provinceCases().find((c) => c.subject && c.expect)!;
export const cohortCase = () => provinceCases().find((c) => c.subjects)!;
export const invalidCase = () => provinceCases().find((c) => c.expectErrors)!;

const made: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs() (call it in afterAll). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-test-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Fixture {
  db: Db;
  /** The app's store (server/store/types.ts): what tests read and write through. */
  store: Store;
  app: ReturnType<typeof createApp>;
  dir: string;
  /** tokens[org][role]: org A is the caller's own organization, B another one. */
  tokens: Record<'A' | 'B', Record<Role, string>>;
  close(): Promise<void>;
}

/** An app over a store (or a SQLite handle's) with the real language and engine, logging nothing. */
export async function appFor(store: Store | Db, opts: Partial<AppOptions> = {}) {
  return createApp({ store: 'dialect' in store && typeof store.dialect === 'string' ? (store as Store) : sqliteStore((store as Db).$client), log: silentLog, ...opts });
}

/** The store setup() runs the app over: SQLite, or PostgreSQL when KAOHE_TEST_STORE=postgres (with
 * KAOHE_TEST_PG naming the server; test/server/store-target.ts) — the same tests over both. */
export const FIXTURE_DIALECT = process.env.KAOHE_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

export async function setup(opts: Partial<AppOptions> = {}): Promise<Fixture> {
  const dir = tempDir();
  let db: Db | undefined;
  let store: Store;
  let closeStore: () => Promise<void>;
  if (FIXTURE_DIALECT === 'postgres') {
    const t = await openTestStore('postgres');
    store = t.store;
    closeStore = t.close;
  } else {
    const sqlite = openDb(join(dir, 'kaohe.db'));
    db = sqlite;
    store = sqliteStore(sqlite.$client);
    closeStore = async () => closeDb(sqlite);
  }
  const app = await appFor(store, opts);
  const tokens = { A: {}, B: {} } as Fixture['tokens'];
  for (const org of ['A', 'B'] as const) {
    const orgId = await findOrCreateOrg(store, `org-${org}`);
    for (const role of ['admin', 'author', 'evaluator'] as const) tokens[org][role] = (await createToken(store, { orgId, roles: [role] })).secret;
  }
  // `db`: the SQLite handle, for tests that look into the file itself (absent over PostgreSQL).
  return { db: db as Db, store, app, dir, tokens, close: async () => { await closeStore(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A bearer token written straight into the SQLite file, at once (createToken's row, for helpers that
 * stay synchronous: rounds-helpers accountToken, find-seed unitOfficer). */
export function insertToken(f: Fixture, o: { orgId: number; roles: Role[]; accountId?: number | null }): NewToken {
  const secret = 'kh_' + randomBytes(24).toString('base64url');
  const publicId = 'tok_' + randomBytes(6).toString('hex');
  const id = Number(f.db.$client.prepare('INSERT INTO tokens (public_id, org_id, kind, roles, hash, created_at, account_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(publicId, o.orgId, 'bearer', o.roles.join(','), sha256(secret), new Date().toISOString(), o.accountId ?? null).lastInsertRowid);
  return { secret, publicId, id };
}

export interface Res { status: number; body: any; headers: Headers; text: string }

type Fetchable = { request(path: string, init?: RequestInit): Response | Promise<Response> };

/** JSON request: `body` is serialized unless it is already a string. */
export async function call(app: Fetchable, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  return { status: res.status, body: parsed, headers: res.headers, text };
}

export const enc = encodeURIComponent;

/** Creates the province scheme in org A and publishes it (author token). */
export async function publishedProvince(f: Fixture): Promise<void> {
  const created = await call(f.app, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source: PROVINCE() } });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const pub = await call(f.app, 'POST', `/api/schemes/${enc(PROVINCE_ID)}/publish`, { token: f.tokens.A.author });
  if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${pub.text}`);
}

/** The API.md error body. */
export function isErrorBody(body: any): boolean {
  return !!body && typeof body.error === 'object' && typeof body.error.code === 'string' && typeof body.error.message === 'string' && Array.isArray(body.error.details);
}

/** A fresh app with the province scheme published for the file's tests (beforeAll), closed after
 * them (afterAll); `ready` receives the fixture. */
export function withPublishedProvince(ready: (f: Fixture) => void): void {
  let f: Fixture | undefined;
  beforeAll(async () => {
    f = await setup();
    await publishedProvince(f);
    ready(f);
  });
  afterAll(() => f?.close());
}
