// Accounts of an organization: a person's name (unique in the organization), roles, the units they
// may see (null: every unit) and whether they are disabled. Every function takes the caller's
// organization, so another organization's account is simply not found. Disabling revokes nothing:
// the account's tokens and sessions are refused while it is disabled (auth/tokens.ts) and work again
// when it is enabled.

import { and, asc, eq, sql } from 'drizzle-orm';
import { rolesFromColumn, type Role } from '../auth/tokens.js';
import { isUniqueViolation, now, type Conn } from '../db/client.js';
import { accounts, type AccountRow } from '../db/schema.js';
import { conflict, said } from '../errors.js';
import { A } from './messages.js';
import { unitsFromColumn, unitsToColumn } from './units.js';

export interface AccountInfo {
  id: number;
  name: string;
  roles: Role[];
  units: string[] | null;
  disabled: boolean;
  createdAt: string;
  disabledAt: string | null;
}

export const accountInfo = (row: AccountRow): AccountInfo => ({
  id: row.id,
  name: row.name,
  roles: rolesFromColumn(row.roles),
  units: unitsFromColumn(row.units),
  disabled: row.disabledAt !== null,
  createdAt: row.createdAt,
  disabledAt: row.disabledAt,
});

export interface AccountFields {
  name: string;
  roles: Role[];
  units: string[] | null;
}

export function listAccounts(db: Conn, orgId: number): AccountInfo[] {
  return db.select().from(accounts).where(eq(accounts.orgId, orgId)).orderBy(asc(accounts.id)).all().map(accountInfo);
}

export function findAccount(db: Conn, orgId: number, id: number): AccountRow | undefined {
  return db.select().from(accounts).where(and(eq(accounts.orgId, orgId), eq(accounts.id, id))).get();
}

export function findAccountByName(db: Conn, orgId: number, name: string): AccountRow | undefined {
  return db.select().from(accounts).where(and(eq(accounts.orgId, orgId), eq(accounts.name, name))).get();
}

/** An account named by the API or the command line: its id (a number) or its name. */
export function findAccountRef(db: Conn, orgId: number, ref: string | number): AccountRow | undefined {
  return typeof ref === 'number' ? findAccount(db, orgId, ref) : findAccountByName(db, orgId, ref);
}

const exists = (name: string) => conflict('account_exists', A.accountExists({ name }), [{ path: 'name', ...said(A.accountExists({ name })) }]);

export function createAccount(db: Conn, orgId: number, f: AccountFields): AccountInfo {
  try {
    const row = db
      .insert(accounts)
      .values({ orgId, name: f.name, roles: f.roles.join(','), units: unitsToColumn(f.units), createdAt: now() })
      .returning()
      .get();
    return accountInfo(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw exists(f.name);
    throw e;
  }
}

export interface AccountPatch extends Partial<AccountFields> {
  disabled?: boolean;
}

/** Applies the patch; undefined when the account is not the organization's. Disabling an account
 * that is disabled already keeps its first `disabledAt`. */
export function updateAccount(db: Conn, orgId: number, id: number, patch: AccountPatch): AccountInfo | undefined {
  const set: Partial<typeof accounts.$inferInsert> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.roles !== undefined) set.roles = patch.roles.join(',');
  if (patch.units !== undefined) set.units = unitsToColumn(patch.units);
  if (patch.disabled === false) set.disabledAt = null;
  const disabledAt = patch.disabled === true ? sql`coalesce(${accounts.disabledAt}, ${now()})` : undefined;
  if (Object.keys(set).length === 0 && !disabledAt) {
    const row = findAccount(db, orgId, id);
    return row && accountInfo(row);
  }
  try {
    const row = db
      .update(accounts)
      .set({ ...set, ...(disabledAt && { disabledAt }) })
      .where(and(eq(accounts.orgId, orgId), eq(accounts.id, id)))
      .returning()
      .get();
    return row && accountInfo(row);
  } catch (e) {
    if (isUniqueViolation(e) && patch.name !== undefined) throw exists(patch.name);
    throw e;
  }
}
