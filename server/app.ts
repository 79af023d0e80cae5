// The HTTP API (API.md) as a Hono app, built by a factory so tests, the benchmark and `kaohe serve`
// each bring their own database, engine and logger. Order matters: security headers, request id and
// logging wrap everything; the reader's language (locale.ts) is decided before anything can answer;
// an unsafe request signed in by the session cookie must come from this origin (csrf.ts) before
// anything else looks at it; the body limit by Content-Length runs before any parsing (a chunked body
// is read and counted once its caller is known and audited); the
// OpenAPI document and /healthz are public; every other /api route needs a caller — also a wrong
// method or an unknown path under /api, which are answered (405, 404) by the notFound handler after
// authentication. Authentication refuses a locked-out address first (ratelimit/guard.ts, also
// around /signin); the audit log records each authenticated /api request after it, and sign-in and
// sign-out around web.ts (audit/).

import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { EngineApi } from '../engine/api.js';
import { accountsRouter } from './accounts/handlers.js';
import { auditRouter } from './audit/handlers.js';
import { AuditLog } from './audit/log.js';
import { auditApi, auditWeb, failedAuth } from './audit/middleware.js';
import { authRouter } from './auth/handlers.js';
import { authenticate, guardSignin } from './auth/middleware.js';
import { DEFAULT_SESSION_HOURS, SESSION_COOKIE } from './auth/signin.js';
import type { AppEnv, ServerCtx } from './context.js';
import { serviceLoaders, type ServiceLoaders, type LanguageApi } from './deps.js';
import { errorResponse, makeOnError } from './errors.js';
import { evaluationsRouter } from './evaluations/handlers.js';
import { jsonLog, requestLog, type Log } from './log.js';
import { negotiateLocale } from './locale.js';
import { M } from './messages.js';
import { methodAwareNotFound } from './methods.js';
import { json, newRouter } from './openapi.js';
import { PreparedCache } from './prepared.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { inProcessRunner, sharedPool, WorkerPool, type LangRunner } from './lang-pool/pool.js';
import type { Job, JobResult } from './lang-pool/jobs.js';
import { SnapshotCache } from './db/snapshot-cache.js';
import { FailureGuard } from './ratelimit/guard.js';
import { MemoryFailureLimiter, type FailureLimiter, type FailureLimits } from './ratelimit/limiter.js';
import { bodyLimit, countChunked } from './body-limit.js';
import { refuseCodings } from './body-coding.js';
import { trustProxy } from './client-address.js';
import { sameOriginGuard } from './csrf.js';
import { securityHeaders } from './security-headers.js';
import { schemesRouter } from './schemes/handlers.js';
import { schemeDocumentRouter } from './schemes/document.js';
import { schemeInputSchemaRouter } from './schemes/input-schema.js';
import { toolsRouter } from './tools/handlers.js';
import { evaluationListRouter } from './evaluations/list.js';
import { roundExportRouter } from './rounds/export.js';
import { roundListRouter } from './rounds/list.js';
import { roundsRouter } from './rounds/handlers.js';
import { subjectsRouter } from './subjects/handlers.js';
import { amendRouter } from './rounds/amend-routes.js';
import { webhookRouter } from './webhooks/handlers.js';
import { statsRouter } from './stats/handlers.js';
import { whatIfRouter } from './whatif/handlers.js';
import { reportsRouter } from './reports/handlers.js';
import { requestId } from './request-id.js';
import { evaluateFastLane } from './fast-lane.js';
import { requireUtf8 } from './utf8.js';
import { refuseNul } from './nul-guard.js';
import { refuseDeepJson } from './json-depth-guard.js';
import { webRoutes } from './web.js';
import type { Store } from './store/types.js';
import { StoreFailureLimiter } from './ratelimit/store-limiter.js';

