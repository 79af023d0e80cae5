// How an account's units are stored: a JSON array of unit names in `accounts.units`, or NULL for
// "every unit". JSON rather than a comma list, because a unit's name is the organization's own text
// and may hold any character.

/** The stored column as units (null: every unit). A value that is not a JSON array of strings (not
 * written by kaohe) is treated as no unit at all: the safe side of a scope. */
export function unitsFromColumn(text: string | null): string[] | null {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((u) => typeof u === 'string') ? v : [];
  } catch {
    return [];
  }
}

export const unitsToColumn = (units: readonly string[] | null): string | null => (units === null ? null : JSON.stringify(units));
