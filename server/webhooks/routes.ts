// Route definitions of the finalize webhook (admin of the organization): set, read, remove.

import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware.js';
import { commonErrors, json, jsonBody, notFoundError, security, unprocessableError } from '../openapi.js';

const tags = ['webhook'];
const admin = [requireRole('admin')];

export const MIN_SECRET = 16;
export const MAX_SECRET = 200;
export const MAX_URL = 2000;

export const WebhookBody = z.object({
  url: z.string().openapi({ description: 'where the signed POST goes: an absolute http:// or https:// URL', example: 'https://oa.example.gov.cn/hooks/kaohe' }),
  secret: z.string().openapi({ description: `the HMAC-SHA256 key (${MIN_SECRET}–${MAX_SECRET} characters); never answered back` }),
}).strict().openapi('WebhookBody');

export const WebhookInfo = z.object({
  url: z.string(),
  createdAt: z.string(),
  event: z.literal('round.finalized').openapi({ description: 'the one event sent: POST `{event, round: {id, scheme, version, period, revision}, at}` with `X-Kaohe-Signature: sha256=<HMAC-SHA256 hex of the body>`' }),
}).openapi('Webhook');

export const putWebhook = createRoute({
  method: 'put', path: '/webhook', tags, security, middleware: admin,
  summary: 'Set the webhook that hears of finalized rounds (replaces the earlier one)',
  request: { body: jsonBody(WebhookBody) },
  responses: { 200: json(WebhookInfo, 'set'), ...commonErrors, ...unprocessableError },
});

export const getWebhook = createRoute({
  method: 'get', path: '/webhook', tags, security, middleware: admin,
  summary: 'The webhook (without its secret)',
  responses: { 200: json(WebhookInfo, 'the webhook'), ...commonErrors, ...notFoundError },
});

export const deleteWebhook = createRoute({
  method: 'delete', path: '/webhook', tags, security, middleware: admin,
  summary: 'Remove the webhook',
  responses: { 200: json(z.object({ deleted: z.literal(true) }), 'removed'), ...commonErrors, ...notFoundError },
});
