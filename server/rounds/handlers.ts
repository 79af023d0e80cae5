// The rounds core's router (issue 14): create, read, roster, input parts, evaluate, 公示, finalize;
// void (作废, issue 16: void.ts).
// The handlers live by route group — create.ts, detail.ts, roster-inputs.ts, evaluate-route.ts,
// publicity.ts (shared views and refusals in round-common.ts). Every write to a round runs under
// the round's lock (lock.ts) and is one transaction; every refusal says where (`path`) and
// stores nothing.

import { parseJsonExact } from '../../engine/json-exact.js';
import { parsedExactly } from './inexact-numbers.js';
import type { ServerCtx } from '../context.js';
import { localized } from '../locale.js';
import { loopTurn } from '../loop-turns.js';
import { newRouter } from '../openapi.js';
import { createRound } from './create.js';
import { detail } from './detail.js';
import { evaluateAnswer } from './evaluate-route.js';
import { roundFinalized } from './events.js';
import { roundLocks } from './lock.js';
import { finalize, publicize } from './publicity.js';
import { roundOf, roundView } from './round-common.js';
import * as routes from './routes.js';
import type { EvaluatedSchema, InputsAnswer } from './schemas.js';
import { setRoster, submitInputs } from './roster-inputs.js';
import { rosterNotice } from './roster-parts.js';
import { voidRound } from './void.js';
import type { z } from '@hono/zod-openapi';

export function roundsRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(routes.create, async (c) => {
    const view = await createRound(ctx, c.get('principal'), c.req.valid('json'));
    c.header('Location', `/api/rounds/${view.id}`);
    return c.json(view, 201);
  });

  app.openapi(routes.get, async (c) => {
    const p = c.get('principal');
    localized(c);
    return c.json(await detail(ctx, p, await roundOf(ctx, p, c.req.valid('param').id)), 200);
  });

  app.openapi(routes.roster, async (c) => {
    const p = c.get('principal');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    // The body as sent (hono keeps the validated text): zod saw JSON.parse's doubles, 110101199001011234 → …230.
    await loopTurn(); // a big roster's stages each a piece of their own (../loop-turns.ts)
    const sent = parseJsonExact(await c.req.text()) as { members: { display?: unknown }[] };
    const lang = localized(c);
    const taken = await roundLocks.run(ctx.store, id, () => setRoster(ctx, p, id, body, sent.members.map((m) => m.display)));
    await loopTurn();
    const notice = rosterNotice(taken, lang);
    return c.json({ ...await detail(ctx, p, await roundOf(ctx, p, id)), ...(notice && { rosterInputs: taken.fields, notice }) }, 200);
  });

  app.openapi(routes.inputs, async (c) => {
    const p = c.get('principal');
    const { id } = c.req.valid('param');
    const key = c.req.valid('header')['idempotency-key'];
    const body = c.req.valid('json');
    await loopTurn();
    // The body read again, exactly: a number a double does not carry is refused, never rounded
    // (inexact-numbers.ts); the others are JSON.parse's.
    const sent = parsedExactly<{ subjects: { input: unknown }[] }>(await c.req.text(), (b) => b.subjects.map((s, i) => [`subjects[${i}].input`, s.input]));
    const answer = await roundLocks.run(ctx.store, id, () => submitInputs(ctx, p, id, body, key, sent.subjects.map((s) => s.input)));
    if (answer.status === 200) c.header('Idempotent-Replayed', 'true');
    return c.body(answer.json, answer.status, { 'Content-Type': 'application/json' }) as unknown as ReturnType<typeof c.json<z.infer<typeof InputsAnswer>, 201>>;
  });

  app.openapi(routes.evaluate, async (c) => {
    const lang = localized(c);
    const explain = c.req.valid('query').explain ?? false;
    const key = c.req.valid('header')['idempotency-key'];
    const { json, replayed } = await evaluateAnswer(ctx, c.get('principal'), c.req.valid('param').id, { lang, explain, key });
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.body(json, 200, { 'Content-Type': 'application/json' }) as unknown as ReturnType<typeof c.json<z.infer<typeof EvaluatedSchema>, 200>>;
  });

  app.openapi(routes.publicize, async (c) => {
    const p = c.get('principal');
    const { id } = c.req.valid('param');
    const { until, from, reason } = c.req.valid('json');
    const r = await roundLocks.run(ctx.store, id, () => publicize(ctx, p, id, until, { from, reason }));
    return c.json(await roundView(ctx, r), 200);
  });

  app.openapi(routes.finalize, async (c) => {
    const p = c.get('principal');
    const { id } = c.req.valid('param');
    const r = await roundLocks.run(ctx.store, id, () => finalize(ctx, p, id));
    const view = await roundView(ctx, r);
    roundFinalized(ctx, { ...r, scheme: view.scheme.id, version: view.scheme.version });
    return c.json(view, 200);
  });

  app.openapi(routes.voidRound, async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    return c.json(await roundLocks.run(ctx.store, id, () => voidRound(ctx, c.get('principal'), id, reason)), 200);
  });

  return app;
}
