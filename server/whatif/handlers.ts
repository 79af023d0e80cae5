// The what-if route (issue 15): POST /api/whatif, role author; see service.ts. Mounted in app.ts.

import { createRoute } from '@hono/zod-openapi';
import { auditNote } from '../audit/actions.js';
import { requireRole } from '../auth/middleware.js';
import type { ServerCtx } from '../context.js';
import { localized } from '../locale.js';
import { commonErrors, conflictError, json, jsonBody, newRouter, notFoundError, security, unprocessableError } from '../openapi.js';
import { WhatIfBody, WhatIfSchema } from './schemas.js';
import { runWhatIf } from './service.js';

export const postWhatIf = createRoute({
  method: 'post', path: '/whatif', tags: ['rounds'], security, middleware: [requireRole('author')],
  summary: 'What-if (发布前模拟): a round\'s inputs under another version of its scheme, compared with its stored result; nothing is stored',
  description: 'Runs the inputs the round\'s current revision ran on (with the values the server filled and the committee decisions) as one cohort under `version` (a number, or `draft`) or `source`, and answers the grade distribution before/after per unit with the quotas, everyone whose score, rank, grade, bonus or actions differ with their rows side by side, and the declarations that differ (`rules`). Authors of the round\'s organization (else 404); unit officers 403 `unit_not_allowed`. A `subject` not on the round\'s roster: 404; a `cursor` that is not a whole number: 400 at `cursor`, before anything runs. A version or text with errors: 422 `invalid_scheme` (diagnostics); failing examples: 422 `failing_examples`; a `source` naming another scheme than the round\'s: 422 `scheme_mismatch`; inputs that do not fit it: 422 `invalid_input` (per person, by path); a round never evaluated: 409 `round_not_evaluated`; the cohort budget of round evaluation: 503 `budget_exceeded`.',
  request: { body: jsonBody(WhatIfBody) },
  responses: { 200: json(WhatIfSchema, 'the comparison'), ...commonErrors, ...notFoundError, ...conflictError, ...unprocessableError },
});

export function whatIfRouter(ctx: ServerCtx) {
  const app = newRouter();
  app.openapi(postWhatIf, async (c) => {
    const body = c.req.valid('json');
    auditNote(c, { target: `round:${body.round}` });
    const lang = body.lang ?? localized(c);
    return c.json(await runWhatIf(ctx, c.get('principal'), body, lang), 200);
  });
  return app;
}
