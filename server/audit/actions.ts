// What a request is recorded as in the audit log: a small fixed vocabulary of actions, and for each
// audited route (by the Hono pattern it matched) the action and the target, read from its path.
// A handler adds what only it knows (the version a draft got, the token it created) with
// `auditNote`. Routes that read and change nothing stored are listed as such: a test checks that
// every operation of the OpenAPI document is in one of the two tables, so a new route cannot be
// forgotten silently.

import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../context.js';

export const AUDIT_ACTIONS = [
  'read', 'evaluate', 'replay', 'create', 'save_draft', 'publish', 'token_create', 'token_revoke',
  'signin', 'signout', 'auth_failed',
  'webhook_set', 'webhook_delete', 'amend',
  'import',
  'round_create', 'roster_set', 'inputs_submit', 'publicize', 'finalize', 'round_void',
  'account_create', 'account_update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Actions that change stored data: their rows are written before the answer leaves. */
export const CHANGES: ReadonlySet<AuditAction> = new Set(['evaluate', 'create', 'save_draft', 'publish', 'token_create', 'token_revoke', 'signin', 'signout',
  'webhook_set', 'webhook_delete', 'amend', 'import',
  'round_create', 'roster_set', 'inputs_submit', 'publicize', 'finalize', 'round_void',
  'account_create', 'account_update']);

/** `scheme:<id>`, `token:<id>`, or a collection read whole: `schemes`, `tokens`, `audit`. */
export interface AuditTarget {
  target?: string;
  version?: number;
  evaluation?: string;
}

export interface Audited extends AuditTarget { action: AuditAction }

/** What a handler adds to its route's description; `written` when its row went into its own
 * transaction (evaluate: with the evaluation). */
export interface AuditNote extends AuditTarget { written?: boolean }

export function auditNote(c: Context<AppEnv>, note: AuditNote): void {
  c.set('auditNote', { ...c.get('auditNote'), ...note });
}

type Params = Record<string, string>;
const scheme = (p: Params) => `scheme:${p.id}`;
const versionNumber = (s: string | undefined) => (s !== undefined && /^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : undefined);
const isSet = (flag: string | undefined) => flag === '1' || flag === 'true';

/** An evaluate request's entry (the evaluate fast lane, server/fast-lane.ts, makes it too). */
export const evaluateAudited = (p: Params, version: string | undefined, location: string | undefined): Audited => ({
  action: 'evaluate',
  target: scheme(p),
  version: versionNumber(version),
  // An idempotent replay (200) names the first answer's evaluation in Location.
  evaluation: location?.split('/').pop(),
});

/** Audited routes, `METHOD pattern` as Hono matched it. */
export const AUDITED_ROUTES: Record<string, (p: Params, c: Context<AppEnv>) => Audited> = {
  'GET /api/schemes': () => ({ action: 'read', target: 'schemes' }),
  'POST /api/schemes': () => ({ action: 'create' }),
  'GET /api/schemes/:id': (p) => ({ action: 'read', target: scheme(p) }),
  'PUT /api/schemes/:id/draft': (p) => ({ action: 'save_draft', target: scheme(p) }),
  'POST /api/schemes/:id/publish': (p) => ({ action: 'publish', target: scheme(p) }),
  'GET /api/schemes/:id/versions/:n': (p) => ({ action: 'read', target: scheme(p), version: versionNumber(p.n) }),
  // The scheme in plain words (issue 15): a read of that version.
  'GET /api/schemes/:id/versions/:n/document': (p) => ({ action: 'read', target: scheme(p), version: versionNumber(p.n) }),
  'GET /api/schemes/:id/versions/:n/input-schema': (p) => ({ action: 'read', target: scheme(p), version: versionNumber(p.n) }),
  'POST /api/schemes/:id/evaluate': (p, c) => evaluateAudited(p, c.req.query('version'), c.res.headers.get('Location') ?? undefined),
  'GET /api/evaluations/:id': (p, c) => ({ action: isSet(c.req.query('replay')) ? 'replay' : 'read', evaluation: p.id }),
  'GET /api/tokens': () => ({ action: 'read', target: 'tokens' }),
  'POST /api/tokens': () => ({ action: 'token_create' }),
  'DELETE /api/tokens/:id': (p) => ({ action: 'token_revoke', target: `token:${p.id}` }),
  'GET /api/audit': () => ({ action: 'read', target: 'audit' }),
  'GET /api/accounts': () => ({ action: 'read', target: 'accounts' }),
  'POST /api/accounts': () => ({ action: 'account_create' }),
  'PATCH /api/accounts/:id': (p) => ({ action: 'account_update', target: `account:${p.id}` }),
  'GET /api/evaluations': () => ({ action: 'read', target: 'evaluations' }),
  'GET /api/rounds': () => ({ action: 'read', target: 'rounds' }),
  'GET /api/rounds/:id/export': (p) => ({ action: 'read', target: `round:${p.id}` }),
  // The papers of a round (issue 15, server/reports/): reads of the round, like its export.
  'GET /api/rounds/:id/feedback/:subject': (p) => ({ action: 'read', target: `round:${p.id}` }),
  'GET /api/rounds/:id/feedback': (p) => ({ action: 'read', target: `round:${p.id}` }),
  'GET /api/rounds/:id/papers/publicity': (p) => ({ action: 'read', target: `round:${p.id}` }),
  'GET /api/rounds/:id/papers/register/:subject': (p) => ({ action: 'read', target: `round:${p.id}` }),
  'GET /api/rounds/:id/papers/register': (p) => ({ action: 'read', target: `round:${p.id}` }),
  'GET /api/rounds/:id/papers/notice/:subject': (p) => ({ action: 'read', target: `round:${p.id}` }),
  'GET /api/rounds/:id/papers/notice': (p) => ({ action: 'read', target: `round:${p.id}` }),
  'GET /api/subjects/:id/results': (p) => ({ action: 'read', target: `subject:${p.id}` }),
  'POST /api/subjects/import': () => ({ action: 'import' }),
  'PUT /api/webhook': () => ({ action: 'webhook_set', target: 'webhook' }),
  'GET /api/webhook': () => ({ action: 'read', target: 'webhook' }),
  'DELETE /api/webhook': () => ({ action: 'webhook_delete', target: 'webhook' }),
  'POST /api/rounds/:id/amendments': (p) => ({ action: 'amend', target: `round:${p.id}` }),
  'GET /api/rounds/:id/amendments': (p) => ({ action: 'read', target: `round:${p.id}` }),
  'GET /api/rounds/:id/revisions/:n': (p) => ({ action: 'read', target: `round:${p.id}` }),
  // 发布前模拟 (issue 15): reads every person's inputs and result of the round (the handler names it).
  'POST /api/whatif': () => ({ action: 'read' }),
  'GET /api/statistics': (_p, c) => ({ action: 'read', target: c.req.query('round') ? `round:${c.req.query('round')}` : `scheme:${c.req.query('scheme') ?? ''}` }),
  // the rounds core (server/rounds/handlers.ts)
  'POST /api/rounds': (_p, c) => ({ action: 'round_create', target: c.res.headers.get('Location')?.replace('/api/rounds/', 'round:') }),
  'GET /api/rounds/:id': (p) => ({ action: 'read', target: `round:${p.id}` }),
  'PUT /api/rounds/:id/roster': (p) => ({ action: 'roster_set', target: `round:${p.id}` }),
  'POST /api/rounds/:id/inputs': (p) => ({ action: 'inputs_submit', target: `round:${p.id}` }),
  'POST /api/rounds/:id/evaluate': (p) => ({ action: 'evaluate', target: `round:${p.id}` }),
  'POST /api/rounds/:id/publicize': (p) => ({ action: 'publicize', target: `round:${p.id}` }),
  'POST /api/rounds/:id/finalize': (p) => ({ action: 'finalize', target: `round:${p.id}` }),
  // 作废 (issue 16): the reason and what the round was are in round_records (rounds/void.ts).
  'POST /api/rounds/:id/void': (p) => ({ action: 'round_void', target: `round:${p.id}` }),
};

/** Routes that read and change nothing stored: the caller's own identity and the language tools. */
export const UNAUDITED_ROUTES: readonly string[] = ['GET /api/me', 'POST /api/check', 'POST /api/format', 'POST /api/examples'];

/** The route a request matched (a method-specific handler; `app.use` middleware is registered for
 * `ALL`), as `METHOD pattern`, or undefined when none did. */
function matchedRoute(c: Context<AppEnv>): string | undefined {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) if (routes[i].method !== 'ALL') return `${routes[i].method} ${routes[i].path}`;
  return undefined;
}

/** Path parameters by the pattern's names, percent-decoded. */
function params(pattern: string, path: string): Params {
  const names = pattern.split('/');
  const values = path.split('/');
  const out: Params = {};
  names.forEach((name, i) => {
    if (name.startsWith(':') && values[i] !== undefined) out[name.slice(1)] = decode(values[i]);
  });
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The request as an audit entry, or undefined when its route is not audited (or none matched). */
export function auditedAs(c: Context<AppEnv>): (Audited & AuditNote) | undefined {
  const route = matchedRoute(c);
  const of = route === undefined ? undefined : AUDITED_ROUTES[route];
  if (of === undefined) return undefined;
  const audited = of(params(route!.slice(route!.indexOf(' ') + 1), c.req.path), c);
  const note = c.get('auditNote');
  return note === undefined ? audited : { ...audited, ...note };
}
