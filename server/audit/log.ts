// The audit log (等保): who read, evaluated or changed what, and when, in the append-only table
// `audit_log` (migration 0004's triggers refuse UPDATE and DELETE). What is guaranteed:
//
// - A change (create, draft, publish, token create/revoke, sign-in, sign-out) that succeeded is
//   answered only after its record is committed (`write`). If that commit fails, the client gets
//   the error (503 busy) although the change itself was stored before.
// - An evaluation's record is inserted in the group-commit transaction that stores the evaluation
//   (evaluations/writer.ts): both are durable before the answer, and the hot path pays one more
//   INSERT but no commit of its own.
// - Everything else — reads, refused requests, failed authentications — is buffered and committed
//   in one transaction per event-loop turn (`record`), a few multi-row INSERTs (one round trip
//   each on PostgreSQL, not one per record): durable within a few milliseconds of its
//   answer, so a crash can lose the records of the last moment. If that commit fails (the database
//   locked beyond its busy timeout, a full disk), the records are kept and retried every second;
//   at most MAX_PENDING wait, and the oldest beyond that are dropped with an error-level log line.
//   A refusal a retry would meet again (a constraint, a value the database cannot store) is not
//   retried: the records go in one by one, and only the refused ones are dropped, logged.

import type { Context } from 'hono';
import { clientAddress } from '../client-address.js';
import type { AppEnv } from '../context.js';
import { now } from '../store/types.js';
import type { Log } from '../log.js';
import type { Principal } from '../auth/tokens.js';
import { StoreUnavailable, type Param, type Sql, type Store } from '../store/types.js';
import type { AuditAction, AuditTarget } from './actions.js';

export interface AuditRecord {
  at: string;
  orgId: number | null;
  actor: string | null;
  actorKind: string | null;
  /** The account the token acted for (its name then), or null. */
  account: string | null;
  action: AuditAction;
  target: string | null;
  version: number | null;
  evaluation: string | null;
  status: number;
  requestId: string | null;
  address: string | null;
}

/** Records waiting for a failed commit to be retried, at most. */
export const MAX_PENDING = 100_000;
const RETRY_MS = 1000;

/** Who made a request, as a record names it: the caller (if authenticated), request id, address. */
export interface Requester { principal?: Principal; requestId?: string; address: string }

/** The record of a request: its caller (if authenticated), request id, address and outcome. */
export function recordOf(c: Context<AppEnv>, what: AuditTarget & { action: AuditAction }, status: number, at = now()): AuditRecord {
  return recordFor({ principal: c.get('principal'), requestId: c.get('requestId'), address: clientAddress(c) }, what, status, at);
}

/** The same from the requester's parts (the evaluate fast lane has no Context: fast-lane.ts). */
export function recordFor(who: Requester, what: AuditTarget & { action: AuditAction }, status: number, at = now()): AuditRecord {
  const p = who.principal;
  return {
    at,
    orgId: p?.orgId ?? null,
    actor: p?.publicId ?? null,
    actorKind: p?.kind ?? null,
    account: p?.accountName ?? null,
    action: what.action,
    target: what.target ?? null,
    version: what.version ?? null,
    evaluation: what.evaluation ?? null,
    status,
    requestId: who.requestId ?? null,
    address: who.address,
  };
}

const COLUMNS = '(at, org_id, actor, actor_kind, action, target, version, evaluation, status, request_id, address, account)';
const ROW = `(${Array<string>(12).fill('?').join(', ')})`;

/** Rows per INSERT of a flush, largest first: a flush of n records is a few statements of these
 * sizes, so the SQL texts stay five (each prepared once) and 256 × 12 parameters stay far below
 * every driver's limit. */
const CHUNKS = [256, 64, 16, 4, 1];
const INSERTS = new Map(CHUNKS.map((n) => [n, `INSERT INTO audit_log ${COLUMNS} VALUES ${Array<string>(n).fill(ROW).join(', ')}`]));

