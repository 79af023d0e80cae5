// Handlers of evaluation: thin, the work is in service.ts.

import type { ServerCtx } from '../context.js';
import { newRouter } from '../openapi.js';
import { InFlight } from './idempotency.js';
import * as routes from './routes.js';
import * as service from './service.js';
import { EvaluationWriter } from './writer.js';

export function evaluationsRouter(ctx: ServerCtx) {
  const app = newRouter();
  const state = { inflight: new InFlight(), writer: new EvaluationWriter(ctx.db) };

  app.openapi(routes.evaluate, async (c) => {
    const { version, explain } = c.req.valid('query');
    const answer = await service.evaluate(ctx, state, c.get('principal'), {
      schemeId: c.req.valid('param').id,
      version,
      explain: explain ?? false,
      body: c.req.valid('json'),
      idempotencyKey: c.req.valid('header')['idempotency-key'],
    });
    if (answer.replayed) c.header('Idempotent-Replayed', 'true');
    else c.header('Location', `/api/evaluations/${String(answer.body.evaluationId)}`);
    return c.json(answer.body as { evaluationId: string }, answer.status);
  });

  app.openapi(routes.getEvaluation, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await service.getEvaluation(ctx, c.get('principal'), id, c.req.valid('query').replay ?? false), 200);
  });

  return app;
}
