// Route definitions of /api/schemes (the OpenAPI document is generated from these).

import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware.js';
import { commonErrors, conflictError, json, jsonBody, jsonWithLocation, notFoundError, security, unprocessableError } from '../openapi.js';
import * as s from './schemas.js';

const tags = ['schemes'];
const author = [requireRole('author')];

export const listSchemes = createRoute({
  method: 'get', path: '/schemes', tags, security,
  summary: "The organization's schemes with their latest versions",
  responses: { 200: json(z.object({ schemes: z.array(s.SchemeSummarySchema) }), 'schemes'), ...commonErrors },
});

export const createScheme = createRoute({
  method: 'post', path: '/schemes', tags, security, middleware: author,
  summary: 'Create a scheme (its id is the scheme name) with draft version 1',
  request: { body: jsonBody(s.SourceBody) },
  responses: { 201: jsonWithLocation(s.DraftResultSchema, 'created', 'the scheme: `/api/schemes/{id}`, the id percent-encoded'), ...commonErrors, ...conflictError, ...unprocessableError },
});

export const getScheme = createRoute({
  method: 'get', path: '/schemes/{id}', tags, security,
  summary: 'The scheme and its versions',
  request: { params: s.SchemeParams },
  responses: { 200: json(s.SchemeDetailSchema, 'the scheme'), ...commonErrors, ...notFoundError },
});

export const putDraft = createRoute({
  method: 'put', path: '/schemes/{id}/draft', tags, security, middleware: author,
  summary: 'Replace the draft, or open version n+1 as a draft',
  request: { params: s.SchemeParams, body: jsonBody(s.SourceBody) },
  responses: { 200: json(s.DraftResultSchema, 'the draft'), ...commonErrors, ...notFoundError, ...unprocessableError },
});

export const publish = createRoute({
  method: 'post', path: '/schemes/{id}/publish', tags, security, middleware: author,
  summary: 'Publish the draft: refused while it has errors or a failing example',
  request: { params: s.SchemeParams },
  responses: { 200: json(s.PublishResultSchema, 'published'), ...commonErrors, ...notFoundError, ...conflictError, ...unprocessableError },
});

export const getVersion = createRoute({
  method: 'get', path: '/schemes/{id}/versions/{n}', tags, security,
  summary: 'One version: source, hash, status, dates',
  request: { params: s.VersionParams },
  responses: { 200: json(s.VersionDetailSchema, 'the version'), ...commonErrors, ...notFoundError },
});