export interface AppOptions {
  /** Where everything is stored: SQLite or PostgreSQL (server/store/open.ts openStore). */
  store: Store;
  /** Other server processes use the same SQLite file (`kaohe serve --workers`): state that must be
   * shared lives in the database, as it always does on PostgreSQL. */
  sharedStore?: boolean;
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
  /** The app runs behind one reverse proxy whose X-Forwarded-For, -Proto and -Host are believed
   * (client-address.ts): the client's address, the session cookie's Secure flag, the same-origin
   * check. Off by default: without a proxy any client could write them. */
  trustProxy?: boolean;
  /** Failed authentications per client address before 429 `too_many_failures` (default 20 in 10
   * minutes, ratelimit/limiter.ts); `limiter` replaces the in-memory state, `now` the clock. */
  authFailures?: Partial<FailureLimits> & { limiter?: FailureLimiter; now?: () => number };
  /** Largest scheme source in UTF-8 bytes, for every route that accepts one (default 1.5 MiB:
   * server/limits.ts). Beyond it: 413 `source_too_large`. */
  maxSourceBytes?: number;
  /** Estimated memory the prepared-scheme cache may hold, bytes (default 256 MiB). */
  preparedCacheBytes?: number;
  /** Worker threads for the language work of check, format, examples, create, draft and publish.
   * Default: the process's shared pool, or in-process when `lang` or `engine` is injected (a
   * worker cannot use them); 0: in-process; n: a pool of its own, whose workers run the real
   * language and engine whatever is injected. */
  langWorkers?: number;
  /** Wall-clock budget of one language job, ms (default 10,000); beyond it 503 `budget_exceeded`. */
  langBudgetMs?: number;
  /** Jobs a pool of its own (`langWorkers: n`) lets wait for a worker before it answers 503 `busy`
   * (default 256: server/lang-pool/pool.ts). */
  langQueue?: number;
  /** Time a cohort evaluation may take per subject, ms (default 100), and in all (default 10 s). */
  cohortMsPerSubject?: number;
  cohortMaxMs?: number;
  /** Most subjects in one cohort request (default 10,000); beyond it 413 `cohort_too_large`. */
  maxCohortSubjects?: number;
  /** Cohorts of at least this many subjects are evaluated in a language worker (default 200). */
  cohortOffLoopSubjects?: number;
  /** Longest source the event loop prepares for an evaluation (default 32,768 UTF-16 units); the
   * evaluations of a longer one run in a language worker (server/prepared.ts). */
  mainPrepareMaxChars?: number;
}

/** The limits of AppOptions, defaults filled in. */
function limitsOf(opts: AppOptions): Limits {
  const pick = (k: keyof Limits) => opts[k] ?? DEFAULT_LIMITS[k];
  return {
    maxSourceBytes: pick('maxSourceBytes'), preparedCacheBytes: pick('preparedCacheBytes'), langBudgetMs: pick('langBudgetMs'),
    cohortMsPerSubject: pick('cohortMsPerSubject'), cohortMaxMs: pick('cohortMaxMs'), maxCohortSubjects: pick('maxCohortSubjects'),
    cohortOffLoopSubjects: pick('cohortOffLoopSubjects'), mainPrepareMaxChars: pick('mainPrepareMaxChars'),
  };
}

/** Where the language jobs run (server/lang-pool/pool.ts). */
function langRunnerOf(opts: AppOptions, loaders: ServiceLoaders): LangRunner {
  if (opts.langWorkers === 0) return inProcessRunner(loaders);
  if (opts.langWorkers !== undefined) return new WorkerPool({ size: opts.langWorkers, ...(opts.langQueue !== undefined && { maxQueue: opts.langQueue }) });
  return opts.lang || opts.engine ? inProcessRunner(loaders) : sharedPool();
}

export const API_VERSION = '1.0.0';

/** The OpenAPI document's description: what the API is, and the language it answers in. */
export const API_DESCRIPTION = [
  'Rules engine and DSL for assessment schemes (API.md).',
  '',
  'Language: every answer with words for people — error messages (`error.message` and the `message` of',
  'each entry of `error.details`), diagnostics and their fix titles, example failures, the reasons in a',
  'new evaluation — is in Chinese or English: the query parameter `lang=zh|en` on any request, else the',
  'best of zh/en in `Accept-Language` (q-values count), else English. `lang` takes `zh`, `en` or a tag of',
  'them (`zh-CN`, `en-US`); any other value or an empty one is 400 `invalid_request` (detail at `lang`).',
  'Query: a parameter a route does not take is 400 `unknown_parameter`; one given more than once (`lang`',
  'too) is 400 `invalid_request` with a detail at its name; a list\'s period filter that is no period is 422',
  '`invalid_period` and a range ending before it starts 422 `invalid_span`, as statistics answers them.',
  'A URL must be percent-encoded (UTF-8): raw Chinese in it is 400 `malformed_request`. Answers with words carry',
  '`Content-Language` and `Vary: Accept-Language`. Codes (`error.code`, diagnostic codes) never change;',
  'entries that carry `msg` hold the same message as data (`{id, args}`). A stored evaluation (read back',
  'or replayed by `Idempotency-Key`) answers in the language it was made in, named by `Content-Language`.',
].join('\n');

const health = createRoute({
  method: 'get', path: '/healthz', tags: ['health'], summary: 'Liveness',
  responses: { 200: json(z.object({ status: z.literal('ok') }), 'alive') },
});

