// What routers share: the Hono environment (what middleware puts on the context) and the server
// context every feature router is built with.

import type { RequestIdVariables } from 'hono/request-id';
import type { AuditNote } from './audit/actions.js';
import type { AuditLog } from './audit/log.js';
import type { Principal } from './auth/tokens.js';
import type { Store } from './store/types.js';
import type { ServiceLoaders } from './deps.js';
import type { Log } from './log.js';
import type { PreparedCache } from './prepared.js';
import type { Limits } from './limits.js';
import type { Job, JobResult } from './lang-pool/jobs.js';
import type { SnapshotCache } from './db/snapshot-cache.js';
import type { Locale } from '../dsl/i18n/index.js';

export type AppEnv = {
  Variables: RequestIdVariables & {
    /** Set by the auth middleware on every /api route that needs a caller. */
    principal: Principal;
    /** True when createApp({ trustProxy }) believes X-Forwarded-* (client-address.ts). */
    trustProxy?: boolean;
    /** What a handler adds to its request's audit record (audit/actions.ts). */
    auditNote?: AuditNote;
    /** The reader's language: `?lang=`, else Accept-Language, else en (locale.ts). */
    locale: Locale;
    /** The snapshot generation this /api request was authenticated at (app.ts): an evaluation is
     * stored only if its token still acts when the counter moved since (evaluations/writer.ts). */
    authorizedAt?: number;
  };
};

/** The database, the language and engine loaders, the caches and the logger. */
export interface ServerCtx extends ServiceLoaders {
  /** Where everything is stored (server/store/types.ts): SQLite or PostgreSQL. */
  store: Store;
  /** Tokens, schemes and versions as of the database's current generation. */
  rows: SnapshotCache;
  prepared: PreparedCache;
  /** Source cap, cache size, budgets (server/limits.ts). */
  limits: Limits;
  /** Runs a language job (analyze, format, examples, what-if, paper…) off the event loop within
   * its budget: `budgetMs`, else the language budget (server/lang-pool/pool.ts). */
  language<J extends Job>(job: J, budgetMs?: number): Promise<JobResult<J>>;
  log: Log;
  /** The append-only record of who read, evaluated or changed what (audit/log.ts). */
  audit: AuditLog;
}
