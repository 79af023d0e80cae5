// First start: with an empty database, `kaohe serve` creates an organization, a token holding
// admin+author (one token with two roles rather than two tokens, so one browser session can both
// manage tokens and write schemes), and loads every reference scheme (schemes/*.kaohe) that passes
// the publish gate as published version 1; a file with errors or failing examples is skipped with
// a log line. Every start then issues a fresh one-time sign-in code for that organization.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasErrors } from '../dsl/diagnostics.js';
import { issueSigninCode } from './auth/signin.js';
import { createToken, type Role } from './auth/tokens.js';
import { now } from './store/types.js';
import type { ServiceLoaders } from './deps.js';
import type { EngineApi } from '../engine/api.js';
import type { Log } from './log.js';
import { sourceHash } from './prepared.js';
import { MAX_SCHEME_ID } from './schemes/schemas.js';
import { createScheme } from './schemes/store.js';
import type { Store } from './store/types.js';

export const DEFAULT_SCHEMES_DIR = fileURLToPath(new URL('../schemes', import.meta.url));
export const FIRST_ORG = 'default';
const FIRST_ROLES: Role[] = ['admin', 'author'];

export interface Bootstrap {
  /** The first start's token (shown once), absent on later starts. */
  token?: string;
  loaded: string[];
  signinCode: string;
}

const FIRST = 'SELECT id FROM organizations ORDER BY id LIMIT 1';
/** The first organization, unless another server sharing the database created it first. */
const CREATE_FIRST = 'INSERT INTO organizations (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING id';

export async function bootstrap(store: Store, opts: { loaders: ServiceLoaders; log: Log; schemesDir?: string }): Promise<Bootstrap> {
  const first = await store.get<{ id: number }>(FIRST);
  if (first) return { loaded: [], signinCode: await issueSigninCode(store, first.id, FIRST_ROLES) };
  // Servers started together on one empty PostgreSQL database: the unique name decides which one
  // makes the first start (its token, the reference schemes); the others start as on a later day.
  const created = await store.get<{ id: number }>(CREATE_FIRST, [FIRST_ORG, now()]);
  if (!created) return bootstrap(store, opts);
  const orgId = created.id;
  const token = await createToken(store, { orgId, roles: FIRST_ROLES, name: 'first start' });
  const loaded = await loadSchemes(store, orgId, token.id, opts);
  return { token: token.secret, loaded, signinCode: await issueSigninCode(store, orgId, FIRST_ROLES) };
}

async function loadSchemes(store: Store, orgId: number, tokenId: number, opts: { loaders: ServiceLoaders; log: Log; schemesDir?: string }) {
  const dir = opts.schemesDir ?? DEFAULT_SCHEMES_DIR;
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.kaohe')).sort();
  } catch {
    return [];
  }
  if (files.length === 0) return [];
  let engine: EngineApi;
  try {
    engine = await opts.loaders.engine();
  } catch (e) {
    opts.log({ level: 'warn', msg: 'reference schemes not loaded: the language or engine is unavailable', error: String(e) });
    return [];
  }
  const loaded: string[] = [];
  for (const file of files) {
    const skip = (reason: string, details?: unknown) => opts.log({ level: 'warn', msg: `reference scheme skipped: ${reason}`, file, details });
    try {
      const source = readFileSync(join(dir, file), 'utf8');
      const prepared = engine.prepare(source, file);
      if (!prepared.value || hasErrors(prepared.diagnostics)) {
        skip('it has errors', prepared.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`));
        continue;
      }
      if (prepared.value.id.length > MAX_SCHEME_ID) {
        skip(`its name is longer than ${MAX_SCHEME_ID} characters`); // as POST /api/schemes refuses it
        continue;
      }
      const failing = (await engine.runExamples(prepared.value)).filter((x) => !x.passed);
      if (failing.length > 0) {
        skip('an example fails', failing.map((x) => x.name));
        continue;
      }
      await createScheme(store, orgId, prepared.value.id, { source, hash: sourceHash(source), tokenId }, 'published');
      loaded.push(prepared.value.id);
      opts.log({ msg: 'reference scheme loaded', file, scheme: prepared.value.id });
    } catch (e) {
      skip('it could not be loaded', String(e));
    }
  }
  return loaded;
}
