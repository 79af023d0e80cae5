// What routers share: the Hono environment (what middleware puts on the context) and the server
// context every feature router is built with.

import type { RequestIdVariables } from 'hono/request-id';
import type { Principal } from './auth/tokens.js';
import type { Db } from './db/client.js';
import type { ServiceLoaders } from './deps.js';
import type { Log } from './log.js';
import type { PreparedCache } from './prepared.js';
import type { SnapshotCache } from './db/snapshot-cache.js';

export type AppEnv = {
  Variables: RequestIdVariables & {
    /** Set by the auth middleware on every /api route that needs a caller. */
    principal: Principal;
  };
};

/** The database, the language and engine loaders, the caches and the logger. */
export interface ServerCtx extends ServiceLoaders {
  db: Db;
  /** Tokens, schemes and versions as of the database's current generation. */
  rows: SnapshotCache;
  prepared: PreparedCache;
  log: Log;
}
