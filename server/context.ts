// What routers share: the Hono environment (what middleware puts on the context) and the server
// context every feature router is built with.

import type { RequestIdVariables } from 'hono/request-id';
import type { Principal } from './auth/tokens.js';
import type { Db } from './db/client.js';
import type { ServiceLoaders } from './deps.js';
import type { Log } from './log.js';
import type { PreparedCache } from './prepared.js';

export type AppEnv = {
  Variables: RequestIdVariables & {
    /** Set by the auth middleware on every /api route that needs a caller. */
    principal: Principal;
  };
};

/** The database, the language and engine loaders, the prepared-scheme cache and the logger. */
export interface ServerCtx extends ServiceLoaders {
  db: Db;
  prepared: PreparedCache;
  log: Log;
}
