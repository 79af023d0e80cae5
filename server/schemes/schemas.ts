// Request and response shapes of the scheme routes (zod, with OpenAPI names).

import { z } from '@hono/zod-openapi';
import { wellFormed } from '../prepared.js';

export const DiagnosticSchema = z
  .object({
    code: z.string().openapi({ example: 'KH-C010' }),
    severity: z.enum(['error', 'warning']),
    message: z.string(),
    range: z.object({
      start: z.object({ line: z.number(), column: z.number() }),
      end: z.object({ line: z.number(), column: z.number() }),
    }),
  })
  .passthrough()
  .openapi('Diagnostic');

/** A response's diagnostics: capped (server/limits.ts), errors kept first, the rest counted in `omitted`. */
export const DiagnosticList = z.array(DiagnosticSchema).openapi({
  description: 'in source order, at most 1000: when there are more, errors are kept first and `omitted` counts the rest',
});
export const Omitted = z.number().int().optional().openapi({ description: 'diagnostics not listed; absent when all are' });

/** A scheme's source as a request carries it, normalized (`wellFormed`) for every route that takes
 * one: what is analyzed, hashed and stored is then the text SQLite gives back. */
export const SourceText = z.string().openapi({ example: 'scheme 示例 { … }' }).transform(wellFormed);

export const SourceBody = z.object({ source: SourceText }).openapi('SourceBody');

export const VersionInfoSchema = z
  .object({
    n: z.number().int(),
    status: z.enum(['draft', 'published']),
    hash: z.string().openapi({ example: 'sha256:…' }),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
    createdByAccount: z.string().nullable().openapi({ description: 'the account `createdBy` acted for (its name); null: none' }),
    publishedByAccount: z.string().nullable().openapi({ description: 'the account `publishedBy` acted for (its name); null: none' }),
  })
  .openapi('VersionInfo');

export const VersionDetailSchema = VersionInfoSchema.extend({ scheme: z.string(), source: z.string() }).openapi('VersionDetail');

export const SchemeSummarySchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    latest: VersionInfoSchema,
    published: z.number().int().nullable().openapi({ description: 'the newest published version, if any' }),
  })
  .openapi('SchemeSummary');

export const SchemeDetailSchema = z
  .object({ id: z.string(), createdAt: z.string(), versions: z.array(VersionInfoSchema) })
  .openapi('SchemeDetail');

export const DraftResultSchema = z
  .object({
    id: z.string(),
    opened: z.boolean().optional().openapi({ description: 'true when a new version number was opened' }),
    version: VersionInfoSchema,
    diagnostics: DiagnosticList,
    omitted: Omitted,
  })
  .openapi('DraftResult');

export const PublishResultSchema = z
  .object({
    id: z.string(),
    version: VersionInfoSchema,
    diagnostics: DiagnosticList.openapi({ description: 'warnings, at most 1000; `omitted` counts the rest' }),
    omitted: Omitted,
    examples: z.array(z.object({ name: z.string(), passed: z.boolean() })).openapi({ description: 'at most 1000 listed' }),
  })
  .openapi('PublishResult');

/** Longest scheme name (UTF-16 code units): the `{id}` path parameter; longer names are refused
 * when a scheme is created (422 scheme_name_too_long), or it could never be addressed. */
export const MAX_SCHEME_ID = 200;

export const SchemeParams = z.object({
  id: z.string().min(1).max(MAX_SCHEME_ID).openapi({ param: { name: 'id', in: 'path' }, example: '省直年度考核' }),
});

// Strict like `?version=` on evaluate: coercion took `01`, `1e0`, `0x1`, `+1` and ` 1` for 1.
/** `n`: a version number or `draft` (the newest draft), for the routes describing a version. */
export const VersionOrDraftParams = SchemeParams.extend({
  n: z.string().regex(/^([1-9][0-9]{0,8}|draft)$/, 'a version number or draft')
    .openapi({ param: { name: 'n', in: 'path' }, example: '1', description: 'a version number, or `draft` (authors): the newest draft' }),
});

export const VersionParams = SchemeParams.extend({
  n: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'a version number')
    .transform(Number)
    .openapi({ param: { name: 'n', in: 'path' }, example: '1' }),
});
