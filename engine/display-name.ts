// A person's name from their display fields (a roster's columns carried into the result: display.ts) —
// the one rule wherever a roster's people are named by name: the round pages and their refusals
// (editor/src/rounds), 发布前模拟's words (simulate/). No imports: the editor bundles it as it is.

/** The display fields a person's name goes by: a roster's 姓名 column, else `name` (the two headings
 * sheets/roster.ts NAME_HEADERS reads a name column by), in that order. */
export const NAME_FIELDS = ['姓名', 'name'] as const;

/** The first of NAME_FIELDS that is a non-blank text, trimmed; undefined when none is. */
export function displayName(display: Readonly<Record<string, unknown>> | null | undefined): string | undefined {
  for (const f of NAME_FIELDS) {
    const v = display?.[f];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}
