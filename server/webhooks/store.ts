// The organization's webhook (one per organization): where its OA system hears that a round was
// finalized. Setting it replaces the earlier one in one transaction; the secret is stored as given
// (it signs the body, so it must be readable here) and never answered back. Two settings at once
// both delete then insert; the newest row (highest id) is the one read, so the later commit wins
// either way.

import { now } from '../store/types.js';
import type { Sql, Store } from '../store/types.js';

export interface Webhook { url: string; secret: string; createdAt: string }

const NEWEST = 'SELECT url, secret, created_at AS "createdAt" FROM webhooks WHERE org_id = ? ORDER BY id DESC LIMIT 1';
const DELETE = 'DELETE FROM webhooks WHERE org_id = ?';
const INSERT = 'INSERT INTO webhooks (org_id, url, secret, created_at) VALUES (?, ?, ?, ?)';

export function getWebhook(sql: Sql, orgId: number): Promise<Webhook | undefined> {
  return sql.get<Webhook>(NEWEST, [orgId]);
}

export async function setWebhook(store: Store, orgId: number, url: string, secret: string): Promise<Webhook> {
  const createdAt = now();
  await store.tx(async (tx) => {
    await tx.run(DELETE, [orgId]);
    await tx.run(INSERT, [orgId, url, secret, createdAt]);
  });
  return { url, secret, createdAt };
}

/** True when there was one to delete. */
export async function deleteWebhook(sql: Sql, orgId: number): Promise<boolean> {
  return (await sql.run(DELETE, [orgId])) > 0;
}
