// `kaohe db copy --from data/kaohe.db --to postgres://…` (issue 17): everything a SQLite database holds,
// copied into an empty PostgreSQL one (migrated to the same schema) in ONE transaction, verified before
// it commits: per table the row count and a SHA-256 over every row read back from PostgreSQL in key
// order, compared with the same hash over the SQLite rows as they were copied — chunk by chunk, so a
// difference names the rows. Any difference rolls the whole copy back: the destination is left empty,
// never half-copied. Ids are copied as they are; each serial's sequence then moves past the largest.
//
// Both sides are read in the same key order (the C collation of the PostgreSQL text columns is
// SQLite's byte order), by keyset pages, so memory stays bounded whatever the size: a page of rows and
// the list of page hashes.

import { createHash } from 'node:crypto';
import type { Param, Row, Sql, Store } from '../store/types.js';

interface CopiedTable {
  name: string;
  /** The columns that order the rows uniquely (primary key, or the unique key of a table without). */
  key: string[];
  /** A serial column whose sequence follows the copied ids. */
  serial?: string;
}

/** Every table with rows to keep, parents before children (foreign keys). The generation counter,
 * leases and failure windows are the running servers' state, not data: not copied. */
export const COPIED_TABLES: readonly CopiedTable[] = [
  { name: 'organizations', key: ['id'], serial: 'id' },
  { name: 'accounts', key: ['id'], serial: 'id' },
  { name: 'tokens', key: ['id'], serial: 'id' },
  { name: 'schemes', key: ['id'], serial: 'id' },
  { name: 'scheme_versions', key: ['id'], serial: 'id' },
  { name: 'evaluations', key: ['id'] },
  { name: 'audit_log', key: ['id'], serial: 'id' },
  { name: 'rounds', key: ['id'] },
  { name: 'round_members', key: ['round_id', 'subject_id'] },
  { name: 'input_parts', key: ['id'], serial: 'id' },
  { name: 'input_batches', key: ['id'] },
  { name: 'amendments', key: ['id'], serial: 'id' },
  { name: 'revisions', key: ['round_id', 'n'] },
  { name: 'revision_facts', key: ['round_id', 'n'] },
  { name: 'round_records', key: ['id'], serial: 'id' },
  { name: 'subject_results', key: ['id'], serial: 'id' },
  { name: 'webhooks', key: ['id'], serial: 'id' },
];

/** Rows read per page. */
const PAGE_ROWS = 1000;
/** A multi-row INSERT's limits: PostgreSQL takes at most 65,535 parameters; big rows (a cohort's
 * input and result, MBs each) go fewer at a time. */
const MAX_PARAMS = 30_000;
const MAX_BYTES = 16 * 1024 * 1024;

export interface TableCopy { table: string; rows: number; sha256: string }

export interface CopyResult { tables: TableCopy[]; ms: number }

/** The copy did not verify: nothing was kept. `rows` names the first rows that differ. */
export class CopyMismatch extends Error {
  constructor(readonly table: string, readonly rows: string[]) {
    super(`table ${table} differs after the copy${rows.length ? ` (rows ${rows.join(', ')})` : ''}`);
  }
}

/** The destination already holds rows: the copy refuses to mix two databases. */
export class DestinationNotEmpty extends Error {
  constructor(readonly tables: string[]) {
    super(`the destination already has rows in ${tables.join(', ')}`);
  }
}

const quote = (name: string) => `"${name}"`;

/** One page of a table in key order, after `after` (the previous page's last key). */
function pageQuery(t: CopiedTable, after: Param[] | undefined): string {
  const order = t.key.map(quote).join(', ');
  const where = after ? ` WHERE (${order}) > (${t.key.map(() => '?').join(', ')})` : '';
  return `SELECT * FROM ${quote(t.name)}${where} ORDER BY ${order} LIMIT ${PAGE_ROWS}`;
}

async function* pages(sql: Sql, t: CopiedTable): AsyncGenerator<Row[]> {
  let after: Param[] | undefined;
  for (;;) {
    const rows = await sql.all(pageQuery(t, after), after ?? []);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE_ROWS) return;
    const last = rows[rows.length - 1];
    after = t.key.map((k) => last[k] as Param);
  }
}

/** A row's values as hashed: numbers and text as JSON, so SQLite's and PostgreSQL's agree. */
const rowText = (row: Row, columns: string[]) => JSON.stringify(columns.map((c) => (typeof row[c] === 'bigint' ? Number(row[c]) : row[c] ?? null)));

