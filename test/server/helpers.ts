// Test fixtures for the server: a temporary SQLite file per test file (no mocks), an app over it,
// two organizations with one token per role, and a small JSON client over `app.request`.

import { afterAll, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type AppOptions } from '../../server/app.js';
import { createToken, findOrCreateOrg, type Role } from '../../server/auth/tokens.js';
import { closeDb, openDb, type Db } from '../../server/db/client.js';
import { silentLog } from '../../server/log.js';
import { sqliteStore } from '../../server/db/sqlite/store.js';
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
  close(): void;
}

/** An app over a database with the real language and engine, logging nothing. */
export async function appFor(db: Db, opts: Partial<AppOptions> = {}) {
  return createApp({ db, log: silentLog, ...opts });
}

export async function setup(opts: Partial<AppOptions> = {}): Promise<Fixture> {
  const dir = tempDir();
  const db = openDb(join(dir, 'kaohe.db'));
  const app = await appFor(db, opts);
  const tokens = { A: {}, B: {} } as Fixture['tokens'];
  for (const org of ['A', 'B'] as const) {
    const orgId = findOrCreateOrg(db, `org-${org}`);
    for (const role of ['admin', 'author', 'evaluator'] as const) tokens[org][role] = createToken(db, { orgId, roles: [role] }).secret;
  }
  return { db, store: sqliteStore(db.$client), app, dir, tokens, close: () => { closeDb(db); rmSync(dir, { recursive: true, force: true }); } };
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
