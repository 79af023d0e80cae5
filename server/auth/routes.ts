// Route definitions of token management (admin of the organization) and the caller's identity.

import { createRoute, z } from '@hono/zod-openapi';
import { commonErrors, json, jsonBody, notFoundError, security, unprocessableError } from '../openapi.js';
import { requireRole } from './middleware.js';
import { ROLES } from './tokens.js';

const tags = ['auth'];
const admin = [requireRole('admin')];

const TokenInfo = z
  .object({
    id: z.string(), roles: z.array(z.enum(ROLES)), name: z.string().nullable(), createdAt: z.string(), revokedAt: z.string().nullable(),
    account: z.string().nullable().openapi({ description: "the account the token acts for (its name), whose roles and units it takes; null: none" }),
  })
  .openapi('TokenInfo');

const Me = z
  .object({
    organization: z.string(),
    token: z.string(),
    roles: z.array(z.enum(ROLES)),
    account: z
      .object({ id: z.number().int(), name: z.string(), units: z.array(z.string()).nullable().openapi({ description: 'null: every unit' }) })
      .nullable()
      .openapi({ description: 'the account the caller acts for; null for a token without one (it sees every unit)' }),
  })
  .openapi('Me');

export const whoami = createRoute({
  method: 'get', path: '/me', tags, security,
  summary: 'The calling token: its organization, roles and account',
  responses: { 200: json(Me, 'the caller'), ...commonErrors },
});

export const listTokens = createRoute({
  method: 'get', path: '/tokens', tags, security, middleware: admin,
  summary: "The organization's bearer tokens (never their secrets)",
  responses: { 200: json(z.object({ tokens: z.array(TokenInfo) }), 'tokens'), ...commonErrors },
});

export const createToken = createRoute({
  method: 'post', path: '/tokens', tags, security, middleware: admin,
  summary: "A new token of the organization with a role, or acting for an account (the account's roles and units); the secret is shown once",
  request: {
    body: jsonBody(
      z
        .object({
          role: z.enum(ROLES).optional().openapi({ description: 'the role of a token without an account' }),
          account: z
            .union([z.string().min(1).max(100), z.number().int().positive()])
            .optional()
            .openapi({ description: "the account the token acts for, by name or id; the token takes the account's roles and units (leave out `role`)" }),
          name: z.string().max(200).optional(),
        })
        .strict()
        .openapi('NewTokenBody'),
    ),
  },
  responses: { 201: json(TokenInfo.extend({ token: z.string() }).openapi('NewToken'), 'created'), ...commonErrors, ...unprocessableError },
});

export const revokeToken = createRoute({
  method: 'delete', path: '/tokens/{id}', tags, security, middleware: admin,
  summary: 'Revoke a token of the organization',
  request: { params: z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 200: json(z.object({ id: z.string(), revoked: z.literal(true) }), 'revoked'), ...commonErrors, ...notFoundError },
});
