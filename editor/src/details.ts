// Server error details as readable lines, in the UI language: diagnostics (line, code, message),
// input problems `{path, message, found}` from the engine, and failing examples.

import type { Diagnostic } from '../../dsl/diagnostics.js';
import { diagText, t } from './i18n.js';
import { P } from './i18n-batch.js';

export function detailLines(details: unknown[]): string[] {
  // Name the subject only when there are several (a cohort): try-it's one subject is internal.
  const subjects = new Set(details.map((d) => (d as { subject?: unknown }).subject).filter((s) => s !== undefined));
  return details.map((d) => {
    const x = d as Record<string, unknown>;
    if (x.code && x.range) {
      const r = x.range as Diagnostic['range'];
      return `${t('line', { l: r.start.line })}:${r.start.column}  ${String(x.code)}  ${diagText(x as unknown as Diagnostic)}`;
    }
    if (typeof x.path === 'string') {
      // The engine's message starts with the path ("岗位: missing required field (…)"): shown once.
      const m = String(x.message);
      const message = m.startsWith(`${x.path}: `) || m.startsWith(`${x.path}：`) ? m.slice(x.path.length + (m[x.path.length] === ':' ? 2 : 1)) : m;
      // What was found, unless the message ends with it already (KH-E006: “…，实为 1.5”).
      const found = x.found !== undefined && x.found !== 'nothing' && !message.endsWith(` ${String(x.found)}`) ? P.paren(t('foundValue', { v: String(x.found) })) : '';
      const who = subjects.size > 1 && x.subject !== undefined ? `[${String(x.subject)}] ` : '';
      return `${who}${x.path || t('inputWhole')}${P.colon}${typeof x.code === 'string' ? diagText({ code: x.code, message, msg: x.msg as Diagnostic['msg'] }) : message}${found}`;
    }
    if (typeof x.name === 'string' && Array.isArray(x.failures)) {
      return `${x.name}${P.colon}${(x.failures as { expect: string; message: string }[]).map((f) => `${f.expect} — ${f.message}`).join(P.semi)}`;
    }
    return typeof x.message === 'string' ? x.message : JSON.stringify(x);
  });
}
