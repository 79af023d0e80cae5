// A zod issue in the reader's language. zod words every issue in English (its `en` locale); the
// router's 400s (openapi.ts) answer with a detail per issue, so each issue is turned into a message
// of the server's catalog (zod-messages.ts) from its code and data — the expected and received type,
// the limit and whether it is inclusive, the allowed values, the unknown keys, the format.
//
// A schema may word a check itself (`.refine(f, 'a subject id must be …')`, `.regex(re, '…')`);
// those words are the route's. An issue counts as zod's own when its message is what zod's English
// locale says for it; anything else was given by the route. A route that wants its own words
// localized passes `ownWords(msg)` instead of a string: the English is what zod keeps, and the
// message is found again here by that text; the words the server's schemas say as plain strings
// ('a version number') are registered so too (zod-messages.ts). Words found nowhere are kept in
// English and answered in zh as the words of the check's kind: a plain string once answered
// `?version=abc&lang=zh` in English (S10) — no detail may be in another language than the answer.

import { locales, type ZodError } from 'zod';
import type { Msg } from '../dsl/i18n/index.js';
import { render } from '../dsl/i18n/index.js';
import { Z } from './zod-messages.js';

type Issue = ZodError['issues'][number];
type Loose = Issue & Record<string, unknown>;

const zodEnglish = locales.en().localeError as (issue: unknown) => string | undefined;

/** Route-given words with a message behind them, by their English text. */
const OWN = new Map<string, Msg>();

/** The English of `msg`, for a zod check's message parameter; its issues are answered in the
 * reader's language. */
export function ownWords(msg: Msg): string {
  const en = render(msg, 'en');
  OWN.set(en, msg);
  return en;
}

// The server's schemas' own plain words (evaluations, schemes, accounts, rounds schemas).
for (const m of [Z.versionNumber, Z.versionOrDraft, Z.versionOrDraftPath, Z.visibleAscii, Z.accountId, Z.orderNumber]) ownWords(m());

/** A zod type name (`expected`, or the received one zod names in its message) as words. */
function typeWords(name: string): Msg {
  switch (name) {
    case 'string': return Z.typeString();
    case 'number': case 'Infinity': case '-Infinity': return Z.typeNumber();
    case 'int': case 'bigint': return Z.typeInteger();
    case 'boolean': return Z.typeBoolean();
    case 'null': return Z.typeNull();
    case 'array': case 'tuple': return Z.typeArray();
    case 'object': case 'record': return Z.typeObject();
    case 'date': return Z.typeDate();
    case 'nan': case 'NaN': return Z.typeNaN();
    default: return Z.typeNamed({ name });
  }
}

/** What zod's English says an invalid_type issue received ("… received undefined"), or undefined
 * when the message is not zod's own. */
function receivedOf(i: Loose): string | undefined {
  const expected = i.expected === 'nan' ? 'NaN' : String(i.expected);
  const prefix = `Invalid input: expected ${expected}, received `;
  return i.message.startsWith(prefix) ? i.message.slice(prefix.length) : undefined;
}

const typeMismatch = (expected: Msg, received: string): Msg =>
  received === 'undefined' ? Z.missing({ expected }) : Z.invalidType({ expected, received: typeWords(received) });

const UNITS: Record<string, (a: { n: string }) => Msg> = { string: Z.characters, array: Z.items, set: Z.items, map: Z.entries, file: Z.bytes };

function limitWords(i: Loose, small: boolean): Msg {
  const raw = small ? i.minimum : i.maximum;
  const n = raw instanceof Date ? raw.toISOString() : String(raw);
  const unit = UNITS[String(i.origin)];
  if (unit) {
    if (small && n === '1' && i.inclusive && !i.exact) return Z.notEmpty();
    const count = unit({ n });
    if (i.exact) return Z.haveExactly({ count });
    if (small) return i.inclusive ? Z.haveAtLeast({ count }) : Z.haveMoreThan({ count });
    return i.inclusive ? Z.haveAtMost({ count }) : Z.haveFewerThan({ count });
  }
  if (i.exact) return Z.exactly({ limit: n });
  if (small) return i.inclusive ? Z.atLeast({ limit: n }) : Z.greaterThan({ limit: n });
  return i.inclusive ? Z.atMost({ limit: n }) : Z.lessThan({ limit: n });
}

const valueWords = (v: unknown): Msg | string => (typeof v === 'string' ? Z.quoted({ value: v }) : String(v));

