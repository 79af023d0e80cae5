// Messages are data: an id and its arguments (`Msg`), rendered into words only at the edges (CLI,
// server response, editor) in the reader's locale. Every area keeps its own catalog — the words
// per locale for each id — defined with `defineMessages`, which returns typed builders (one per
// id, like Cedar's error constructors) and registers the catalog so `render` can find it.
// A template is a string with `{name}` placeholders or, where words depend on a number (English
// plurals), a function of the arguments. Arguments are names and numbers (shown as they are),
// other messages (rendered in the same locale: a type name, a kind word) or lists of either.

import type { Locale } from './locale.js';

export type MsgArg = string | number | Msg | readonly MsgArg[];
export type MsgArgs = Readonly<Record<string, MsgArg>>;

export interface Msg {
  readonly id: string;
  readonly args?: MsgArgs;
}

export type Template = string | ((args: Record<string, string>, raw: MsgArgs) => string);
export type Templates<K extends string> = Readonly<Record<K, Template>>;

export interface Catalog<K extends string> {
  en: Templates<K>;
  zh: Templates<K>;
}

const catalogs = new Map<string, Catalog<string>>();

export type Builders<K extends string> = { readonly [P in K]: (args?: MsgArgs) => Msg };

/** Registers the catalog of `namespace` and returns one builder per message id. Ids are
 * `namespace.key`; the zh catalog must have exactly the keys of the en one (the type says so). */
export function defineMessages<K extends string>(namespace: string, catalog: Catalog<K>): Builders<K> {
  if (catalogs.has(namespace) && catalogs.get(namespace) !== catalog) throw new Error(`message namespace ${namespace} defined twice`);
  catalogs.set(namespace, catalog as Catalog<string>);
  const builders: Record<string, (args?: MsgArgs) => Msg> = {};
  for (const key of Object.keys(catalog.en)) {
    const id = `${namespace}.${key}`;
    builders[key] = (args?: MsgArgs) => (args ? { id, args } : { id });
  }
  return builders as Builders<K>;
}

/** A part of a catalog kept in a file of its own, checked as a whole one is (the zh part has exactly
 * the keys of the en part); spread the parts into one `defineMessages`, so their ids share a namespace. */
export function catalogPart<K extends string>(part: Catalog<K>): Catalog<K> {
  return part;
}

/** Every registered catalog (for tests that check both locales of every template). */
export function registeredCatalogs(): ReadonlyMap<string, Catalog<string>> {
  return catalogs;
}

const LIST_SEPARATOR: Record<Locale, string> = { zh: '、', en: ', ' };

function renderArg(a: MsgArg, locale: Locale): string {
  if (typeof a === 'string') return a;
  if (typeof a === 'number') return String(a);
  if (Array.isArray(a)) return joined(a as readonly MsgArg[], locale);
  return render(a as Msg, locale);
}

/** A list's items rendered, joined. A loop, not map + join: the array map() makes in optimized code
 * is of another kind than the one it makes unoptimized, so code reading it was thrown away and
 * compiled again (issue 16, session 9: V8 traces). */
function joined(xs: readonly MsgArg[], locale: Locale): string {
  let s = '';
  for (let i = 0; i < xs.length; i++) s += (i ? LIST_SEPARATOR[locale] : '') + renderArg(xs[i], locale);
  return s;
}

/** The message's words in `locale`. An unknown id (a catalog not loaded here) renders as the id
 * with its arguments, never throws: a message is never worth losing an answer over. */
export function render(m: Msg, locale: Locale): string {
  const dot = m.id.indexOf('.');
  const template = catalogs.get(m.id.slice(0, dot))?.[locale][m.id.slice(dot + 1)];
  const raw = m.args ?? {};
  const args: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) args[k] = renderArg(v, locale);
  if (template === undefined) return `${m.id}${Object.keys(args).length ? ` ${JSON.stringify(args)}` : ''}`;
  if (typeof template === 'function') return template(args, raw);
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => args[k] ?? whole);
}

/** Placeholders a string template uses (tests compare the two locales'). */
export function placeholders(t: Template): string[] {
  return typeof t === 'string' ? [...new Set([...t.matchAll(/\{(\w+)\}/g)].map((x) => x[1]))].sort() : [];
}
