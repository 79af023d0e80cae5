// The few things SQLite and PostgreSQL spell differently, as SQL fragments for the storage code's
// text (`sql.dialect` picks them): JSON inside text columns, a row lock, an index left unused.
// Everything else is written once in the SQL both accept: `?` placeholders, double-quoted aliases,
// `IS DISTINCT FROM`, `INSERT … ON CONFLICT DO NOTHING`, `RETURNING`, `LIMIT ? OFFSET ?`. Not
// portable, and so not used: `INSERT OR IGNORE`, `IS NOT ?` for values, `instr`, `json_*`, a
// selected column missing from GROUP BY, ORDER BY on what a DISTINCT does not select, LIKE on case.
//
// JSON is stored as text in both (the columns are `text`); the fragments read it as text: a value
// inside comes out as text in both dialects (a number `2026` as '2026', a string without quotes, an
// object or array as its JSON text), so a comparison binds a string.

import type { Dialect, Sql } from './types.js';

export interface SqlDialect {
  /** A FROM item: the elements of the JSON array in `expr` (or in its member `key`), one row each, in
   * column `<alias>.value` — read it with `element(alias)`. */
  jsonElements(expr: string, alias: string, key?: string): string;
  /** An element of `jsonElements` as text (SQLite's `value` is a number for a JSON number). */
  element(alias: string): string;
  /** The member `key` (a name, or an index into an array) of the JSON in `expr`, as text. */
  jsonField(expr: string, key: string | number): string;
  /** True when the member `key` of the JSON in `expr` is an array. */
  jsonIsArray(expr: string, key: string): string;
  /** True when text `needle` occurs in text `hay`. */
  contains(hay: string, needle: string): string;
  /** After a SELECT that reads a row to change it in the same transaction: PostgreSQL locks the row
   * until the commit (a concurrent writer waits, then reads the new row); SQLite's transaction
   * already holds the file's write lock (BEGIN IMMEDIATE), so nothing is added. */
  forUpdate: string;
  /** After a SELECT whose row must not change before the commit, while others may read it alike
   * (PostgreSQL: a writer of the row waits for the commit; readers with FOR SHARE do not wait for
   * each other); SQLite's write lock already excludes every other writer, so nothing is added. */
  forShare: string;
  /** A join keyword that keeps the tables in the order written (SQLite's CROSS JOIN, which takes an
   * ON clause there, where the planner is known to pick a worse order); PostgreSQL plans by
   * statistics and gets a plain JOIN. */
  orderedJoin: string;
  /** After a SELECT of a parent row, to make the writers of its children wait for each other until
   * the commit (PostgreSQL: one such lock at a time; unlike FOR UPDATE, inserts of rows referencing
   * it by a foreign key do not wait); SQLite's write lock already does it, so nothing is added. */
  forNoKeyUpdate: string;
  /** `expr`, kept from being answered by an index on it (SQLite's unary `+`), where the planner is
   * known to pick a worse one; PostgreSQL plans by statistics and gets `expr` as it is. */
  noIndex(expr: string): string;
  /** A FROM item: `table` read through `index` (SQLite's INDEXED BY, where its planner is known to
   * pick a worse one — fails the statement if the index is gone); PostgreSQL gets `table` as it is. */
  indexedBy(table: string, index: string): string;
}

const quoteText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const jsonPath = (key: string | number) => (typeof key === 'number' ? `$[${key}]` : `$.${key}`);

const sqlite: SqlDialect = {
  jsonElements: (expr, alias, key) => `json_each(${expr}${key === undefined ? '' : `, ${quoteText(jsonPath(key))}`}) ${alias}`,
  element: (alias) => `CAST(${alias}.value AS TEXT)`,
  jsonField: (expr, key) => `CAST(json_extract(${expr}, ${quoteText(jsonPath(key))}) AS TEXT)`,
  jsonIsArray: (expr, key) => `json_type(${expr}, ${quoteText(jsonPath(key))}) = 'array'`,
  contains: (hay, needle) => `instr(${hay}, ${needle}) > 0`,
  forUpdate: '',
  forShare: '',
  orderedJoin: 'CROSS JOIN',
  forNoKeyUpdate: '',
  noIndex: (expr) => `+${expr}`,
  indexedBy: (table, index) => `${table} INDEXED BY ${index}`,
};

const member = (expr: string, key: string | number) => `(${expr})::json -> ${typeof key === 'number' ? key : quoteText(key)}`;

const postgres: SqlDialect = {
  jsonElements: (expr, alias, key) =>
    `json_array_elements_text(${key === undefined ? `(${expr})::json` : member(expr, key)}) ${alias}(value)`,
  element: (alias) => `${alias}.value`,
  jsonField: (expr, key) => `((${expr})::json ->> ${typeof key === 'number' ? key : quoteText(key)})`,
  jsonIsArray: (expr, key) => `json_typeof(${member(expr, key)}) = 'array'`,
  contains: (hay, needle) => `strpos(${hay}, ${needle}) > 0`,
  forUpdate: ' FOR UPDATE',
  forShare: ' FOR SHARE',
  orderedJoin: 'JOIN',
  forNoKeyUpdate: ' FOR NO KEY UPDATE',
  noIndex: (expr) => expr,
  indexedBy: (table) => table,
};

export const dialects: Record<Dialect, SqlDialect> = { sqlite, postgres };

/** The fragments for whatever `sql` runs on. */
export const dialectOf = (sql: Sql): SqlDialect => dialects[sql.dialect];
