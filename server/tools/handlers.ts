// Handlers of check and format (and examples, see examples.ts).

import type { ServerCtx } from '../context.js';
import { newRouter } from '../openapi.js';
import { invalidScheme } from '../schemes/service.js';
import * as routes from './routes.js';
import { registerExamples } from './examples.js';

export function toolsRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(routes.check, async (c) => {
    const lang = await ctx.lang();
    return c.json({ diagnostics: lang.analyze(c.req.valid('json').source).diagnostics }, 200);
  });

  app.openapi(routes.format, async (c) => {
    const lang = await ctx.lang();
    const { source, keywords } = c.req.valid('json');
    const out = lang.format(source, keywords);
    if (out.source === undefined) throw invalidScheme('the source has syntax errors; it cannot be formatted', out.diagnostics);
    return c.json({ source: out.source }, 200);
  });

  registerExamples(app, ctx); // POST /examples (written for the editor)

  return app;
}
