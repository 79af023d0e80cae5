// Request and response shapes of the papers routes (issue 15): the path and query parameters, and the
// document model (report/model.ts) as the JSON answer of `Accept: application/json`.

import { z } from '@hono/zod-openapi';
import { langParamSchema } from '../query-params.js';

export const PaperParams = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'rd_…' }),
});

export const PersonParams = PaperParams.extend({
  subject: z.string().min(1).max(200).openapi({ param: { name: 'subject', in: 'path' }, description: 'the subject id, as on the roster', example: 'A001' }),
});

// A paper is zh without `lang` (handlers.ts); a `lang` the API does not take is 400 before the
// route runs, as on every route (query-params.ts).
const lang = langParamSchema('the language of the paper, `zh` when absent');
const unit = z.string().min(1).max(200).optional()
  .openapi({ param: { name: 'unit', in: 'query' }, description: 'only the people of this unit (the roster\'s unit; a member without one: the round\'s)' });

// `format` takes the values listed for the route; any other is 400 at `format` naming them (a
// feedback sheet has no workbook: `?format=xlsx` there is refused, not answered as a page).
const format = <const T extends readonly [string, ...string[]]>(values: T, description: string) => z.enum(values).optional()
  .openapi({ param: { name: 'format', in: 'query' }, description: `${description} Any other value: 400 \`invalid_request\` at \`format\`.` });
const pageFormat = format(['html', 'json'], '`html` (the default, unless `Accept: application/json`): the printable page; `json`: the document (as `Accept: application/json`).');

export const PersonQuery = z.object({ lang, format: pageFormat });
export const FileQuery = z.object({ lang, unit, format: pageFormat });
export const PublicityQuery = z.object({
  lang, unit,
  format: format(['html', 'json', 'xlsx'], '`html` (the default): the printable page; `xlsx`: the list as a workbook (as `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`); `json`: the document (as `Accept: application/json`).'),
});

const Inline = z.union([z.string(), z.object({ strong: z.string() }).strict(), z.object({ num: z.string() }).strict()])
  .openapi('DocInline', { description: 'a run of text: plain, emphasized, or a figure' });

const Block = z.union([
  z.object({ kind: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), text: z.string().optional(), runs: z.array(Inline).optional(), tone: z.enum(['note', 'warning']).optional(), flush: z.boolean().optional() }),
  z.object({ kind: z.literal('list'), ordered: z.boolean().optional(), items: z.array(z.array(Inline)) }),
  z.object({ kind: z.literal('table'), caption: z.string().optional(), head: z.array(z.string()), rows: z.array(z.array(z.string())), align: z.array(z.enum(['left', 'right', 'center'])).optional() }),
  z.object({ kind: z.literal('fields'), items: z.array(z.object({ label: z.string(), value: z.string().optional(), wide: z.boolean().optional(), lines: z.number().int().optional() })) }),
  z.object({ kind: z.literal('lines'), label: z.string(), count: z.number().int() }),
  z.object({ kind: z.literal('signatures'), items: z.array(z.string()) }),
]).openapi('DocBlock');

export const DocSchema = z.object({
  lang: z.enum(['zh', 'en']),
  title: z.string().openapi({ description: "the file's title (the browser tab, the PDF's name)" }),
  pages: z.array(z.object({ title: z.string(), subtitle: z.string().optional(), blocks: z.array(Block) })
    .openapi({ description: 'one printed page (or more when it runs over); each starts a new sheet' })),
}).openapi('Doc', { description: 'a printable document (report/model.ts): the same content as the HTML page' });
