// 年终统计与分析 (issue 15): `statistics(periods, opts)` turns the facts of a period or a span of
// periods into every table of the 统计 view and its .xlsx export (types.ts: `Statistics`). Each table
// lives in its own module; this one merges each period's facts under the request's scope (view.ts),
// calls them, pages the grade moves and lists the names the answer uses. Pure: plain data in and out.
//
// Periods come oldest first. A period's `change` compares it with the one before it in the list — or
// with `opts.before` for the first — when that is its previous period (analytics/period.ts); a span
// with a gap has no change across the gap.

import { render } from '../dsl/i18n/index.js';
import { changeOf, type Page } from './change.js';
import { countStatsOf } from './counts.js';
import { distributionOf } from './distribution.js';
import { itemKey } from './indexer.js';
import { S } from './messages.js';
import { nodeStatsOf } from './nodes.js';
import { previousPeriod } from './period.js';
import { trendOf } from './trend.js';
import type { ActionFact, ItemFact, NodeFact, PeriodFacts, PeriodStats, Statistics, StatisticsOptions } from './types.js';
import { viewOf, type PeriodView } from './view.js';

/** Moves per page: default and most. */
export const MOVES_LIMIT = { default: 100, max: 500 };

/** A request the tables cannot answer: `code` and the query parameter at fault (`path`). */
export class StatsInputError extends Error {
  constructor(readonly code: 'bad_cursor' | 'no_periods', readonly path: string, message: string) {
    super(message);
    this.name = 'StatsInputError';
  }
}

/** A moves cursor: `OFFSET:PERIOD` (the change it pages is the one into PERIOD). */
export function parseMovesCursor(text: string): { period: string; offset: number } | undefined {
  const m = /^(\d{1,9}):(.+)$/.exec(text);
  return m ? { period: m[2]!, offset: Number(m[1]) } : undefined;
}

const cursorText = (period: string, offset: number) => `${offset}:${period}`;

/** Every table for `periods` (oldest first, at least one). Throws StatsInputError for no periods or a
 * malformed cursor. */
export function statistics(periods: readonly PeriodFacts[], opts: StatisticsOptions = {}): Statistics {
  if (!periods.length) throw new StatsInputError('no_periods', 'period', 'no period to compute statistics for');
  const cursor = opts.cursor === undefined ? undefined : parseMovesCursor(opts.cursor);
  if (opts.cursor !== undefined && !cursor) {
    throw new StatsInputError('bad_cursor', 'cursor', `malformed cursor "${opts.cursor}" (use the "next" of an earlier answer)`);
  }
  const limit = Math.min(MOVES_LIMIT.max, Math.max(1, Math.floor(opts.limit ?? MOVES_LIMIT.default)));
  const filter = { unit: opts.unit, scope: opts.scope };
  const perUnit = opts.by === 'unit' || opts.unit !== undefined;
  const views = periods.map((p) => viewOf(p, filter));
  const before = opts.before ? viewOf(opts.before, filter) : undefined;
  const scoreLabel = render(S.score(), opts.lang ?? 'zh');
  const stats = views.map((v, i): PeriodStats => {
    const prev = i > 0 ? views[i - 1] : before;
    const page: Page = { offset: cursor?.period === v.period ? cursor.offset : 0, limit };
    const scoreFact: NodeFact = { name: 'score', label: scoreLabel, group: null };
    return {
      period: v.period, precision: v.precision, rounds: v.rounds ?? [], units: v.units,
      distribution: distributionOf(v),
      score: nodeStatsOf(v, { kind: 'score', fact: scoreFact, values: v.score }, perUnit),
      indicators: v.indicators.map((c) => nodeStatsOf(v, c, perUnit)),
      groups: v.groups.map((c) => nodeStatsOf(v, c, perUnit)),
      items: v.items.map((c) => countStatsOf(v, c)),
      actions: v.actions.map((c) => countStatsOf(v, c)),
      change: prev && prev.period === previousPeriod(v.period)
        ? changeOf(prev, v, page, (offset) => cursorText(v.period, offset))
        : null,
    };
  });
  const newest = [...periods].reverse().flatMap((p) => p.facts);
  const scheme = newest[0]?.scheme;
  return {
    scheme: { id: scheme?.id ?? '', label: scheme?.label ?? null },
    precision: views[views.length - 1]!.precision,
    grades: views[views.length - 1]!.grades,
    ...catalogs([...views].reverse()),
    unit: opts.unit ?? null,
    by: opts.by ?? 'indicator',
    periods: stats,
    trend: trendOf(views, perUnit),
  };
}

/** Indicators, groups, items and actions by name: the newest period's order first. */
function catalogs(views: readonly PeriodView[]): Pick<Statistics, 'indicators' | 'groups' | 'items' | 'actions'> {
  const byKey = <T>(list: T[], key: (x: T) => string): T[] => {
    const seen = new Set<string>();
    return list.filter((x) => !seen.has(key(x)) && seen.add(key(x)));
  };
  return {
    indicators: byKey<NodeFact>(views.flatMap((v) => v.indicators.map((c) => c.fact)), (n) => n.name),
    groups: byKey<NodeFact>(views.flatMap((v) => v.groups.map((c) => c.fact)), (n) => n.name),
    items: byKey<ItemFact>(views.flatMap((v) => v.items.map((c) => c.fact)), itemKey),
    actions: byKey<ActionFact>(views.flatMap((v) => v.actions.map((c) => c.fact)), (a) => a.name),
  };
}
