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
//   in one transaction per event-loop turn (`record`): durable within a few milliseconds of its
//   answer, so a crash can lose the records of the last moment. If that commit fails (the database
//   locked beyond its busy timeout, a full disk), the records are kept and retried every second;
//   at most MAX_PENDING wait, and the oldest beyond that are dropped with an error-level log line.

import type { Statement } from 'better-sqlite3';
import type { Context } from 'hono';
import { clientAddress } from '../client-address.js';
import type { AppEnv } from '../context.js';
import { now, type Db } from '../db/client.js';
import type { Log } from '../log.js';
import type { Principal } from '../auth/tokens.js';
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

export class AuditLog {
  private pending: AuditRecord[] = [];
  private scheduled = false;
  private readonly insert: Statement;
  private readonly insertAll: (records: AuditRecord[]) => void;
  private readonly isOpen: () => boolean;

  constructor(db: Db, private readonly log: Log) {
    this.isOpen = () => db.$client.open;
    // better-sqlite3 directly: `write` runs inside the evaluate hot path's transaction.
    this.insert = db.$client.prepare(
      `INSERT INTO audit_log (at, org_id, actor, actor_kind, action, target, version, evaluation, status, request_id, address, account)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const all = db.$client.transaction((records: AuditRecord[]) => {
      for (const r of records) this.write(r);
    });
    this.insertAll = (records) => all.immediate(records);
  }

  /** Inserts the record now: inside the caller's transaction when one is open, else on its own. */
  write(r: AuditRecord): void {
    this.insert.run(r.at, r.orgId, r.actor, r.actorKind, r.action, r.target, r.version, r.evaluation, r.status, r.requestId, r.address, r.account);
  }

  /** Buffers the record; the next turn of the event loop commits every buffered record at once. */
  record(r: AuditRecord): void {
    this.pending.push(r);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Commits the buffered records now (also what a graceful shutdown calls). */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    if (!this.isOpen()) {
      this.log({ level: 'error', msg: 'audit records lost: the database was closed before they were committed', records: records.length });
      return;
    }
    try {
      this.insertAll(records);
    } catch (err) {
      this.keepForRetry(records, err);
    }
  }

  private keepForRetry(records: AuditRecord[], err: unknown): void {
    const waiting = [...records, ...this.pending];
    const dropped = Math.max(0, waiting.length - MAX_PENDING);
    this.pending = waiting.slice(dropped);
    this.log({ level: 'error', msg: 'audit records not committed; retrying', records: records.length, dropped, error: String(err) });
    if (!this.scheduled) {
      this.scheduled = true;
      setTimeout(() => this.flush(), RETRY_MS).unref();
    }
  }
}
