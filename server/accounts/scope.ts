// Which people a caller may see: an account names the units it covers (a unit's officer sees and
// submits only that unit's people, issue 14 item 2), or none (null), which means every unit. Tokens
// made without an account act for the whole organization and see every unit too. One rule for every
// feature (rounds, lists, a person's history), so it lives here and nowhere else:
//
// - a principal whose units are null sees every member, also one without a unit;
// - otherwise it sees exactly the members whose unit is one of its units — a member without a unit
//   belongs to nobody's unit and is seen only by all-unit principals.

import type { Principal } from '../auth/tokens.js';

type Scoped = Pick<Principal, 'units'>;

/** Whether the caller may see (and submit for) a member of `unit` (null/undefined: no unit). */
export function seesUnit(principal: Scoped, unit: string | null | undefined): boolean {
  if (principal.units === null) return true;
  return unit !== null && unit !== undefined && principal.units.includes(unit);
}

/** Whether the caller sees every unit (no filter applies). */
export const seesAllUnits = (principal: Scoped): boolean => principal.units === null;

/** The units a list must be filtered to, or null for no filter (the caller sees every unit). Rows
 * whose unit is null are left out whenever this is not null. */
export function unitFilter(principal: Scoped): readonly string[] | null {
  return principal.units;
}

/** The same as a condition on the unit column `column` for store SQL (server/store/types.ts): its
 * text and its values, or undefined (no condition). An empty list of units (not made by the API,
 * which takes 1–200) matches nothing. One SQL text per number of units. */
export function unitWhere(principal: Scoped, column: string): { sql: string; params: string[] } | undefined {
  const units = unitFilter(principal);
  if (units === null) return undefined;
  if (units.length === 0) return { sql: '1 = 0', params: [] };
  return { sql: `${column} IN (${units.map(() => '?').join(', ')})`, params: [...units] };
}

