// POST /api/examples {source}: runs a source's `example` blocks without storing anything, so the
// editor can show pass/fail (with both sides of a failing `expect`) before the author publishes.
// Written for the editor (editor/src/panels/examples.ts); any role may call it, like check/format.

import { createRoute, z } from '@hono/zod-openapi';
import { hasErrors } from '../../dsl/diagnostics.js';
import type { ServerCtx } from '../context.js';
import { commonErrors, json, jsonBody, security, unprocessableError } from '../openapi.js';
import type { newRouter } from '../openapi.js';
import { SourceBody } from '../schemes/schemas.js';
import { invalidScheme } from '../schemes/service.js';

const Failure = z.object({
  expect: z.string(), line: z.number(), left: z.string().optional(), right: z.string().optional(), message: z.string(),
});
const Outcome = z.object({
  name: z.string(), label: z.string().optional(), line: z.number(), passed: z.boolean(), failures: z.array(Failure),
}).openapi('ExampleOutcome');

export const examplesRoute = createRoute({
  method: 'post', path: '/examples', tags: ['tools'], security,
  summary: "Run a source's examples (nothing is stored)",
  request: { body: jsonBody(SourceBody) },
  responses: { 200: json(z.object({ examples: z.array(Outcome) }), 'every example with pass/fail'), ...commonErrors, ...unprocessableError },
});

export function registerExamples(app: ReturnType<typeof newRouter>, ctx: ServerCtx): void {
  app.openapi(examplesRoute, async (c) => {
    const { source } = c.req.valid('json');
    const engine = await ctx.engine();
    const prepared = ctx.prepared.get(engine, source);
    if (!prepared.value || hasErrors(prepared.diagnostics)) {
      throw invalidScheme('the source has errors; fix them before running the examples', prepared.diagnostics.filter((d) => d.severity === 'error'));
    }
    return c.json({ examples: await engine.runExamples(prepared.value) }, 200);
  });
}
