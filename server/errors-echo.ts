// What an error answer echoes of the request, capped (V11b LOW-10): a 1.5 MB unknown key came back
// three times — in the message, in the message's data (`msg.args`) and in `path` — a 4.5 MB answer.
// Every text longer than MAX_ECHO characters among a detail's fields and its message's arguments is
// cut to its first MAX_ECHO characters: in a message argument as “…（共 N 字）” / “… (N characters in
// all)” (a message itself, so it is rendered in the reader's language, and the detail's `message` is
// rendered again from the cut arguments); in a field that echoes the request (ECHO_FIELDS: `path`,
// `found`…) as `…#` and the first 8 hex digits of the whole text's sha256, so that two long keys
// sharing their first characters still have different paths. Fields of the scheme's (`expected`:
// the declared fields) are the scheme's, not an echo, and are left whole. Only long texts are touched: an answer of ordinary size is
// the same object; diagnostics (positions in a scheme's source) are left as they are.

import { createHash } from 'node:crypto';
import { defineMessages, render, type Msg, type MsgArg } from '../dsl/i18n/index.js';

/** Most characters of a request's text an error answer repeats, per field or message argument. */
export const MAX_ECHO = 200;

/** The detail fields that repeat what the request sent (a key in a path, a value, an id). */
const ECHO_FIELDS = new Set(['path', 'found', 'subject', 'field', 'key', 'value', 'id']);

const E = defineMessages('serverEcho', {
  en: { cut: '{head}… ({n} characters in all)' },
  zh: { cut: '{head}…（共 {n} 字）' },
});

/** The first MAX_ECHO UTF-16 units of `s`, not splitting a surrogate pair. */
function head(s: string): string {
  const h = s.slice(0, MAX_ECHO);
  return /[\uD800-\uDBFF]$/.test(h) ? h.slice(0, -1) : h;
}

/** Characters (code points) of `s`. */
const chars = (s: string) => s.length - (s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);

/** A long field value, cut and marked with its digest (unique for different texts). */
export const cutField = (s: string): string => `${head(s)}…#${createHash('sha256').update(s).digest('hex').slice(0, 8)}`;

const isMsg = (m: unknown): m is Msg => typeof m === 'object' && m !== null && !Array.isArray(m) && typeof (m as Msg).id === 'string';

/** The argument with every long text in it cut (the same value when none is). */
function cutArg(a: MsgArg): MsgArg {
  if (typeof a === 'string') return a.length > MAX_ECHO ? E.cut({ head: head(a), n: chars(a) }) : a;
  if (Array.isArray(a)) {
    const out = a.map(cutArg);
    return out.some((x, i) => x !== a[i]) ? out : a;
  }
  return isMsg(a) ? cutMsg(a) : a;
}

/** The message with every long text among its arguments cut (the same object when none is). */
export function cutMsg(m: Msg): Msg {
  if (!m.args) return m;
  let changed = false;
  const args: Record<string, MsgArg> = {};
  for (const [k, v] of Object.entries(m.args)) {
    args[k] = cutArg(v);
    if (args[k] !== v) changed = true;
  }
  return changed ? { id: m.id, args } : m;
}

const isDiagnostic = (x: Record<string, unknown>): boolean => typeof x.code === 'string' && typeof x.severity === 'string' && 'range' in x;

/** A detail entry with long texts cut: its message's arguments (and `message` rendered again, in
 * English as `said` made it; localize.ts renders it in the reader's), any other long text field. */
export function cutEntry(x: unknown): unknown {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return x;
  const e = x as Record<string, unknown>;
  if (isDiagnostic(e)) return x;
  let out: Record<string, unknown> | undefined;
  const set = (k: string, v: unknown) => { (out ??= { ...e })[k] = v; };
  for (const [k, v] of Object.entries(e)) {
    if (k === 'msg' && isMsg(v)) {
      const cut = cutMsg(v);
      if (cut !== v) { set('msg', cut); set('message', render(cut, 'en')); }
    } else if (typeof v === 'string' && v.length > MAX_ECHO && ECHO_FIELDS.has(k)) {
      set(k, cutField(v));
    }
  }
  // A message made without `msg` (its words cannot be made again from cut arguments) is cut itself
  // when longer than any sentence kaohe writes around an echo.
  if (!isMsg(e.msg) && typeof e.message === 'string' && e.message.length > 4 * MAX_ECHO) set('message', `${head(e.message)}…`);
  return out ?? x;
}
