// Tokens: random secrets shown once, stored only as their sha256. A token belongs to one
// organization and carries a set of roles (API.md gives each token one role; the first-start token
// of `kaohe serve` holds admin+author so one browser session can both manage and write).
// A token may act for a named account (issue 14, server/accounts/): it then takes the account's
// roles and units as they are now — a change to the account applies to its tokens and sessions at
// once — and a disabled account's tokens are refused (401) without being revoked.

import { createHash, randomBytes } from 'node:crypto';
import { now } from '../store/types.js';
import type { AccountRow, Token } from '../db/schema.js';
import type { Sql } from '../store/types.js';
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

const FIND_ORG = 'SELECT id FROM organizations WHERE name = ?';

/** The organization's id, created if there is none; of two processes creating it at once, the unique
 * name keeps one row, and the other reads it. */
export async function findOrCreateOrg(sql: Sql, name: string): Promise<number> {
  const found = await sql.get<{ id: number }>(FIND_ORG, [name]);
  if (found) return found.id;
  const made = await sql.get<{ id: number }>('INSERT INTO organizations (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING RETURNING id', [name, now()]);
  return made?.id ?? (await sql.get<{ id: number }>(FIND_ORG, [name]))!.id;
}

export interface NewToken { secret: string; publicId: string; id: number }

const INSERT_TOKEN = `INSERT INTO tokens (public_id, org_id, kind, roles, hash, name, created_at, account_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;

export async function createToken(sql: Sql, opts: { orgId: number; roles: Role[]; kind?: TokenKind; name?: string; accountId?: number | null }): Promise<NewToken> {
  const kind = opts.kind ?? 'bearer';
  const secret = PREFIX[kind] + randomBytes(24).toString('base64url');
  const publicId = 'tok_' + randomBytes(6).toString('hex');
  const row = await sql.get<{ id: number }>(INSERT_TOKEN, [publicId, opts.orgId, kind, opts.roles.join(','), sha256(secret), opts.name ?? null, now(), opts.accountId ?? null]);
  return { secret, publicId, id: row!.id };
}

/** A live token found by its secret: its principal, or — when its account is disabled — only the
 * account's name (the secret was right, but the token may not act: 401, not a failure to count). */
export type Credential = { principal: Principal; disabledAccount?: undefined } | { principal?: undefined; disabledAccount: string };

/** A token's columns and its account's (a_*), as one row of a LEFT JOIN. */
export const TOKEN_WITH_ACCOUNT = `t.id, t.public_id AS "publicId", t.org_id AS "orgId", t.kind, t.roles, t.hash, t.name,
  t.created_at AS "createdAt", t.revoked_at AS "revokedAt", t.account_id AS "accountId",
  a.id AS "aId", a.org_id AS "aOrgId", a.name AS "aName", a.roles AS "aRoles", a.units AS "aUnits",
  a.created_at AS "aCreatedAt", a.disabled_at AS "aDisabledAt"`;

/** A row of TOKEN_WITH_ACCOUNT. */
export type TokenAccountRow = Token & { aId: number | null; aOrgId: number; aName: string; aRoles: string; aUnits: string | null; aCreatedAt: string; aDisabledAt: string | null };

/** The token and its account (null without one) of a TOKEN_WITH_ACCOUNT row. */
export function splitTokenRow(r: TokenAccountRow): { token: Token; account: AccountRow | null } {
  const { aId, aOrgId, aName, aRoles, aUnits, aCreatedAt, aDisabledAt, ...token } = r;
  const account = aId === null ? null : { id: aId, orgId: aOrgId, name: aName, roles: aRoles, units: aUnits, createdAt: aCreatedAt, disabledAt: aDisabledAt };
  return { token, account: account as AccountRow | null };
}

const FIND_CREDENTIAL = `SELECT ${TOKEN_WITH_ACCOUNT} FROM tokens t LEFT JOIN accounts a ON a.id = t.account_id
  WHERE t.hash = ? AND t.kind = ? AND t.revoked_at IS NULL`;

/** The live token of that kind with that secret, with its account if it has one. */
export async function findCredential(sql: Sql, secret: string, kind: TokenKind): Promise<Credential | undefined> {
  const row = await sql.get<TokenAccountRow>(FIND_CREDENTIAL, [sha256(secret), kind]);
  if (!row) return undefined;
  const { token, account } = splitTokenRow(row);
  if (account?.disabledAt) return { disabledAccount: account.name };
  return { principal: toPrincipal(token, account) };
}

/** The live token of that kind with that secret, as a principal (none for a disabled account). */
export async function findPrincipal(sql: Sql, secret: string, kind: TokenKind): Promise<Principal | undefined> {
  return (await findCredential(sql, secret, kind))?.principal;
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
const STILL_ACTS = `SELECT t.roles, a.roles AS "accountRoles", a.disabled_at AS "disabledAt"
  FROM tokens t LEFT JOIN accounts a ON a.id = t.account_id WHERE t.id = ? AND t.revoked_at IS NULL`;

export async function stillActs(sql: Sql, id: number, roles: readonly Role[]): Promise<boolean> {
  const row = await sql.get<{ roles: string; accountRoles: string | null; disabledAt: string | null }>(STILL_ACTS, [id]);
  if (!row || row.disabledAt) return false;
  const held = rolesFromColumn(row.accountRoles ?? row.roles);
  return roles.some((r) => held.includes(r));
}

/** Marks a token revoked; false if it was not live in that organization. */
export async function revokeToken(sql: Sql, orgId: number, publicId: string): Promise<boolean> {
  const changed = await sql.run('UPDATE tokens SET revoked_at = ? WHERE public_id = ? AND org_id = ? AND revoked_at IS NULL', [now(), publicId, orgId]);
  return changed > 0;
}
