// Server error details as readable lines, in the UI language: diagnostics (line, code, message),
// input problems `{path, message, found}` from the engine, and failing examples.

import type { Diagnostic } from '../../dsl/diagnostics.js';
import { diagText, t } from './i18n.js';

export function detailLines(details: unknown[]): string[] {
  // Name the subject only when there are several (a cohort): try-it's one subject is internal.
  const subjects = new Set(details.map((d) => (d as { subject?: unknown }).subject).filter((s) => s !== undefined));
  return details.map((d) => {
    const x = d as Record<string, unknown>;
    if (x.code && x.range) {
      const r = x.range as Diagnostic['range'];
      return `${t('line', { l: r.start.line })}:${r.start.column}  ${String(x.code)}  ${diagText(String(x.code), String(x.message))}`;
    }
    if (typeof x.path === 'string') {
      // The engine's message starts with the path ("岗位: missing required field (…)"): shown once.
      const message = String(x.message).startsWith(`${x.path}: `) ? String(x.message).slice(x.path.length + 2) : String(x.message);
      const found = x.found !== undefined && x.found !== 'nothing' ? `（${t('foundValue', { v: String(x.found) })}）` : '';
      const who = subjects.size > 1 && x.subject !== undefined ? `[${String(x.subject)}] ` : '';
      return `${who}${x.path || t('inputWhole')}：${typeof x.code === 'string' ? diagText(x.code, message) : message}${found}`;
    }
    if (typeof x.name === 'string' && Array.isArray(x.failures)) {
      return `${x.name}：${(x.failures as { expect: string; message: string }[]).map((f) => `${f.expect} — ${f.message}`).join('; ')}`;
    }
    return typeof x.message === 'string' ? x.message : JSON.stringify(x);
  });
}