function valuesWords(values: readonly unknown[]): Msg {
  return values.length === 1 ? Z.oneValue({ value: valueWords(values[0]) }) : Z.oneOf({ values: values.map(valueWords) });
}

/** Unknown keys named in an answer: a body of 150,000 stray keys is answered with the first few. */
export const KEYS_NAMED = 20;

function keysWords(keys: readonly string[]): Msg {
  const named = keys.slice(0, KEYS_NAMED).map((k) => Z.quoted({ value: k }));
  return keys.length > KEYS_NAMED ? Z.manyUnknownKeys({ count: keys.length, keys: named }) : Z.unknownKeys({ keys: named });
}

const FORMATS: Record<string, () => Msg> = {
  email: Z.formatEmail, url: Z.formatUrl, date: Z.formatDate, datetime: Z.formatDatetime, time: Z.formatTime, duration: Z.formatDuration,
};

function formatWords(i: Loose): Msg {
  switch (i.format) {
    case 'regex': return Z.pattern({ pattern: String(i.pattern) });
    case 'starts_with': return Z.startsWith({ prefix: String(i.prefix) });
    case 'ends_with': return Z.endsWith({ suffix: String(i.suffix) });
    case 'includes': return Z.includes({ includes: String(i.includes) });
    default: return Z.format({ format: FORMATS[String(i.format)]?.() ?? Z.formatNamed({ name: String(i.format) }) });
  }
}

/** A union none of whose branches took the value. When each branch wanted another type of the
 * value itself, the words name them all ("expected a string or a number"). */
function unionWords(i: Loose): Msg {
  if (Array.isArray(i.options) && i.options.length > 0) return valuesWords(i.options);
  if (i.inclusive === false) return Z.manyBranches();
  const branches = Array.isArray(i.errors) ? (i.errors as Loose[][]) : [];
  const wanted = branches.map((b) => (b.length === 1 && b[0].code === 'invalid_type' && b[0].path.length === 0 ? b[0] : undefined));
  const received = wanted[0] && receivedOf(wanted[0]);
  if (branches.length === 0 || received === undefined || wanted.some((w) => !w || receivedOf(w) !== received)) return Z.noBranch();
  const names = [...new Set(wanted.map((w) => String(w!.expected)))];
  return typeMismatch(names.length === 1 ? typeWords(names[0]) : Z.anyOf({ types: names.map(typeWords) }), received);
}

/** zod's own invalid_type words said by a route's custom issue (a superRefine that words a missing
 * field as zod would): the expected and received type names. */
const ZOD_TYPE_WORDS = /^Invalid input: expected (\w+), received (\w+)$/;

/** The issue's words as a message: zod's own by the issue's kind, a registered message for words a
 * route gave (ownWords), or the route's English with the kind's words for other languages. */
export function issueMsg(issue: Issue): Msg {
  const i = issue as Loose;
  const own = OWN.get(i.message);
  if (own) return own;
  const mine = zodMsg(i);
  if (mine) return mine;
  const said = ZOD_TYPE_WORDS.exec(i.message);
  if (said) return typeMismatch(typeWords(said[1]), said[2]);
  return Z.routeWords({ text: i.message, generic: kindWords(i) });
}

/** The words of zod's own message for the issue, or undefined when the route gave its own. */
function zodMsg(i: Loose): Msg | undefined {
  if (i.code === 'invalid_type') {
    const received = receivedOf(i);
    return received === undefined ? undefined : typeMismatch(typeWords(String(i.expected)), received);
  }
  let english: string | undefined;
  try { english = zodEnglish(i); } catch { english = undefined; }
  return english === i.message ? kindWords(i) : undefined;
}

/** The words of an issue's kind, from its data alone. */
function kindWords(i: Loose): Msg {
  switch (i.code) {
    case 'invalid_type': return Z.format({ format: typeWords(String(i.expected)) });
    case 'too_small': return limitWords(i, true);
    case 'too_big': return limitWords(i, false);
    case 'invalid_value': return valuesWords(i.values as unknown[]);
    case 'unrecognized_keys': return keysWords(i.keys as string[]);
    case 'invalid_format': return formatWords(i);
    case 'not_multiple_of': return Z.multipleOf({ divisor: String(i.divisor) });
    case 'invalid_union': return unionWords(i);
    case 'invalid_key': return Z.invalidKey();
    case 'invalid_element': return Z.invalidElement();
    default: return Z.invalid();
  }
}
