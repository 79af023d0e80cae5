// The route of 年终统计与分析 (issue 15) as OpenAPI: GET /api/statistics, JSON or a workbook.

import { createRoute, z } from '@hono/zod-openapi';
import { commonErrors, ErrorSchema, notFoundError, security } from '../openapi.js';
import { StatisticsQuery, StatisticsSchema } from './schemas.js';
import { XLSX_TYPE } from './xlsx.js';

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

export const statisticsRoute = createRoute({
  method: 'get', path: '/statistics', tags: ['statistics'], security,
  summary: '年终统计与分析: grade distribution, indicator statistics, items, actions, change and trend of a scheme over a period, a span or a round',
  description: [
    'Exactly one of `period`, `from`+`to` (at most 12 periods) or `round`. Periods read the scheme\'s FINAL rounds (their newest',
    'revision; several final rounds of one period are merged); `round` reads one evaluated round of any status. Statistics are of',
    'reported scores (the scheme\'s precision); quartiles by QUARTILE.INC; every number but counts is decimal text. The first',
    'period is compared with the period before it when that has final rounds. A unit officer sees only their units (`scopedTo`).',
    'With `Accept: ' + XLSX_TYPE + '` or `?format=xlsx` the same tables as a workbook, one sheet per table (headings in zh; `lang=en` for en).',
  ].join(' '),
  request: { query: StatisticsQuery },
  responses: {
    200: {
      description: 'the statistics',
      content: {
        'application/json': { schema: StatisticsSchema },
        [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...commonErrors,
    ...notFoundError,
    409: err('`round_not_evaluated`: the round has no revision yet'),
    422: err('`invalid_query` (not exactly one of period, from/to, round; `scheme` missing), `invalid_period` (details: `expected` form), `invalid_span`, `span_too_long`, `no_rounds` (no final round in the span), `unknown_unit`'),
  },
});
