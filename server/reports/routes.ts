// The papers routes of a round (issue 15), as the OpenAPI document shows them. Every answer is a
// printable HTML page (A4 print CSS; its own Content-Security-Policy: no script, the one style by
// hash), or with `Accept: application/json` the document model as JSON; the 公示名单 also as .xlsx.

import { createRoute } from '@hono/zod-openapi';
import { commonErrors, conflictError, notFoundError, security, unprocessableError } from '../openapi.js';
import { DocSchema, FileQuery, PaperParams, PersonParams, PersonQuery, PublicityQuery } from './schemas.js';

const page = (description: string, xlsx = false) => ({
  description,
  content: {
    'text/html': { schema: { type: 'string' as const, description: 'the printable page' } },
    'application/json': { schema: DocSchema },
    ...(xlsx && { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string' as const, format: 'binary' } } }),
  },
});

const errors = { ...commonErrors, ...notFoundError, ...conflictError };
const NOTE = ' A unit officer gets only its units\' people: another unit\'s person is the same 404 as an unknown id (ids of other units are not revealed); another unit\'s `unit`, or a file when its units have nobody in the round, is 403 `unit_not_allowed`. A round never evaluated is 409 `round_not_evaluated`. An unknown `lang` gives zh; a `format` not listed is 400 at `format`.';

const person = (path: string, summary: string) => createRoute({
  method: 'get', path, tags: ['papers'], security, summary,
  description: `From the round's latest revision. A subject not in it is 404 naming it.${NOTE}`,
  request: { params: PersonParams, query: PersonQuery },
  responses: { 200: page('the page'), ...errors },
});

const file = (path: string, summary: string) => createRoute({
  method: 'get', path, tags: ['papers'], security, summary,
  description: `One page per person in roster order: the people of \`unit\` (404 when it has nobody in the result), else everyone the caller sees (at most 1,000 pages, else 422 \`too_many_pages\`).${NOTE}`,
  request: { params: PaperParams, query: FileQuery },
  responses: { 200: page('the pages as one file'), ...errors, ...unprocessableError },
});

export const feedbackOne = person('/rounds/{id}/feedback/{subject}', 'The feedback sheet (反馈面谈表) of one person of the round');
export const feedbackFile = file('/rounds/{id}/feedback', 'The feedback sheets of a unit (or everyone the caller sees) as one printable file');
export const registerOne = person('/rounds/{id}/papers/register/{subject}', 'The 年度考核登记表 of one person');
export const registerFile = file('/rounds/{id}/papers/register', 'The 年度考核登记表 of a unit (or everyone the caller sees), one page each');
export const noticeOne = person('/rounds/{id}/papers/notice/{subject}', 'The result notice (考核结果通知书) of one person');
export const noticeFile = file('/rounds/{id}/papers/notice', 'The result notices of a unit (or everyone the caller sees), one page each');

export const publicity = createRoute({
  method: 'get', path: '/rounds/{id}/papers/publicity', tags: ['papers'], security,
  summary: 'The 公示名单 of the round: grades sorted 按姓氏笔画, as a page, JSON or .xlsx',
  description: `Everyone of \`unit\` (404 when it has nobody in the result), else everyone the caller sees; sorted 按姓氏笔画 the mainland way (stroke count of the surname, then its stroke order 横竖撇点折, then the next characters; characters outside the mainland table by ICU's stroke collation), then id.${NOTE}`,
  request: { params: PaperParams, query: PublicityQuery },
  responses: { 200: page('the list', true), ...errors },
});
