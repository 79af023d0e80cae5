// Cursor pagination shared by every list of the API (audit log, evaluations, rounds): `limit` and
// `cursor` query parameters with one schema and one 400, and an opaque cursor that holds the sort
// key of a page's last row. Keyset pagination rather than offsets: a page starts strictly after the
// last row the client saw, so rows arriving meanwhile never repeat or shift a row off a page.
// The cursor names its list (`tag`), so a cursor of another list is refused, not misread.

import { z } from '@hono/zod-openapi';
import { ApiError, requestMismatch, said } from './errors.js';
import { M } from './messages.js';
import { F } from './subjects/messages.js';
import { ownWords } from './zod-issues.js';

export const MAX_LIMIT = 500;

/** The OpenAPI metadata of query parameter `name` (every list's filters). */
export const queryParam = (name: string, description: string) => ({ param: { name, in: 'query' as const }, description });

/** `limit`: 1…MAX_LIMIT (a 400 at `limit` otherwise, in the reader's language). */
export const limitParam = (defaultLimit: number, what = 'records') =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/, ownWords(F.limitForm({ max: MAX_LIMIT })))
    .transform(Number)
    .refine((n) => n <= MAX_LIMIT, ownWords(F.limitAtMost({ max: MAX_LIMIT })))
    .optional()
    .openapi(queryParam('limit', `${what} per page (default ${defaultLimit}, at most ${MAX_LIMIT})`));

/** `cursor`: the previous page's `nextCursor`, as it was given. */
export const cursorParam = () => z.string().max(400).optional().openapi(queryParam('cursor', 'from a previous page: `nextCursor`'));

type Key = string | number;

/** The cursor after a row whose sort key is `key`. */
export const encodeCursor = (tag: string, key: readonly Key[]): string => Buffer.from(JSON.stringify([tag, ...key])).toString('base64url');

/** The sort key held by `text`, which must be a cursor of list `tag` whose key has the kinds
 * `kinds` ('s' text, 'n' safe integer); else a 400 `invalid_request` at `cursor`. */
export function decodeCursor(tag: string, text: string, kinds: readonly ('s' | 'n')[]): Key[] {
  try {
    const parts = JSON.parse(Buffer.from(text, 'base64url').toString()) as unknown;
    if (Array.isArray(parts) && parts[0] === tag && parts.length === kinds.length + 1) {
      const key = parts.slice(1);
      if (key.every((k, i) => (kinds[i] === 's' ? typeof k === 'string' : Number.isSafeInteger(k)))) return key as Key[];
    }
  } catch {
    // answered below
  }
  throw badCursor();
}

export const badCursor = () => new ApiError(400, 'invalid_request', requestMismatch('query'), [{ path: 'cursor', ...said(M.notACursor()) }]);

/** A page from `limit + 1` rows read: the first `limit`, and the cursor after the last of them when
 * there were more (null on the last page). */
export function pageOf<R>(rows: R[], limit: number, tag: string, keyOf: (r: R) => readonly Key[]): { rows: R[]; next: string | null } {
  if (rows.length <= limit) return { rows, next: null };
  rows.length = limit;
  return { rows, next: encodeCursor(tag, keyOf(rows[limit - 1])) };
}
