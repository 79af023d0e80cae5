// A cap on the number of keys of a JSON object a request carries as a record (a subject's `input`,
// `display`), checked before zod walks the record. zod checks a record key by key, and a 2 MB body
// holds one of 200,000 keys: hostile audit H6 F1 held the event loop for seconds with one subject
// (refused afterwards anyway, 422 for unknown fields). The gate counts the keys first and stops zod
// there with one issue (400 at the record's path, in the reader's language: zod-issues.ts ownWords);
// a value that is not an object passes the gate, so the record's own type error stays zod's.
// The document still shows the record (an object of any values, `maxProperties`).

import { z } from '@hono/zod-openapi';
import { ownWords } from './zod-issues.js';
import { Z } from './zod-messages.js';

/** Most keys of a subject's `input`: a scheme declares far fewer top-level inputs (the reference
 * schemes a dozen, the 10,000-indicator benchmark four). */
export const MAX_INPUT_KEYS = 10_000;

/** Most keys of a `display` zod walks: beyond MAX_DISPLAY_FIELDS (50) the engine refuses the display
 * anyway (422 KH-E008, engine/display.ts); up to this many it still does, with its own words. */
export const MAX_DISPLAY_KEYS = 1_000;

/** Whether a value is an object with more than `max` own keys (counted without listing them all). */
export function hasMoreKeys(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  let n = 0;
  for (const key in value) if (Object.hasOwn(value, key) && ++n > max) return true;
  return false;
}

/** `record`, refused with one issue before zod reads it when it has more than `max` keys; `doc` is
 * what the document says of it (by default an object of any values with at most `max` keys).
 * `protoKey`: an own `__proto__` key (JSON.parse keeps one; zod's record assigns it away, silently)
 * is refused as a 400 at its path — for a route whose records are used as zod returns them (a round
 * roster's `input`/`display`, FL7 for FU6); evaluate and input parts re-read the body and refuse it
 * as an unknown field (422). */
export function cappedRecord<T extends z.ZodType>(record: T, max: number, doc: Record<string, unknown>, opts: { protoKey?: boolean } = {}) {
  const words = ownWords(Z.haveAtMost({ count: Z.entries({ n: String(max) }) }));
  const gate = z.custom<unknown>((v) => !hasMoreKeys(v, max), words);
  const proto = ownWords(Z.protoKey());
  const checked = opts.protoKey
    ? gate.pipe(z.unknown().superRefine((v, ctx) => {
      if (typeof v === 'object' && v !== null && Object.hasOwn(v, '__proto__')) ctx.addIssue({ code: 'custom', message: proto, path: ['__proto__'] });
    })).pipe(record)
    : gate.pipe(record);
  return checked.openapi({ type: 'object', additionalProperties: { nullable: true }, maxProperties: max, ...doc });
}
