// The values of an account as the API and the command line take them, checked after their shape
// (schemas.ts): a name of 1–100 characters, at least one role, and units null (every unit) or 1–200
// unit names of 1–100 characters, none twice. Names are trimmed; roles are deduplicated and kept in
// the order of ROLES. Every problem is reported at its path (`units[3]`), in the reader's language.

import type { Msg } from '../../dsl/i18n/index.js';
import { ROLES, type Role } from '../auth/tokens.js';
import { ApiError, said } from '../errors.js';
import { A } from './messages.js';

export const MAX_NAME = 100;
export const MAX_UNITS = 200;
export const MAX_UNIT_NAME = 100;

export interface Problem { path: string; message: string; msg: Msg }

const chars = (s: string) => [...s].length;

/** Problems of a name, or the trimmed name. */
export function checkName(name: string, path: string, out: Problem[]): string {
  const t = name.trim();
  if (t === '') out.push({ path, ...said(A.nameBlank()) });
  else if (chars(t) > MAX_NAME) out.push({ path, ...said(A.nameTooLong({ length: String(chars(t)), max: String(MAX_NAME) })) });
  return t;
}

export function checkRoles(roles: readonly Role[], path: string, out: Problem[]): Role[] {
  if (roles.length === 0) out.push({ path, ...said(A.rolesEmpty()) });
  return ROLES.filter((r) => roles.includes(r));
}

export function checkUnits(units: readonly string[] | null, path: string, out: Problem[]): string[] | null {
  if (units === null) return null;
  if (units.length === 0) out.push({ path, ...said(A.unitsEmpty()) });
  if (units.length > MAX_UNITS) out.push({ path, ...said(A.tooManyUnits({ max: String(MAX_UNITS), count: String(units.length) })) });
  const seen = new Set<string>();
  const trimmed = units.map((u, i) => {
    const t = u.trim();
    const at = `${path}[${i}]`;
    if (t === '') out.push({ path: at, ...said(A.unitBlank()) });
    else if (chars(t) > MAX_UNIT_NAME) out.push({ path: at, ...said(A.unitTooLong({ length: String(chars(t)), max: String(MAX_UNIT_NAME) })) });
    else if (seen.has(t)) out.push({ path: at, ...said(A.unitTwice({ unit: t })) });
    seen.add(t);
    return t;
  });
  return trimmed;
}

/** 422 `invalid_account` with every problem, when there are any. */
export function refuseProblems(problems: Problem[]): void {
  if (problems.length > 0) throw new ApiError(422, 'invalid_account', A.invalidAccount(), problems);
}
