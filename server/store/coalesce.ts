// Many one-row INSERTs as a few multi-row ones (issue 17): on PostgreSQL every statement is a round
// trip, and the evaluations writer's group commit wrote two rows per request (the evaluation and its
// audit record) one statement at a time — ≈ 0.3 ms of the server's CPU per request in the driver and
// the socket, most of what made a stored evaluate cost 2–3 times SQLite's. `InsertRecorder` is a `Tx`
// that records the one-row INSERTs the code already writes (reads go through at once), and `replay`
// sends each statement text's rows together: one INSERT of 2^k rows at a time (so a few statement
// texts stay prepared), in the order the texts first appeared. Anything that is not a plain one-row
// `INSERT INTO t (…) VALUES (…)` is sent as it is, in its place.

import type { Param, Row, Sql, Tx } from './types.js';

/** A one-row INSERT: the part before the row, and the row's placeholders. */
const ONE_ROW = /^(\s*INSERT\s+INTO\s+[^\s(]+\s*\([^)]*\)\s*VALUES\s*)(\((?:[^()]|\([^()]*\))*\))\s*$/is;
/** Most rows in one statement (PostgreSQL takes 65,535 parameters; rows are ≤ 30 columns here). */
const MOST_ROWS = 256;

export interface Recorded { sql: string; params: readonly Param[] }

export class InsertRecorder implements Tx {
  readonly dialect: Tx['dialect'];
  private readonly writes: Recorded[] = [];

  constructor(private readonly tx: Tx) {
    this.dialect = tx.dialect;
  }

  all<T = Row>(sql: string, params?: readonly Param[]): Promise<T[]> {
    return this.tx.all<T>(sql, params);
  }

  get<T = Row>(sql: string, params?: readonly Param[]): Promise<T | undefined> {
    return this.tx.get<T>(sql, params);
  }

  /** Recorded, not sent: answers one row changed. */
  run(sql: string, params: readonly Param[] = []): Promise<number> {
    this.writes.push({ sql, params });
    return Promise.resolve(1);
  }

  /** Nothing recorded is sent until `replay`, so there is nothing to roll back to: a failure of
   * `fn` fails the replay's caller as it would without the savepoint. */
  savepoint<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return fn(this);
  }

  /** What was recorded, in order (for `oneStatement`). */
  get recorded(): readonly Recorded[] {
    return this.writes;
  }

  /** Sends what was recorded through `sql`, one-row INSERTs of one text together. */
  async replay(sql: Sql): Promise<void> {
    const { groups, order } = grouped(this.writes);
    for (const item of order) {
      if (typeof item !== 'string') await sql.run(item.sql, item.params);
      else await insertRows(sql, item, groups.get(item)!);
    }
  }
}

/** The one-row INSERTs by text, and the order to send them in: each text where it first appeared,
 * every other statement in its place. */
function grouped(writes: readonly Recorded[]): { groups: Map<string, Recorded[]>; order: (string | Recorded)[] } {
  const groups = new Map<string, Recorded[]>();
  const order: (string | Recorded)[] = [];
  for (const w of writes) {
    if (!ONE_ROW.test(w.sql)) {
      order.push(w);
      continue;
    }
    let g = groups.get(w.sql);
    if (!g) {
      groups.set(w.sql, (g = []));
      order.push(w.sql);
    }
    g.push(w);
  }
  return { groups, order };
}

/** The rows of one INSERT text in statements of 2^k rows (at most MOST_ROWS). */
async function insertRows(sql: Sql, text: string, rows: Recorded[]): Promise<void> {
  for (const [statement, params] of chunks(text, rows)) await sql.run(statement, params);
}

/** One INSERT text's rows as statements of 2^k rows (at most MOST_ROWS) and their parameters. */
function* chunks(text: string, rows: Recorded[]): Generator<[string, Param[]]> {
  const [, head, row] = ONE_ROW.exec(text)!;
  let at = 0;
  while (at < rows.length) {
    let n = MOST_ROWS;
    while (n > rows.length - at) n >>= 1;
    const params: Param[] = [];
    for (let i = at; i < at + n; i++) params.push(...rows[i].params);
    yield [n === 1 ? text : head + Array.from({ length: n }, () => row).join(', '), params];
    at += n;
  }
}

/** Parameters one statement may carry (PostgreSQL's protocol counts them in 16 bits). */
const MOST_PARAMS = 65_535;

/** PostgreSQL: recorded one-row INSERTs and a final query as ONE statement — each INSERT (of 2^k rows)
 * a data-modifying WITH of `query` — which commits or fails whole on its own (no BEGIN/COMMIT round
 * trips). Undefined when a recorded write is not a one-row INSERT or the parameters are too many. */
export function oneStatement(writes: readonly Recorded[], query: string, queryParams: readonly Param[]): { sql: string; params: Param[] } | undefined {
  const { groups, order } = grouped(writes);
  if (order.some((item) => typeof item !== 'string')) return undefined;
  const parts: string[] = [];
  const params: Param[] = [];
  for (const [text, rows] of groups) {
    for (const [statement, values] of chunks(text, rows)) {
      parts.push(`w${parts.length} AS (${statement})`);
      params.push(...values);
    }
  }
  params.push(...queryParams);
  if (params.length > MOST_PARAMS) return undefined;
  return { sql: parts.length === 0 ? query : `WITH ${parts.join(', ')} ${query}`, params };
}
