// Accounts of an organization: a person's name (unique in the organization), roles, the units they
// may see (null: every unit) and whether they are disabled. Every function takes the caller's
// organization, so another organization's account is simply not found. Disabling revokes nothing:
// the account's tokens and sessions are refused while it is disabled (auth/tokens.ts) and work again
// when it is enabled. Two requests creating (or renaming to) the same name are decided by the unique
// index accounts_org_name: the loser gets 409 `account_exists`.

import { rolesFromColumn, type Role } from '../auth/tokens.js';
import { now } from '../store/types.js';
import type { AccountRow } from '../db/schema.js';
import { conflict, said } from '../errors.js';
import { isUniqueViolation, type Param, type Sql } from '../store/types.js';
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

/** An AccountRow's columns, as every query here reads them. */
const COLUMNS = 'id, org_id AS "orgId", name, roles, units, created_at AS "createdAt", disabled_at AS "disabledAt"';
const LIST = `SELECT ${COLUMNS} FROM accounts WHERE org_id = ? ORDER BY id`;
const BY_ID = `SELECT ${COLUMNS} FROM accounts WHERE org_id = ? AND id = ?`;
const BY_NAME = `SELECT ${COLUMNS} FROM accounts WHERE org_id = ? AND name = ?`;
const INSERT = `INSERT INTO accounts (org_id, name, roles, units, created_at) VALUES (?, ?, ?, ?, ?) RETURNING ${COLUMNS}`;

export async function listAccounts(sql: Sql, orgId: number): Promise<AccountInfo[]> {
  return (await sql.all<AccountRow>(LIST, [orgId])).map(accountInfo);
}

export function findAccount(sql: Sql, orgId: number, id: number): Promise<AccountRow | undefined> {
  return sql.get<AccountRow>(BY_ID, [orgId, id]);
}

export function findAccountByName(sql: Sql, orgId: number, name: string): Promise<AccountRow | undefined> {
  return sql.get<AccountRow>(BY_NAME, [orgId, name]);
}

/** An account named by the API or the command line: its id (a number) or its name. */
export function findAccountRef(sql: Sql, orgId: number, ref: string | number): Promise<AccountRow | undefined> {
  return typeof ref === 'number' ? findAccount(sql, orgId, ref) : findAccountByName(sql, orgId, ref);
}

const exists = (name: string) => conflict('account_exists', A.accountExists({ name }), [{ path: 'name', ...said(A.accountExists({ name })) }]);

export async function createAccount(sql: Sql, orgId: number, f: AccountFields): Promise<AccountInfo> {
  try {
    const row = await sql.get<AccountRow>(INSERT, [orgId, f.name, f.roles.join(','), unitsToColumn(f.units), now()]);
    return accountInfo(row!);
  } catch (e) {
    if (isUniqueViolation(e)) throw exists(f.name);
    throw e;
  }
}

export interface AccountPatch extends Partial<AccountFields> {
  disabled?: boolean;
}

/** The SET list of a patch and its values, columns always in this order, so an UPDATE has one SQL
 * text per combination of fields (at most 16, each prepared once). */
function assignments(patch: AccountPatch): { set: string[]; values: Param[] } {
  const set: string[] = [];
  const values: Param[] = [];
  const assign = (clause: string, ...v: Param[]) => {
    set.push(clause);
    values.push(...v);
  };
  if (patch.name !== undefined) assign('name = ?', patch.name);
  if (patch.roles !== undefined) assign('roles = ?', patch.roles.join(','));
  if (patch.units !== undefined) assign('units = ?', unitsToColumn(patch.units));
  // Disabling a disabled account keeps the first time it was disabled.
  if (patch.disabled === true) assign('disabled_at = coalesce(disabled_at, ?)', now());
  else if (patch.disabled === false) assign('disabled_at = NULL');
  return { set, values };
}

/** Applies the patch; undefined when the account is not the organization's. Disabling an account
 * that is disabled already keeps its first `disabledAt`. */
export async function updateAccount(sql: Sql, orgId: number, id: number, patch: AccountPatch): Promise<AccountInfo | undefined> {
  const { set, values } = assignments(patch);
  if (set.length === 0) {
    const row = await findAccount(sql, orgId, id);
    return row && accountInfo(row);
  }
  try {
    const row = await sql.get<AccountRow>(`UPDATE accounts SET ${set.join(', ')} WHERE org_id = ? AND id = ? RETURNING ${COLUMNS}`, [...values, orgId, id]);
    return row && accountInfo(row);
  } catch (e) {
    if (isUniqueViolation(e) && patch.name !== undefined) throw exists(patch.name);
    throw e;
  }
}
