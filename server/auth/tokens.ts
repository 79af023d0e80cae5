// Tokens: random secrets shown once, stored only as their sha256. A token belongs to one
// organization and carries a set of roles (API.md gives each token one role; the first-start token
// of `kaohe serve` holds admin+author so one browser session can both manage and write).
// A token may act for a named account (issue 14, server/accounts/): it then takes the account's
// roles and units as they are now — a change to the account applies to its tokens and sessions at
// once — and a disabled account's tokens are refused (401) without being revoked.

import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { now, once, type Conn } from '../db/client.js';
import { accounts, organizations, tokens, type AccountRow, type Token } from '../db/schema.js';
import { unitsFromColumn } from '../accounts/units.js';

export const ROLES = ['admin', 'author', 'evaluator'] as const;
export type Role = (typeof ROLES)[number];
export type TokenKind = Token['kind'];

/** Who is calling: resolved from a bearer token or a session cookie. */
export interface Principal {
  tokenId: number;
  publicId: string;
  orgId: number;
  roles: Role[];
  /** bearer or session (what the audit log names as the actor's kind). */
  kind: TokenKind;
  /** When the token was created (ISO time): a browser session ends a fixed time after it. */
  createdAt: string;
  /** The account the token acts for (issue 14; server/accounts/), or null for a token made
   * without one, which acts for the organization with its own roles and sees every unit. */
  accountId: number | null;
  accountName: string | null;
  /** The units the caller may see and submit for; null: all of them (accounts/scope.ts). */
  units: string[] | null;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const PREFIX: Record<TokenKind, string> = { bearer: 'kh_', session: 'khs_', signin: 'khc_' };

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** The roles stored in a `roles` column (tokens, accounts): `admin,author`; unknown names left out. */
export const rolesFromColumn = (text: string): Role[] => text.split(',').filter(isRole);

/** Parses `admin,author` into roles; undefined if any is unknown or none is given. */
export function parseRoles(text: string): Role[] | undefined {
  const parts = [...new Set(text.split(',').map((r) => r.trim()).filter(Boolean))];
  return parts.length > 0 && parts.every(isRole) ? (parts as Role[]) : undefined;
}

export function findOrCreateOrg(db: Conn, name: string): number {
  const found = db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)).get();
  if (found) return found.id;
  return db.insert(organizations).values({ name, createdAt: now() }).returning({ id: organizations.id }).get().id;
}

export interface NewToken { secret: string; publicId: string; id: number }

export function createToken(db: Conn, opts: { orgId: number; roles: Role[]; kind?: TokenKind; name?: string; accountId?: number | null }): NewToken {
  const kind = opts.kind ?? 'bearer';
  const secret = PREFIX[kind] + randomBytes(24).toString('base64url');
  const publicId = 'tok_' + randomBytes(6).toString('hex');
  const row = db
    .insert(tokens)
    .values({
      publicId, orgId: opts.orgId, kind, roles: opts.roles.join(','), hash: sha256(secret), name: opts.name ?? null, createdAt: now(),
      accountId: opts.accountId ?? null,
    })
    .returning({ id: tokens.id })
    .get();
  return { secret, publicId, id: row.id };
}

/** A live token found by its secret: its principal, or — when its account is disabled — only the
 * account's name (the secret was right, but the token may not act: 401, not a failure to count). */
export type Credential = { principal: Principal; disabledAccount?: undefined } | { principal?: undefined; disabledAccount: string };

/** The live token of that kind with that secret, with its account if it has one. */
export function findCredential(db: Conn, secret: string, kind: TokenKind): Credential | undefined {
  const query = once(db, 'findCredential', () =>
    db
      .select({ token: tokens, account: accounts })
      .from(tokens)
      .leftJoin(accounts, eq(accounts.id, tokens.accountId))
      .where(and(eq(tokens.hash, sql.placeholder('hash')), eq(tokens.kind, sql.placeholder('kind')), isNull(tokens.revokedAt)))
      .prepare(),
  );
  const row = query.get({ hash: sha256(secret), kind });
  if (!row) return undefined;
  if (row.account?.disabledAt) return { disabledAccount: row.account.name };
  return { principal: toPrincipal(row.token, row.account) };
}

/** The live token of that kind with that secret, as a principal (none for a disabled account). */
export function findPrincipal(db: Conn, secret: string, kind: TokenKind): Principal | undefined {
  return findCredential(db, secret, kind)?.principal;
}

/** A token row as a principal; with its account, the account's roles and units. */
export function toPrincipal(row: Token, account?: AccountRow | null): Principal {
  const base = { tokenId: row.id, publicId: row.publicId, orgId: row.orgId, kind: row.kind, createdAt: row.createdAt };
  if (!account) return { ...base, roles: rolesFromColumn(row.roles), accountId: null, accountName: null, units: null };
  return { ...base, roles: rolesFromColumn(account.roles), accountId: account.id, accountName: account.name, units: unitsFromColumn(account.units) };
}

/** Whether the token `id` still acts with one of `roles`: live, its account (if any) enabled, and
 * holding such a role now. Asked inside an evaluation's commit when the rows changed after the
 * request was authenticated (evaluations/writer.ts: a token revoked while the body arrived, H5 F1). */
export function stillActs(db: Conn, id: number, roles: readonly Role[]): boolean {
  const query = once(db, 'stillActs', () =>
    db
      .select({ roles: tokens.roles, accountRoles: accounts.roles, disabledAt: accounts.disabledAt })
      .from(tokens)
      .leftJoin(accounts, eq(accounts.id, tokens.accountId))
      .where(and(eq(tokens.id, sql.placeholder('id')), isNull(tokens.revokedAt)))
      .prepare(),
  );
  const row = query.get({ id });
  if (!row || row.disabledAt) return false;
  const held = rolesFromColumn(row.accountRoles ?? row.roles);
  return roles.some((r) => held.includes(r));
}

/** Marks a token revoked; false if it was not live in that organization. */
export function revokeToken(db: Conn, orgId: number, publicId: string): boolean {
  const res = db
    .update(tokens)
    .set({ revokedAt: now() })
    .where(and(eq(tokens.publicId, publicId), eq(tokens.orgId, orgId), isNull(tokens.revokedAt)))
    .run();
  return res.changes > 0;
}
