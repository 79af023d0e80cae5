// Route definitions of the language tools: check and format (any role; nothing is stored).

import { createRoute, z } from '@hono/zod-openapi';
import { commonErrors, json, jsonBody, security, unprocessableError } from '../openapi.js';
import { DiagnosticList, Omitted, SourceBody, SourceText } from '../schemes/schemas.js';

const tags = ['tools'];

export const check = createRoute({
  method: 'post', path: '/check', tags, security,
  summary: 'All diagnostics of a source',
  request: { body: jsonBody(SourceBody) },
  responses: { 200: json(z.object({ diagnostics: DiagnosticList, omitted: Omitted }), 'diagnostics'), ...commonErrors },
});

export const FormatBody = z
  .object({ source: SourceText, keywords: z.enum(['en', 'zh']).optional().openapi({ description: 'switch the keyword language' }) })
  .openapi('FormatBody');

export const format = createRoute({
  method: 'post', path: '/format', tags, security,
  summary: 'The canonical layout of a source',
  request: { body: jsonBody(FormatBody) },
  responses: { 200: json(z.object({ source: z.string() }), 'formatted'), ...commonErrors, ...unprocessableError },
});