export function createApp(opts: AppOptions) {
  const log = opts.log ?? jsonLog;
  const loaders = opts.loaders ?? serviceLoaders({ engine: opts.engine, lang: opts.lang });
  const limits = limitsOf(opts);
  const runner = langRunnerOf(opts, loaders);
  const store = opts.store;
  const ctx: ServerCtx = {
    store,
    ...loaders,
    rows: new SnapshotCache(store).follow(store, log),
    prepared: new PreparedCache(limits.preparedCacheBytes),
    limits,
    language: <J extends Job>(job: J, budgetMs?: number): Promise<JobResult<J>> => runner.run(job, budgetMs ?? limits.langBudgetMs),
    log,
    audit: new AuditLog(store, log),
  };
  const { limiter, now, ...failureLimits } = opts.authFailures ?? {};
  const guard = new FailureGuard({
    // Servers sharing a database share the count (ratelimit/store-limiter.ts); one process alone on its
    // SQLite file keeps it in memory, a Map lookup per request.
    limiter: limiter ?? (store.dialect === 'postgres' || opts.sharedStore ? new StoreFailureLimiter(store, failureLimits, now) : new MemoryFailureLimiter(failureLimits)),
    now,
    onFailure: (c, credential) => failedAuth(ctx.audit, c, credential),
  });
  const app = newRouter();
  app.use(securityHeaders());
  if (opts.trustProxy) app.use(trustProxy());
  app.use(requestId());
  app.use(requestLog(log));
  app.use(negotiateLocale());
  app.use(sameOriginGuard());
  const maxSize = opts.maxBodyBytes ?? 2 * 1024 * 1024;
  const limit = { maxSize, onError: (c: Context) => errorResponse(c, 413, 'payload_too_large', M.payloadTooLarge({ max: maxSize })) };
  app.use(bodyLimit(limit));

  app.openapi(health, (c) => c.json({ status: 'ok' as const }, 200));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: { title: 'kaohe 考核 API', version: API_VERSION, description: API_DESCRIPTION },
  });

  app.use('/api/*', async (c, next) => {
    // Authentication runs next, on these rows: the counter read for every request the app answers, so a
    // token revoked or a version published through another server is seen by the very next one (only
    // the evaluate fast lane trusts what the cache heard: its evaluation is checked again at its commit).
    c.set('authorizedAt', await ctx.rows.read());
    return next();
  });
  const sessionHours = opts.sessionHours ?? DEFAULT_SESSION_HOURS;
  app.use('/api/*', opts.auth ?? authenticate({ store: ctx.store, rows: ctx.rows, sessionHours, guard }));
  // POST evaluate without Hono's plumbing, for createNodeServer (fast-lane.ts); none with an injected auth.
  const fastLane = opts.auth ? undefined : evaluateFastLane({ ctx, guard, sessionHours, maxBodyBytes: maxSize, trustProxy: opts.trustProxy === true, log });
  app.use('/api/*', auditApi(ctx.audit));
  app.use('/api/*', refuseNul()); // before any handler looks a name up (nul-guard.ts)
  // The query's one rule (query-params.ts) is each route's (openapi.ts knownQueryOnly, evaluate's
  // reader): a path or method no route has answers 404 / 405 whatever its query.
  // A chunked body is read (and counted) only now that its caller is known (body-limit.ts); then
  // bodies in a coding or charset the server does not read are refused (body-coding.ts).
  app.use(countChunked(limit));
  app.use('/api/*', refuseCodings());
  app.use('/api/*', requireUtf8());
  // Issue 14's routes with JSON bodies: refuse deep nesting before anything walks it (evaluate checks it itself).
  for (const path of ['/api/rounds', '/api/rounds/*', '/api/subjects/*', '/api/accounts', '/api/accounts/*', '/api/webhook', '/api/tokens', '/api/whatif']) app.use(path, refuseDeepJson());
  const apiRouters = [
    schemesRouter, schemeDocumentRouter, schemeInputSchemaRouter, evaluationsRouter, toolsRouter, authRouter, auditRouter, accountsRouter,
    // Finding things (issue 14 item 7): lists, a person's results, a round's export, imports.
    evaluationListRouter, roundListRouter, roundsRouter, roundExportRouter, subjectsRouter, amendRouter, webhookRouter,
    // Results in use (issue 15): 年终统计与分析.
    statsRouter,
    // 发布前模拟: a round's inputs under another version, nothing stored.
    whatIfRouter,
    // 反馈面谈表, 公示名单, 登记表, 结果通知: printable papers of a round.
    reportsRouter,
  ];
  for (const router of apiRouters) app.route('/api', router(ctx));
  app.use('/signin', guardSignin(guard), auditWeb(ctx.audit, ctx.store));
  app.use('/signout', auditWeb(ctx.audit, ctx.store));
  app.route('/', webRoutes(ctx.store, sessionHours, opts.staticDir));

  // 404, or 405/OPTIONS with `Allow` from the routes registered above (methods.ts).
  app.notFound(methodAwareNotFound(() => app.routes));
  app.onError(makeOnError(log));
  // flushAudit: the buffered audit records committed (a graceful shutdown's last step; tests, whose
  // store may be a network away, wait on it instead of on a turn of the event loop).
  return Object.assign(app, { fastLane, flushAudit: () => ctx.audit.flush() });
}

export type App = ReturnType<typeof createApp>;
