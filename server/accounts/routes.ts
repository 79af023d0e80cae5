// Route definitions of /api/accounts (admin of the organization): the named people who act, their
// roles and the units they may see (issue 14).

import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware.js';
import { commonErrors, conflictError, json, jsonBody, notFoundError, security, unprocessableError } from '../openapi.js';
import * as s from './schemas.js';

const tags = ['accounts'];
const admin = [requireRole('admin')];

export const listAccounts = createRoute({
  method: 'get', path: '/accounts', tags, security, middleware: admin,
  summary: "The organization's accounts (disabled ones too)",
  responses: { 200: json(z.object({ accounts: z.array(s.AccountSchema) }), 'accounts'), ...commonErrors },
});

export const createAccount = createRoute({
  method: 'post', path: '/accounts', tags, security, middleware: admin,
  summary: 'A new account: a name unique in the organization, its roles, and the units it may see (omitted or null: every unit)',
  request: { body: jsonBody(s.NewAccountBody) },
  responses: {
    201: json(s.AccountSchema, 'created'),
    ...commonErrors, ...conflictError, ...unprocessableError,
  },
});

export const updateAccount = createRoute({
  method: 'patch', path: '/accounts/{id}', tags, security, middleware: admin,
  summary: "Change an account's name, roles or units, or disable it (its tokens and sessions are refused, not revoked) and enable it again",
  request: { params: s.AccountParams, body: jsonBody(s.AccountPatchBody) },
  responses: {
    200: json(s.AccountSchema, 'the account'),
    ...commonErrors, ...notFoundError, ...conflictError, ...unprocessableError,
  },
});
