// Handlers of evaluation: thin, the work is in service.ts.

import type { Locale } from '../../dsl/i18n/index.js';
import { auditNote } from '../audit/actions.js';
import { auditEvaluation } from '../audit/middleware.js';
import type { ServerCtx } from '../context.js';
import { localeOf, localizedHeaders, storedLanguage } from '../locale.js';
import { newRouter } from '../openapi.js';
import { stringifyWithRaw } from '../raw-json.js';
import { InFlight, type Answer } from './idempotency.js';
import { readEvaluateRequest } from './request.js';
import * as routes from './routes.js';
import * as service from './service.js';
import { EvaluationWriter } from './writer.js';

const states = new WeakMap<ServerCtx, service.EvalState>();

/** Set on a Node request by the evaluate fast lane (server/fast-lane.ts) when reading, checking,
 * evaluating or storing it failed after its checks before the body passed (so the app's pass too):
 * the error the handler throws, instead of parsing, evaluating or storing a second time. */
export const LANE_FAILED = Symbol('kaohe.evaluateLaneFailed');

/** The app's evaluation state (requests in flight by idempotency key, the group-commit writer),
 * shared by this router and the evaluate fast lane (fast-lane.ts). */
export function evalStateOf(ctx: ServerCtx): service.EvalState {
  let state = states.get(ctx);
  if (!state) states.set(ctx, (state = { inflight: new InFlight(), writer: new EvaluationWriter(ctx.store, ctx.rows) }));
  return state;
}

export function evaluationsRouter(ctx: ServerCtx) {
  const app = newRouter();
  const state = evalStateOf(ctx);

  // Declared for the OpenAPI document; mounted without openapi()'s validator chain (request.ts).
  const { middleware: _, ...declared } = routes.evaluate;
  app.openAPIRegistry.registerPath(declared);
  app.post(routes.evaluate.getRoutingPath(), routes.mayEvaluate, async (c) => {
    // The fast lane met an error on this request: that error, answered as any other.
    const failed = (c.env as { incoming?: { [LANE_FAILED]?: unknown } } | undefined)?.incoming;
    if (failed !== undefined && LANE_FAILED in failed) throw failed[LANE_FAILED];
    const r = await readEvaluateRequest(c, ctx.limits.maxCohortSubjects);
    const answer = await service.evaluate(ctx, state, c.get('principal'), {
      schemeId: r.schemeId,
      version: r.query.version,
      explain: r.query.explain ?? false,
      ...(r.query.exactValues && { exactValues: true }),
      body: r.body,
      bodyText: r.text,
      idempotencyKey: r.idempotencyKey,
      lang: c.get('locale'),
      alongside: auditEvaluation(ctx.audit, c, r.schemeId),
      authorizedAt: c.get('authorizedAt'),
    });
    return new Response(answer.json, { status: answer.status, headers: answerHeaders(answer, localeOf(c)) });
  });

  app.openapi(routes.getEvaluation, async (c) => {
    const { id } = c.req.valid('param');
    const view = await service.getEvaluation(ctx, c.get('principal'), id, c.req.valid('query').replay ?? false);
    auditNote(c, { target: `scheme:${view.scheme.id}`, version: view.scheme.version });
    storedLanguage(c, view.lang);
    // The declared JSON shape, written by hand so the stored input keeps its exact numbers (raw-json.ts).
    return c.body(stringifyWithRaw(view), 200, { 'Content-Type': 'application/json' }) as unknown as ReturnType<typeof c.json<typeof view, 200>>;
  });

  return app;
}

/** The headers of an evaluate answer, as one plain object: the Node adapter writes it as it is,
 * with no WHATWG Headers built and copied (c.header), on the busiest route. The body is the stored
 * JSON text (EvaluationResultSchema), not serialized again. */
export function answerHeaders(answer: Answer, locale: Locale): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    // A replay (200) names the same evaluation as the first answer (201), so it carries the same
    // Location: a client that lost the first answer learns where the evaluation is from the retry.
    Location: `/api/evaluations/${answer.evaluationId}`,
  };
  // A new result is in the reader's language; a replay is the first answer, in the first request's.
  if (answer.replayed) {
    headers['Idempotent-Replayed'] = 'true';
    headers['Content-Language'] = answer.lang;
  } else {
    Object.assign(headers, localizedHeaders(locale));
  }
  return headers;
}