/** A text as stored: a NUL (U+0000, from a path or query such as `/api/schemes/%00`) written as the
 * six characters `\u0000` in both dialects — PostgreSQL's text cannot hold one, and a record it
 * refused would keep the whole buffer from committing (issue 17). */
const text = (s: string | null): string | null => (s === null || !s.includes('\u0000') ? s : s.replaceAll('\u0000', '\\u0000'));

const values = (r: AuditRecord): Param[] =>
  [r.at, r.orgId, text(r.actor), text(r.actorKind), r.action, text(r.target), r.version, text(r.evaluation), r.status, text(r.requestId), text(r.address), text(r.account)];

/** The records as INSERT statements of the sizes CHUNKS, in order. */
function* inserts(records: readonly AuditRecord[]): Generator<[string, Param[]]> {
  let at = 0;
  for (const n of CHUNKS) {
    for (; records.length - at >= n; at += n) yield [INSERTS.get(n)!, records.slice(at, at + n).flatMap(values)];
  }
}

export class AuditLog {
  private pending: AuditRecord[] = [];
  private scheduled = false;
  /** Settles when the last flush asked for is done. */
  private flushed: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store, private readonly log: Log) {}

  /** Inserts the record now, through `sql`: a transaction's (the evaluations writer's, so it commits
   * with the evaluation), else the store on its own. */
  async write(r: AuditRecord, sql: Sql = this.store): Promise<void> {
    await sql.run(INSERTS.get(1)!, values(r));
  }

  /** Buffers the record; the next turn of the event loop commits every buffered record at once. */
  record(r: AuditRecord): void {
    this.pending.push(r);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Commits the buffered records now, in one transaction (also what a graceful shutdown calls);
   * resolves when they and every flush before are done, and never rejects: records it could not
   * commit are kept and retried. Flushes run one after the other, so records keep their order. */
  flush(): Promise<void> {
    this.scheduled = false;
    const records = this.pending;
    this.pending = [];
    this.flushed = this.flushed.then(() => (records.length === 0 ? undefined : this.commit(records)));
    return this.flushed;
  }

  private async commit(records: AuditRecord[]): Promise<void> {
    try {
      await this.store.tx(async (tx) => {
        for (const [sql, params] of inserts(records)) await tx.run(sql, params);
      });
    } catch (err) {
      if (err instanceof StoreUnavailable) this.keepForRetry(records, err);
      else await this.commitEach(records, err);
    }
  }

  /** After a refusal that a retry would meet again (a constraint, a value the database cannot store):
   * each record in a savepoint of its own, so that one bad record does not hold back every record after
   * it for good; the refused ones are dropped with an error-level log line naming them. */
  private async commitEach(records: AuditRecord[], first: unknown): Promise<void> {
    const refused: AuditRecord[] = [];
    try {
      await this.store.tx(async (tx) => {
        refused.length = 0;
        for (const r of records) {
          try {
            await tx.savepoint((sp) => this.write(r, sp));
          } catch (err) {
            if (err instanceof StoreUnavailable) throw err;
            refused.push(r);
          }
        }
      });
    } catch (err) {
      this.keepForRetry(records, err);
      return;
    }
    if (refused.length > 0) {
      this.log({
        level: 'error', msg: 'audit records refused by the database; dropped', records: refused.length, error: String(first),
        dropped: refused.slice(0, 10).map((r) => ({ at: r.at, action: r.action, actor: r.actor, target: r.target, requestId: r.requestId })),
      });
    }
  }

  private keepForRetry(records: AuditRecord[], err: unknown): void {
    const waiting = [...records, ...this.pending];
    const dropped = Math.max(0, waiting.length - MAX_PENDING);
    this.pending = waiting.slice(dropped);
    this.log({ level: 'error', msg: 'audit records not committed; retrying', records: records.length, dropped, error: String(err) });
    if (!this.scheduled) {
      this.scheduled = true;
      setTimeout(() => void this.flush(), RETRY_MS).unref();
    }
  }
}