const pageHash = (rows: Row[], columns: string[]) => {
  const h = createHash('sha256');
  for (const r of rows) h.update(rowText(r, columns)).update('\n');
  return h.digest('hex');
};

async function insertPage(tx: Sql, table: string, columns: string[], rows: Row[]): Promise<void> {
  const perRow = columns.length;
  let start = 0;
  while (start < rows.length) {
    let end = start;
    let bytes = 0;
    while (end < rows.length && (end - start + 1) * perRow <= MAX_PARAMS && (end === start || bytes < MAX_BYTES)) {
      for (const c of columns) {
        const v = rows[end][c];
        if (typeof v === 'string') bytes += v.length * 3;
      }
      end++;
    }
    const values: Param[] = [];
    for (let i = start; i < end; i++) for (const c of columns) values.push((rows[i][c] ?? null) as Param);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    await tx.run(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${Array.from({ length: end - start }, () => tuple).join(', ')}`, values);
    start = end;
  }
}

/** Page `n` (from 0) of a table, read again to name the rows that differ. */
async function nthPage(sql: Sql, t: CopiedTable, n: number): Promise<Row[]> {
  let i = 0;
  for await (const page of pages(sql, t)) if (i++ === n) return page;
  return [];
}

/** The rows of one page that differ between the two sides, by key, for the error. */
function differingKeys(a: Row[], b: Row[], t: CopiedTable, columns: string[]): string[] {
  const keyOf = (r: Row) => t.key.map((k) => String(r[k])).join('/');
  const theirs = new Map(b.map((r) => [keyOf(r), rowText(r, columns)]));
  const out = a.filter((r) => theirs.get(keyOf(r)) !== rowText(r, columns)).map(keyOf);
  const ours = new Set(a.map(keyOf));
  for (const r of b) if (!ours.has(keyOf(r))) out.push(keyOf(r));
  return out.slice(0, 10);
}

/** Copies one table: pages of the source inserted, then read back and compared page by page. */
async function copyTable(from: Sql, tx: Sql, t: CopiedTable): Promise<TableCopy> {
  const hashes: string[] = [];
  const whole = createHash('sha256');
  let columns: string[] | undefined;
  let rows = 0;
  for await (const page of pages(from, t)) {
    columns ??= Object.keys(page[0]);
    await insertPage(tx, t.name, columns, page);
    const h = pageHash(page, columns);
    hashes.push(h);
    whole.update(h);
    rows += page.length;
  }
  let i = 0;
  let back = 0;
  for await (const page of pages(tx, t)) {
    back += page.length;
    if (!columns || pageHash(page, columns) !== hashes[i]) {
      throw new CopyMismatch(t.name, columns ? differingKeys(await nthPage(from, t, i), page, t, columns) : []);
    }
    i++;
  }
  if (back !== rows || i !== hashes.length) throw new CopyMismatch(t.name, []);
  if (t.serial && rows > 0) {
    await tx.run(`SELECT setval(pg_get_serial_sequence('${t.name}', '${t.serial}'), (SELECT MAX(${quote(t.serial)}) FROM ${quote(t.name)}))`);
  }
  return { table: t.name, rows, sha256: whole.digest('hex') };
}

/** Copies every table of `from` (SQLite) into `to` (PostgreSQL, migrated, empty), all or nothing. */
export async function copyStore(from: Store, to: Store, onTable?: (c: TableCopy) => void): Promise<CopyResult> {
  const started = performance.now();
  const filled: string[] = [];
  for (const t of COPIED_TABLES) if (await to.get(`SELECT 1 AS one FROM ${quote(t.name)} LIMIT 1`)) filled.push(t.name);
  if (filled.length > 0) throw new DestinationNotEmpty(filled);
  // The source is read inside one read transaction: a snapshot, even if a server still writes to the
  // file meanwhile (WAL readers see the database as of their first read). The source store is the
  // copy's own connection, so waiting on PostgreSQL inside its transaction holds up nobody else.
  const tables = await from.tx(
    (src) =>
      to.tx(async (tx) => {
        const done: TableCopy[] = [];
        for (const t of COPIED_TABLES) {
          const c = await copyTable(src, tx, t);
          done.push(c);
          onTable?.(c);
        }
        return done;
      }),
    { write: false },
  );
  return { tables, ms: performance.now() - started };
}
