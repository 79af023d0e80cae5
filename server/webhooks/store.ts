// The organization's webhook (one per organization): where its OA system hears that a round was
// finalized. Setting it replaces the earlier one in one transaction; the secret is stored as given
// (it signs the body, so it must be readable here) and never answered back.

import { eq } from 'drizzle-orm';
import { now, type Db } from '../db/client.js';
import { webhooks } from '../db/schema.js';

export interface Webhook { url: string; secret: string; createdAt: string }

export function getWebhook(db: Db, orgId: number): Webhook | undefined {
  return db.select({ url: webhooks.url, secret: webhooks.secret, createdAt: webhooks.createdAt })
    .from(webhooks).where(eq(webhooks.orgId, orgId)).orderBy(webhooks.id).all().at(-1);
}

export function setWebhook(db: Db, orgId: number, url: string, secret: string): Webhook {
  const createdAt = now();
  db.transaction((tx) => {
    tx.delete(webhooks).where(eq(webhooks.orgId, orgId)).run();
    tx.insert(webhooks).values({ orgId, url, secret, createdAt }).run();
  });
  return { url, secret, createdAt };
}

/** True when there was one to delete. */
export function deleteWebhook(db: Db, orgId: number): boolean {
  return db.delete(webhooks).where(eq(webhooks.orgId, orgId)).run().changes > 0;
}
