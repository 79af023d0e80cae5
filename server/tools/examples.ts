// POST /api/examples {source}: runs a source's `example` blocks without storing anything, so the
// editor can show pass/fail (with both sides of a failing `expect`) before the author publishes.
// Written for the editor (editor/src/panels/examples.ts); any role may call it, like check/format.
// Preparing and running happen in a language worker (server/lang-pool/): nothing here enters the
// prepared-scheme cache, and at most MAX_LISTED outcomes are listed (failing ones kept first).

import { createRoute, z } from '@hono/zod-openapi';
import type { ServerCtx } from '../context.js';
import { isError } from '../lang-pool/jobs.js';
import { limitSource, omittedField, withOmitted } from '../limits.js';
import { forReader } from '../localize.js';
import { commonErrors, json, jsonBody, security, unprocessableError } from '../openapi.js';
import type { newRouter } from '../openapi.js';
import { SourceBody } from '../schemes/schemas.js';
import { invalidScheme } from '../version-errors.js';
import { M } from '../messages.js';

const Failure = z.object({
  expect: z.string(), line: z.number(), left: z.string().optional(), right: z.string().optional(), message: z.string(),
});
const Outcome = z.object({
  name: z.string(), label: z.string().optional(), line: z.number(), passed: z.boolean(), failures: z.array(Failure),
  omitted: z.number().int().optional().openapi({ description: 'failures not listed (beyond the first 1000)' }),
}).openapi('ExampleOutcome');

export const examplesRoute = createRoute({
  method: 'post', path: '/examples', tags: ['tools'], security,
  summary: "Run a source's examples (nothing is stored)",
  request: { body: jsonBody(SourceBody) },
  responses: {
    200: json(z.object({
      examples: z.array(Outcome).openapi({ description: 'in source order, at most 1000: when there are more, failing ones are kept first' }),
      omitted: z.number().int().optional().openapi({ description: 'examples not listed; absent when all are' }),
    }), 'every example with pass/fail'),
    ...commonErrors, ...unprocessableError,
  },
});

export function registerExamples(app: ReturnType<typeof newRouter>, ctx: ServerCtx): void {
  app.openapi(examplesRoute, async (c) => {
    const source = limitSource(c.req.valid('json').source, ctx.limits.maxSourceBytes);
    const ran = await ctx.language({ kind: 'examples', source, owner: c.get('principal').orgId });
    if (!ran.examples) {
      const errors = ran.diagnostics.filter(isError);
      throw invalidScheme(M.examplesNeedClean(), withOmitted(errors, ran.omitted));
    }
    return c.json({ examples: await forReader(c, ran.examples), ...omittedField(ran.examplesOmitted) }, 200);
  });
}
