// Handlers of the finalize webhook: the URL must be http(s) and the secret long enough to sign with
// (422 at `url` / `secret`, nothing stored); the secret is never answered back.

import type { ServerCtx } from '../context.js';
import { ApiError, notFound, said } from '../errors.js';
import { newRouter } from '../openapi.js';
import { W } from './messages.js';
import { forbiddenHost } from './address.js';
import * as routes from './routes.js';
import * as store from './store.js';
import { notifyFinalized } from './notify.js';
import { onRoundFinalized } from '../rounds/events.js';

// Every finalized round is announced to the organization's webhook (when one is set), off the answer.
onRoundFinalized((ctx, round) => {
  void notifyFinalized(ctx, { orgId: round.orgId, id: round.id, scheme: round.scheme, version: round.version, period: round.period, revision: round.revision });
});

/** Control characters (C0, DEL, C1): the URL parser silently drops tabs and line breaks, so the URL
 * stored would not be the one used; a CR/LF is never meant. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why `url` (parsed) may not receive the event, if so. */
function urlProblem(url: string, parsed: URL | undefined) {
  if (url.length > routes.MAX_URL) return W.urlTooLong({ max: routes.MAX_URL });
  if (CONTROL.test(url)) return W.urlControl();
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) return W.urlForm();
  // Credentials in the URL would be shown by GET /api/webhook and the delivery log, and fetch refuses them.
  if (parsed.username !== '' || parsed.password !== '') return W.urlUserinfo();
  if (forbiddenHost(parsed.hostname)) return W.urlAddress({ host: parsed.hostname });
  return undefined;
}

function problems(url: string, secret: string): unknown[] {
  const out: unknown[] = [];
  let parsed: URL | undefined;
  try { parsed = new URL(url); } catch { /* reported below */ }
  const bad = urlProblem(url, parsed);
  if (bad) out.push({ path: 'url', ...said(bad) });
  const length = [...secret].length;
  if (length < routes.MIN_SECRET) out.push({ path: 'secret', ...said(W.secretShort({ length, min: routes.MIN_SECRET })) });
  else if (length > routes.MAX_SECRET) out.push({ path: 'secret', ...said(W.secretLong({ length, max: routes.MAX_SECRET })) });
  return out;
}

const info = (w: store.Webhook) => ({ url: w.url, createdAt: w.createdAt, event: 'round.finalized' as const });

export function webhookRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(routes.putWebhook, async (c) => {
    const { url, secret } = c.req.valid('json');
    const bad = problems(url, secret);
    if (bad.length > 0) throw new ApiError(422, 'invalid_webhook', W.invalid(), bad);
    return c.json(info(await store.setWebhook(ctx.store, c.get('principal').orgId, url, secret)), 200);
  });

  app.openapi(routes.getWebhook, async (c) => {
    const w = await store.getWebhook(ctx.store, c.get('principal').orgId);
    if (!w) throw notFound(W.notSet());
    return c.json(info(w), 200);
  });

  app.openapi(routes.deleteWebhook, async (c) => {
    if (!(await store.deleteWebhook(ctx.store, c.get('principal').orgId))) throw notFound(W.notSet());
    return c.json({ deleted: true as const }, 200);
  });

  return app;
}
