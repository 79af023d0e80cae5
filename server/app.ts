// The HTTP API (API.md) as a Hono app, built by a factory so tests, the benchmark and `kaohe serve`
// each bring their own database, engine and logger. Order matters: request id and logging wrap
// everything; the body limit runs before any parsing; the OpenAPI document and /healthz are public;
// every other /api route needs a caller — also a wrong method or an unknown path under /api, which
// are answered (405, 404) by the notFound handler after authentication.

import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import type { EngineApi } from '../engine/api.js';
import { authRouter } from './auth/handlers.js';
import { authenticate } from './auth/middleware.js';
import { DEFAULT_SESSION_HOURS, SESSION_COOKIE } from './auth/signin.js';
import type { AppEnv, ServerCtx } from './context.js';
import type { Db } from './db/client.js';
import { serviceLoaders, type ServiceLoaders, type LanguageApi } from './deps.js';
import { errorResponse, makeOnError } from './errors.js';
import { evaluationsRouter } from './evaluations/handlers.js';
import { jsonLog, requestLog, type Log } from './log.js';
import { methodAwareNotFound } from './methods.js';
import { json, newRouter } from './openapi.js';
import { PreparedCache } from './prepared.js';
import { SnapshotCache } from './db/snapshot-cache.js';
import { bodyLimit } from './body-limit.js';
import { schemesRouter } from './schemes/handlers.js';
import { toolsRouter } from './tools/handlers.js';
import { webRoutes } from './web.js';

export interface AppOptions {
  db: Db;
  /** Replaces bearer-token/cookie authentication; it must set `principal` or throw an ApiError. */
  auth?: MiddlewareHandler<AppEnv>;
  /** Default: engine/index.ts, loaded on first use. */
  engine?: EngineApi;
  /** Default: dsl/ (analyze, format), loaded on first use. */
  lang?: LanguageApi;
  /** Loaders shared with the caller (`kaohe serve` preloads them); overrides engine and lang. */
  loaders?: ServiceLoaders;
  /** Default: JSON lines on stdout. */
  log?: Log;
  /** Largest request body in bytes (default 2 MiB). */
  maxBodyBytes?: number;
  /** The editor's built files (default editor/dist). */
  staticDir?: string;
  /** Lifetime of a browser session from sign-in, in hours (default 12). */
  sessionHours?: number;
}

export const API_VERSION = '1.0.0';

const health = createRoute({
  method: 'get', path: '/healthz', tags: ['health'], summary: 'Liveness',
  responses: { 200: json(z.object({ status: z.literal('ok') }), 'alive') },
});

export function createApp(opts: AppOptions) {
  const log = opts.log ?? jsonLog;
  const ctx: ServerCtx = {
    db: opts.db,
    ...(opts.loaders ?? serviceLoaders({ engine: opts.engine, lang: opts.lang })),
    rows: new SnapshotCache(opts.db.$client),
    prepared: new PreparedCache(),
    log,
  };
  const app = newRouter();
  app.use(requestId());
  app.use(requestLog(log));
  const maxSize = opts.maxBodyBytes ?? 2 * 1024 * 1024;
  app.use(bodyLimit({ maxSize, onError: (c) => errorResponse(c, 413, 'payload_too_large', `the body exceeds ${maxSize} bytes`) }));

  app.openapi(health, (c) => c.json({ status: 'ok' as const }, 200));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: { title: 'kaohe 考核 API', version: API_VERSION, description: 'Rules engine and DSL for assessment schemes (API.md).' },
  });

  app.use('/api/*', async (c, next) => {
    ctx.rows.refresh();
    await next();
  });
  const sessionHours = opts.sessionHours ?? DEFAULT_SESSION_HOURS;
  app.use('/api/*', opts.auth ?? authenticate(opts.db, ctx.rows, sessionHours));
  app.route('/api', schemesRouter(ctx));
  app.route('/api', evaluationsRouter(ctx));
  app.route('/api', toolsRouter(ctx));
  app.route('/api', authRouter(ctx));
  app.route('/', webRoutes(opts.db, sessionHours, opts.staticDir));

  // 404, or 405/OPTIONS with `Allow` from the routes registered above (methods.ts).
  app.notFound(methodAwareNotFound(() => app.routes));
  app.onError(makeOnError(log));
  return app;
}

export type App = ReturnType<typeof createApp>;
