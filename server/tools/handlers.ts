// Handlers of check and format (and examples, see examples.ts). The language work runs in the
// language workers (server/lang-pool/), after the source cap (server/limits.ts); every list of
// diagnostics is capped, the rest counted in `omitted`. Diagnostics come back from the workers as data
// and are rendered here in the reader's language (server/localize.ts).

import type { ServerCtx } from '../context.js';
import { diagnosticDetails } from '../lang-pool/jobs.js';
import { limitSource, omittedField } from '../limits.js';
import { forReader } from '../localize.js';
import { newRouter } from '../openapi.js';
import { invalidScheme } from '../version-errors.js';
import { M } from '../messages.js';
import * as routes from './routes.js';
import { registerExamples } from './examples.js';

export function toolsRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(routes.check, async (c) => {
    const source = limitSource(c.req.valid('json').source, ctx.limits.maxSourceBytes);
    const { diagnostics, omitted } = await ctx.language({ kind: 'analyze', source, owner: c.get('principal').orgId });
    return c.json({ diagnostics: await forReader(c, diagnostics), ...omittedField(omitted) }, 200);
  });

  app.openapi(routes.format, async (c) => {
    const { source, keywords } = c.req.valid('json');
    const out = await ctx.language({ kind: 'format', source: limitSource(source, ctx.limits.maxSourceBytes), keywords, owner: c.get('principal').orgId });
    if (out.source === undefined) {
      throw invalidScheme(M.cannotFormat(), diagnosticDetails(out));
    }
    return c.json({ source: out.source }, 200);
  });

  registerExamples(app, ctx); // POST /examples (written for the editor)

  return app;
}
